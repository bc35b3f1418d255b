import * as vscode from 'vscode';

import { isCancellation } from '../auth0/errors';
import type { Log } from './log';

/** The words to show a person for any error: the client's own advice when it has some. */
export function userMessage(error: unknown): string {
  // Duck-typed: the Auth0 client's errors come from a lazily loaded bundle.
  if (typeof error === 'object' && error !== null && 'userMessage' in error && typeof error.userMessage === 'string') return error.userMessage;
  return error instanceof Error ? error.message : String(error);
}

/** Logs the error and shows it with "Show Log"; cancellations are quiet. Never shows a secret. */
export function showError(log: Log, context: string, error: unknown): void {
  if (isCancellation(error)) {
    log.info(`${context}: cancelled`);
    return;
  }
  log.error(context, error);
  const showLog = vscode.l10n.t('Show Log');
  void vscode.window.showErrorMessage(log.redactor.redact(userMessage(error)), showLog).then((choice) => {
    if (choice === showLog) log.show();
  });
}

