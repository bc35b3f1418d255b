// A canary client secret and canary Management tokens pushed through every command the extension
// registers that can take them (add tenant with a secret and with a pasted token, scaffold, deploy,
// update, copy as curl, tree listing and details, reveal, diff, pull, refresh, provider check,
// authorize link, test login, token decoding, move to oidc), then looked for, as bytes (UTF-8 and
// UTF-16), in: the extension's log files and every other log of the profile, the profile's and the
// workspace's settings.json, every state.vscdb (SQLite: global and workspace state), every file of
// the workspace folder, the text of every open document (diff previews included), every command
// result, the HTML of the login view, the extension's global and workspace state (read whole through
// its context, since code-server keeps state in the browser and flushes it when it likes), the local
// history of saved files, and every other file of the run's profile, Chromium's included. Never
// found. Positive controls make sure each search could find something: the extension's log holds
// its requests, settings.json holds the tenant, workspace state holds the last deploy.
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Trees } from '../../../src/tree';
import type { ConnectionNode } from '../../../src/tree/nodes/connectionNode';
import type { TenantNode } from '../../../src/tree/nodes/tenantNode';
import type { TreeNode } from '../../../src/tree/nodes/treeNode';
import { startSandbox, type Sandbox } from '../../sandbox';
import { testLoginInTestBrowser, waitFor, workspaceFolder } from './helpers';

const EXTENSION_ID = 'auth0-oidc-tools.auth0-oidc-connections';

/**
 * Every file under `dir`, skipping what cannot be read. Bounded, but a search that hits the bound
 * fails rather than pass on what it did not look at; the count is printed with the run.
 */
async function filesUnder(dir: string, limit = 20_000): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string): Promise<void> => {
    let entries;
    try {
      entries = await fs.readdir(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (out.length >= limit) return;
      const p = path.join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile()) out.push(p);
    }
  };
  await walk(dir);
  assert.ok(
    out.length < limit,
    `the search under ${dir} stopped at its cap of ${limit} files: raise the cap, or the canary search proves nothing about the rest`,
  );
  console.log(`      canary search: ${out.length} files under ${dir}`);
  return out;
}

function needles(canaries: readonly string[]): { canary: string; bytes: Buffer[] }[] {
  return canaries.map((canary) => ({ canary, bytes: [Buffer.from(canary, 'utf8'), Buffer.from(canary, 'utf16le')] }));
}

async function findIn(files: readonly string[], canaries: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  const wanted = needles(canaries);
  for (const file of files) {
    let data: Buffer;
    try {
      data = await fs.readFile(file);
    } catch {
      continue;
    }
    for (const { canary, bytes } of wanted) {
      if (bytes.some((b) => data.includes(b))) found.push(`${file}: ${canary.slice(0, 12)}…`);
    }
  }
  return found;
}

