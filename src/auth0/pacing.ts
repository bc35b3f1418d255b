import { CancelledError } from './errors';
import { cancellableSleep } from './retryPolicy';

// Client-side pacing of Management API requests to one tenant, so that listing, the tree, the
// application picker and deploys stay under the tenant's rate limit instead of running into 429s.
//
// Auth0 limits the Management API with a token bucket per tenant (its "Rate limit policy": a burst
// the bucket holds, refilled at the sustained rate; free plans: burst 10, 2 requests/s) and reports
// it on every answer: x-ratelimit-limit (the bucket size), x-ratelimit-remaining (requests left) and
// x-ratelimit-reset (UNIX seconds when the bucket is full again). auth0-deploy-cli paces itself the
// same way rather than relying on retries (src/tools/auth0/client.ts).
//
// The pacer keeps a local copy of that bucket:
// - after each answer the local count becomes `remaining` minus the requests still in flight (they
//   may not have been counted yet), which never exceeds what the tenant has left;
// - the refill rate is learned as (limit − remaining − 1) / (reset − now). As `remaining` is
//   rounded down and `reset` up to a whole second, each estimate is at most the real rate; the
//   pacer keeps the largest one seen;
// - a request goes when the local bucket holds a token, else it waits for the refill (or, before any
//   rate is known, until `reset`); and never more than `maxConcurrent` requests are in flight.

export interface PacingOptions {
  /** Requests in flight at once to the tenant. Default 4. */
  readonly maxConcurrent?: number;
  /** For tests. */
  readonly now?: () => number;
  /** For tests: the wait for a token (cancellable); `ms` may be a fraction of a millisecond. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** The longest a request waits for a token, in all; then it goes (a 429 is the retry policy's). Default 10 s. */
  readonly maxWaitMs?: number;
}

export interface PacingStats {
  /** Requests let through. */
  readonly requests: number;
  /** Requests that had to wait for a token. */
  readonly paced: number;
  /** Total time requests waited for a token, in ms. */
  readonly waitedMs: number;
  /** The learned refill rate (requests per second), when known. */
  readonly ratePerSecond: number | undefined;
}

/** A granted request: report its answer's headers, then release it (both idempotent). */
export interface PacerTicket {
  /** Milliseconds this request waited for a token. */
  readonly waitedMs: number;
  observe(status: number | undefined, headers: Readonly<Record<string, string | string[] | undefined>>): void;
  release(): void;
}

export const DEFAULT_MAX_CONCURRENT = 4;
/**
 * The headers are the server's word, not a law (issue 23.3): one answer with `remaining 0` and a
 * reset 20 days ahead parked every later request to the tenant for days, and a reset beyond 2^31 ms
 * made Node fire the timer at once, so the pacer spun. Auth0's buckets refill within seconds (its
 * rate-limit policy: the reset is when the bucket is full again), so a reset more than a minute
 * ahead is ignored, the learned rate is never below one request every 2 s (Auth0's lowest
 * sustained rate is 2 per second), and no request waits for a token longer than the retry policy's
 * longest delay (DEFAULT_RETRY.maxDelayMs): after that it goes, and a 429 is retried as any other.
 */
export const MAX_RESET_AHEAD_MS = 60_000;
/** Tokens per millisecond: 0.5 per second. */
export const MIN_RATE_PER_MS = 0.5 / 1000;
export const DEFAULT_MAX_WAIT_MS = 10_000;
/** Shorter waits for a token pass unnoticed; longer ones are worth a word in the progress. */
const MIN_REPORTED_WAIT_MS = 1000;

export class RequestPacer {
  private readonly maxConcurrent: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly maxWaitMs: number;
  private active = 0;
  private inFlight = 0;
  private readonly slotWaiters: {
    resolve: () => void;
    reject: (e: Error) => void;
    signal?: AbortSignal;
    onAbort: () => void;
  }[] = [];
  /** Serializes token grants, so requests go in arrival order. */
  private gate: Promise<void> = Promise.resolve();
  private tokens: number | undefined;
  private capacity: number | undefined;
  /** Tokens per millisecond. */
  private rate: number | undefined;
  private resetAtMs: number | undefined;
  private lastMs: number;
  /** Before anything is known, one request goes alone to learn the tenant's state. */
  private probing = false;
  private news: { promise: Promise<void>; resolve: () => void } = deferred();
  private stats = { requests: 0, paced: 0, waitedMs: 0 };

