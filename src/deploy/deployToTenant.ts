import * as vscode from 'vscode';
import { isConnectionFileName } from '../core/connectionFile/connectionModel';
import type { Services } from '../services';
import { tenantFromArg } from '../tenants/pickTenant';
import { CONNECTION_FILES_GLOB } from '../core/connectionFile/connectionModel';
import { DEPLOY_COMMAND, runCommand } from '../commandIds';

/** Deploy a File Here — from a tenant node: pick a connection file, then deploy it to that tenant. */
export function deployFileToTenant(services: Services) {
  return async (arg?: unknown): Promise<unknown> => {
    const tenant = tenantFromArg(services.tenants, arg);
    if (!tenant) return undefined;
    const active = vscode.window.activeTextEditor?.document.uri;
    const files = await vscode.workspace.findFiles(CONNECTION_FILES_GLOB, '**/node_modules/**', 200);
    if (files.length === 0) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t(
          'No connection file (auth0-oidc-connection.json, *.auth0-oidc.json or *.oidc-connection.json) is in the workspace. Run "Auth0 OIDC: New Connection File" first.',
        ),
      );
      return undefined;
    }
    const items = files
      .map((uri) => ({
        label: vscode.workspace.asRelativePath(uri),
        uri,
        ...(active && active.toString() === uri.toString() ? { description: vscode.l10n.t('active editor') } : {}),
      }))
      .sort((a, b) => (a.description ? -1 : b.description ? 1 : a.label.localeCompare(b.label)));
    const picked =
      files.length === 1
        ? items[0]
        : await vscode.window.showQuickPick(items, {
            ignoreFocusOut: true,
            placeHolder: vscode.l10n.t('Connection file to deploy to {0}', tenant.displayName),
          });
    if (!picked || !isConnectionFileName(picked.uri.path)) return undefined;
    // The deploy command takes (file, tenant node) and skips its own questions.
    return runCommand(DEPLOY_COMMAND, picked.uri, { tenant });
  };
}
