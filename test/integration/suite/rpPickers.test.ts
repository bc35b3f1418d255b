// The Relying Party tenant pick, through the commands themselves (issue 20): with the provider as
// the only configured tenant, Deploy, Copy Deploy as curl and Open Authorize Link refuse an
// auth0-oidc file and an oidc file before asking the provider anything; with the RP added, Deploy
// takes the RP for the oidc file Move to OIDC wrote, which the (strict) sandbox accepts because
// the file names the endpoints read from the provider's discovery document.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startSandbox, type Sandbox } from '../../sandbox';
import { addSandboxTenant, removeSandboxTenants, workspaceFolder } from './helpers';

describe('the RP tenant pick: the provider tenant is never a target', function () {
  this.timeout(90_000);
  let sandbox: Sandbox;
  let source: vscode.Uri;
  let moved: vscode.Uri;
  let folder: vscode.Uri | undefined;

  before(async () => {
    await vscode.extensions.getExtension('auth0-oidc-tools.auth0-oidc-connections')!.activate();
    sandbox = await startSandbox();
    await addSandboxTenant(sandbox.provider, 'Only Provider');
    // A folder of its own: a file path another suite used may still have a stale document open.
    folder = vscode.Uri.joinPath(workspaceFolder(), 'rp-pick-suite');
    await vscode.workspace.fs.createDirectory(folder);
    const providerApp = sandbox.provider.app('Provider App for RP');
    source = (await vscode.commands.executeCommand<vscode.Uri>('auth0Oidc.newConnectionFile', {
      name: 'rp-pick-suite',
      domain: sandbox.provider.domain,
      clientId: providerApp.clientId,
      clientSecret: providerApp.clientSecret,
      enabledClients: [sandbox.rp.app('RP Web App').clientId],
      folder,
      open: false,
    }))!;
  });

  after(async () => {
    for (const uri of [source, moved]) if (uri) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
    await removeSandboxTenants(sandbox);
  });

  it('moves to oidc with the endpoints of the provider discovery document', async () => {
    const outcome = await vscode.commands.executeCommand<{
      uri: vscode.Uri;
      body: { options: Record<string, string> };
      endpointsSource: string;
      endpointsNote: string;
    }>('auth0Oidc.moveToOidc', { file: source, open: false, overwrite: true });
    assert.ok(outcome);
    moved = outcome.uri;
    const base = sandbox.provider.baseUrl;
    assert.equal(outcome.endpointsSource, 'discovery', outcome.endpointsNote);
    assert.deepEqual(
      [
        outcome.body.options.authorization_endpoint,
        outcome.body.options.token_endpoint,
        outcome.body.options.jwks_uri,
        outcome.body.options.userinfo_endpoint,
      ],
      [`${base}/authorize`, `${base}/oauth/token`, `${base}/.well-known/jwks.json`, `${base}/userinfo`],
    );
  });

  it('refuses every command when the only tenant is the provider, before any request to it', async () => {
    const clientId = sandbox.rp.app('RP Web App').clientId;
    for (const file of [source, moved]) {
      const runs: [string, unknown][] = [
        ['auth0Oidc.deployConnection', file],
        ['auth0Oidc.copyDeployAsCurl', file],
        ['auth0Oidc.openAuthorizeLink', { file, clientId, redirectUri: 'https://jwt.io', openBrowser: false }],
      ];
      for (const [command, arg] of runs) {
        sandbox.provider.resetRequestLog();
        const result = await vscode.commands.executeCommand(command, arg);
        const name = file.path.split('/').pop();
        assert.equal(result, undefined, `${command} on ${name} ran`);
        const asked = sandbox.provider.requestLog.filter((r) => r.path.startsWith('/api/v2/connections'));
        assert.deepEqual(asked, [], `${command} on ${name} asked the provider tenant`);
      }
    }
  });

  it('deploys the moved oidc file to the RP once it is configured, without asking', async () => {
    await addSandboxTenant(sandbox.rp, 'Then the RP');
    const outcome = await vscode.commands.executeCommand<{ kind: string; tenant: string }>(
      'auth0Oidc.deployConnection',
      moved,
    );
    assert.equal(outcome?.kind, 'create');
    assert.equal(outcome.tenant, sandbox.rp.baseUrl);
    const created = [...sandbox.rp.state.connections.values()].find((c) => c.name === 'rp-pick-suite-oidc');
    assert.equal(created?.strategy, 'oidc');
    assert.ok(![...sandbox.provider.state.connections.values()].some((c) => c.name === 'rp-pick-suite-oidc'));
  });
});
