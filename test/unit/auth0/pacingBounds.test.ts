// Issue 23.3: a server's rate-limit headers cannot stall or spin the client. One answer with
// `remaining 0` and a reset 20 days ahead parked every later request for days; a reset beyond
// 2^31 ms made Node fire the timer after 1 ms, so the pacer spun without sending anything.
import * as assert from 'node:assert/strict';
import { DEFAULT_MAX_WAIT_MS, MIN_RATE_PER_MS, RequestPacer } from '../../../src/auth0/pacing';
import { cancellableSleep } from '../../../src/auth0/retryPolicy';

/** A pacer on a simulated clock; `slept` lists each wait it asked for. */
function simulated() {
  let now = 1_700_000_000_000;
  const slept: number[] = [];
  const pacer = new RequestPacer({
    maxConcurrent: 1,
    now: () => now,
    sleep: (ms) => {
      slept.push(ms);
      now += ms;
      return Promise.resolve();
    },
  });
  return {
    pacer,
    slept,
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

const DAY = 24 * 3600 * 1000;

describe('pacing: bounded by what a real tenant can mean (issue 23.3)', () => {
  for (const [label, resetAheadMs] of [
    ['20 days', 20 * DAY],
    ['beyond 2^31 ms', 2 ** 31 + 5_000],
  ] as const) {
    it(`a reset ${label} ahead makes no request wait longer than the retry policy's longest delay`, async () => {
      const { pacer, slept, now } = simulated();
      const first = await pacer.acquire();
      first.observe(200, {
        'x-ratelimit-limit': '10',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(Math.ceil((now() + resetAheadMs) / 1000)),
      });
      first.release();
      const started = now();
      const next = await pacer.acquire();
      next.release();
      const waited = now() - started;
      assert.ok(waited <= DEFAULT_MAX_WAIT_MS, `waited ${waited} ms`);
      assert.ok(
        slept.every((ms) => ms <= DEFAULT_MAX_WAIT_MS),
        `no single wait past the bound: ${slept.join(', ')}`,
      );
      // The learned rate is never below the floor, whatever the headers said.
      assert.ok((pacer.snapshot.ratePerSecond ?? Infinity) >= MIN_RATE_PER_MS * 1000 - 1e-9);
    });
  }

  it('a believable reset still paces: the request waits for the refill, not for nothing', async () => {
    const { pacer, now } = simulated();
    const first = await pacer.acquire();
    first.observe(200, {
      'x-ratelimit-limit': '10',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': String(Math.ceil((now() + 5_000) / 1000)),
    });
    first.release();
    const started = now();
    (await pacer.acquire()).release();
    assert.ok(now() - started > 0, 'it waited for a token');
    assert.ok(now() - started <= 5_000, `within the reset: ${now() - started} ms`);
  });

  it('learns the rate from when the request was sent, not from when its answer was read', async () => {
    // On a busy extension host the answer waits in the event loop: counted from when it is read,
    // the time left until the reset is too short and the learned rate too high (the next requests
    // would run into 429s). Sent at T, read at T + 4 s, reset at T + 5 s, 5 requests short of full:
    // 5 requests in 5 s is 1 request/s; counted from the reading it would be 5 requests/s.
    const { pacer, now, advance } = simulated();
    const ticket = await pacer.acquire();
    const sentAt = now();
    advance(4_000); // the answer is read 4 s later
    ticket.observe(200, {
      'x-ratelimit-limit': '10',
      'x-ratelimit-remaining': '4',
      'x-ratelimit-reset': String((sentAt + 5_000) / 1000),
    });
    ticket.release();
    const rate = pacer.snapshot.ratePerSecond;
    assert.ok(rate !== undefined && Math.abs(rate - 1) < 1e-9, `learned ${rate} requests/s, expected 1`);
  });

  it('a sleep longer than a timer can hold is a long timer, not one Node fires after 1 ms', async () => {
    // Node warns (TimeoutOverflowWarning, on the next tick) when it cuts such a timer to 1 ms.
    const warnings: string[] = [];
    const onWarning = (warning: Error): void => void warnings.push(warning.name);
    process.on('warning', onWarning);
    const controller = new AbortController();
    try {
      const sleeping = cancellableSleep(2 ** 31 + 10_000, controller.signal).then(
        () => 'fired',
        () => 'cancelled',
      );
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(warnings, [], 'no timer overflow');
      controller.abort();
      assert.equal(await sleeping, 'cancelled');
    } finally {
      process.off('warning', onWarning);
    }
  });
});
