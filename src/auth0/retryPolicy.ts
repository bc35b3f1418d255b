import { Auth0ApiError, Auth0NetworkError, Auth0ProxyError, Auth0TimeoutError, CancelledError } from './errors';

// When a failed request is worth repeating, and how long to wait first.

export interface RetryOptions {
  /** Retries after the first attempt. Default 5. */
  readonly maxRetries: number;
  /** Base of the exponential backoff. Default 250 ms. */
  readonly baseDelayMs: number;
  /** Cap for any single wait, including Retry-After. Default 10 s. */
  readonly maxDelayMs: number;
  /**
   * Retries after attempts that got no answer at all (timeouts), within `maxRetries`. Default 2.
   * Each one costs a whole timeout (30 s): five of them kept a command on "Updating …" for 3 min
   * 20 s (issue 21). A tenant that was silent for 30 s twice rarely answers the third time, and
   * auth0/node-auth0's Management client (v5, requestWithRetries) retries 2 times by default too;
   * 429s keep the full budget, since Auth0's rate-limit guidance is to wait for the reset and try again.
   */
  readonly maxTimeoutRetries?: number;
}

export const DEFAULT_MAX_TIMEOUT_RETRIES = 2;
export const DEFAULT_RETRY: RetryOptions = {
  maxRetries: 5,
  baseDelayMs: 250,
  maxDelayMs: 10_000,
  maxTimeoutRetries: DEFAULT_MAX_TIMEOUT_RETRIES,
};

/** Why a request waits: what the progress of a command says while the tenant is slow or refuses. */
export type RetryReason =
  /** The attempt got no answer within the timeout. */
  | { readonly kind: 'timeout'; readonly afterMs: number }
  /** 429: the tenant's rate limit. */
  | { readonly kind: 'rate-limit' }
  /** 5xx or 408. */
  | { readonly kind: 'server-error'; readonly status: number }
  /** The connection failed (reset, DNS hiccup, proxy). */
  | { readonly kind: 'network'; readonly code?: string }
  /** Not a failure: the pacer holds the request back to stay under the tenant's rate limit (pacing.ts). */
  | { readonly kind: 'paced' };

/**
 * One wait of a request, for a command's progress ("no answer for 30 s, attempt 2 of 3, retrying
 * in 4 s"). For a retry it is reported twice: before the wait (`waitMs` > 0, unless the wait is
 * 0) and as the attempt starts (`started`). A paced wait is reported once, before it.
 */
export interface RetryEvent {
  /** The attempt that waits or starts: 2 for the first retry; for 'paced' the attempt held back. */
  readonly attempt: number;
  /** The most attempts this request can make for this reason. */
  readonly of: number;
  readonly reason: RetryReason;
  readonly waitMs: number;
  /** Set on the report made as the attempt starts, after its wait. */
  readonly started?: boolean;
}

/** The reason a failed attempt is retried, for a RetryEvent. */
export function retryReasonOf(error: Error, timeoutMs: number): RetryReason {
  if (error instanceof Auth0TimeoutError) return { kind: 'timeout', afterMs: timeoutMs };
  if (error instanceof Auth0ApiError) {
    return error.status === 429 ? { kind: 'rate-limit' } : { kind: 'server-error', status: error.status };
  }
  return error instanceof Auth0NetworkError && error.code !== undefined
    ? { kind: 'network', code: error.code }
    : { kind: 'network' };
}

/**
 * A failure that might not happen on a later try (no answer, a lost connection, 5xx, 429): the
 * error a command offers "Retry" for once its own retries are spent.
 */
export function isTransientFailure(error: unknown): boolean {
  return error instanceof Error && isRetryable(error, 'idempotent');
}
/**
 * - `idempotent`: retry on 429, 408, 5xx, network errors and timeouts (GET, DELETE, same-body PATCH).
 * - `unprocessed-only`: retry only on 429, which means the request was not processed (POST).
 * - `never`.
 */
export type RetryMode = 'idempotent' | 'unprocessed-only' | 'never';

export function isRetryable(error: Error, mode: RetryMode): boolean {
  if (mode === 'never' || error instanceof CancelledError) {
    return false;
  }
  if (error instanceof Auth0ApiError) {
    if (error.status === 429) {
      return true;
    }
    return mode === 'idempotent' && (error.status === 408 || error.status >= 500);
  }
  if (error instanceof Auth0ProxyError && !error.retryable) {
    return false;
  }
  // Nothing listens there, or the name does not resolve: repeating it five times with backoff
  // only delays the message that says to check the domain (or start the sandbox).
  if (error instanceof Auth0NetworkError && !(error instanceof Auth0ProxyError) && isDefinitive(error.code)) {
    return false;
  }
  return (
    mode === 'idempotent' &&
    (error instanceof Auth0NetworkError || error instanceof Auth0TimeoutError) &&
    !(error instanceof Auth0NetworkError && error.isTlsError)
  );
}

export interface FailedAttempt {
  /** Retries made before the failed attempt. */
  readonly retries: number;
  /** Status of the failed attempt; undefined for network errors and timeouts. */
  readonly status?: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

/**
 * Wait before the next attempt: Retry-After (seconds or HTTP date), else on a 429 the
 * x-ratelimit-reset (UNIX seconds), else full-jitter exponential backoff; always capped.
 * x-ratelimit-reset is ignored on other statuses: Auth0 sends it on every answer, where it
 * describes the rate-limit window, not when a failed request is worth repeating.
 */
export function computeRetryDelay(
  attempt: FailedAttempt,
  options: RetryOptions,
  nowMs: number,
  random: () => number = Math.random,
): number {
  const { retries, headers } = attempt;
  const retryAfter = firstHeader(headers['retry-after']);
  if (retryAfter !== undefined && retryAfter.trim() !== '') {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds) && seconds >= 0) {
      return Math.min(options.maxDelayMs, Math.round(seconds * 1000));
    }
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) {
      return clamp(date - nowMs, options.maxDelayMs);
    }
  }
  const reset = attempt.status === 429 ? numericHeader(headers['x-ratelimit-reset']) : undefined;
  if (reset !== undefined && reset > 0) {
    return clamp(reset * 1000 - nowMs, options.maxDelayMs);
  }
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** retries);
  return Math.floor(random() * ceiling);
}

function clamp(ms: number, max: number): number {
  return Math.min(max, Math.max(0, Math.round(ms)));
}

/** Resolves after `ms`, or rejects with CancelledError as soon as the signal aborts. */
export function cancellableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(new CancelledError());
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new CancelledError());
    };
    // Node fires a timer of more than 2^31 - 1 ms after 1 ms (with a TimeoutOverflowWarning): a
    // wait that long is cut to the longest a timer can be, never turned into a spin.
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      Math.min(Math.max(0, ms), 2 ** 31 - 1),
    );
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export function numericHeader(value: string | string[] | undefined): number | undefined {
  const text = firstHeader(value);
  if (text === undefined || text.trim() === '') {
    return undefined;
  }
  const number = Number(text);
  return Number.isFinite(number) ? number : undefined;
}

/** Network error codes that another attempt a moment later would meet again. */
export function isDefinitive(code: string | undefined): boolean {
  return code === 'ECONNREFUSED' || code === 'ENOTFOUND';
}
