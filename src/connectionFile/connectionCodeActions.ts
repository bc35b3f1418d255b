import * as vscode from 'vscode';
import { quickFixesFor, type QuickFix } from '../core/connectionFile/quickFixes';
import { validateConnectionText } from '../core/connectionFile/validate';
import type { ConnectionDiagnostic } from '../core/connectionFile/diagnostic';
import { DIAGNOSTIC_SOURCE } from './connectionDiagnostics';
import { resolveKeywords } from '../core/environments/resolve';
import { clientTenantDiagnostics, type KnownTenant } from '../core/connectionFile/clientTenant';
import { CHECK_PROVIDER_COMMAND, MOVE_TO_OIDC_COMMAND, STORE_SECRET_AND_EDIT_COMMAND, commandFor } from '../commandIds';

/** Quick fixes for the extension's diagnostics, computed by the core from the document's text. */
export class ConnectionCodeActions implements vscode.CodeActionProvider {
  /** `tenantDomains`: the configured tenants' hosts, offered for a missing options.domain. */
  constructor(
    private readonly tenantDomains: () => readonly string[] = () => [],
    /** The configured tenants' applications known now, for `client-id-other-tenant`. */
    private readonly knownTenants: (text: string) => readonly KnownTenant[] = () => [],
  ) {}

  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
  };

  provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    const ours = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
    if (ours.length === 0) return [];
    const text = document.getText();
    const known = this.knownTenants(text);
    const current = validateConnectionText(text, { fileName: document.uri.path }).concat(
      clientTenantDiagnostics(text, known),
    );
    // A keyword's value comes from auth0-oidc.environments.json: no edit of the file fixes it (a
    // command fix, such as the provider check's, still applies).
    const keywords = resolveKeywords(text, {}).problems.map((p) => p.span);
    const onKeyword = (d: vscode.Diagnostic): boolean => {
      const start = document.offsetAt(d.range.start);
      const end = document.offsetAt(d.range.end);
      return keywords.some((k) => k.offset < end && start < k.offset + k.length);
    };
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
      if (onKeyword(diagnostic)) continue;
      const core = matchCore(document, diagnostic, current);
      if (!core) continue;
      for (const fix of quickFixesFor(text, core, { tenantDomains: this.tenantDomains(), knownTenants: known })) {
        const action = fixToCodeAction(document, fix, diagnostic);
        if (fix.storeSecret) {
          // The secret must be safely stored before it leaves the file, so the command does both in order.
          delete action.edit;
          action.command = commandFor(STORE_SECRET_AND_EDIT_COMMAND, fix.title, document.uri, core.span.offset);
        }
        actions.push(action);
      }
    }
    return actions;
  }
}

/** Diagnostics whose fix is a command rather than an edit: it needs a tenant or writes another file. */
const PROVIDER_FIX = {
  command: CHECK_PROVIDER_COMMAND,
  title: () => vscode.l10n.t('Check and fix the provider application…'),
};
const COMMAND_FIXES: Record<string, { command: string; title: () => string } | undefined> = {
  'strategy-deprecated': {
    command: MOVE_TO_OIDC_COMMAND,
    title: () => vscode.l10n.t('Move to an OIDC enterprise connection…'),
  },
  'provider-app-type': PROVIDER_FIX,
  'provider-callback-missing': PROVIDER_FIX,
  'provider-oidc-conformant': PROVIDER_FIX,
  'provider-legacy-profile': PROVIDER_FIX,
  'provider-grant-types': PROVIDER_FIX,
  'provider-token-auth-method': PROVIDER_FIX,
};

/** A core quick fix as the code action of `diagnostic`: its edits as one workspace edit. */
export function fixToCodeAction(
  document: vscode.TextDocument,
  fix: QuickFix,
  diagnostic: vscode.Diagnostic,
): vscode.CodeAction {
  const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  action.isPreferred = fix.isPreferred ?? false;
  const edit = new vscode.WorkspaceEdit();
  for (const e of fix.edits)
    edit.replace(
      document.uri,
      new vscode.Range(document.positionAt(e.offset), document.positionAt(e.offset + e.length)),
      e.newText,
    );
  action.edit = edit;
  return action;
}

/** The core diagnostic behind a VS Code one: same code, same start. */
export function matchCore(
  document: vscode.TextDocument,
  diagnostic: vscode.Diagnostic,
  current: readonly ConnectionDiagnostic[],
): ConnectionDiagnostic | undefined {
  const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
  const offset = document.offsetAt(diagnostic.range.start);
  return current.find((d) => d.code === code && d.span.offset === offset);
}
