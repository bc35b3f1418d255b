import * as vscode from 'vscode';
import { applicationNodeArg } from './nodeArgs';
import { ConnectionNode } from './nodes/connectionNode';

export const COPY_ID_COMMAND = 'auth0Oidc.copyId';

/** Copy ID — a connection's id (con_…) or an application's client id. */
export function copyId() {
  return async (arg?: unknown): Promise<string | undefined> => {
    const id = arg instanceof ConnectionNode ? arg.connection.id : applicationNodeArg(arg)?.application.clientId;
    if (id === undefined) return undefined;
    await vscode.env.clipboard.writeText(id);
    vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', id), 3000);
    return id;
  };
}
