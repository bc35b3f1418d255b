// Finish Migration to OIDC inside a real VS Code, against the in-process sandbox, with its arguments
// form: an auth0-oidc connection deployed with two applications ends as an oidc connection with
// both, the old one deleted. Stopped after the deploy, the command run again continues at the test
// login, read from the tenant's state.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startSandbox, type Sandbox } from '../../sandbox';
import { TestBrowser } from '../../sandbox/browser';
import { addSandboxTenant, editConnectionFile, workspaceFolder } from './helpers';

interface Outcome {
  completed: string[];
  next: string;
  testUserId?: string;
}

describe('finish the migration from auth0-oidc to oidc', function () {
  this.timeout(120_000);
  let sandbox: Sandbox;
  const written: vscode.Uri[] = [];
  const remote = (n: string): any => [...sandbox.rp.state.connections.values()].find((c: any) => c.name === n);
  const apps = (): string[] => [sandbox.rp.app('RP Web App').clientId, sandbox.rp.app('RP SPA').clientId];

  before(async () => {
    await vscode.extensions.getExtension('auth0-oidc-tools.auth0-oidc-connections')!.activate();
    sandbox = await startSandbox();
    await addSandboxTenant(sandbox.rp, 'Sandbox RP (migration)');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const uri of written) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
    await vscode.commands.executeCommand('auth0Oidc.removeTenant', { domain: sandbox?.rp.baseUrl, confirmed: true });
    await sandbox?.close();
  });

  /**
   * An auth0-oidc file enabled for both RP applications, deployed, and moved to oidc; the oidc file
   * keeps only the RP Web App, so that the migration has an application to enable on the new one.
   */
  async function deployedAndMoved(name: string): Promise<vscode.Uri> {
    const { clientId, clientSecret } = sandbox.provider.app('Provider App for RP');
    const file = await vscode.commands.executeCommand<vscode.Uri>('auth0Oidc.newConnectionFile', {
      name,
      domain: sandbox.provider.domain,
      clientId,
      clientSecret,
      enabledClients: apps(),
      folder: workspaceFolder(),
      open: false,
    });
    written.push(file);
    const deployed = await vscode.commands.executeCommand<{ kind: string }>('auth0Oidc.deployConnection', {
      file,
      tenant: sandbox.rp.baseUrl,
    });
    assert.equal(deployed?.kind, 'create');
    assert.deepEqual(remote(name).enabled_clients, apps());
    const moved = await vscode.commands.executeCommand<{ uri: vscode.Uri }>('auth0Oidc.moveToOidc', {
      file,
      open: false,
      overwrite: true,
    });
    assert.ok(moved);
    written.push(moved.uri);
    await editConnectionFile(moved.uri, (body) => {
      body.enabled_clients = [sandbox.rp.app('RP Web App').clientId];
    });
    return file;
  }

  /** Finish Migration with `args`; a TestBrowser logs in as alice wherever Test Login sends it. */
  async function finish(args: Record<string, unknown>): Promise<{ outcome: Outcome | undefined; logins: number }> {
    const browser = new TestBrowser();
    const followed: Promise<unknown>[] = [];
    try {
      const outcome = await vscode.commands.executeCommand<Outcome | undefined>('auth0Oidc.finishMigration', {
        tenant: sandbox.rp.baseUrl,
        testLogin: {
          clientId: sandbox.rp.app('RP Web App').clientId,
          openBrowser: false,
          allowCallbackChange: true,
          timeoutSeconds: 60,
          authorizeParams: { sandbox_login: 'alice@provider.test' },
          onAuthorizeUrl: (url: string) => followed.push(browser.follow(url)),
        },
        ...args,
      });
      return { outcome, logins: followed.length };
    } finally {
      await Promise.allSettled(followed);
      await browser.close();
    }
  }

  const alice = (): string => sandbox.provider.users.find((u) => u.email === 'alice@provider.test')!.userId;

  it('deploys the new connection, tests a login, moves both applications and deletes the old one', async () => {
    const file = await deployedAndMoved('migrate-all');
    const oldId = remote('migrate-all').id;
    sandbox.rp.resetRequestLog();
    const { outcome } = await finish({ file, moveApplications: true, deleteOld: true });
    assert.deepEqual(outcome?.completed, ['deploy', 'test-login', 'move-applications', 'delete-old']);
    assert.equal(outcome?.next, 'done');
    assert.equal(outcome?.testUserId, `oidc|migrate-all-oidc|${alice()}`);
    const created = remote('migrate-all-oidc');
    assert.equal(created.strategy, 'oidc');
    assert.deepEqual([...created.enabled_clients].sort(), [...apps()].sort());
    assert.equal(remote('migrate-all'), undefined, 'the old connection is deleted');
    // Enabled on the new connection before anything was disabled on the old one, then deleted.
    const writes = sandbox.rp.requestLog
      .filter((r) => r.method !== 'GET' && r.path.startsWith('/api/v2/connections/'))
      .map((r) => `${r.method} ${r.path.replace(created.id, 'NEW').replace(oldId, 'OLD')}`);
    const enableOnNew = writes.lastIndexOf('PATCH /api/v2/connections/NEW/clients');
    const disableOnOld = writes.indexOf('PATCH /api/v2/connections/OLD/clients');
    assert.ok(enableOnNew >= 0 && disableOnOld > enableOnNew, writes.join('\n'));
    assert.equal(writes[writes.length - 1], 'DELETE /api/v2/connections/OLD', writes.join('\n'));
    // The oidc file lists both now: deploying it again changes nothing (it would disable the SPA otherwise).
    const moved = vscode.Uri.joinPath(file, '..', 'migrate-all-oidc.oidc-connection.json');
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(moved));
    assert.deepEqual([...JSON.parse(text).enabled_clients].sort(), [...apps()].sort());
    const redeployed = await vscode.commands.executeCommand<{ kind: string }>('auth0Oidc.deployConnection', {
      file: moved,
      tenant: sandbox.rp.baseUrl,
    });
    assert.equal(redeployed?.kind, 'unchanged');
  });

  it("enables one of the old connection's applications on the new one for the test when it has none", async () => {
    const file = await deployedAndMoved('migrate-empty');
    const moved = vscode.Uri.joinPath(file, '..', 'migrate-empty-oidc.oidc-connection.json');
    await editConnectionFile(moved, (body) => {
      delete body.enabled_clients; // deploy then enables nothing on the new connection
    });
    const web = sandbox.rp.app('RP Web App').clientId;
    const { outcome } = await finish({ file, testClientId: web, stopAfter: 'test-login' });
    assert.deepEqual(outcome?.completed, ['deploy', 'test-login']);
    assert.equal(outcome?.testUserId, `oidc|migrate-empty-oidc|${alice()}`);
    assert.deepEqual(remote('migrate-empty-oidc').enabled_clients, [web], 'enabled for the test only');
    assert.deepEqual(remote('migrate-empty').enabled_clients, apps(), 'the old one keeps both');
  });

  it('stopped after the deploy, continues at the test login when run again', async () => {
    const file = await deployedAndMoved('migrate-resume');
    const first = await finish({ file, stopAfter: 'deploy' });
    assert.deepEqual(first.outcome?.completed, ['deploy']);
    assert.equal(first.outcome?.next, 'test-login');
    assert.equal(first.logins, 0, 'no login was started');
    assert.ok(remote('migrate-resume-oidc'), 'the new connection is deployed');
    assert.deepEqual(remote('migrate-resume').enabled_clients, apps(), 'the old one keeps its applications');

    sandbox.rp.resetRequestLog();
    const again = await finish({ file, stopAfter: 'test-login' });
    assert.deepEqual(again.outcome?.completed, ['test-login']);
    assert.equal(again.outcome?.next, 'move-applications');
    assert.equal(again.logins, 1);
    assert.ok(
      !sandbox.rp.requestLog.some((r) => r.method === 'POST' && r.path === '/api/v2/connections'),
      'nothing deployed again',
    );

    // Without the consent to move, it stops at that step and changes nothing.
    sandbox.rp.resetRequestLog();
    const unconfirmed = await finish({ file });
    assert.deepEqual(unconfirmed.outcome?.completed, []);
    assert.equal(unconfirmed.outcome?.next, 'move-applications');
    assert.equal(unconfirmed.logins, 0, 'the test login is not asked for again');
    assert.equal(sandbox.rp.requestLog.filter((r) => r.method !== 'GET').length, 0, 'no write request');

    // Moved, but the old connection is kept without its own consent to delete it.
    const moved = await finish({ file, moveApplications: true });
    assert.deepEqual(moved.outcome?.completed, ['move-applications']);
    assert.equal(moved.outcome?.next, 'delete-old');
    assert.deepEqual(remote('migrate-resume').enabled_clients, []);
    assert.deepEqual([...remote('migrate-resume-oidc').enabled_clients].sort(), [...apps()].sort());

    const deleted = await finish({ file, deleteOld: true });
    assert.deepEqual(deleted.outcome?.completed, ['delete-old']);
    assert.equal(deleted.outcome?.next, 'done');
    assert.equal(remote('migrate-resume'), undefined);
  });
});