describe('canary: secrets and tokens never leave SecretStorage', function () {
  this.timeout(120_000);
  let sandbox: Sandbox;
  let trees: Trees;
  const canarySecret = `canary-client-secret-${randomBytes(12).toString('hex')}`;
  let rpToken = '';
  let providerToken = '';
  const results: unknown[] = [];
  const htmls: string[] = [];
  const written: vscode.Uri[] = [];
  /**
   * Secrets that exist anyway and must not spread either: the tenants' machine-to-machine secrets and the provider
   * app's.
   */
  let otherSecrets: string[] = [];
  /** Written to workspace state by the deploy: the positive control that state storage is searchable. */
  let connectionId = '';

  before(async () => {
    trees = await vscode.extensions.getExtension<Trees>(EXTENSION_ID)!.activate();
    sandbox = await startSandbox();
    rpToken = await sandbox.rp.issueManagementToken();
    providerToken = await sandbox.provider.issueManagementToken();
    otherSecrets = [sandbox.rp.m2m.clientSecret, sandbox.provider.m2m.clientSecret];
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const uri of written)
      await vscode.workspace.fs.delete(uri, { recursive: true }).then(undefined, () => undefined);
    for (const t of [sandbox?.rp, sandbox?.provider])
      if (t) await vscode.commands.executeCommand('auth0Oidc.removeTenant', { domain: t.baseUrl, confirmed: true });
    await sandbox?.close();
  });

  const canaries = (): string[] => [canarySecret, rpToken, providerToken, ...otherSecrets];
  /** Keeps a command's result, and the HTML of a view it opened, for the search of the second test. */
  const record = <T>(command: string, result: T): T => {
    results.push({ command, result: result instanceof vscode.Uri ? result.toString() : result });
    const html = (result as { html?: unknown } | undefined)?.html;
    if (typeof html === 'string') htmls.push(html);
    return result;
  };
  const run = async <T>(command: string, ...args: unknown[]): Promise<T | undefined> =>
    record(command, await vscode.commands.executeCommand<T>(command, ...args));

  it('pushes the canaries through every command that takes them', async () => {
    const rp = sandbox.rp;
    const provider = sandbox.provider;
    const folder = workspaceFolder();
    const providerApp = provider.app('Provider App for RP');
    const webApp = rp.app('RP Web App');
    // Tenants: the RP with client credentials, checked against the tenant; the provider with a pasted token.
    assert.ok(
      await run('auth0Oidc.addTenant', {
        domain: rp.baseUrl,
        label: 'Canary RP',
        clientId: rp.m2m.clientId,
        clientSecret: rp.m2m.clientSecret,
        verify: true,
      }),
    );
    assert.ok(
      await run('auth0Oidc.addTenant', {
        domain: provider.baseUrl,
        label: 'Canary provider',
        token: providerToken,
        verify: true,
      }),
    );
    // A connection whose secret is the canary, and one with the provider app's real secret for the login.
    const canaryFile = await run<vscode.Uri>('auth0Oidc.newConnectionFile', {
      name: 'canary',
      domain: provider.domain,
      clientId: providerApp.clientId,
      clientSecret: canarySecret,
      scopes: ['openid', 'profile'],
      enabledClients: [webApp.clientId],
      folder,
      open: true,
    });
    assert.ok(canaryFile);
    written.push(canaryFile);
    const loginFile = await run<vscode.Uri>('auth0Oidc.newConnectionFile', {
      name: 'canary-login',
      domain: provider.domain,
      clientId: providerApp.clientId,
      clientSecret: providerApp.clientSecret,
      scopes: ['openid', 'profile', 'email'],
      enabledClients: [webApp.clientId],
      folder,
      open: false,
    });
    assert.ok(loginFile);
    written.push(loginFile);
    const created = await run<{ kind: string; connectionId: string }>('auth0Oidc.deployConnection', {
      file: canaryFile,
      tenant: rp.baseUrl,
    });
    assert.equal(created?.kind, 'create');
    connectionId = created.connectionId;
    assert.equal(
      [...rp.state.connections.values()].find((c) => c.name === 'canary')?.options.client_secret,
      canarySecret,
      'the canary really went to the tenant',
    );
    assert.equal(
      (await run<{ kind: string }>('auth0Oidc.deployConnection', { file: loginFile, tenant: rp.baseUrl }))?.kind,
      'create',
    );
    // An update shows a diff (secret masked) and keeps the stored secret.
    const document = await vscode.workspace.openTextDocument(canaryFile);
    const body = JSON.parse(document.getText()) as { options: { scope: string } };
    body.options.scope = 'openid profile email';
    const edit = new vscode.WorkspaceEdit();
    edit.replace(canaryFile, new vscode.Range(0, 0, document.lineCount, 0), `${JSON.stringify(body, undefined, 2)}\n`);
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(await document.save());
    const curl = await run<string>('auth0Oidc.copyDeployAsCurl', { file: canaryFile, tenant: rp.baseUrl });
    assert.match(curl ?? '', /curl .*-X PATCH/);
    results.push({ clipboard: await vscode.env.clipboard.readText() });
    assert.equal(
      (
        await run<{ kind: string }>('auth0Oidc.deployConnection', {
          file: canaryFile,
          tenant: rp.baseUrl,
          confirmUpdate: true,
        })
      )?.kind,
      'update',
    );

    // The tree: tenants, connections, their details and applications, reveal, diff and pull.
    await run('auth0Oidc.refreshTenants');
    await run('auth0Oidc.refreshConnectionFiles');
    const tree = trees.tenantsTree;
    const texts: string[] = [];
    const expand = async (node: TreeNode | undefined, depth: number): Promise<void> => {
      const children = await waitFor('the tree to load', async () => {
        const c = await tree.getChildren(node);
        return c.some((n) => tree.getTreeItem(n).contextValue === 'loading') ? undefined : c;
      });
      for (const child of children) {
        const item = tree.getTreeItem(child);
        texts.push(
          JSON.stringify([
            item.label,
            item.description,
            typeof item.tooltip === 'string' ? item.tooltip : item.tooltip?.value,
          ]),
        );
        if (depth > 0 && item.collapsibleState !== vscode.TreeItemCollapsibleState.None) await expand(child, depth - 1);
      }
    };
    await expand(undefined, 3);
    results.push({ tree: texts });
    const rpTenant = ((await tree.getChildren()) as TenantNode[]).find(
      (n) => n.tenant.origin === new URL(rp.baseUrl).origin,
    );
    assert.ok(rpTenant, 'the RP tenant is in the tree');
    const revealed = await tree.revealConnection(rpTenant.tenant, created.connectionId);
    assert.equal(revealed.kind, 'revealed');
    const node = (revealed as { node: ConnectionNode }).node;
    await run('auth0Oidc.diffConnection', node);
    const pullFolder = vscode.Uri.joinPath(folder, 'canary-pulled');
    written.push(pullFolder);
    const pulled = await run<vscode.Uri>('auth0Oidc.pullConnection', node, pullFolder);
    assert.ok(pulled, 'pull wrote a file');
    await run('auth0Oidc.copyId', node);
    await run('auth0Oidc.refreshTenants', rpTenant);

    // Provider check, authorize link, test login, token decoding, move to oidc.
    await run('auth0Oidc.checkProvider', { file: canaryFile, rpDomain: rp.baseUrl });
    await run('auth0Oidc.openAuthorizeLink', {
      connectionName: 'canary-login',
      tenant: rp.baseUrl,
      clientId: webApp.clientId,
      redirectUri: 'https://jwt.io',
      openBrowser: false,
    });
    const { result: login } = await testLoginInTestBrowser<{ userId?: string }>({
      connectionName: 'canary-login',
      tenant: rp.baseUrl,
      clientId: webApp.clientId,
    });
    record('auth0Oidc.testLogin', login);
    assert.ok(login?.userId?.startsWith('auth0-oidc|canary-login|'), 'the test login finished');
    await run('auth0Oidc.decodeToken', { token: rpToken });
    const moved = await run<{ uri: vscode.Uri }>('auth0Oidc.moveToOidc', {
      file: canaryFile,
      open: false,
      overwrite: true,
    });
    if (moved?.uri) written.push(moved.uri);
    assert.ok(htmls.length > 0, 'the login view gave its HTML');
  });

  it('finds them nowhere: results, webview HTML, open documents, workspace files, settings, state and logs', async () => {
    const folder = workspaceFolder().fsPath;
    // The runner's layout: <profile>/workspaces/<name> beside <profile>/user-data.
    const profile = path.resolve(folder, '..', '..');
    const userData = path.join(profile, 'user-data');
    assert.ok(existsSync(path.join(userData, 'User', 'settings.json')), `no profile at ${userData}`);

    const inResults = canaries().filter((c) => JSON.stringify(results).includes(c));
    assert.deepEqual(
      inResults.map((c) => c.slice(0, 12)),
      [],
      'a command result or the clipboard holds a secret',
    );
    const inHtml = canaries().filter((c) => htmls.some((h) => h.includes(c)));
    assert.deepEqual(
      inHtml.map((c) => c.slice(0, 12)),
      [],
      'the webview HTML holds a secret',
    );
    const inDocuments = vscode.workspace.textDocuments
      .filter((d) => canaries().some((c) => d.getText().includes(c)))
      .map((d) => d.uri.toString());
    assert.deepEqual(inDocuments, [], 'an open document (a diff preview?) holds a secret');

    // The extension's own log must exist and hold its requests, or the search below proves nothing.
    const logs = await filesUnder(path.join(userData, 'logs'));
    const ours = logs.filter((f) => /Auth0 OIDC\.log$/.test(f));
    assert.ok(ours.length > 0, `no log file of the extension among ${logs.length} logs`);
    await waitFor('the log to hold the deploy', async () => {
      for (const f of ours) if ((await fs.readFile(f, 'utf8')).includes('/api/v2/connections')) return true;
      return undefined;
    });

    const settings = [
      path.join(userData, 'User', 'settings.json'),
      path.join(folder, '.vscode', 'settings.json'),
    ].filter((f) => existsSync(f));
    const workspaceFiles = await filesUnder(folder);
    // Global and workspace state: state.vscdb (SQLite) on the desktop; code-server keeps them in
    // the browser's IndexedDB and Local Storage, in Chromium's profile under the run's tmp folder.
    const everything = await filesUnder(profile, 50_000);
    const state = everything.filter(
      (f) => /state\.vscdb/.test(f) || /[\\/](IndexedDB|Local Storage|Session Storage)[\\/]/.test(f),
    );
    assert.ok(state.length > 0, 'no state storage found to search');
    // Positive control: what is known to be in settings is found there, so an empty search means something.
    assert.ok(
      (await findIn(settings, [new URL(sandbox.rp.baseUrl).host])).length > 0,
      'the tenants setting is not in settings.json',
    );
    // The browser flushes its state storage when it likes; the extension's own global and workspace
    // state are read whole through its context (the tree's services, not a public API).
    const context = (trees.tenantsTree as unknown as { services?: { context?: vscode.ExtensionContext } }).services
      ?.context;
    assert.ok(context, 'the extension context is reachable');
    const mementos = JSON.stringify(
      [context.globalState, context.workspaceState].map((m) => m.keys().map((k) => [k, m.get(k)])),
    );
    assert.ok(
      mementos.includes(connectionId),
      'the last deploy is not in workspace state: the positive control failed',
    );
    assert.deepEqual(
      canaries()
        .filter((c) => mementos.includes(c))
        .map((c) => c.slice(0, 12)),
      [],
      "a secret or token is in the extension's global or workspace state",
    );
    assert.ok(
      logs.some((f) => f.startsWith(context.logUri.fsPath)),
      `the extension's log folder ${context.logUri.fsPath} is not among the logs searched`,
    );
    const history = everything.filter((f) => f.includes(path.join('User', 'History')));

    assert.deepEqual(await findIn(logs, canaries()), [], 'a secret or token is in a log');
    assert.deepEqual(await findIn(settings, canaries()), [], 'a secret or token is in settings.json');
    assert.deepEqual(await findIn(workspaceFiles, canaries()), [], 'a secret or token is in a workspace file');
    assert.deepEqual(await findIn(history, canaries()), [], 'a secret or token is in the local history of saved files');
    assert.deepEqual(await findIn(state, canaries()), [], 'a secret or token is in global or workspace state');
    // And anywhere else in the profile (code-server's data, caches, Chromium's profile).
    const searched = new Set([...logs, ...settings, ...workspaceFiles, ...history, ...state]);
    assert.deepEqual(
      await findIn(
        everything.filter((f) => !searched.has(f)),
        canaries(),
      ),
      [],
      'a secret or token is somewhere in the profile',
    );
  });
});
