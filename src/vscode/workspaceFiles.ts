import * as vscode from 'vscode';
import { UnsafeFileNameError, childPath } from '../core/connectionFile/safeFileName';
import { nodeFileSystem } from './nodeHost';

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

/** A write the extension refuses: through a symbolic link, or into a folder outside the workspace. */
export class UnsafeWriteTargetError extends Error {
  override readonly name = 'UnsafeWriteTargetError';
}

/**
 * Refuses to write `target` when it is a symbolic link (dangling or not) or when its folder's
 * real path is outside every workspace folder. `workspace.fs.writeFile` follows links, so a
 * repository that places `partner-oidc.oidc-connection.json -> ~/.bashrc` would otherwise have
 * Move to OIDC or Pull into File write there (issue 23.2). Only `file:` URIs have links to follow.
 */
export async function assertSafeWriteTarget(target: vscode.Uri): Promise<void> {
  if (target.scheme !== 'file') return;
  // Undefined in the browser's web worker host: its file system (File System Access) has no links.
  const node = await nodeFileSystem();
  if (!node) return;
  const { fs, path } = node;
  const entry = await fs.lstat(target.fsPath).catch(() => undefined);
  if (entry?.isSymbolicLink())
    throw new UnsafeWriteTargetError(
      vscode.l10n.t(
        '{0} is a symbolic link; nothing was written through it. Remove the link or choose another name.',
        vscode.workspace.asRelativePath(target),
      ),
    );
  // The folder may not exist yet (Pull into a new folder): its nearest existing ancestor decides.
  let folder: string | undefined;
  for (let dir = path.dirname(target.fsPath); folder === undefined; dir = path.dirname(dir)) {
    folder = await fs.realpath(dir).catch(() => undefined);
    if (folder === undefined && path.dirname(dir) === dir) break;
  }
  const roots = await Promise.all(
    (vscode.workspace.workspaceFolders ?? [])
      .filter((f) => f.uri.scheme === 'file')
      .map((f) => fs.realpath(f.uri.fsPath).catch(() => undefined)),
  );
  const inside = (root: string | undefined): boolean =>
    root !== undefined && folder !== undefined && (folder === root || folder.startsWith(root + path.sep));
  if (roots.length > 0 && !roots.some(inside))
    throw new UnsafeWriteTargetError(
      vscode.l10n.t(
        'The folder of {0} leads outside the workspace (a linked folder); nothing was written.',
        vscode.workspace.asRelativePath(target),
      ),
    );
}
