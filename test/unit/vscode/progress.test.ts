// The words a progress notification shows while the Auth0 client waits (src/vscode/progress.ts):
// the reason, the attempt, the time left; and the step they are added to (issue 21 item 4).
import * as assert from 'node:assert/strict';
import { installFakeVscode } from '../reliability/fakeVscode';

installFakeVscode();
/* eslint-disable @typescript-eslint/no-require-imports -- loaded after the fake vscode is installed */
const { describeRetry, progressWithRetries } =
  require('../../../src/vscode/progress') as typeof import('../../../src/vscode/progress');
/* eslint-enable @typescript-eslint/no-require-imports */

describe('describeRetry (a retry in the progress notification)', () => {
  const cases: { event: Parameters<typeof describeRetry>[0]; expected: string }[] = [
    {
      event: { attempt: 2, of: 3, reason: { kind: 'timeout', afterMs: 30_000 }, waitMs: 3_600 },
      expected: 'no answer for 30 s, attempt 2 of 3, retrying in 4 s',
    },
    {
      event: { attempt: 2, of: 3, reason: { kind: 'timeout', afterMs: 30_000 }, waitMs: 0, started: true },
      expected: 'no answer for 30 s, attempt 2 of 3',
    },
    {
      event: { attempt: 3, of: 6, reason: { kind: 'rate-limit' }, waitMs: 10_000 },
      expected: 'rate limit reached, attempt 3 of 6, retrying in 10 s',
    },
    {
      event: { attempt: 2, of: 6, reason: { kind: 'server-error', status: 503 }, waitMs: 120 },
      expected: 'server error 503, attempt 2 of 6, retrying in 1 s',
    },
    {
      event: { attempt: 4, of: 6, reason: { kind: 'network', code: 'UND_ERR_SOCKET' }, waitMs: 1_000 },
      expected: 'connection failed (UND_ERR_SOCKET), attempt 4 of 6, retrying in 1 s',
    },
    {
      event: { attempt: 1, of: 6, reason: { kind: 'paced' }, waitMs: 2_500 },
      expected: "waiting for the tenant's rate limit (3 s)",
    },
  ];
  for (const { event, expected } of cases) {
    it(expected, () => assert.equal(describeRetry(event), expected));
  }
});

describe('progressWithRetries', () => {
  it("adds the client's waits to the latest step, and a new step replaces them", () => {
    const shown: string[] = [];
    const { progress, onRetry } = progressWithRetries({ report: (v) => shown.push(v.message ?? '') });
    progress.report({ message: 'Updating partner' });
    onRetry({ attempt: 2, of: 3, reason: { kind: 'timeout', afterMs: 30_000 }, waitMs: 4_000 });
    onRetry({ attempt: 2, of: 3, reason: { kind: 'timeout', afterMs: 30_000 }, waitMs: 0, started: true });
    progress.report({ message: 'Updating the applications enabled for partner' });
    assert.deepEqual(shown, [
      'Updating partner',
      'Updating partner — no answer for 30 s, attempt 2 of 3, retrying in 4 s',
      'Updating partner — no answer for 30 s, attempt 2 of 3',
      'Updating the applications enabled for partner',
    ]);
  });
});

describe('withCancellableProgress with offerRetry (Retry on the final error)', () => {
  /* eslint-disable @typescript-eslint/no-require-imports -- the fake vscode module, completed for progress */
  const fakeModule = require('../reliability/fakeVscode') as Record<string, unknown> & {
    window: Record<string, unknown>;
  };
  const { withCancellableProgress } =
    require('../../../src/vscode/progress') as typeof import('../../../src/vscode/progress');
  const { AlreadyShownError } = require('../../../src/vscode/errors') as typeof import('../../../src/vscode/errors');
  const { Auth0TimeoutError } = require('../../../src/auth0/errors') as typeof import('../../../src/auth0/errors');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const shown: string[] = [];
  let answers: (string | undefined)[] = [];
  const original = { ...fakeModule.window };

  before(() => {
    fakeModule.window.withProgress = (_options: unknown, task: (p: unknown, t: unknown) => Promise<unknown>) =>
      task({ report: () => undefined }, { onCancellationRequested: () => ({ dispose: () => undefined }) });
    fakeModule.window.showErrorMessage = (message: string) => {
      shown.push(message);
      return Promise.resolve(answers.shift());
    };
  });
  after(() => Object.assign(fakeModule.window, original));
  beforeEach(() => (shown.length = 0));

  const timeout = (): Error =>
    new Auth0TimeoutError('rp.example', 30_000, { method: 'PATCH', path: '/api/v2/connections/con_1', retries: 2 });

  it('runs the same work again when the person picks Retry, and goes on with its result', async () => {
    answers = ['Retry'];
    let runs = 0;
    const result = await withCancellableProgress(
      'Deploying',
      () => (++runs === 1 ? Promise.reject(timeout()) : Promise.resolve('deployed')),
      { offerRetry: true },
    );
    assert.equal(result, 'deployed');
    assert.equal(runs, 2);
    assert.deepEqual(shown, [
      'rp.example did not answer within 30 s (2 retries). Try again; if it persists, check your network.',
    ]);
  });

  it('ends with an error marked as shown when the person does not retry; other errors pass through unshown', async () => {
    answers = [undefined];
    await assert.rejects(
      withCancellableProgress('Deploying', () => Promise.reject(timeout()), { offerRetry: true }),
      AlreadyShownError,
    );
    assert.equal(shown.length, 1);
    await assert.rejects(
      withCancellableProgress('Deploying', () => Promise.reject(new Error('a bug')), { offerRetry: true }),
      /a bug/,
    );
    await assert.rejects(
      withCancellableProgress('Checking', () => Promise.reject(timeout())),
      Auth0TimeoutError,
    );
    assert.equal(shown.length, 1, 'no Retry for a bug, nor without offerRetry');
  });
});
