import * as vscode from 'vscode';

/**
 * In an untrusted workspace, validation works but nothing is sent to any tenant: a workspace's
 * files and settings must not be able to make the extension talk to the network unasked.
 */
export async function requireTrust(action: string): Promise<boolean> {
  if (vscode.workspace.isTrusted) return true;
  const manage = vscode.l10n.t('Manage Workspace Trust');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t(
      '{0} talks to Auth0 tenants, which is turned off in an untrusted workspace. Trust this workspace to continue; validation works either way.',
      action,
    ),
    manage,
  );
  if (choice === manage) await vscode.commands.executeCommand('workbench.trust.manage');
  return false;
}
