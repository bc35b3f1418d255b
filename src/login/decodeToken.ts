import * as vscode from 'vscode';
import { looksLikeJwt, MalformedTokenError, type ClaimCheck } from '../core/login/tokens';
import type { ParsedUserId } from '../core/login/userId';
import type { Services } from '../services';
import { LoginPanel } from './loginPanel';
import { decodedModel } from './model';
import type { TokensModel } from '../webview/protocol';

/** Arguments that skip the prompt. The token is decoded and shown, never stored or logged. */
export interface DecodeTokenArgs {
  readonly token: string;
}

/** What the command returns: the decoded parts and the view's model and HTML; never the raw token. */
export interface DecodeTokenOutcome {
  readonly header: Record<string, unknown>;
  readonly payload: Record<string, unknown>;
  readonly checks: readonly ClaimCheck[];
  readonly user?: ParsedUserId;
  readonly model: TokensModel;
  /** The view's HTML as rendered, for tests that check no token is in it. */
  readonly html: string;
}

/** Auth0 OIDC: Decode Token. The selection (when it is a JWT) or a pasted token, in the token view. */
export function decodeToken(services: Services) {
  return async (arg?: unknown): Promise<DecodeTokenOutcome | undefined> => {
    const raw = isDecodeTokenArgs(arg) ? arg.token : await tokenFromEditorOrInput();
    if (raw === undefined) return undefined;
    services.log.redactor.add(raw.trim());
    let model: TokensModel;
    try {
      model = decodedModel(raw, Date.now());
    } catch (error) {
      if (error instanceof MalformedTokenError) {
        void vscode.window.showWarningMessage(error.message);
        return undefined;
      }
      throw error;
    }
    const view = model.tokens[0]!;
    const panel = LoginPanel.show(services.context.extensionUri, services.log, model, 'decode', {
      [view.kind]: raw.trim(),
    });
    return {
      header: view.header ?? {},
      payload: view.payload ?? {},
      checks: view.checks,
      ...(model.user ? { user: model.user } : {}),
      model,
      html: panel.html,
    };
  };
}

async function tokenFromEditorOrInput(): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  const selected = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection) : undefined;
  if (selected !== undefined && looksLikeJwt(selected)) return selected;
  const value = await vscode.window.showInputBox({
    prompt: vscode.l10n.t('Paste an ID token or access token (a JWT). It is decoded here and not kept.'),
    password: true,
    ignoreFocusOut: true,
    validateInput: (text) =>
      text.trim() === '' || looksLikeJwt(text) ? undefined : vscode.l10n.t('A JWT has three parts separated by dots.'),
  });
  return value === undefined || value.trim() === '' ? undefined : value;
}

function isDecodeTokenArgs(arg: unknown): arg is DecodeTokenArgs {
  return typeof arg === 'object' && arg !== null && typeof (arg as DecodeTokenArgs).token === 'string';
}
