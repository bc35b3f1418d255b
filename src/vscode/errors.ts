import * as vscode from 'vscode';

import { isCancellation } from '../auth0/errors';
import type { Log } from './log';

/**
 * A refusal whose message is meant for the person as it stands (a file with errors, a tenant not
 * configured, a connection not enabled): the command wrapper (src/commands.ts) shows it as a
 * warning, without "Show Log". Everything else is an error; cancellations are quiet.
 */
export class UserFacingError extends Error {
  override readonly name = 'UserFacingError';
}

/**
 * An error already shown to the person (with "Retry", by src/vscode/progress.ts), who chose not
 * to retry: the command wrapper logs it and shows nothing more.
 */
export class AlreadyShownError extends Error {
  override readonly name = 'AlreadyShownError';
  constructor(readonly shown: unknown) {
    super(shown instanceof Error ? shown.message : String(shown), { cause: shown });
  }
}

/** The words to show a person for any error: the client's own advice when it has some. */
export function userMessage(error: unknown): string {
  // Duck-typed: the Auth0 client's errors come from a lazily loaded bundle.
  if (typeof error === 'object' && error !== null && 'userMessage' in error && typeof error.userMessage === 'string')
    return error.userMessage;
  return error instanceof Error ? error.message : String(error);
}

/**
 * How every command ends on a thrown error: a UserFacingError as a warning, a cancellation
 * (the client's CancelledError, an AbortError, Escape in a multi-step input) quietly, an error
 * shown already (AlreadyShownError) only logged, anything else logged and shown with "Show Log".
 * Never shows a secret.
 */
export function showError(log: Log, context: string, error: unknown): void {
  if (error instanceof UserFacingError) {
    log.info(`${context}: ${log.redactor.redact(error.message)}`);
    void vscode.window.showWarningMessage(log.redactor.redact(error.message));
    return;
  }
  if (isCancellation(error)) {
    log.info(`${context}: cancelled`);
    return;
  }
  if (error instanceof AlreadyShownError) {
    log.error(context, error.shown);
    return;
  }
  log.error(context, error);
  const showLog = vscode.l10n.t('Show Log');
  void vscode.window.showErrorMessage(log.redactor.redact(userMessage(error)), showLog).then((choice) => {
    if (choice === showLog) log.show();
  });
}
