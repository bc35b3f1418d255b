// An oidc connection file (*.oidc-connection.json), as Move to OIDC writes it, goes the same way as
// an auth0-oidc one inside a real VS Code, against the in-process sandbox: moved with http URLs
// for the loopback provider and the RP's own callback in its notes, deployed (strategy oidc), and
// logged in with through Open Authorize Link and Test Login, ending with the oidc|... user.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { TestBrowser } from '../../sandbox/browser';
import { startSandbox, type Sandbox } from '../../sandbox';
import { addSandboxTenant, testLoginInTestBrowser, workspaceFolder } from './helpers';

describe('an oidc connection file: move, deploy, authorize link and test login', function () {
  this.timeout(90_000);
  let sandbox: Sandbox;
  let source: vscode.Uri;
  let moved: vscode.Uri;
  const name = 'oidc-suite';
  const rpApp = (): { clientId: string } => sandbox.rp.app('RP Web App');
  const remote = (n: string): any => [...sandbox.rp.state.connections.values()].find((c: any) => c.name === n);

  before(async () => {
    await vscode.extensions.getExtension('auth0-oidc-tools.auth0-oidc-connections')!.activate();
    sandbox = await startSandbox();
    await addSandboxTenant(sandbox.rp, 'Sandbox RP (oidc)');
    // The auth0-oidc file to move, written by New Connection File (its secret goes to secret storage).
    const { clientId, clientSecret } = sandbox.provider.app('Provider App for RP');
    const written = { name, domain: sandbox.provider.domain, clientId, clientSecret, open: false };
    source = (await vscode.commands.executeCommand<vscode.Uri>('auth0Oidc.newConnectionFile', {
      ...written,
      enabledClients: [rpApp().clientId],
      folder: workspaceFolder(),
    }))!;
    // Deployed once, so the RP is known when the file is moved.
    const first = await vscode.commands.executeCommand<{ kind: string }>('auth0Oidc.deployConnection', {
      file: source,
      tenant: sandbox.rp.baseUrl,
    });
    assert.equal(first?.kind, 'create');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const uri of [source, moved]) if (uri) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
    await vscode.commands.executeCommand('auth0Oidc.removeTenant', { domain: sandbox?.rp.baseUrl, confirmed: true });
    await sandbox?.close();
  });

  it('moves to oidc with http URLs for the loopback provider and the RP callback named', async () => {
    const outcome = await vscode.commands.executeCommand<{
      uri: vscode.Uri;
      body: { options: { discovery_url: string; issuer: string } };
      providerNotes: string[];
    }>('auth0Oidc.moveToOidc', { file: source, open: false, overwrite: true });
    assert.ok(outcome);
    moved = outcome.uri;
    assert.equal(outcome.body.options.discovery_url, `${sandbox.provider.baseUrl}/.well-known/openid-configuration`);
    assert.equal(outcome.body.options.issuer, `${sandbox.provider.baseUrl}/`);
    assert.ok(
      outcome.providerNotes.some((n) => n.includes(`keep ${sandbox.rp.baseUrl}/login/callback in`)),
      outcome.providerNotes.join('\n'),
    );
    assert.ok(!outcome.providerNotes.join('\n').includes('RP_DOMAIN'));
  });

  it('deploys the oidc file: created with strategy oidc, the secret from secret storage, the app enabled', async () => {
    const outcome = await vscode.commands.executeCommand<{ kind: string; connectionId: string }>(
      'auth0Oidc.deployConnection',
      { file: moved, tenant: sandbox.rp.baseUrl },
    );
    assert.equal(outcome?.kind, 'create');
    const created = remote(`${name}-oidc`);
    assert.equal(created.strategy, 'oidc');
    assert.equal(created.options.client_secret, sandbox.provider.app('Provider App for RP').clientSecret);
    assert.deepEqual(created.enabled_clients, [rpApp().clientId]);
    const again = await vscode.commands.executeCommand<{ kind: string }>('auth0Oidc.deployConnection', {
      file: moved,
      tenant: sandbox.rp.baseUrl,
    });
    assert.equal(again?.kind, 'unchanged');
  });

  it('opens the authorize link for the oidc file, which leads to the provider', async () => {
    const link = await vscode.commands.executeCommand<{ url: string; connection: string }>(
      'auth0Oidc.openAuthorizeLink',
      { file: moved, clientId: rpApp().clientId, redirectUri: 'https://jwt.io', openBrowser: false },
    );
    assert.equal(link?.connection, `${name}-oidc`);
    const browser = new TestBrowser();
    try {
      const followed = await browser.follow(link.url);
      assert.ok(followed.page?.url.startsWith(sandbox.provider.baseUrl), followed.page?.url);
    } finally {
      await browser.close();
    }
  });

  it('logs in with the oidc file and shows the oidc| user', async () => {
    const { result, pages } = await testLoginInTestBrowser<{ userId?: string }>({
      file: moved,
      clientId: rpApp().clientId,
    });
    const alice = sandbox.provider.users.find((u) => u.email === 'alice@provider.test')!;
    assert.equal(result?.userId, `oidc|${name}-oidc|${alice.userId}`, pages.join('\n'));
  });
});
