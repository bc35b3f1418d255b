import * as vscode from 'vscode';
import { stripBom } from '../core/connectionFile/fileText';

/**
 * A file's text as the person sees it: the unsaved edits when it is open and dirty; otherwise the
 * file on disk, which may be newer than an open document VS Code has not reloaded yet; the open
 * document when nothing is behind it (untitled, virtual). Deploy, the Connection Files view and
 * the diff all read files through here.
 */
export async function readDocumentText(uri: vscode.Uri): Promise<string> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open?.isDirty) return stripBom(open.getText());
  try {
    return stripBom(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
  } catch (error) {
    if (open) return stripBom(open.getText());
    throw error;
  }
}