  constructor(options: PacingOptions = {}) {
    this.maxConcurrent = Math.max(1, Math.floor(options.maxConcurrent ?? DEFAULT_MAX_CONCURRENT));
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? waitForToken;
    this.maxWaitMs = Math.max(0, options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS);
    this.lastMs = this.now();
  }

  get snapshot(): PacingStats {
    return { ...this.stats, ratePerSecond: this.rate === undefined ? undefined : this.rate * 1000 };
  }

  /**
   * Waits for a free slot and a token. Rejects with CancelledError when the signal aborts first.
   * `afterRetryWait`: this is the retry of a 429 that already waited its Retry-After (or reset);
   * it goes as the probe of the tenant's state instead of waiting a second time.
   * `onWait`: told of each wait for a token of a second or more, so a command can say
   * "waiting for the tenant's rate limit (N s)" instead of seeming stuck.
   */
  async acquire(signal?: AbortSignal, afterRetryWait = false, onWait?: (waitMs: number) => void): Promise<PacerTicket> {
    await this.slot(signal);
    let waitedMs: number;
    try {
      waitedMs = await this.token(signal, afterRetryWait, onWait);
    } catch (error) {
      this.releaseSlot();
      throw error;
    }
    this.inFlight++;
    // When the request left: the tenant counted it at some moment after this (see observe).
    const sentAtMs = this.now();
    let observed = false;
    let released = false;
    return {
      waitedMs,
      observe: (status, headers) => {
        if (observed || released) return;
        observed = true;
        this.observe(status, headers, sentAtMs);
      },
      release: () => {
        if (released) return;
        released = true;
        this.inFlight--;
        this.probing = false;
        this.announce();
        this.releaseSlot();
      },
    };
  }

  private observe(
    status: number | undefined,
    headers: Readonly<Record<string, string | string[] | undefined>>,
    sentAtMs: number,
  ): void {
    const now = this.now();
    const limit = numeric(headers['x-ratelimit-limit']);
    const remaining = numeric(headers['x-ratelimit-remaining']);
    const reset = numeric(headers['x-ratelimit-reset']);
    if (limit !== undefined && limit > 0) this.capacity = limit;
    if (remaining !== undefined && remaining >= 0) {
      // Others in flight may be counted after this answer: assume they were not counted yet.
      this.tokens = Math.max(0, remaining - (this.inFlight - 1));
      this.lastMs = now;
      // A reset further ahead than any real bucket's is not believed (see MAX_RESET_AHEAD_MS).
      if (reset !== undefined && reset > 0 && reset * 1000 - now <= MAX_RESET_AHEAD_MS) {
        this.resetAtMs = reset * 1000;
        // From when the request was sent, not when its answer was read: on a busy machine the
        // answer waits in the event loop, and the time left until the reset, counted from then,
        // would be too short, the rate too high, and the next requests 429s.
        const untilReset = this.resetAtMs - sentAtMs;
        // `remaining` counts whole requests, so the bucket lacks between limit − remaining − 1
        // and limit − remaining; the smaller one keeps the estimate at or under the real rate.
        if (limit !== undefined && remaining < limit - 1 && untilReset > 0) {
          const estimate = (limit - remaining - 1) / untilReset;
          this.rate = Math.max(this.rate ?? 0, estimate, MIN_RATE_PER_MS);
        }
      }
    }
    if (status === 429) {
      this.tokens = 0;
      this.lastMs = now;
    }
    this.probing = false;
    this.announce();
  }

  private announce(): void {
    const current = this.news;
    this.news = deferred();
    current.resolve();
  }

  private refill(now: number): void {
    if (this.tokens !== undefined && this.rate !== undefined) {
      this.tokens = Math.min(
        this.capacity ?? Number.POSITIVE_INFINITY,
        this.tokens + this.rate * Math.max(0, now - this.lastMs),
      );
    }
    this.lastMs = now;
  }

