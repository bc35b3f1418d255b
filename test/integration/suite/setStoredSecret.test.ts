// Issue 21.3: Set Stored Secret puts a new value behind a file's ##KEY## without touching the file
// (nothing typed into an editor, so nothing reaches auto-save or Local History), and the next
// deploy sends it. Issue 21.5: a typo in options.domain beside a configured tenant that owns the
// client id is reported, with a quick fix that writes that tenant's domain.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startSandbox, type Sandbox } from '../../sandbox';
import {
  addSandboxTenants,
  codeOf,
  ours,
  removeSandboxTenants,
  scaffoldSandboxConnection,
  waitFor,
  writeWorkspaceFile,
} from './helpers';

interface DeployOutcome {
  kind: 'create' | 'update' | 'unchanged';
}

describe('Set Stored Secret (issue 21.3)', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let file: vscode.Uri;
  const name = 'set-secret-suite';
  const key = 'SET_SECRET_SUITE_CLIENT_SECRET';

  before(async () => {
    sandbox = await startSandbox();
    await addSandboxTenants(sandbox, 'Sandbox Provider', 'Sandbox RP');
    file = await scaffoldSandboxConnection(sandbox, name);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await removeSandboxTenants(sandbox);
    await sandbox?.close();
  });

  const remoteSecret = (): unknown =>
    [...sandbox.rp.state.connections.values()].find((c) => c.name === name)?.options.client_secret;
  const deploy = (): Thenable<DeployOutcome | undefined> =>
    vscode.commands.executeCommand<DeployOutcome>('auth0Oidc.deployConnection', {
      file,
      tenant: sandbox.rp.baseUrl,
      confirmUpdate: true,
    });
  const setSecret = (args: Record<string, unknown>): Thenable<{ key: string } | undefined> =>
    vscode.commands.executeCommand('auth0Oidc.setStoredSecret', { file, ...args });

  it('offers itself as a lens on the placeholder line', async () => {
    const document = await vscode.workspace.openTextDocument(file);
    const line = document
      .getText()
      .split('\n')
      .findIndex((l) => l.includes(`##${key}##`));
    assert.ok(line >= 0, 'the scaffolded file holds the placeholder');
    const lens = await waitFor('the Set Stored Secret lens', async () =>
      (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', file)).find(
        (l) => l.command?.command === 'auth0Oidc.setStoredSecret',
      ),
    );
    assert.equal(lens.range.start.line, line);
    assert.equal(lens.command?.title, 'Set Stored Secret');
    assert.deepEqual(lens.command?.arguments?.slice(1), [key]);
  });

  it('stores a new value that the next deploy sends, and never changes or dirties the file', async () => {
    const editor = await vscode.window.showTextDocument(file);
    const bytes = await vscode.workspace.fs.readFile(file);
    const changes: string[] = [];
    const subscription = vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document.uri.toString() === file.toString() && e.contentChanges.length > 0) changes.push('changed');
    });
    try {
      const right = sandbox.provider.app('Provider App for RP').clientSecret;
      // The wrong secret of the issue: deployed, the tenant's connection cannot log in.
      const wrong = await setSecret({ value: 'a-wrong-secret-typed-earlier' });
      assert.deepEqual(wrong, {
        key,
        binding: { domain: sandbox.provider.domain, clientId: sandbox.provider.app('Provider App for RP').clientId },
      });
      assert.equal((await deploy())?.kind, 'create');
      assert.equal(remoteSecret(), 'a-wrong-secret-typed-earlier');
      // Fixed with the command, then deployed again: the tenant gets the new value.
      assert.equal((await setSecret({ key: `##${key}##`, value: `  ${right}  ` }))?.key, key);
      assert.equal((await deploy())?.kind, 'update');
      assert.equal(remoteSecret(), right, 'the deploy filled in the value set by the command (trimmed)');
      assert.deepEqual(changes, [], 'the document was never edited');
      assert.equal(editor.document.isDirty, false);
      assert.ok(!editor.document.getText().includes(right), 'the secret is not in the document');
      assert.deepEqual(await vscode.workspace.fs.readFile(file), bytes, "the file's bytes are unchanged");
    } finally {
      subscription.dispose();
    }
  });

  it('refuses a placeholder as the value and a key the file does not have, storing nothing', async () => {
    const before = remoteSecret();
    assert.equal(await setSecret({ value: '##ANOTHER##' }), undefined);
    assert.equal(await setSecret({ key: 'NOT_IN_THE_FILE', value: 'x' }), undefined);
    assert.equal((await deploy())?.kind, 'unchanged', 'the stored value is still the one set before');
    assert.equal(remoteSecret(), before);
  });
});

describe('a client id of another configured tenant (issue 21.5)', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;

  before(async () => {
    sandbox = await startSandbox();
    await addSandboxTenants(sandbox, 'Sandbox Provider', 'Sandbox RP');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await removeSandboxTenants(sandbox);
    await sandbox?.close();
  });

  it('names the tenant and application behind the client id, and the quick fix writes its domain', async () => {
    const domain = sandbox.provider.domain;
    const typo = domain.slice(0, -1); // 127.0.0.1:43899 → 127.0.0.1:4389
    const uri = await writeWorkspaceFile(
      'typo.auth0-oidc.json',
      JSON.stringify(
        {
          name: 'typo',
          strategy: 'auth0-oidc',
          options: {
            domain: typo,
            client_id: sandbox.provider.app('Provider App for RP').clientId,
            client_secret: '##TYPO_CLIENT_SECRET##',
          },
        },
        undefined,
        2,
      ) + '\n',
    );
    try {
      const editor = await vscode.window.showTextDocument(uri);
      const diagnostic = await waitFor('the client-id-other-tenant diagnostic', () =>
        ours(uri).find((d) => codeOf(d) === 'client-id-other-tenant'),
      );
      assert.equal(
        diagnostic.message.split('?')[0],
        `This client id belongs to the application "Provider App for RP" on tenant ${domain}; did you mean ${domain}`,
      );
      assert.equal(editor.document.getText(diagnostic.range), JSON.stringify(typo));
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        uri,
        diagnostic.range,
        vscode.CodeActionKind.QuickFix.value,
      );
      const fix = actions.find((a) => a.title === `Use the domain "${domain}"`);
      assert.ok(fix?.edit, `the fix among ${actions.map((a) => a.title).join(' | ')}`);
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      assert.equal(JSON.parse(editor.document.getText()).options.domain, domain);
      await waitFor('the diagnostic to go away', () => !ours(uri).some((d) => codeOf(d) === 'client-id-other-tenant'));
      await editor.document.save();
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      await vscode.workspace.fs.delete(uri, { useTrash: false });
    }
  });
});
