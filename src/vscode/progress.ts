import * as vscode from 'vscode';
import type { RetryEvent } from '../auth0';
import { auth0 } from './lazyAuth0';
import { AlreadyShownError, userMessage } from './errors';

/**
 * What network work under a progress notification passes to every Management API call
 * (src/auth0's CallOptions fits): Cancel's signal, and the listener that turns the client's
 * waits into words in the notification ("no answer for 30 s, attempt 2 of 3, retrying in 4 s").
 */
export interface ProgressCalls {
  readonly signal: AbortSignal;
  readonly onRetry: (event: RetryEvent) => void;
}

type Work<T> = (
  signal: AbortSignal,
  progress: vscode.Progress<{ message?: string }>,
  calls: ProgressCalls,
) => Promise<T>;

/** A wait of the client in words: the reason, the attempt, the time left. */
export function describeRetry(event: RetryEvent): string {
  const reason = event.reason;
  if (reason.kind === 'paced') {
    return vscode.l10n.t("waiting for the tenant's rate limit ({0} s)", seconds(event.waitMs));
  }
  const why =
    reason.kind === 'timeout'
      ? vscode.l10n.t('no answer for {0} s', seconds(reason.afterMs))
      : reason.kind === 'rate-limit'
        ? vscode.l10n.t('rate limit reached')
        : reason.kind === 'server-error'
          ? vscode.l10n.t('server error {0}', reason.status)
          : reason.code !== undefined
            ? vscode.l10n.t('connection failed ({0})', reason.code)
            : vscode.l10n.t('connection failed');
  return event.started || event.waitMs <= 0
    ? vscode.l10n.t('{0}, attempt {1} of {2}', why, event.attempt, event.of)
    : vscode.l10n.t('{0}, attempt {1} of {2}, retrying in {3} s', why, event.attempt, event.of, seconds(event.waitMs));
}

/** Whole seconds, rounded up, so that a wait of 0.3 s does not read "0 s". */
function seconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

/**
 * The progress the work reports, with the client's waits added to its latest step ("Updating
 * partner — no answer for 30 s, attempt 2 of 3, retrying in 4 s"); a new step clears them.
 */
export function progressWithRetries(progress: vscode.Progress<{ message?: string }>): {
  readonly progress: vscode.Progress<{ message?: string }>;
  readonly onRetry: (event: RetryEvent) => void;
} {
  let step: string | undefined;
  return {
    progress: {
      report: (value) => {
        if (value.message !== undefined) step = value.message;
        progress.report(value);
      },
    },
    onRetry: (event) => {
      const wait = describeRetry(event);
      progress.report({ message: step ? `${step} — ${wait}` : wait });
    },
  };
}

/**
 * Runs network work under a notification with a Cancel button; Cancel aborts the signal the work
 * gets (a wait between retries and an unanswered request end at once), and the work's rejection
 * (the AbortError) is passed on: for callers that must tell a cancellation from an answer. The
 * client's retries show in the notification when the work passes `calls` to its requests.
 */
export function withAbortableProgress<T>(title: string, work: Work<T>): Thenable<T> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      const subscription = token.onCancellationRequested(() => abort.abort());
      const shown = progressWithRetries(progress);
      try {
        return await work(abort.signal, shown.progress, { signal: abort.signal, onRetry: shown.onRetry });
      } finally {
        subscription.dispose();
      }
    },
  );
}

export interface CancellableProgressOptions {
  /**
   * When the work fails in a way a later try may not (no answer, a lost connection, 5xx, 429,
   * once the client's own retries are spent), show the error with "Retry", which runs the same
   * work again (same tenant, same file, same confirmed plan) so the command goes on from there;
   * any other answer ends the command with an AlreadyShownError, which the command wrapper
   * (src/commands.ts) only logs. For commands that leave their errors to that wrapper.
   */
  readonly offerRetry?: boolean;
}

/** The same, resolving to undefined when the person cancelled, so callers just stop. */
export async function withCancellableProgress<T>(
  title: string,
  work: Work<T>,
  options: CancellableProgressOptions = {},
): Promise<T | undefined> {
  for (;;) {
    let signal: AbortSignal | undefined;
    try {
      return await withAbortableProgress(title, (s, progress, calls) => {
        signal = s;
        return work(s, progress, calls);
      });
    } catch (error) {
      if (signal?.aborted) return undefined;
      if (!options.offerRetry || !isTransient(error)) throw error;
      if (!(await offerRetry(error))) throw new AlreadyShownError(error);
    }
  }
}

/** Shows a transient failure with "Retry"; true when the person chose it. */
async function offerRetry(error: unknown): Promise<boolean> {
  const retry = vscode.l10n.t('Retry');
  return (await vscode.window.showErrorMessage(userMessage(error), retry)) === retry;
}

function isTransient(error: unknown): boolean {
  // The client's errors come from its lazily loaded bundle: its own check knows its classes.
  try {
    return auth0().isTransientFailure(error);
  } catch {
    return false;
  }
}
