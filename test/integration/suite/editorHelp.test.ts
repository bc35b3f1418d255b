// Completions, hovers and quick fixes on connection files, fed by the configured sandbox tenants
// (issue 13, item 6): the provider's applications for options.client_id, the RP's for
// enabled_clients, the tenants' domains for options.domain; a slow tenant never holds typing up.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startSandbox, type Sandbox } from '../../sandbox';
import { addSandboxTenants, removeSandboxTenants, waitFor, writeWorkspaceFile } from './helpers';

const labelOf = (item: vscode.CompletionItem): string =>
  typeof item.label === 'string' ? item.label : item.label.label;

/**
 * The extension's completions at the end of `marker` (their details read "name · type · tenant"):
 * VS Code adds words from other open documents, which may hold the same ids.
 */
async function completionsAt(
  uri: vscode.Uri,
  marker: string,
  text: string,
): Promise<{ items: vscode.CompletionItem[] }> {
  const document = await vscode.workspace.openTextDocument(uri);
  const position = document.positionAt(text.indexOf(marker) + marker.length);
  const list = await vscode.commands.executeCommand<vscode.CompletionList>(
    'vscode.executeCompletionItemProvider',
    uri,
    position,
  );
  return { items: list.items.filter((i) => i.kind === vscode.CompletionItemKind.Value && i.detail !== undefined) };
}

describe('editor help on connection files, from the sandbox tenants', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let providerHost: string;
  let rpHost: string;

  before(async () => {
    sandbox = await startSandbox();
    // The provider's applications are slow from the start: whatever reads them first, this suite's
    // completion or a re-check of files other suites left open once the tenants appear, meets the
    // slow tenant (a fault armed later was spent by such a re-check, and the completion was quick).
    sandbox.provider.faults.inject({
      method: 'GET',
      path: '/api/v2/clients',
      kind: 'latency',
      latencyMs: 8_000,
      times: 3,
    });
    await addSandboxTenants(sandbox, 'Help Provider', 'Help RP');
    providerHost = new URL(sandbox.provider.baseUrl).host;
    rpHost = new URL(sandbox.rp.baseUrl).host;
  });

  after(() => removeSandboxTenants(sandbox));

  const body = (clientId: string, enabled: string[]): string =>
    JSON.stringify(
      {
        name: 'help',
        strategy: 'auth0-oidc',
        options: {
          client_id: clientId,
          client_secret: '##HELP_CLIENT_SECRET##',
          domain: providerHost,
          scope: 'openid',
        },
        enabled_clients: enabled,
      },
      undefined,
      2,
    ) + '\n';

  it('answers completions within the time limit while the provider tenant is slow, then with its applications', async () => {
    const text = body('', []);
    const uri = await writeWorkspaceFile('help-slow.auth0-oidc.json', text);
    const started = Date.now();
    const first = await completionsAt(uri, '"client_id": "', text);
    const elapsed = Date.now() - started;
    assert.ok(elapsed < 3_000, `completions waited ${elapsed} ms for a slow tenant`);
    const webApp = sandbox.provider.app('Provider App for RP').clientId;
    assert.ok(!first.items.some((i) => labelOf(i) === webApp), 'nothing from the slow tenant yet');
    // The read went on in the background: a later keystroke gets the list.
    await waitFor(
      'the provider applications once the slow read is done',
      async () => (await completionsAt(uri, '"client_id": "', text)).items.some((i) => labelOf(i) === webApp),
      20_000,
    );
    sandbox.provider.faults.clear();
  });

  it('completes options.client_id with the provider tenant applications, names and types in the details', async () => {
    const text = body('', []);
    const uri = await writeWorkspaceFile('help-client.auth0-oidc.json', text);
    const list = await completionsAt(uri, '"client_id": "', text);
    const ids = list.items.map(labelOf);
    const webApp = sandbox.provider.app('Provider App for RP');
    const item = list.items.find((i) => labelOf(i) === webApp.clientId);
    assert.ok(item, `the provider's web application is offered: ${JSON.stringify(ids)}`);
    assert.match(item.detail ?? '', /Provider App for RP · Regular Web Application · Help Provider/);
    assert.ok(!ids.includes(sandbox.rp.app('RP Web App').clientId), 'no RP application for the provider side');
    const sorted = [...list.items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
    assert.match(sorted[0]!.detail ?? '', /Regular Web Application/, 'Regular Web Applications first');
  });

  it('completes enabled_clients entries with the RP applications, none machine-to-machine', async () => {
    const text = body(sandbox.provider.app('Provider App for RP').clientId, ['']);
    const uri = await writeWorkspaceFile('help-enabled.auth0-oidc.json', text);
    const list = await completionsAt(uri, '"enabled_clients": [\n    "', text);
    const ids = list.items.map(labelOf);
    assert.ok(ids.includes(sandbox.rp.app('RP Web App').clientId), JSON.stringify(ids));
    assert.ok(!ids.includes(sandbox.rp.m2m.clientId), 'machine-to-machine applications cannot log in');
    assert.ok(!ids.includes(sandbox.provider.app('Provider App for RP').clientId), 'not the provider tenant');
  });

  it('completes options.domain with the configured tenants', async () => {
    const text = body('x', []).replace(`"domain": "${providerHost}"`, '"domain": ""');
    const uri = await writeWorkspaceFile('help-domain.auth0-oidc.json', text);
    const list = await completionsAt(uri, '"domain": "', text);
    const hosts = list.items.map(labelOf);
    assert.ok(hosts.includes(providerHost) && hosts.includes(rpHost), JSON.stringify(hosts));
  });

  it('shows the application name and type on hover over an id', async () => {
    const webApp = sandbox.provider.app('Provider App for RP').clientId;
    const text = body(webApp, []);
    const uri = await writeWorkspaceFile('help-hover.auth0-oidc.json', text);
    const document = await vscode.workspace.openTextDocument(uri);
    const position = document.positionAt(text.indexOf(webApp) + 3);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
    const shown = hovers
      .flatMap((h) => h.contents)
      .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
      .join('\n')
      // MarkdownString.appendText escapes spaces and punctuation; read it as text.
      .replace(/&nbsp;/g, ' ')
      .replace(/\\(.)/g, '$1');
    assert.match(shown, /Provider App for RP/);
    assert.match(shown, /Regular Web Application in Help Provider/);
  });

  it('offers quick fixes: the missing domain from the configured tenants, removing an unknown scope', async () => {
    const parsed = JSON.parse(body('abcdefgh', []));
    delete parsed.options.domain;
    parsed.options.scope = 'openid profil';
    const text = JSON.stringify(parsed, undefined, 2) + '\n';
    const uri = await writeWorkspaceFile('help-fixes.auth0-oidc.json', text);
    await vscode.window.showTextDocument(uri);
    const titles = async (marker: string): Promise<string[]> => {
      const document = await vscode.workspace.openTextDocument(uri);
      const start = document.positionAt(text.indexOf(marker));
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        uri,
        new vscode.Range(start, start.translate(0, 1)),
      );
      return actions.map((a) => a.title);
    };
    await waitFor('the domain fix', async () =>
      (await titles('"options"')).includes(`Add "options.domain": "${providerHost}"`),
    );
    assert.ok((await titles('"options"')).includes(`Add "options.domain": "${rpHost}"`));
    await waitFor('the scope fix', async () => (await titles('profil')).includes('Remove "profil" from the scope'));
  });
});
