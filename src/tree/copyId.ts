import * as vscode from 'vscode';
import { applicationNodeArg } from './nodeArgs';
import { ConnectionNode } from './nodes/connectionNode';

/** Copy ID — a connection's id (con_…) or an application's client id. */
export function copyId() {
  return async (arg?: unknown): Promise<string | undefined> => {
    const id = arg instanceof ConnectionNode ? arg.connection.id : applicationNodeArg(arg)?.application.clientId;
    if (id === undefined) return undefined;
    await vscode.env.clipboard.writeText(id);
    // A notification, not a status bar message: users did not notice the latter (issue 13).
    void vscode.window.showInformationMessage(vscode.l10n.t('Copied {0} to the clipboard.', id));
    return id;
  };
}
