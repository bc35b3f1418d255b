import type * as vscode from 'vscode';

// What a long-lived object owns is registered once and disposed with it, as in GitHub Pull
// Requests' src/common/lifecycle.ts: no hand-written dispose loops.

/** Disposes each of `disposables`, in the order given, and empties the array. */
export function disposeAll(disposables: vscode.Disposable[]): void {
  for (const d of disposables.splice(0)) d.dispose();
}

/**
 * The base of every object that owns listeners, emitters or views: `register()` what it owns,
 * and `dispose()` disposes them in the order they were registered, once. A subclass that has more
 * to do overrides dispose() and calls super.dispose().
 */
export abstract class Disposable implements vscode.Disposable {
  private readonly owned: vscode.Disposable[] = [];
  private disposed = false;

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    disposeAll(this.owned);
  }

  protected get isDisposed(): boolean {
    return this.disposed;
  }

  /**
   * Takes ownership of `first` and `more`, and returns `first` (a field can be set with it).
   * Registered after dispose(), they are disposed at once.
   */
  protected register<T extends vscode.Disposable>(first: T, ...more: vscode.Disposable[]): T {
    if (this.disposed) disposeAll([first, ...more]);
    else this.owned.push(first, ...more);
    return first;
  }
}
