import * as vscode from 'vscode';
import { CONNECTION_FILES_GLOB, isConnectionFileName } from '../core/connectionFile/connectionModel';

/** A file given as a URI, an absolute path or a URI string (argument objects from tests and tasks). */
export function toUri(file: vscode.Uri | string): vscode.Uri {
  return file instanceof vscode.Uri ? file : file.includes('://') ? vscode.Uri.parse(file) : vscode.Uri.file(file);
}

/** Which connection files a command takes, and what it says when the workspace has none. */
export interface ConnectionFileKind {
  readonly accepts: (path: string) => boolean;
  readonly noneMessage: string;
}

/** Every connection file: auth0-oidc-connection.json, *.auth0-oidc.json, *.oidc-connection.json. */
export function anyConnectionFile(): ConnectionFileKind {
  return {
    accepts: isConnectionFileName,
    noneMessage: vscode.l10n.t(
      'No connection file (auth0-oidc-connection.json, *.auth0-oidc.json or *.oidc-connection.json) is open or in the workspace. Run "Auth0 OIDC: New Connection File" first.',
    ),
  };
}

/**
 * The connection file a command is about: its argument (Explorer, editor title, a tree node with a
 * resourceUri), else the active editor's file, else the only one of its kind in the workspace,
 * else a pick among them (a walkthrough button or the palette with the walkthrough in front).
 */
export async function connectionFileFromArg(
  arg: unknown,
  placeHolder: string,
  kind: ConnectionFileKind = anyConnectionFile(),
): Promise<vscode.Uri | undefined> {
  const invoked = invokedFile(arg, kind.accepts);
  if (invoked) return invoked;
  const files = (await vscode.workspace.findFiles(CONNECTION_FILES_GLOB, '**/node_modules/**', 200)).filter((uri) =>
    kind.accepts(uri.path),
  );
  if (files.length === 1) return files[0];
  if (files.length === 0) {
    void vscode.window.showInformationMessage(kind.noneMessage);
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    files.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })),
    { ignoreFocusOut: true, placeHolder },
  );
  return picked?.uri;
}

/**
 * The file a command was invoked on (Explorer, editor title, a tree node with a resourceUri), else
 * the active editor's file when `accepts` its name; no search, no prompt.
 */
export function invokedFile(arg: unknown, accepts: (path: string) => boolean): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  if (typeof arg === 'object' && arg !== null && 'resourceUri' in arg && arg.resourceUri instanceof vscode.Uri)
    return arg.resourceUri;
  const active = vscode.window.activeTextEditor?.document.uri;
  return active && accepts(active.path) ? active : undefined;
}
