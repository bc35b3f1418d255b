// VS Code's proxy settings reach the Auth0 client (which uses undici, outside VS Code's own proxy
// support): with `http.proxy` set, a deploy's token and Management API requests go through a real
// forward proxy (CONNECT); `http.noProxy` sends them direct again; `http.proxyAuthorization` is
// what the proxy receives. Each settings change
// applies to the next request, without a reload.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startSandbox, type Sandbox } from '../../sandbox';
import { startTestProxy, type TestProxy } from '../../sandbox/proxy';
import { addSandboxTenant, workspaceFolder } from './helpers';

interface DeployOutcome {
  kind: 'create' | 'update' | 'unchanged';
}

describe('proxy settings (http.proxy, http.noProxy, http.proxyAuthorization)', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let proxy: TestProxy;
  let file: vscode.Uri;
  const http = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('http');
  const set = async (key: string, value: unknown): Promise<void> => {
    await http().update(key, value, vscode.ConfigurationTarget.Global);
  };
  const tunnelsToRp = (p: TestProxy): number =>
    p.seen.filter((s) => s.method === 'CONNECT' && s.target === sandbox.rp.domain && s.status === 200).length;

  before(async () => {
    await vscode.extensions.getExtension('auth0-oidc-tools.auth0-oidc-connections')!.activate();
    sandbox = await startSandbox();
    proxy = await startTestProxy({ credentials: { user: 'corp', password: 'proxy-pass' } });
    await addSandboxTenant(sandbox.rp, 'Sandbox RP (proxy)');
    const providerApp = sandbox.provider.app('Provider App for RP');
    file = (await vscode.commands.executeCommand<vscode.Uri>('auth0Oidc.newConnectionFile', {
      name: 'proxy-suite',
      domain: sandbox.provider.domain,
      clientId: providerApp.clientId,
      clientSecret: providerApp.clientSecret,
      scopes: ['openid'],
      folder: workspaceFolder(),
      open: false,
    }))!;
  });

  after(async () => {
    for (const key of ['proxy', 'noProxy', 'proxyAuthorization']) await set(key, undefined);
    await vscode.commands.executeCommand('auth0Oidc.removeTenant', { domain: sandbox?.rp.baseUrl, confirmed: true });
    await proxy?.close();
    await sandbox?.close();
  });

  const deploy = (): Thenable<DeployOutcome | undefined> =>
    vscode.commands.executeCommand<DeployOutcome>('auth0Oidc.deployConnection', { file, tenant: sandbox.rp.baseUrl });

  it('deploys through http.proxy with http.proxyAuthorization', async () => {
    await set('proxy', proxy.url);
    await set('proxyAuthorization', proxy.authorization);
    proxy.seen.length = 0;
    const outcome = await deploy();
    assert.equal(outcome?.kind, 'create');
    assert.ok(tunnelsToRp(proxy) >= 1, JSON.stringify(proxy.seen));
    assert.ok(
      proxy.seen.every((s) => s.authorized),
      JSON.stringify(proxy.seen),
    );
  });

  it('goes direct for a host in http.noProxy', async () => {
    await set('noProxy', ['127.0.0.1']);
    proxy.seen.length = 0;
    assert.equal((await deploy())?.kind, 'unchanged');
    assert.deepEqual(proxy.seen, []);
    await set('noProxy', undefined);
  });

  it('fails (the proxy answers 407) once http.proxyAuthorization is unset again', async () => {
    await set('proxyAuthorization', undefined);
    proxy.seen.length = 0;
    sandbox.rp.resetRequestLog();
    // The error (naming the proxy: see test/unit/auth0/proxy.test.ts) is shown to the person, not thrown.
    assert.equal(await deploy(), undefined);
    assert.ok(proxy.seen.length > 0 && proxy.seen.every((s) => s.status === 407), JSON.stringify(proxy.seen));
    assert.deepEqual(sandbox.rp.requestLog, [], 'nothing reached the tenant');
  });
});
