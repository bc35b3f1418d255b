// The Management API rate limit, as Auth0 applies it: a token bucket per tenant (Auth0's
// "Rate limit policy" page, "rate limit algorithm": a burst limit the bucket holds and a sustained
// limit it refills at). Free plans: Management API burst 10, sustained 2 requests/s
// (https://auth0.com/docs/troubleshoot/customer-support/operational-policies/rate-limit-policy/rate-limit-configurations/free-public).
// Every answer carries x-ratelimit-limit (the bucket size), x-ratelimit-remaining (whole tokens
// left) and x-ratelimit-reset (UNIX seconds when the bucket is full again); a request finding no
// token gets 429 "Global limit has been reached" with Retry-After (seconds until one token).

export interface RateLimitSpec {
  /** Sustained rate: tokens added per second. */
  readonly perSecond: number;
  /** Bucket size: requests that may go at once after a quiet spell. */
  readonly burst: number;
}

/** The free-plan Management API limit. */
export const FREE_PLAN_RATE_LIMIT: RateLimitSpec = { perSecond: 2, burst: 10 };

/** `'free'`, or `'<perSecond>/<burst>'` (e.g. '20/10'), as the CLI's --rate-limit takes it. */
export function parseRateLimit(text: string): RateLimitSpec {
  if (text === 'free') return FREE_PLAN_RATE_LIMIT;
  const m = /^(\d+(?:\.\d+)?)\/(\d+)$/.exec(text);
  const perSecond = Number(m?.[1]);
  const burst = Number(m?.[2]);
  if (!m || !(perSecond > 0) || !(burst >= 1))
    throw new RangeError(`rate limit: expected 'free' or PER_SECOND/BURST (e.g. 2/10), got '${text}'`);
  return { perSecond, burst };
}

export interface RateDecision {
  readonly allowed: boolean;
  readonly headers: Record<string, string>;
}

export class TokenBucket {
  private tokens: number;
  private last: number;
  /** Requests refused with 429 so far. */
  refused = 0;
  /** Requests let through so far. */
  allowed = 0;

  constructor(
    readonly spec: RateLimitSpec,
    private readonly now: () => number = Date.now,
  ) {
    if (!(spec.perSecond > 0) || !(spec.burst >= 1)) throw new RangeError('TokenBucket: perSecond > 0 and burst >= 1');
    this.tokens = spec.burst;
    this.last = now();
  }

  /** Takes one token for a request, or refuses it; the headers go on the answer either way. */
  take(): RateDecision {
    const nowMs = this.refill();
    const allowed = this.tokens >= 1 - 1e-9; // float sums of small refills
    if (allowed) {
      this.tokens = Math.max(0, this.tokens - 1);
      this.allowed++;
    } else {
      this.refused++;
    }
    const headers: Record<string, string> = {
      'x-ratelimit-limit': String(this.spec.burst),
      'x-ratelimit-remaining': String(Math.floor(this.tokens)),
      'x-ratelimit-reset': String(
        Math.ceil((nowMs + ((this.spec.burst - this.tokens) / this.spec.perSecond) * 1000) / 1000),
      ),
    };
    if (!allowed) headers['retry-after'] = String(Math.max(1, Math.ceil((1 - this.tokens) / this.spec.perSecond)));
    return { allowed, headers };
  }

  /** Whole tokens left now (for tests and logs). */
  get remaining(): number {
    this.refill();
    return Math.floor(this.tokens);
  }

  private refill(): number {
    const nowMs = this.now();
    const elapsed = Math.max(0, nowMs - this.last) / 1000;
    this.tokens = Math.min(this.spec.burst, this.tokens + elapsed * this.spec.perSecond);
    this.last = nowMs;
    return nowMs;
  }
}
