// auth0-deploy-cli repositories in the editor (issue 25.2), directory format against the sandbox
// tenants: enabled_clients names checked and completed from the tenant config.json names, and
// Check Provider and Deploy run from an entry's CodeLens with its keywords replaced from config.json.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startSandbox, type Sandbox } from '../../sandbox';
import {
  addSandboxTenants,
  codeOf,
  ours,
  removeSandboxTenants,
  waitFor,
  workspaceFolder,
  writeWorkspaceFile,
} from './helpers';

interface Outcome {
  strategy: string;
  verified: boolean;
  results: { id: string; status: string }[];
}

describe('auth0-deploy-cli repositories, from the sandbox tenants', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let file: vscode.Uri;
  let text: string;

  before(async () => {
    sandbox = await startSandbox();
    await addSandboxTenants(sandbox, 'A0 Provider', 'A0 RP');
    await writeWorkspaceFile(
      'a0repo/config.json',
      JSON.stringify({
        AUTH0_DOMAIN: sandbox.rp.domain,
        AUTH0_KEYWORD_REPLACE_MAPPINGS: {
          PROVIDER_DOMAIN: sandbox.provider.domain,
          PARTNER_CLIENT_ID: sandbox.provider.app('Provider App for RP').clientId,
          // a0deploy restricts no key character (its keys go into a regular expression as written).
          'provider-host': sandbox.provider.domain,
        },
      }),
    );
    text = `${JSON.stringify(
      {
        name: 'partner',
        strategy: 'auth0-oidc',
        enabled_clients: ['RP Web App', 'No Such App'],
        options: {
          client_id: '##PARTNER_CLIENT_ID##',
          client_secret: '##A0_PARTNER_CLIENT_SECRET##',
          domain: '##PROVIDER_DOMAIN##',
          scope: 'openid profile email',
        },
      },
      undefined,
      2,
    )}\n`;
    file = await writeWorkspaceFile('a0repo/connections/partner.json', text);
    await vscode.window.showTextDocument(file);
  });

  after(() => removeSandboxTenants(sandbox));

  it('warns about an enabled_clients name that no application of the RP tenant has, and only that one', async () => {
    const unknown = await waitFor(
      'the enabled-client-unknown diagnostic',
      () => {
        const found = ours(file).filter((d) => codeOf(d) === 'enabled-client-unknown');
        return found.length > 0 && found;
      },
      30_000,
    );
    assert.equal(unknown.length, 1);
    const document = await vscode.workspace.openTextDocument(file);
    assert.equal(document.getText(unknown[0]!.range), '"No Such App"');
    // Keywords and names raise nothing else than the deprecation note.
    assert.deepEqual(
      ours(file)
        .map(codeOf)
        .filter((c) => c !== 'enabled-client-unknown'),
      ['strategy-deprecated'],
    );
  });

  it('completes enabled_clients with the RP tenant application names', async () => {
    const document = await vscode.workspace.openTextDocument(file);
    const position = document.positionAt(text.indexOf('"RP Web App"') + 1);
    const labels = await waitFor(
      'the RP application names as completions',
      async () => {
        const list = await vscode.commands.executeCommand<vscode.CompletionList>(
          'vscode.executeCompletionItemProvider',
          file,
          position,
        );
        const names = list.items
          .filter((i) => i.kind === vscode.CompletionItemKind.Value)
          .map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
        return names.includes('RP Web App') && names;
      },
      20_000,
    );
    assert.ok(!labels.includes(sandbox.rp.app('RP Web App').clientId), 'names, not client ids');
  });

  it("offers the entry's lenses and runs Check Provider from one, keywords replaced from config.json", async () => {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', file);
    const titles = lenses.map((l) => l.command?.title);
    for (const title of ['Check Provider', 'Open Authorize Link', 'Test Login'])
      assert.ok(titles.includes(title), `${title} among ${JSON.stringify(titles)}`);
    const check = lenses.find((l) => l.command?.title === 'Check Provider')!.command!;
    const outcome = await vscode.commands.executeCommand<Outcome>(check.command, ...(check.arguments ?? []));
    assert.equal(outcome.strategy, 'auth0-oidc');
    assert.equal(outcome.verified, true, 'the provider tenant named by the replaced domain was read');
    assert.deepEqual(
      outcome.results.map((r) => r.id),
      ['app-type', 'callback', 'oidc-conformant', 'legacy-profile'],
    );
  });

  const remote = (name: string): any => [...sandbox.rp.state.connections.values()].find((c: any) => c.name === name);

  /** An entry file of the repository, opened, and the command of its lens titled `title`. */
  async function entryLens(name: string, body: unknown, title: string): Promise<vscode.Command> {
    const entryFile = await writeWorkspaceFile(`a0repo/connections/${name}.json`, JSON.stringify(body, undefined, 2));
    await vscode.window.showTextDocument(entryFile);
    return waitFor(`the ${title} lens of ${name}`, async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
        'vscode.executeCodeLensProvider',
        entryFile,
      );
      return lenses.find((l) => l.command?.title === title)?.command;
    });
  }

  const entry = (name: string, enabled: string[], extra: Record<string, unknown> = {}) => ({
    name,
    strategy: 'auth0-oidc',
    enabled_clients: enabled,
    ...extra,
    options: {
      client_id: '##PARTNER_CLIENT_ID##',
      client_secret: '##A0_PARTNER_CLIENT_SECRET##',
      domain: '##PROVIDER_DOMAIN##',
      scope: 'openid profile email',
    },
  });

  it('deploys an entry from its lens: keywords from config.json, names as ids, the stored secret', async () => {
    const providerApp = sandbox.provider.app('Provider App for RP');
    // The secret as a person stores it for a connection file naming the same provider application.
    const holder = await writeWorkspaceFile(
      'a0repo-secret/holder.auth0-oidc.json',
      JSON.stringify({
        name: 'holder',
        strategy: 'auth0-oidc',
        options: {
          domain: sandbox.provider.domain,
          client_id: providerApp.clientId,
          client_secret: '##A0_PARTNER_CLIENT_SECRET##',
        },
      }),
    );
    await vscode.commands.executeCommand('auth0Oidc.setStoredSecret', {
      file: holder,
      key: 'A0_PARTNER_CLIENT_SECRET',
      value: providerApp.clientSecret,
    });
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(workspaceFolder(), 'a0repo-secret'), { recursive: true });

    const deploy = await entryLens('a0-partner', entry('a0-partner', ['RP Web App']), 'Deploy');
    const outcome = await vscode.commands.executeCommand<{ kind: string }>(deploy.command, ...(deploy.arguments ?? []));
    assert.equal(outcome?.kind, 'create');
    const created = remote('a0-partner');
    assert.deepEqual(created?.enabled_clients, [sandbox.rp.app('RP Web App').clientId]);
    assert.equal(created?.options.domain, sandbox.provider.domain);
    assert.equal(created?.options.client_id, providerApp.clientId);
    assert.equal(created?.options.client_secret, providerApp.clientSecret);
  });

  it('sends nothing for a name no application has or a keyword config.json does not map', async () => {
    const unknownName = await entryLens('a0-unknown', entry('a0-unknown', ['RP Web App', 'No Such App']), 'Deploy');
    assert.equal(
      await vscode.commands.executeCommand(unknownName.command, ...(unknownName.arguments ?? [])),
      undefined,
    );
    assert.equal(remote('a0-unknown'), undefined);
    const unmapped = await entryLens(
      'a0-unmapped',
      entry('a0-unmapped', ['RP Web App'], { display_name: '##NOT_IN_CONFIG##' }),
      'Deploy',
    );
    assert.equal(await vscode.commands.executeCommand(unmapped.command, ...(unmapped.arguments ?? [])), undefined);
    assert.equal(remote('a0-unmapped'), undefined);
  });

  it('reads keywords whose keys hold "-", as a0deploy does: not judged, replaced for Check Provider', async () => {
    const body = entry('a0-dashed', ['RP Web App']);
    body.options.domain = '##provider-host##';
    const check = await entryLens('a0-dashed', body, 'Check Provider');
    const entryFile = check.arguments![0] as vscode.Uri;
    // Only the deprecation note: the keyword is a0deploy's to replace.
    await waitFor('the deprecation note alone', () => ours(entryFile).map(codeOf).join() === 'strategy-deprecated');
    const outcome = await vscode.commands.executeCommand<Outcome>(check.command, ...(check.arguments ?? []));
    assert.equal(outcome.verified, true, 'the provider tenant named by the replaced domain was read');
  });

  it('deploys nothing while config.json has a key a0deploy would read as a regular expression', async () => {
    await writeWorkspaceFile(
      'a0pattern/config.json',
      JSON.stringify({
        AUTH0_DOMAIN: sandbox.rp.domain,
        AUTH0_KEYWORD_REPLACE_MAPPINGS: {
          PROVIDER_DOMAIN: sandbox.provider.domain,
          PARTNER_CLIENT_ID: sandbox.provider.app('Provider App for RP').clientId,
          // a0deploy's `##provider.host##` pattern would match `##provider-host##` too.
          'provider.host': 'unused',
        },
      }),
    );
    const entryFile = await writeWorkspaceFile(
      'a0pattern/connections/a0-pattern.json',
      JSON.stringify(entry('a0-pattern', ['RP Web App']), undefined, 2),
    );
    const outcome = await vscode.commands.executeCommand(
      'auth0Oidc.internal.a0deployEntry',
      entryFile,
      'a0-pattern',
      'deploy',
    );
    assert.equal(outcome, undefined);
    assert.equal(remote('a0-pattern'), undefined);
  });

  it('stores a missing client_secret from its quick fix, adds the placeholder, and Deploy fills it', async () => {
    const providerApp = sandbox.provider.app('Provider App for RP');
    const body = entry('a0-nosecret', ['RP Web App']) as { options: Record<string, unknown> };
    delete body.options['client_secret'];
    const deploy = await entryLens('a0-nosecret', body, 'Deploy');
    const entryFile = deploy.arguments![0] as vscode.Uri;
    const missing = await waitFor('the missing client_secret', () =>
      ours(entryFile).find((d) => codeOf(d) === 'missing-property' && d.message.includes('client_secret')),
    );
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      entryFile,
      missing.range,
    );
    const fix = actions.find((a) => a.title.startsWith('Store the secret in secret storage'));
    assert.ok(fix?.command, JSON.stringify(actions.map((a) => a.title)));
    assert.deepEqual(fix.command.arguments?.slice(1), ['a0-nosecret', 'storeSecret']);
    // The fix's command, with the value the password box would take.
    const stored = await vscode.commands.executeCommand<{ key: string }>(
      fix.command.command,
      ...(fix.command.arguments ?? []),
      { value: providerApp.clientSecret },
    );
    assert.equal(stored?.key, 'A0_NOSECRET_CLIENT_SECRET');
    const document = await vscode.workspace.openTextDocument(entryFile);
    assert.equal(JSON.parse(document.getText()).options.client_secret, '##A0_NOSECRET_CLIENT_SECRET##');
    await document.save();
    const outcome = await vscode.commands.executeCommand<{ kind: string }>(deploy.command, ...(deploy.arguments ?? []));
    assert.equal(outcome?.kind, 'create');
    assert.equal(remote('a0-nosecret')?.options.client_secret, providerApp.clientSecret);
  });

  it('offers Set the stored secret on a client_secret placeholder', async () => {
    const document = await vscode.workspace.openTextDocument(file);
    const at = document.positionAt(text.indexOf('##A0_PARTNER_CLIENT_SECRET##') + 3);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      file,
      new vscode.Range(at, at),
    );
    const set = actions.find((a) => a.title === 'Set the stored secret ##A0_PARTNER_CLIENT_SECRET##…');
    assert.deepEqual(
      set?.command?.arguments,
      [file, 'partner', 'storeSecret'],
      JSON.stringify(actions.map((a) => a.title)),
    );
  });

  it("imports an entry into a connection file from the entry's Import lens", async () => {
    const lens = await entryLens(
      'a0-lensimport',
      entry('a0-lensimport', ['RP Web App']),
      'Import into a Connection File',
    );
    const folder = vscode.Uri.joinPath(workspaceFolder(), 'a0lensimport');
    const imported = await vscode.commands.executeCommand<vscode.Uri>(lens.command, ...(lens.arguments ?? []), {
      folder,
    });
    assert.equal(imported?.path, vscode.Uri.joinPath(folder, 'a0-lensimport.auth0-oidc.json').path);
    const body = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(imported)));
    assert.equal(body.options.domain, sandbox.provider.domain, 'the keyword replaced from config.json');
    assert.deepEqual(body.enabled_clients, [sandbox.rp.app('RP Web App').clientId], 'the name as its id');
  });

  it('exports a connection file for auth0-deploy-cli, and imports it back', async () => {
    const providerApp = sandbox.provider.app('Provider App for RP');
    const webId = sandbox.rp.app('RP Web App').clientId;
    const original = {
      name: 'a0-export',
      strategy: 'auth0-oidc',
      enabled_clients: [webId],
      options: {
        domain: sandbox.provider.domain,
        client_id: providerApp.clientId,
        client_secret: '##A0_EXPORT_CLIENT_SECRET##',
        scope: 'openid profile',
      },
    };
    const source = await writeWorkspaceFile(
      'a0export/a0-export.auth0-oidc.json',
      JSON.stringify(original, undefined, 2),
    );
    const connections = vscode.Uri.joinPath(workspaceFolder(), 'a0repo', 'connections');
    const exported = await vscode.commands.executeCommand<vscode.Uri>('auth0Oidc.exportForDeployCli', {
      file: source,
      folder: connections,
      tenant: sandbox.rp.baseUrl,
    });
    assert.equal(exported?.path, vscode.Uri.joinPath(connections, 'a0-export.json').path);
    const entryBody = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(exported)));
    assert.deepEqual(entryBody, { ...original, enabled_clients: ['RP Web App'] }, 'names for ids, placeholder kept');

    const imported = await vscode.commands.executeCommand<vscode.Uri>('auth0Oidc.importFromDeployCli', {
      file: exported,
      folder: vscode.Uri.joinPath(workspaceFolder(), 'a0import'),
    });
    assert.equal(imported?.path.endsWith('/a0import/a0-export.auth0-oidc.json'), true, imported?.path);
    const back = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(imported)));
    assert.deepEqual(back, original, 'the ids again, from the tenant config.json names');
  });
});
