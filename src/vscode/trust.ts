import * as vscode from 'vscode';

/**
 * In an untrusted workspace, validation works but nothing is sent to any tenant: a workspace's
 * files and settings must not be able to make the extension talk to the network unasked.
 *
 * True (refused) in an untrusted workspace, after telling why and offering to manage trust; the
 * message is not awaited, so the refused command returns at once. Called by the command table
 * (src/commands.ts) for every command that talks to a tenant; TenantRegistry.client() is the
 * other half of the gate.
 */
export function refuseUntrusted(action: string): boolean {
  if (vscode.workspace.isTrusted) return false;
  void explain(action);
  return true;
}

async function explain(action: string): Promise<void> {
  const manage = vscode.l10n.t('Manage Workspace Trust');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t(
      '{0} talks to Auth0 tenants, which is turned off in an untrusted workspace. Trust this workspace to continue; validation works either way.',
      action,
    ),
    manage,
  );
  if (choice === manage) await vscode.commands.executeCommand('workbench.trust.manage');
}
