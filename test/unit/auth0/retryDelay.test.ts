import * as assert from 'node:assert/strict';
import { loggablePath } from '../../../src/auth0/http';
import { computeRetryDelay, DEFAULT_RETRY, type RetryOptions } from '../../../src/auth0/retryPolicy';

describe('computeRetryDelay', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');
  const options: RetryOptions = { maxRetries: 5, baseDelayMs: 100, maxDelayMs: 5000 };
  const cases: {
    name: string;
    retries: number;
    status?: number;
    headers: Record<string, string>;
    random?: number;
    expected: number;
  }[] = [
    {
      name: 'Retry-After seconds wins over x-ratelimit-reset',
      retries: 0,
      headers: { 'retry-after': '2', 'x-ratelimit-reset': String(now / 1000 + 4) },
      expected: 2000,
    },
    { name: 'Retry-After fractional seconds', retries: 0, headers: { 'retry-after': '0.5' }, expected: 500 },
    {
      name: 'Retry-After HTTP date',
      retries: 0,
      headers: { 'retry-after': new Date(now + 3000).toUTCString() },
      expected: 3000,
    },
    {
      name: 'Retry-After in the past waits 0',
      retries: 0,
      headers: { 'retry-after': new Date(now - 3000).toUTCString() },
      expected: 0,
    },
    { name: 'Retry-After capped', retries: 0, headers: { 'retry-after': '120' }, expected: 5000 },
    {
      name: 'x-ratelimit-reset (UNIX seconds) without Retry-After',
      retries: 0,
      status: 429,
      headers: { 'x-ratelimit-reset': String(now / 1000 + 3) },
      expected: 3000,
    },
    {
      name: 'x-ratelimit-reset far away is capped',
      retries: 0,
      status: 429,
      headers: { 'x-ratelimit-reset': String(now / 1000 + 3600) },
      expected: 5000,
    },
    {
      name: 'garbage Retry-After falls through to x-ratelimit-reset',
      retries: 0,
      status: 429,
      headers: { 'retry-after': 'soon', 'x-ratelimit-reset': String(now / 1000 + 1) },
      expected: 1000,
    },
    {
      name: 'x-ratelimit-reset is ignored on a 503 (it describes the rate window)',
      retries: 1,
      status: 503,
      headers: { 'x-ratelimit-reset': String(now / 1000 + 3) },
      random: 0.5,
      expected: 100,
    },
    {
      name: 'Retry-After is honoured on a 503',
      retries: 1,
      status: 503,
      headers: { 'retry-after': '1' },
      expected: 1000,
    },
    { name: 'backoff retry 0, random 0.999', retries: 0, headers: {}, random: 0.999, expected: 99 },
    { name: 'backoff retry 3 doubles thrice', retries: 3, headers: {}, random: 0.5, expected: 400 },
    { name: 'backoff capped', retries: 10, headers: {}, random: 0.999, expected: 4995 },
    { name: 'full jitter can be 0', retries: 4, headers: {}, random: 0, expected: 0 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.equal(
        computeRetryDelay(
          { retries: c.retries, ...(c.status !== undefined ? { status: c.status } : {}), headers: c.headers },
          options,
          now,
          () => c.random ?? 0.5,
        ),
        c.expected,
      );
    });
  }

  it('defaults are base 250 ms, cap 10 s, 5 retries, of which 2 after timeouts', () => {
    assert.deepEqual(DEFAULT_RETRY, { maxRetries: 5, baseDelayMs: 250, maxDelayMs: 10_000, maxTimeoutRetries: 2 });
  });
});

describe('loggablePath', () => {
  it('shows harmless query values and hides all others', () => {
    assert.equal(
      loggablePath('/api/v2/connections', {
        take: 100,
        from: 'abc',
        strategy: ['auth0-oidc', 'oidc'],
        client_secret: 'xyz',
        q: 'email:"a@b"',
        missing: undefined,
      }),
      '/api/v2/connections?take=100&from=abc&strategy=auth0-oidc&strategy=oidc&client_secret=***&q=***',
    );
  });
});
