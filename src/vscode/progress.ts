import * as vscode from 'vscode';

/**
 * Runs network work under a notification with a Cancel button; Cancel aborts the signal the work
 * gets. Resolves to undefined when the person cancelled, so callers just stop.
 */
export async function withCancellableProgress<T>(
  title: string,
  work: (signal: AbortSignal, progress: vscode.Progress<{ message?: string }>) => Promise<T>,
): Promise<T | undefined> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      const subscription = token.onCancellationRequested(() => abort.abort());
      try {
        return await work(abort.signal, progress);
      } catch (error) {
        if (abort.signal.aborted) return undefined;
        throw error;
      } finally {
        subscription.dispose();
      }
    },
  );
}
