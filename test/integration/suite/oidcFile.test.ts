// An oidc connection file (*.oidc-connection.json), as Move to OIDC writes it, goes the same way as
// an auth0-oidc one inside a real VS Code, against the in-process sandbox: moved with http URLs
// for the loopback provider and the RP's own callback in its notes, deployed (strategy oidc), and
// logged in with through Open Authorize Link and Test Login, ending with the oidc|... user. The
// editor, the views and the login view treat it as they treat an auth0-oidc file (issue 20 item 2):
// the CodeLens above its name, its state in sync, its connection in the Tenants tree by default,
// the user id read as oidc|CONNECTION|SUB without a warning.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Trees } from '../../../src/tree';
import type { TenantNode } from '../../../src/tree/nodes/tenantNode';
import type { TreeNode } from '../../../src/tree/nodes/treeNode';
import type { ParsedUserId } from '../../../src/core/login/userId';
import { TestBrowser } from '../../sandbox/browser';
import { startSandbox, type Sandbox } from '../../sandbox';
import { addSandboxTenant, testLoginInTestBrowser, waitFor, workspaceFolder, writeWorkspaceFile } from './helpers';

describe('an oidc connection file: move, deploy, authorize link and test login', function () {
  this.timeout(90_000);
  let sandbox: Sandbox;
  let source: vscode.Uri;
  let moved: vscode.Uri;
  let typed: vscode.Uri | undefined;
  let trees: Trees;
  const name = 'oidc-suite';
  const rpApp = (): { clientId: string } => sandbox.rp.app('RP Web App');
  const remote = (n: string): any => [...sandbox.rp.state.connections.values()].find((c: any) => c.name === n);

  before(async () => {
    trees = await vscode.extensions.getExtension<Trees>('auth0-oidc-tools.auth0-oidc-connections')!.activate();
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
    for (const uri of [source, moved, typed])
      if (uri) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
    for (const domain of [sandbox?.rp.baseUrl, sandbox?.provider.baseUrl])
      await vscode.commands.executeCommand('auth0Oidc.removeTenant', { domain, confirmed: true });
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

  it("shows the same CodeLens above the oidc file's name: Deploy to the tenant deployed to, Test Login, Check Provider", async () => {
    await vscode.window.showTextDocument(moved);
    const document = await vscode.workspace.openTextDocument(moved);
    const nameLine = document
      .getText()
      .split('\n')
      .findIndex((l) => l.includes('"name"'));
    const secretLine = document
      .getText()
      .split('\n')
      .findIndex((l) => l.includes('"client_secret"'));
    const lenses = await waitFor('the lenses of the oidc file', async () => {
      const all = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', moved);
      return all.filter((l) => l.range.start.line === nameLine).length >= 3 && all;
    });
    const titlesOn = (line: number): string[] =>
      lenses.filter((l) => l.range.start.line === line).map((l) => l.command?.title ?? '');
    const titles = titlesOn(nameLine);
    assert.match(titles[0] ?? '', /^Deploy to Sandbox RP \(oidc\)/, 'the tenant of the last deploy');
    assert.deepEqual(titles.slice(1), ['Test Login', 'Check Provider']);
    assert.deepEqual(titlesOn(secretLine), ['Set Stored Secret'], 'the placeholder line has its own lens');
  });

  it('gives the oidc file its state, the one the status bar shows: in sync with the tenant', async () => {
    const files = trees.connectionFilesTree;
    const stateText = async (): Promise<string> => {
      const node = await files.node(moved);
      return node ? String((await files.getTreeItem(node)).description ?? '') : '';
    };
    await waitFor(
      'the oidc file to show "in sync"',
      async () => (await stateText()).startsWith('in sync') || undefined,
    );
  });

  it('lists the oidc connection under the tenant by default, beside the auth0-oidc one, and says what is filtered', async () => {
    const tree = trees.tenantsTree;
    const labelOf = (node: TreeNode): string => {
      const label = tree.getTreeItem(node).label;
      return typeof label === 'object' ? label.label : (label ?? '');
    };
    const origin = new URL(sandbox.rp.baseUrl).origin;
    const tenant = await waitFor('the RP tenant in the tree', async () =>
      ((await tree.getChildren()) as TenantNode[]).find((n) => n.tenant.origin === origin),
    );
    await vscode.commands.executeCommand('auth0Oidc.refreshTenants', tenant);
    const labels = await waitFor('the connections to load', async () => {
      const children = await tree.getChildren(tenant);
      const texts = children.map(labelOf);
      return texts.includes(`${name}-oidc`) && texts;
    });
    assert.ok(labels.includes(name), `the auth0-oidc connection too: ${labels.join(', ')}`);
    const hint = (await tree.getChildren(tenant)).find((c) => labelOf(c).startsWith('Listing '));
    assert.ok(hint, `a node says which strategies are listed: ${labels.join(', ')}`);
    assert.match(labelOf(hint), /auth0-oidc, oidc/);
    assert.equal(tree.getTreeItem(hint).command?.command, 'auth0Oidc.filterByStrategy');
  });

  it('opens the authorize link for the oidc file, which leads to the provider', async () => {
    const link = await vscode.commands.executeCommand<{
      url: string;
      connection: string;
      parameters: { name: string; meaning: string }[];
    }>('auth0Oidc.openAuthorizeLink', {
      file: moved,
      clientId: rpApp().clientId,
      redirectUri: 'https://jwt.io',
      openBrowser: false,
    });
    assert.equal(link?.connection, `${name}-oidc`);
    const connection = link.parameters.find((p) => p.name === 'connection');
    assert.match(connection?.meaning ?? '', /^The oidc connection/, 'the link says the right strategy');
    const browser = new TestBrowser();
    try {
      const followed = await browser.follow(link.url);
      assert.ok(followed.page?.url.startsWith(sandbox.provider.baseUrl), followed.page?.url);
    } finally {
      await browser.close();
    }
  });

  it('logs in with the oidc file and shows the oidc| user', async () => {
    const { result, pages } = await testLoginInTestBrowser<{
      userId?: string;
      user?: ParsedUserId;
      model?: { userNotice?: string };
    }>({
      file: moved,
      clientId: rpApp().clientId,
    });
    const alice = sandbox.provider.users.find((u) => u.email === 'alice@provider.test')!;
    assert.equal(result?.userId, `oidc|${name}-oidc|${alice.userId}`, pages.join('\n'));
    assert.deepEqual(result.user, {
      kind: 'oidc',
      userId: result.userId,
      connection: `${name}-oidc`,
      sub: alice.userId,
    });
    assert.equal(result.model?.userNotice, undefined, 'no warning about the user id');
  });

  it('completes options.client_id in an oidc file from the provider tenant its discovery_url names', async () => {
    await addSandboxTenant(sandbox.provider, 'Sandbox Provider (oidc)');
    const providerOrigin = new URL(sandbox.provider.baseUrl).origin;
    const text =
      JSON.stringify(
        {
          name: 'typed-oidc',
          strategy: 'oidc',
          options: {
            type: 'back_channel',
            discovery_url: `${providerOrigin}/.well-known/openid-configuration`,
            issuer: `${providerOrigin}/`,
            client_id: '',
            client_secret: '##TYPED_OIDC_CLIENT_SECRET##',
            scope: 'openid',
          },
        },
        undefined,
        2,
      ) + '\n';
    typed = await writeWorkspaceFile('typed.oidc-connection.json', text);
    const document = await vscode.workspace.openTextDocument(typed);
    const marker = '"client_id": "';
    const position = document.positionAt(text.indexOf(marker) + marker.length);
    const providerApp = sandbox.provider.app('Provider App for RP').clientId;
    await waitFor('the provider application among the completions', async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        typed,
        position,
      );
      return list.items.some(
        (i) =>
          (typeof i.label === 'string' ? i.label : i.label.label) === providerApp &&
          i.kind === vscode.CompletionItemKind.Value &&
          i.detail !== undefined,
      );
    });
  });
});
