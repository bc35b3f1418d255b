// Shared by the integration suites: polling with a deadline (never a fixed sleep) and files in
// the workspace folder the runner opened.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { pollUntil } from '../../pollUntil';
import type { Sandbox, SandboxTenant } from '../../sandbox';
import { TestBrowser } from '../../sandbox/browser';

export function waitFor<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 20_000,
): Promise<T> {
  return pollUntil(what, probe, { timeoutMs });
}

export function workspaceFolder(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('The integration runner opens a workspace folder; none is open.');
  return folder.uri;
}

export async function writeWorkspaceFile(name: string, text: string): Promise<vscode.Uri> {
  const uri = vscode.Uri.joinPath(workspaceFolder(), name);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return uri;
}

export function codeOf(d: vscode.Diagnostic): string | undefined {
  const code = typeof d.code === 'object' ? d.code.value : d.code;
  return code === undefined ? undefined : String(code);
}

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'auth0-oidc');
}

/**
 * Adds (or saves again) a sandbox tenant under `label` with client credentials, unchecked: its
 * all-scopes machine-to-machine application unless `credentials` names others; `more` adds to
 * Add Tenant's arguments (a custom domain).
 */
export async function addSandboxTenant(
  tenant: SandboxTenant,
  label: string,
  credentials: { clientId: string; clientSecret: string } = tenant.m2m,
  more: Record<string, unknown> = {},
): Promise<void> {
  await vscode.commands.executeCommand('auth0Oidc.addTenant', {
    domain: tenant.baseUrl,
    label,
    clientId: credentials.clientId,
    clientSecret: credentials.clientSecret,
    verify: false,
    ...more,
  });
}

/** Activates the extension, starts nothing: adds the sandbox's provider and RP as tenants with these labels. */
export async function addSandboxTenants(sandbox: Sandbox, providerLabel: string, rpLabel: string): Promise<void> {
  await vscode.extensions.getExtension('auth0-oidc-tools.auth0-oidc-connections')!.activate();
  await addSandboxTenant(sandbox.provider, providerLabel);
  await addSandboxTenant(sandbox.rp, rpLabel);
}

/**
 * New Connection File for the provider's "Provider App for RP", enabled for the RP Web App, written
 * unopened into the workspace folder (its secret goes to secret storage).
 */
export async function scaffoldSandboxConnection(sandbox: Sandbox, name: string): Promise<vscode.Uri> {
  const providerApp = sandbox.provider.app('Provider App for RP');
  return vscode.commands.executeCommand<vscode.Uri>('auth0Oidc.newConnectionFile', {
    name,
    domain: sandbox.provider.domain,
    clientId: providerApp.clientId,
    clientSecret: providerApp.clientSecret,
    scopes: ['openid', 'profile'],
    enabledClients: [sandbox.rp.app('RP Web App').clientId],
    folder: workspaceFolder(),
    open: false,
  });
}

/** Changes a connection file's JSON body through an edit in its document, then saves it. */
export async function editConnectionFile(file: vscode.Uri, change: (body: any) => void): Promise<void> {
  const document = await vscode.workspace.openTextDocument(file);
  const body = JSON.parse(document.getText());
  change(body);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(file, new vscode.Range(0, 0, document.lineCount, 0), JSON.stringify(body, undefined, 2) + '\n');
  assert.ok(await vscode.workspace.applyEdit(edit), `the edit of ${file.path} was applied`);
  await document.save();
}

/** Removes the sandbox's tenants, closes the editors and the sandbox: a suite's `after`. */
export async function removeSandboxTenants(sandbox: Sandbox | undefined): Promise<void> {
  for (const tenant of [sandbox?.provider, sandbox?.rp]) {
    if (tenant)
      await vscode.commands.executeCommand('auth0Oidc.removeTenant', { domain: tenant.baseUrl, confirmed: true });
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await sandbox?.close();
}

/**
 * Runs Test Login with `args` (openBrowser off, the loopback callback allowed, the sandbox's login
 * shortcut for `user`), a TestBrowser following the authorize link in place of the browser.
 * Returns the command's result, the authorize links the browser was sent to and, for failure
 * messages, the end of each page the browser saw.
 */
export async function testLoginInTestBrowser<R>(
  args: Record<string, unknown>,
  user = 'alice@provider.test',
): Promise<{ result: R | undefined; urls: string[]; pages: string[] }> {
  const browser = new TestBrowser();
  const urls: string[] = [];
  const followed: Promise<unknown>[] = [];
  try {
    const result = await vscode.commands.executeCommand<R | undefined>('auth0Oidc.testLogin', {
      openBrowser: false,
      allowCallbackChange: true,
      timeoutSeconds: 60,
      authorizeParams: { sandbox_login: user },
      onAuthorizeUrl: (url: string) => {
        urls.push(url);
        followed.push(browser.follow(url));
      },
      ...args,
    });
    const pages = (await Promise.allSettled(followed)).map((r) =>
      r.status === 'fulfilled' ? JSON.stringify(r.value).slice(-1500) : String(r.reason),
    );
    return { result, urls, pages };
  } finally {
    await Promise.allSettled(followed);
    await browser.close();
  }
}
