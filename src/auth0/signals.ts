import { CancelledError } from './errors';

// Cancellation and timeouts of requests, on AbortSignal.

/**
 * The signal one attempt runs under: the caller's (cancellation) and its own timeout
 * (AbortSignal.timeout), combined with AbortSignal.any. `timedOut()` tells the two apart.
 */
export function attemptSignal(
  timeoutMs: number,
  caller?: AbortSignal,
): { readonly signal: AbortSignal; timedOut(): boolean } {
  const timeout = AbortSignal.timeout(timeoutMs);
  return {
    signal: caller ? AbortSignal.any([caller, timeout]) : timeout,
    timedOut: () => timeout.aborted && !(caller?.aborted ?? false),
  };
}

/** Rejects with CancelledError when the signal aborts first; the promise itself keeps running. */
export function raceWithSignal<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) {
    return promise;
  }
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.reject(new CancelledError());
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new CancelledError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
