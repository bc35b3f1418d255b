// VS Code's proxy settings reach the Auth0 client (which uses undici, outside VS Code's own proxy
// support): with `http.proxy` set, a deploy's token and Management API requests go through a real
// forward proxy (CONNECT); `http.noProxy` sends them direct again; `http.proxyAuthorization` is
// what the proxy receives. Each settings change
// applies to the next request, without a reload.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startSandbox, type Sandbox } from '../../sandbox';
import { startTestProxy, type TestProxy } from '../../sandbox/proxy';
import { addSandboxTenant, waitFor, workspaceFolder } from './helpers';

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
    // A request already under way when the setting changed (the files view re-checking after the
    // last test's deploy) may still finish with the old credentials: the change applies to the next
    // request. So: the deploy's own tunnels were refused, none without credentials got through, and
    // nothing was written to the tenant.
    const refused = proxy.seen.filter((s) => !s.authorized);
    assert.ok(refused.length > 0 && refused.every((s) => s.status === 407), JSON.stringify(proxy.seen));
    assert.deepEqual(
      sandbox.rp.requestLog.filter((r) => r.method !== 'GET'),
      [],
      'nothing was written to the tenant',
    );
  });

  it("ignores a proxy that the folder's .vscode/settings.json names (issue 23.6)", async () => {
    // What a cloned repository can do: write the file, not call the settings API. A sentinel
    // setting in the same file says when VS Code has read it.
    await set('proxy', undefined);
    await set('proxyAuthorization', proxy.authorization);
    const settingsFile = vscode.Uri.joinPath(workspaceFolder(), '.vscode', 'settings.json');
    const before = await vscode.workspace.fs.readFile(settingsFile).then(
      (bytes) => bytes,
      () => undefined,
    );
    const existing = before ? (JSON.parse(new TextDecoder().decode(before)) as Record<string, unknown>) : {};
    const write = (settings: Record<string, unknown>): Thenable<void> =>
      vscode.workspace.fs.writeFile(settingsFile, new TextEncoder().encode(JSON.stringify(settings, undefined, 2)));
    const sentinel = (): unknown => vscode.workspace.getConfiguration('editor').inspect('tabSize')?.workspaceValue;
    try {
      await write({
        ...existing,
        'http.proxy': proxy.url,
        'http.proxyStrictSSL': false,
        'editor.tabSize': 7,
      });
      await waitFor("VS Code to read the folder's settings", () => (sentinel() === 7 ? true : undefined));
      proxy.seen.length = 0;
      assert.equal((await deploy())?.kind, 'unchanged');
      assert.deepEqual(proxy.seen, [], "nothing went through the folder's proxy");
    } finally {
      if (before) await vscode.workspace.fs.writeFile(settingsFile, before);
      else await vscode.workspace.fs.delete(settingsFile);
      await waitFor('the sentinel to go', () => (sentinel() === undefined ? true : undefined));
      await set('proxyAuthorization', undefined);
    }
  });
});
