import * as vscode from 'vscode';
import { quickFixesFor } from '../core/connectionFile/quickFixes';
import { validateConnectionText } from '../core/connectionFile/validate';
import type { ConnectionDiagnostic } from '../core/connectionFile/diagnostic';
import { DIAGNOSTIC_SOURCE } from './connectionDiagnostics';
import type { SecretStore } from '../vscode/secretStore';
import { SecretKeys } from '../vscode/secretStore';

export const STORE_SECRET_AND_EDIT_COMMAND = 'auth0Oidc.internal.storeSecretAndEdit';

/** Quick fixes for the extension's diagnostics, computed by the core from the document's text. */
export class ConnectionCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const ours = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
    if (ours.length === 0) return [];
    const text = document.getText();
    const current = validateConnectionText(text);
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of ours) {
      const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
      const command = COMMAND_FIXES[String(code)];
      if (command) {
        const action = new vscode.CodeAction(command.title(), vscode.CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        action.command = { command: command.command, title: action.title, arguments: [document.uri] };
        actions.push(action);
        continue;
      }
      const core = matchCore(document, diagnostic, current);
      if (!core) continue;
      for (const fix of quickFixesFor(text, core)) {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        action.isPreferred = fix.isPreferred ?? false;
        const edit = new vscode.WorkspaceEdit();
        for (const e of fix.edits) edit.replace(document.uri, new vscode.Range(document.positionAt(e.offset), document.positionAt(e.offset + e.length)), e.newText);
        if (fix.storeSecret) {
          // The secret must be safely stored before it leaves the file, so the command does both in order.
          action.command = { command: STORE_SECRET_AND_EDIT_COMMAND, title: fix.title, arguments: [document.uri, core.span.offset] };
        } else {
          action.edit = edit;
        }
        actions.push(action);
      }
    }
    return actions;
  }
}

/** Diagnostics whose fix is a command rather than an edit: it needs a tenant or writes another file. */
const PROVIDER_FIX = { command: 'auth0Oidc.checkProvider', title: () => vscode.l10n.t('Check and fix the provider application…') };
const COMMAND_FIXES: Record<string, { command: string; title: () => string } | undefined> = {
  'strategy-deprecated': { command: 'auth0Oidc.moveToOidc', title: () => vscode.l10n.t('Move to an OIDC enterprise connection…') },
  'provider-app-type': PROVIDER_FIX,
  'provider-callback-missing': PROVIDER_FIX,
  'provider-oidc-conformant': PROVIDER_FIX,
  'provider-legacy-profile': PROVIDER_FIX,
};

/** The core diagnostic behind a VS Code one: same code, same start. */
function matchCore(document: vscode.TextDocument, diagnostic: vscode.Diagnostic, current: ConnectionDiagnostic[]): ConnectionDiagnostic | undefined {
  const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
  const offset = document.offsetAt(diagnostic.range.start);
  return current.find((d) => d.code === code && d.span.offset === offset);
}

/**
 * Stores the literal secret at `offset` of the document and only then replaces it with its
 * placeholder. The secret is read from the document here rather than carried in the code
 * action's arguments, which travel to the workbench (the browser, under code-server).
 */
export function storeSecretAndEdit(secrets: SecretStore) {
  return async (uri: vscode.Uri, offset: number): Promise<void> => {
    const document = await vscode.workspace.openTextDocument(uri);
    const text = document.getText();
    const diagnostic = validateConnectionText(text).find((d) => d.code === 'client-secret-literal' && d.span.offset === offset);
    const fix = diagnostic && quickFixesFor(text, diagnostic).find((f) => f.storeSecret);
    if (!fix?.storeSecret) return; // the file changed meanwhile: nothing to move any more
    await secrets.store(SecretKeys.placeholder(fix.storeSecret.key), fix.storeSecret.value);
    const edit = new vscode.WorkspaceEdit();
    for (const e of fix.edits) edit.replace(uri, new vscode.Range(document.positionAt(e.offset), document.positionAt(e.offset + e.length)), e.newText);
    if (await vscode.workspace.applyEdit(edit)) {
      void vscode.window.showInformationMessage(vscode.l10n.t('The client secret is now in VS Code\'s secret storage as ##{0}##; deploy fills it in.', fix.storeSecret.key));
    }
  };
}
