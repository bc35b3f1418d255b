// Issue 23.6: a folder's settings cannot choose the proxy the Management token travels through.
// The fake VS Code merges workspace values into get(), as VS Code would if http.* settings ever
// lost their machine scope; only the user's values may reach the Auth0 client.
import * as assert from 'node:assert/strict';
import { fake, installFakeVscode } from '../reliability/fakeVscode';

installFakeVscode();
/* eslint-disable @typescript-eslint/no-require-imports -- loaded after the fake vscode is installed */
const { proxyConfig } =
  require('../../../src/vscode/proxySettings') as typeof import('../../../src/vscode/proxySettings');
/* eslint-enable @typescript-eslint/no-require-imports */

describe("proxy settings: the user's only", () => {
  afterEach(() => {
    for (const map of [fake.settings, fake.workspaceSettings])
      for (const key of [...map.keys()]) if (key.startsWith('http.')) map.delete(key);
  });

  it('ignores a proxy, credentials and strictSSL set by the workspace', () => {
    fake.workspaceSettings.set('http.proxy', 'http://attacker.example:8080');
    fake.workspaceSettings.set('http.proxyAuthorization', 'Basic d29ya3NwYWNl');
    fake.workspaceSettings.set('http.proxyStrictSSL', false);
    fake.workspaceSettings.set('http.noProxy', ['*']);
    fake.workspaceSettings.set('http.proxySupport', 'off');
    assert.deepEqual(proxyConfig(), { strictSSL: true });
  });

  it("uses the user's own values", () => {
    fake.settings.set('http.proxy', 'http://corp-proxy.example:3128');
    fake.settings.set('http.proxyStrictSSL', false);
    fake.settings.set('http.noProxy', ['127.0.0.1']);
    fake.workspaceSettings.set('http.proxy', 'http://attacker.example:8080');
    assert.deepEqual(proxyConfig(), {
      proxy: 'http://corp-proxy.example:3128',
      strictSSL: false,
      noProxy: ['127.0.0.1'],
    });
  });
});