  /**
   * 0 when a token was taken, -1 to wait for the answer of the probe, else how long to wait in
   * milliseconds: whole ones, or less than one (a token due in 0.05 ms, see waitForToken).
   */
  private takeOrWait(afterRetryWait: boolean): number {
    const now = this.now();
    this.refill(now);
    if (afterRetryWait && !this.probing && (this.tokens === undefined || this.tokens < 1)) {
      this.probing = true;
      return 0;
    }
    if (this.tokens === undefined) {
      // Nothing known yet (first request, or a window passed without news): one request goes
      // alone, the others wait for its answer, so an unknown, perhaps empty, bucket is not hit by a wave.
      if (this.probing) return -1;
      this.probing = true;
      return 0;
    }
    if (this.tokens >= 1 - 1e-9) {
      this.tokens = Math.max(0, this.tokens - 1);
      return 0;
    }
    if (this.rate !== undefined && this.rate > 0) {
      // Whole milliseconds for a timer; below one, the exact wait, at least 1 µs so that a clock
      // of epoch milliseconds (a test's) still moves when advanced by it.
      const wait = (1 - this.tokens) / this.rate;
      return wait >= 1 ? Math.ceil(wait) : Math.max(0.001, wait);
    }
    if (this.resetAtMs !== undefined && this.resetAtMs > now) return this.resetAtMs - now;
    this.tokens = undefined; // the window passed without news: start over
    return 0;
  }

  private async token(
    signal: AbortSignal | undefined,
    afterRetryWait: boolean,
    onWait: ((waitMs: number) => void) | undefined,
  ): Promise<number> {
    const previous = this.gate;
    let done!: () => void;
    const mine = new Promise<void>((resolve) => (done = resolve));
    this.gate = previous.then(() => mine);
    const started = this.now();
    try {
      await raceAbort(previous, signal);
      // The bound counts this request's own wait for a token, not its turn behind the others.
      const turn = this.now();
      let waited = false;
      for (;;) {
        const wait = this.takeOrWait(afterRetryWait);
        if (wait === 0) break;
        waited = true;
        if (wait < 0) await raceAbort(this.news.promise, signal);
        else {
          // Never longer in all than maxWaitMs: then the request goes without a token.
          const left = this.maxWaitMs - (this.now() - turn);
          if (left <= 0) {
            this.tokens = 0;
            break;
          }
          const bounded = Math.min(wait, left);
          if (bounded >= MIN_REPORTED_WAIT_MS) onWait?.(bounded);
          await this.sleep(bounded, signal);
        }
      }
      const waitedMs = Math.max(0, this.now() - started);
      this.stats.requests++;
      if (waited) {
        this.stats.paced++;
        this.stats.waitedMs += waitedMs;
      }
      return waitedMs;
    } finally {
      done();
    }
  }

  private slot(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(new CancelledError());
    if (this.active < this.maxConcurrent) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter = {
        resolve,
        reject,
        ...(signal ? { signal } : {}),
        onAbort: () => {
          const i = this.slotWaiters.indexOf(waiter);
          if (i >= 0) this.slotWaiters.splice(i, 1);
          reject(new CancelledError());
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      this.slotWaiters.push(waiter);
    });
  }

  private releaseSlot(): void {
    const next = this.slotWaiters.shift();
    if (next) {
      next.signal?.removeEventListener('abort', next.onAbort);
      next.resolve(); // the slot passes on; `active` is unchanged
    } else {
      this.active = Math.max(0, this.active - 1);
    }
  }
}

/**
 * The default wait for a token: a timer for whole milliseconds; for less, one turn of the event
 * loop, after which the token is asked for again (Date.now moves by whole milliseconds, so this
 * ends at its next tick). A 1 ms timer took 1.1-2.7 ms on average in the listing bench, where
 * waits of 0.03-0.9 ms were common (issue 24 item 8). No request goes before its token either way.
 */
function waitForToken(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms >= 1) return cancellableSleep(ms, signal);
  if (signal?.aborted) return Promise.reject(new CancelledError());
  return new Promise<void>((resolve) => setImmediate(resolve));
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

function raceAbort(promise: Promise<void>, signal?: AbortSignal): Promise<void> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(new CancelledError());
  return new Promise<void>((resolve, reject) => {
    const onAbort = (): void => reject(new CancelledError());
    signal.addEventListener('abort', onAbort, { once: true });
    void promise.then(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    });
  });
}

function numeric(value: string | string[] | undefined): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined || text.trim() === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}
