import * as assert from 'node:assert/strict';
import { pollUntil } from '../pollUntil';

describe('pollUntil (test/pollUntil.ts, the one polling helper of the tests)', () => {
  it('returns the first value that is neither undefined nor false; a throwing probe means "not yet"', async () => {
    let calls = 0;
    const value = await pollUntil(
      'the third call',
      () => {
        calls++;
        if (calls === 1) throw new Error('not ready');
        return calls === 3 ? { calls } : false;
      },
      { intervalMs: 0 },
    );
    assert.deepEqual(value, { calls: 3 });
  });

  it('throws after the deadline, naming what it waited for and the last error', async () => {
    await assert.rejects(
      pollUntil('the moon', () => Promise.reject(new Error('still dark')), { timeoutMs: 30, intervalMs: 5 }),
      /Timed out after 30 ms waiting for the moon: still dark/,
    );
  });
});
