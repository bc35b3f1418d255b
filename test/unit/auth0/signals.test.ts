import * as assert from 'node:assert/strict';
import { attemptSignal } from '../../../src/auth0/signals';
import { pollUntil } from '../../pollUntil';

describe('attemptSignal (AbortSignal.timeout + AbortSignal.any)', () => {
  it('aborts on its own timeout, and says it timed out', async () => {
    const attempt = attemptSignal(20, new AbortController().signal);
    await pollUntil('the timeout', () => attempt.signal.aborted, { timeoutMs: 2000, intervalMs: 5 });
    assert.equal(attempt.timedOut(), true);
  });

  it('aborts when the caller cancels, which is not a timeout', () => {
    const caller = new AbortController();
    const attempt = attemptSignal(60_000, caller.signal);
    assert.equal(attempt.signal.aborted, false);
    caller.abort();
    assert.deepEqual([attempt.signal.aborted, attempt.timedOut()], [true, false]);
  });
});
