// Shared by the integration suites: polling with a deadline (never a fixed sleep) and files in
// the workspace folder the runner opened.
import * as vscode from 'vscode';
import { pollUntil } from '../../pollUntil';
import type { Sandbox } from '../../sandbox';
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

/** Activates the extension, starts nothing: adds the sandbox's provider and RP as tenants with these labels. */
export async function addSandboxTenants(sandbox: Sandbox, providerLabel: string, rpLabel: string): Promise<void> {
  await vscode.extensions.getExtension('auth0-oidc-tools.auth0-oidc-connections')!.activate();
  for (const [tenant, label] of [
    [sandbox.provider, providerLabel],
    [sandbox.rp, rpLabel],
  ] as const) {
    await vscode.commands.executeCommand('auth0Oidc.addTenant', {
      domain: tenant.baseUrl,
      label,
      clientId: tenant.m2m.clientId,
      clientSecret: tenant.m2m.clientSecret,
      verify: false,
    });
  }
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
 * Returns the command's result and, for failure messages, the end of each page the browser saw.
 */
export async function testLoginInTestBrowser<R>(
  args: Record<string, unknown>,
  user = 'alice@provider.test',
): Promise<{ result: R | undefined; pages: string[] }> {
  const browser = new TestBrowser();
  const followed: Promise<unknown>[] = [];
  try {
    const result = await vscode.commands.executeCommand<R | undefined>('auth0Oidc.testLogin', {
      openBrowser: false,
      allowCallbackChange: true,
      timeoutSeconds: 60,
      authorizeParams: { sandbox_login: user },
      onAuthorizeUrl: (url: string) => {
        followed.push(browser.follow(url));
      },
      ...args,
    });
    const pages = (await Promise.allSettled(followed)).map((r) =>
      r.status === 'fulfilled' ? JSON.stringify(r.value).slice(-1500) : String(r.reason),
    );
    return { result, pages };
  } finally {
    await Promise.allSettled(followed);
    await browser.close();
  }
}
