import * as vscode from 'vscode';

/**
 * Runs network work under a notification with a Cancel button; Cancel aborts the signal the work
 * gets, and the work's rejection (the AbortError) is passed on: for callers that must tell a
 * cancellation from an answer.
 */
export function withAbortableProgress<T>(
  title: string,
  work: (signal: AbortSignal, progress: vscode.Progress<{ message?: string }>) => Promise<T>,
): Thenable<T> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      const subscription = token.onCancellationRequested(() => abort.abort());
      try {
        return await work(abort.signal, progress);
      } finally {
        subscription.dispose();
      }
    },
  );
}

/**
 * The same, resolving to undefined when the person cancelled, so callers just stop.
 */
export async function withCancellableProgress<T>(
  title: string,
  work: (signal: AbortSignal, progress: vscode.Progress<{ message?: string }>) => Promise<T>,
): Promise<T | undefined> {
  let signal: AbortSignal | undefined;
  try {
    return await withAbortableProgress(title, (s, progress) => {
      signal = s;
      return work(s, progress);
    });
  } catch (error) {
    if (signal?.aborted) return undefined;
    throw error;
  }
}
