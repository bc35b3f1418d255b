import * as vscode from 'vscode';
import { UnsafeFileNameError, childPath } from '../core/connectionFile/safeFileName';

/** Whether anything exists at `uri` (file or folder). */
export async function uriExists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** The folder to write a new file in: the only workspace folder, a pick among several, or a dialog. */
export async function pickWriteFolder(placeHolder: string, openLabel: string): Promise<vscode.Uri | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 1) return folders[0]!.uri;
  if (folders.length > 1) return (await vscode.window.showWorkspaceFolderPick({ placeHolder }))?.uri;
  const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, openLabel });
  return picked?.[0];
}

/**
 * `fileName` directly inside `folder`; throws UnsafeFileNameError when the name would lead
 * anywhere else (a separator, `..`). Every write of a file name derived from a connection name
 * goes through here.
 */
export function childUri(folder: vscode.Uri, fileName: string): vscode.Uri {
  const path = childPath(folder.path, fileName);
  const uri = vscode.Uri.joinPath(folder, fileName);
  if (uri.path !== path)
    throw new UnsafeFileNameError(
      `"${fileName.slice(0, 60)}" does not resolve inside ${folder.path}; nothing was written.`,
    );
  return uri;
}
