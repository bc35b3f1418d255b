// Workspace trust, phase 2: code-server with workspace trust ON opens a folder it was never told
// to trust (the start-up prompt is off, so it opens in Restricted Mode). The folder's settings list
// the sandbox tenants, whose credentials phase 1 stored, and its connection files are valid. Every
// contributed command runs, with arguments that skip its questions where it has them, and both
// views are expanded. The runner, which started the sandbox outside this extension host, then
// asserts that neither tenant saw a single request (token, Management API, login); this suite
// asserts that validation still works.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { pollUntil } from '../../../pollUntil';
import { trustSeed } from '../shared';

const EXTENSION_ID = 'auth0-oidc-tools.auth0-oidc-connections';
/** A command that is still waiting for input after this long is left waiting (its picker is closed). */
const COMMAND_DEADLINE_MS = 3000;

type Node = object;
interface Api {
  tenantsTree: vscode.TreeDataProvider<Node>;
  connectionFilesTree: vscode.TreeDataProvider<Node>;
}

function folder(): vscode.Uri {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'the runner opens the untrusted folder');
  return f.uri;
}

async function labelsOf(tree: vscode.TreeDataProvider<Node>, parent?: Node, depth = 0): Promise<string[]> {
  const nodes = (await tree.getChildren(parent)) ?? [];
  const labels: string[] = [];
  for (const node of nodes) {
    const item = await tree.getTreeItem(node);
    const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
    labels.push(`${'  '.repeat(depth)}${label}`);
    if (item.collapsibleState !== vscode.TreeItemCollapsibleState.None && depth < 3)
      labels.push(...(await labelsOf(tree, node, depth + 1)));
  }
  return labels;
}

describe('workspace trust, phase 2 (untrusted folder)', function () {
  this.timeout(120_000);
  let api: Api;
  const seed = trustSeed();
  const tenant = (i: number): string => seed.tenants[i]!.domain;

  before(async () => {
    api = (await vscode.extensions.getExtension(EXTENSION_ID)!.activate()) as Api;
  });

  it('runs in Restricted Mode, with the tenants from the folder settings', () => {
    assert.equal(vscode.workspace.isTrusted, false, 'the folder must open untrusted, or this run proves nothing');
    const listed = vscode.workspace.getConfiguration('auth0Oidc').inspect<{ domain: string }[]>('tenants');
    assert.deepEqual(
      listed?.workspaceValue?.map((t) => t.domain),
      seed.tenants.map((t) => t.domain),
    );
  });

  it('validates the connection files as in a trusted workspace', async () => {
    const broken = vscode.Uri.joinPath(folder(), seed.brokenFile);
    const valid = vscode.Uri.joinPath(folder(), seed.validFile);
    await vscode.workspace.openTextDocument(broken);
    await vscode.workspace.openTextDocument(valid);
    const errors = await pollUntil(
      'diagnostics on the broken file',
      () => {
        const found = vscode.languages
          .getDiagnostics(broken)
          .filter((d) => d.source === 'auth0-oidc' && d.severity === vscode.DiagnosticSeverity.Error);
        return found.length > 0 && found;
      },
      { timeoutMs: 20_000 },
    );
    assert.ok(errors.length > 0);
    const validErrors = vscode.languages
      .getDiagnostics(valid)
      .filter((d) => d.source === 'auth0-oidc' && d.severity === vscode.DiagnosticSeverity.Error);
    assert.deepEqual(
      validErrors.map((d) => d.message),
      [],
      'the valid file has no errors',
    );
  });

  it('shows both views without contacting a tenant', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.auth0Oidc');
    const tenants = await labelsOf(api.tenantsTree);
    assert.ok(tenants.length >= seed.tenants.length, `tenants listed: ${tenants.join(' | ')}`);
    assert.ok(
      tenants.some((l) => /trust/i.test(l)),
      `a tenant explains it lists nothing until trusted: ${tenants.join(' | ')}`,
    );
    const files = await labelsOf(api.connectionFilesTree);
    assert.ok(files.length > 0, 'the connection files are listed');
  });

  it('runs every contributed command; the ones that talk to a tenant refuse at once', async () => {
    const file = vscode.Uri.joinPath(folder(), seed.validFile);
    await vscode.window.showTextDocument(file);
    const args: Record<string, unknown[]> = {
      'auth0Oidc.addTenant': [
        {
          domain: tenant(0),
          clientId: seed.tenants[0]!.clientId,
          clientSecret: seed.tenants[0]!.clientSecret,
        },
      ],
      'auth0Oidc.editTenant': [tenant(0)],
      'auth0Oidc.deployConnection': [file, { tenant: tenant(0) }],
      'auth0Oidc.copyDeployAsCurl': [file, { tenant: tenant(0) }],
      'auth0Oidc.deployFileToTenant': [tenant(0)],
      'auth0Oidc.checkProvider': [{ file, rpDomain: tenant(0), fix: true }],
      'auth0Oidc.openAuthorizeLink': [{ file, tenant: tenant(0), openBrowser: false }],
      'auth0Oidc.testLogin': [{ file, tenant: tenant(0), openBrowser: false, allowCallbackChange: true }],
      'auth0Oidc.revealConnection': [{ tenant: tenant(0), connectionId: 'con_0123456789abcdef' }],
      'auth0Oidc.moveToOidc': [file],
      'auth0Oidc.decodeToken': [{ token: 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.' }],
      'auth0Oidc.refreshTenants': [],
      'auth0Oidc.refreshConnectionFiles': [],
    };
    // Refused by the trust gate: these must come back at once, without waiting for anyone.
    const gated = [
      'auth0Oidc.addTenant',
      'auth0Oidc.editTenant',
      'auth0Oidc.deployConnection',
      'auth0Oidc.copyDeployAsCurl',
      'auth0Oidc.deployFileToTenant',
      'auth0Oidc.openAuthorizeLink',
      'auth0Oidc.testLogin',
      'auth0Oidc.revealConnection',
      'auth0Oidc.pullConnection',
      'auth0Oidc.diffConnection',
      'auth0Oidc.deleteConnection',
    ];
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as {
      contributes: { commands: { command: string }[] };
    };
    const ids = manifest.contributes.commands.map((c) => c.command);
    assert.ok(ids.length >= 20, `${ids.length} commands contributed`);
    // Remove Tenant last: it would forget the stored credentials the other commands could use.
    const order = [...ids.filter((id) => id !== 'auth0Oidc.removeTenant'), 'auth0Oidc.removeTenant'];
    const late: string[] = [];
    const answered: string[] = [];
    for (const id of order) {
      let settled = false;
      const run = Promise.resolve(vscode.commands.executeCommand(id, ...(args[id] ?? []))).then(
        (value) => {
          settled = true;
          return value;
        },
        () => {
          settled = true;
          return undefined;
        },
      );
      const outcome = await Promise.race([
        run,
        new Promise<'pending'>((resolve) => setTimeout(() => resolve('pending'), COMMAND_DEADLINE_MS)),
      ]);
      if (gated.includes(id)) {
        if (!settled) late.push(id);
        else if (outcome !== undefined) answered.push(id);
      }
      // A command waiting for input (a picker, an input box) is left there; close what it opened.
      if (!settled) await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    }
    // Checked after all ran, so that the runner's request count covers every command.
    assert.deepEqual(late, [], 'the gated commands return at once');
    assert.deepEqual(answered, [], 'the gated commands refuse, returning nothing');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
