// Deploy inside a real VS Code against the in-process sandbox: a scaffolded file is created on
// the RP tenant with its applications enabled, updated without losing its secret or a tenant-only
// option, left alone when unchanged, and refused when the file has errors.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startSandbox, type Sandbox } from '../../sandbox';
import {
  addSandboxTenant,
  editConnectionFile,
  scaffoldSandboxConnection,
  waitFor,
  writeWorkspaceFile,
} from './helpers';

interface DeployOutcome {
  kind: 'create' | 'update' | 'unchanged';
  connectionId: string;
  tenant: string;
  enabledClientsChanged: number;
}

describe('deploy to the sandbox', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let file: vscode.Uri;
  const name = 'deploy-suite';

  before(async () => {
    await vscode.extensions.getExtension('auth0-oidc-tools.auth0-oidc-connections')!.activate();
    sandbox = await startSandbox(); // strict by default: enabled_clients in bodies refused
    await addSandboxTenant(sandbox.rp, 'Sandbox RP');
    file = await scaffoldSandboxConnection(sandbox, name);
  });

  after(async () => {
    await vscode.commands.executeCommand('auth0Oidc.removeTenant', { domain: sandbox?.rp.baseUrl, confirmed: true });
    await sandbox?.close();
  });

  function remote(): { id: string; options: Record<string, unknown>; enabled_clients: string[] } | undefined {
    return [...sandbox.rp.state.connections.values()].find((c: any) => c.name === name);
  }

  /** Deploy Connection of the suite's file to the RP; `more` adds to or replaces its arguments. */
  const deploy = (more: Record<string, unknown> = {}): Thenable<DeployOutcome> =>
    vscode.commands.executeCommand<DeployOutcome>('auth0Oidc.deployConnection', {
      file,
      tenant: sandbox.rp.baseUrl,
      ...more,
    });
  const setFile = (change: (body: any) => void): Promise<void> => editConnectionFile(file, change);

  it('creates the connection, then enables the applications through the dedicated endpoint', async () => {
    const outcome = await deploy();
    assert.equal(outcome?.kind, 'create');
    const created = remote();
    assert.ok(created, 'the tenant has the connection');
    assert.equal(created.id, outcome.connectionId);
    assert.equal(
      created.options.client_secret,
      sandbox.provider.app('Provider App for RP').clientSecret,
      'the placeholder was filled from secret storage',
    );
    assert.deepEqual(created.enabled_clients, [sandbox.rp.app('RP Web App').clientId]);
    const posts = sandbox.rp.requestLog.filter((r) => r.method === 'POST' && r.path === '/api/v2/connections');
    assert.equal(posts.length, 1);
  });

  it('does nothing when the tenant already matches the file', async () => {
    sandbox.rp.resetRequestLog();
    const outcome = await deploy();
    assert.equal(outcome?.kind, 'unchanged');
    assert.equal(sandbox.rp.requestLog.filter((r) => r.method !== 'GET').length, 0, 'no write request');
  });

  it('updates without losing the stored secret or an option only the tenant has', async () => {
    const connection = remote()!;
    connection.options.upstream_params = { screen_hint: { value: 'signup' } }; // set on the tenant, not in the file
    await setFile((b) => {
      b.options.scope = 'openid profile email';
      b.options.client_secret = '##NOTHING_STORED_FOR_THIS##';
      b.enabled_clients = [];
    });
    const outcome = await deploy({ confirmUpdate: true });
    assert.equal(outcome?.kind, 'update');
    const updated = remote()!;
    assert.equal(updated.options.scope, 'openid profile email');
    assert.equal(
      updated.options.client_secret,
      sandbox.provider.app('Provider App for RP').clientSecret,
      'the secret is kept',
    );
    assert.deepEqual(
      updated.options.upstream_params,
      { screen_hint: { value: 'signup' } },
      'the tenant-only option is kept',
    );
    assert.deepEqual(updated.enabled_clients, [], 'enabled applications now match the file');
    assert.equal(outcome.enabledClientsChanged, 1);
  });

  it('copies the deploy as curl without the token or any secret', async () => {
    await setFile((b) => (b.options.scope = 'openid'));
    const curl = await vscode.commands.executeCommand<string>('auth0Oidc.copyDeployAsCurl', {
      file,
      tenant: sandbox.rp.baseUrl,
    });
    assert.match(curl, /curl .*-X PATCH/);
    assert.match(curl, /\$AUTH0_MGMT_TOKEN/);
    assert.ok(!curl.includes(sandbox.provider.app('Provider App for RP').clientSecret), 'no client secret');
    assert.ok(!curl.includes(sandbox.rp.m2m.clientSecret), 'no management secret');
    assert.equal(await vscode.env.clipboard.readText(), curl);
  });

  it('refuses a file with errors and sends nothing', async () => {
    const before = sandbox.rp.state.connections.size;
    await setFile((b) => (b.options.domain = 'https://not/bare'));
    sandbox.rp.resetRequestLog();
    const outcome = await deploy();
    assert.equal(outcome, undefined);
    assert.equal(sandbox.rp.state.connections.size, before);
    assert.equal(sandbox.rp.requestLog.length, 0);
  });

  it("refuses a file that asks for this file's stored secret with another provider domain, sending nothing", async () => {
    // Issue 12.5: ##DEPLOY_SUITE_CLIENT_SECRET## was stored for the provider's domain and client id.
    const hijack = await writeWorkspaceFile(
      'hijack.auth0-oidc.json',
      JSON.stringify({
        name: 'hijack',
        strategy: 'auth0-oidc',
        options: {
          client_id: sandbox.provider.app('Provider App for RP').clientId,
          client_secret: '##DEPLOY_SUITE_CLIENT_SECRET##',
          domain: sandbox.rp.domain,
        },
      }),
    );
    try {
      sandbox.rp.resetRequestLog();
      const outcome = await deploy({ file: hijack, confirmUpdate: true });
      assert.equal(outcome, undefined, 'refused');
      assert.deepEqual(sandbox.rp.allRequests, [], 'nothing was sent');
      assert.ok(![...sandbox.rp.state.connections.values()].some((c) => c.name === 'hijack'));
    } finally {
      await vscode.workspace.fs.delete(hijack, { useTrash: false });
    }
  });

  it('reports rejected credentials instead of throwing, and changes nothing', async () => {
    await setFile((b) => (b.options.scope = 'openid email'));
    const scopeBefore = remote()!.options.scope;
    await addSandboxTenant(sandbox.rp, 'Sandbox RP', {
      clientId: sandbox.rp.m2m.clientId,
      clientSecret: 'a-wrong-secret-value',
    });
    sandbox.rp.resetRequestLog();
    const outcome = await deploy({ confirmUpdate: true });
    assert.equal(outcome, undefined, 'the failure is shown to the person, not thrown at the caller');
    assert.equal(remote()!.options.scope, scopeBefore);
    await waitFor('no write request', () => sandbox.rp.requestLog.every((r) => r.method === 'GET'));
  });

  it('stops when the credentials lack read:connections_options (options not returned), and sends no PATCH', async () => {
    await setFile((b) => {
      b.options.domain = sandbox.provider.domain;
      b.options.scope = 'openid profile';
    });
    const before = structuredClone(remote());
    await addSandboxTenant(sandbox.rp, 'Sandbox RP', sandbox.rp.m2mNoOptions);
    sandbox.rp.resetRequestLog();
    const outcome = await deploy({ confirmUpdate: true });
    assert.equal(outcome, undefined, 'stopped, shown to the person');
    assert.ok(
      sandbox.rp.requestLog.some((r) => r.method === 'GET' && r.path === '/api/v2/connections'),
      'it did read the tenant',
    );
    assert.deepEqual(
      sandbox.rp.requestLog.filter((r) => r.method !== 'GET'),
      [],
      'no write request',
    );
    assert.deepEqual(remote(), before, 'the connection is unchanged');
  });
});
