// The CodeLens above a connection's name and Deploy's choice of tenant (issue 13, item 7), in a
// real VS Code against the sandbox: Deploy never offers the file's own provider tenant, offers
// the tenant of the last deploy first, and refuses a file with errors before asking for a tenant.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startSandbox, type Sandbox } from '../../sandbox';
import { addSandboxTenants, removeSandboxTenants, waitFor, writeWorkspaceFile } from './helpers';

interface DeployOutcome {
  kind: string;
  tenant: string;
}

/** Runs a command that must not stop at a question: a quick pick still open after 15 s fails the test. */
async function withoutQuestions<T>(run: Thenable<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const asked = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      void vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      reject(new Error('the command stopped at a question (a tenant pick)'));
    }, 15_000);
  });
  try {
    return await Promise.race([run, asked]);
  } finally {
    clearTimeout(timer);
  }
}

describe('CodeLens and Deploy targets on connection files', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;

  before(async () => {
    sandbox = await startSandbox();
    await addSandboxTenants(sandbox, 'Lens Provider', 'Lens RP');
  });

  after(() => removeSandboxTenants(sandbox));

  const fileBody = (name: string): string =>
    JSON.stringify(
      {
        name,
        strategy: 'auth0-oidc',
        options: {
          client_id: sandbox.provider.app('Provider App for RP').clientId,
          client_secret: sandbox.provider.app('Provider App for RP').clientSecret,
          domain: new URL(sandbox.provider.baseUrl).host,
          scope: 'openid profile',
        },
        // An application enabled: Deploy asks before creating a connection enabled for none.
        enabled_clients: [sandbox.rp.app('RP Web App').clientId],
      },
      undefined,
      2,
    ) + '\n';

  const lensTitles = async (uri: vscode.Uri): Promise<{ line: number; title: string }[]> => {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 10);
    return lenses.map((l) => ({ line: l.range.start.line, title: l.command?.title ?? '' }));
  };

  it('shows Deploy to … · Test Login · Check Provider above the name, then the tenant deployed to', async () => {
    const uri = await writeWorkspaceFile('lens.auth0-oidc.json', fileBody('lens-partner'));
    await vscode.window.showTextDocument(uri);
    const before = await waitFor('the lenses', async () => {
      const titles = await lensTitles(uri);
      return titles.length >= 3 && titles;
    });
    assert.deepEqual(
      before.map((l) => l.title),
      ['Deploy to …', 'Test Login', 'Check Provider'],
    );
    assert.ok(
      before.every((l) => l.line === 1),
      'on the line of "name"',
    );
    // Deploy without naming a tenant: the provider tenant is not a target, so the RP is taken.
    const outcome = await withoutQuestions(
      vscode.commands.executeCommand<DeployOutcome | undefined>('auth0Oidc.deployConnection', uri),
    );
    assert.equal(outcome?.kind, 'create');
    assert.equal(outcome.tenant, new URL(sandbox.rp.baseUrl).origin);
    assert.ok(
      [...sandbox.rp.state.connections.values()].some((c) => c.name === 'lens-partner'),
      'created on the RP',
    );
    assert.ok(
      ![...sandbox.provider.state.connections.values()].some((c) => c.name === 'lens-partner'),
      'never on the provider',
    );
    await waitFor('the lens naming the tenant of the last deploy', async () =>
      (await lensTitles(uri)).some((l) => l.title.startsWith('Deploy to Lens RP')),
    );
  });

  it('refuses a file with errors before asking for a tenant', async () => {
    const broken = JSON.parse(fileBody('lens-broken'));
    delete broken.options.domain; // no provider to exclude: both tenants would be offered
    const uri = await writeWorkspaceFile('lens-broken.auth0-oidc.json', JSON.stringify(broken, undefined, 2));
    const outcome = await withoutQuestions(
      vscode.commands.executeCommand<DeployOutcome | undefined>('auth0Oidc.deployConnection', uri),
    );
    assert.equal(outcome, undefined);
    assert.ok(![...sandbox.rp.state.connections.values()].some((c) => c.name === 'lens-broken'));
  });
});
