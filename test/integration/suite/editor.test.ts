// The editor surface: the schema's and the extension's own diagnostics on connection files, each
// quick fix, and New Connection File run with an argument object.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, ours, waitFor, workspaceFolder, writeWorkspaceFile } from './helpers';

const EXTENSION_ID = 'auth0-oidc-tools.auth0-oidc-connections';

const broken = `{
  "name": "partner",
  "strategy": "auth0-oidc",
  "options": {
    "client_id": "aB3dE5fG7hJ9kL1m",
    "client_secret": "a-literal-secret-value",
    "domain": "https://partner.eu.auth0.com/",
    "scope": "profile email"
  },
  "enabled_clients": ["rpApp1", "rpApp1"],
  "foo": 1
}
`;

describe('editor: diagnostics and quick fixes', () => {
  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
  });

  it("shows the schema's and the extension's own diagnostics with codes and positions", async () => {
    const uri = await writeWorkspaceFile('broken.auth0-oidc.json', broken);
    await vscode.window.showTextDocument(uri);
    const expected = [
      'client-secret-literal',
      'domain-not-bare-host',
      'scope-missing-openid',
      'enabled-client-duplicate',
      'unknown-property',
      'strategy-deprecated',
    ];
    const diagnostics = await waitFor('our diagnostics', () => {
      const found = ours(uri);
      return expected.every((code) => found.some((d) => codeOf(d) === code)) ? found : undefined;
    });
    const domain = diagnostics.find((d) => codeOf(d) === 'domain-not-bare-host')!;
    assert.equal(domain.severity, vscode.DiagnosticSeverity.Error);
    assert.deepEqual(
      [domain.range.start.line, domain.range.start.character, domain.range.end.line, domain.range.end.character],
      [6, 14, 6, 45],
    );
    const secret = diagnostics.find((d) => codeOf(d) === 'client-secret-literal')!;
    assert.equal(secret.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(secret.range.start.line, 5);

    // The JSON language service validates against the contributed schema.
    const schema = await waitFor('the schema\'s diagnostic for "foo"', () =>
      vscode.languages
        .getDiagnostics(uri)
        .find((d) => d.source !== 'auth0-oidc' && d.range.start.line === 10 && /foo/.test(d.message)),
    );
    assert.equal(schema.severity, vscode.DiagnosticSeverity.Warning);
  });

  // Actions that come back through executeCodeActionProvider do not carry their diagnostics, so
  // each fix is recognised by its title.
  const fixes: { code: string; title: RegExp; edit: (text: string) => string; check: (body: any) => void }[] = [
    {
      code: 'domain-not-bare-host',
      title: /bare host/,
      edit: (t) => t,
      check: (b) => assert.equal(b.options.domain, 'partner.eu.auth0.com'),
    },
    {
      code: 'scope-missing-openid',
      title: /Add "openid"/,
      edit: (t) => t,
      check: (b) => assert.equal(b.options.scope, 'openid profile email'),
    },
    {
      code: 'enabled-client-duplicate',
      title: /Remove the repeat/,
      edit: (t) => t,
      check: (b) => assert.deepEqual(b.enabled_clients, ['rpApp1']),
    },
    { code: 'unknown-property', title: /Remove "foo"/, edit: (t) => t, check: (b) => assert.equal('foo' in b, false) },
    {
      code: 'name-invalid',
      title: /Rename to "my-partner"/,
      edit: (t) => t.replace('"partner"', '"my partner"'),
      check: (b) => assert.equal(b.name, 'my-partner'),
    },
    {
      code: 'client-secret-literal',
      title: /secret storage/,
      edit: (t) => t,
      check: (b) => assert.equal(b.options.client_secret, '##PARTNER_CLIENT_SECRET##'),
    },
  ];
  for (const fix of fixes) {
    it(`applies the quick fix for ${fix.code}, which removes the diagnostic`, async () => {
      const uri = await writeWorkspaceFile(`fix-${fix.code}.auth0-oidc.json`, fix.edit(broken));
      const editor = await vscode.window.showTextDocument(uri);
      const diagnostic = await waitFor(fix.code, () => ours(uri).find((d) => codeOf(d) === fix.code));
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        uri,
        diagnostic.range,
        vscode.CodeActionKind.QuickFix.value,
      );
      const action = actions.find((a) => fix.title.test(a.title));
      assert.ok(action, `a quick fix for ${fix.code} among ${actions.map((a) => a.title).join(' | ')}`);
      if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit));
      if (action.command)
        await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
      await waitFor(`${fix.code} to go away`, () => !ours(uri).some((d) => codeOf(d) === fix.code));
      fix.check(JSON.parse(editor.document.getText()));
      await editor.document.save();
    });
  }

  it('keeps working on broken JSON, an empty file and a top-level array', async () => {
    const cases: [string, string, string][] = [
      ['trunc.auth0-oidc.json', broken.slice(0, 90), 'missing-property'],
      ['empty.auth0-oidc.json', '', 'empty-file'],
      ['array.auth0-oidc.json', '[]', ''],
    ];
    for (const [name, text, code] of cases) {
      const uri = await writeWorkspaceFile(name, text);
      await vscode.window.showTextDocument(uri);
      if (code) await waitFor(`${code} on ${name}`, () => ours(uri).some((d) => codeOf(d) === code));
      // The schema reports the array; ours stays quiet there rather than repeating it.
      else
        await waitFor(`the schema's complaint about ${name}`, () =>
          vscode.languages.getDiagnostics(uri).some((d) => d.source !== 'auth0-oidc'),
        );
    }
  });
});

