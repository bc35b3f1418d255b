import * as vscode from 'vscode';
import { quickFixesFor } from '../core/connectionFile/quickFixes';
import { validateConnectionText } from '../core/connectionFile/validate';
import { SecretKeys, type SecretStore } from '../vscode/secretStore';

/**
 * Stores the literal secret at `offset` of the document and only then replaces it with its
 * placeholder. The secret is read from the document here rather than carried in the code
 * action's arguments, which travel to the workbench (the browser, under code-server).
 */
export function storeSecretAndEdit(secrets: SecretStore) {
  return async (uri: vscode.Uri, offset: number): Promise<void> => {
    const document = await vscode.workspace.openTextDocument(uri);
    const text = document.getText();
    const diagnostic = validateConnectionText(text, { fileName: uri.path }).find(
      (d) => d.code === 'client-secret-literal' && d.span.offset === offset,
    );
    const fix = diagnostic && quickFixesFor(text, diagnostic).find((f) => f.storeSecret);
    if (!fix?.storeSecret) return; // the file changed meanwhile: nothing to move any more
    await secrets.store(SecretKeys.placeholder(fix.storeSecret.key), fix.storeSecret.value);
    const edit = new vscode.WorkspaceEdit();
    for (const e of fix.edits)
      edit.replace(
        uri,
        new vscode.Range(document.positionAt(e.offset), document.positionAt(e.offset + e.length)),
        e.newText,
      );
    if (await vscode.workspace.applyEdit(edit)) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t(
          "The client secret is now in VS Code's secret storage as ##{0}##; deploy fills it in.",
          fix.storeSecret.key,
        ),
      );
    }
  };
}
