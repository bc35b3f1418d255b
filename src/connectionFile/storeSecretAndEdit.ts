import * as vscode from 'vscode';
import { quickFixesFor } from '../core/connectionFile/quickFixes';
import { readConnectionFile } from '../core/connectionFile/readConnectionFile';
import { SecretKeys, type SecretStore } from '../vscode/secretStore';
import { bindingOf } from '../core/connectionFile/placeholders';

/**
 * Stores the literal secret at `offset` of the document and only then replaces it with its
 * placeholder. The secret is read from the document here rather than carried in the code
 * action's arguments, which travel to the workbench (the browser, under code-server).
 */
export function storeSecretAndEdit(secrets: SecretStore) {
  return async (uri: vscode.Uri, offset: number): Promise<void> => {
    const document = await vscode.workspace.openTextDocument(uri);
    const text = document.getText();
    const reading = readConnectionFile(text, uri.path);
    const diagnostic = reading.diagnostics.find((d) => d.code === 'client-secret-literal' && d.span.offset === offset);
    const fix = diagnostic && quickFixesFor(text, diagnostic).find((f) => f.storeSecret);
    if (!fix?.storeSecret) return; // the file changed meanwhile: nothing to move any more
    const { key, value } = fix.storeSecret;
    // Another value already stored under this placeholder (another file, another project) is
    // replaced only when the person says so (issue 12.5).
    const stored = await secrets.get(SecretKeys.placeholder(key));
    if (stored !== undefined && stored !== value) {
      const replace = vscode.l10n.t('Replace Stored Secret');
      const answer = await vscode.window.showWarningMessage(
        vscode.l10n.t('A different secret is already stored as ##{0}##. Replace it with the one in this file?', key),
        { modal: true },
        replace,
      );
      if (answer !== replace) return;
    }
    await secrets.storePlaceholder(key, value, bindingOf(optionsOf(reading.object)));
    const edit = new vscode.WorkspaceEdit();
    for (const e of fix.edits)
      edit.replace(
        uri,
        new vscode.Range(document.positionAt(e.offset), document.positionAt(e.offset + e.length)),
        e.newText,
      );
    if (await vscode.workspace.applyEdit(edit)) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t("The client secret is now in VS Code's secret storage as ##{0}##; deploy fills it in.", key),
      );
    }
  };
}

/** The file's `options` object (read as far as it can be: the file may have errors), or an empty one. */
function optionsOf(object: Readonly<Record<string, unknown>> | undefined): Readonly<Record<string, unknown>> {
  const options = object?.options;
  return typeof options === 'object' && options !== null ? (options as Record<string, unknown>) : {};
}