describe('editor: New Connection File', () => {
  it('writes a file with no errors when run with an argument object', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>('auth0Oidc.newConnectionFile', {
      name: 'scaffolded',
      domain: 'partner.eu.auth0.com',
      clientId: 'aB3dE5fG7hJ9kL1m',
      clientSecret: 'scaffold-secret-value',
      scopes: ['openid', 'profile', 'email'],
      folder: workspaceFolder(),
    });
    assert.ok(uri, 'the command returns the new file');
    const document = await waitFor(
      'the new file in an editor',
      () => vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString())?.document,
    );
    const body = JSON.parse(document.getText());
    assert.equal(body.options.client_secret, '##SCAFFOLDED_CLIENT_SECRET##', 'the secret stays out of the file');
    assert.ok(!document.getText().includes('scaffold-secret-value'));
    // Ours arrive first (the deprecation notice is always there) ...
    await waitFor('our diagnostics on the new file', () => ours(uri).some((d) => codeOf(d) === 'strategy-deprecated'));
    // ... then prove the JSON language service has looked at this document: break it, see the
    // schema complain, undo, and see that complaint go.
    const editor = await vscode.window.showTextDocument(document);
    await editor.edit((b) => b.insert(document.positionAt(1), '"zzz": 1,'));
    await waitFor('the schema to flag "zzz"', () =>
      vscode.languages.getDiagnostics(uri).some((d) => /zzz/.test(d.message) && d.source !== 'auth0-oidc'),
    );
    await vscode.commands.executeCommand('undo');
    await waitFor(
      'the schema to clear',
      () => !vscode.languages.getDiagnostics(uri).some((d) => /zzz/.test(d.message)),
    );
    const errors = vscode.languages
      .getDiagnostics(uri)
      .filter(
        (d) => d.severity === vscode.DiagnosticSeverity.Error || d.severity === vscode.DiagnosticSeverity.Warning,
      );
    assert.deepEqual(
      errors.map((d) => `${d.source ?? ''}:${d.message}`),
      [],
    );
  });

  it('does not overwrite an existing connection file', async () => {
    const first = await vscode.commands.executeCommand<vscode.Uri>('auth0Oidc.newConnectionFile', {
      name: 'second',
      domain: 'p.example.com',
      clientId: 'abc',
      folder: workspaceFolder(),
      open: false,
    });
    assert.ok(first);
    assert.notEqual(first.path.split('/').pop(), 'scaffolded.auth0-oidc.json');
    assert.match(first.path, /(auth0-oidc-connection|second\.auth0-oidc)\.json$/);
  });

  it('writes enabled_clients that the editor does not strike through or list as a problem', async () => {
    // Issue 13: a freshly written file showed its enabled_clients struck through as deprecated.
    const uri = await vscode.commands.executeCommand<vscode.Uri>('auth0Oidc.newConnectionFile', {
      name: 'fresh-enabled',
      domain: 'partner.eu.auth0.com',
      clientId: 'aB3dE5fG7hJ9kL1m',
      scopes: ['openid', 'profile'],
      enabledClients: ['rpWebApp000000000000000000000000'],
      folder: workspaceFolder(),
    });
    assert.ok(uri, 'the command returns the new file');
    const note = await waitFor('the enabled_clients note on the new file', () =>
      ours(uri).find((d) => codeOf(d) === 'enabled-clients-endpoint'),
    );
    assert.equal(note.severity, vscode.DiagnosticSeverity.Hint, 'a hint, not an entry in the Problems panel');
    assert.ok(!(note.tags ?? []).includes(vscode.DiagnosticTag.Deprecated), 'not struck through');
  });
});
