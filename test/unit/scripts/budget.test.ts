import * as assert from 'node:assert/strict';
import { budgetFor, BudgetExceeded, withinBudget } from '../../integration/runner/budget';
import { measureSlowness, scaled, slowness, SLOWNESS_ENV } from '../../slowness';
import { pollUntil } from '../../pollUntil';

describe('integration runner budgets, stretched by the measured slowness (runner/budget.ts, test/slowness.ts)', () => {
  const saved = process.env[SLOWNESS_ENV];
  afterEach(() => {
    if (saved === undefined) delete process.env[SLOWNESS_ENV];
    else process.env[SLOWNESS_ENV] = saved;
  });

  it('reads the factor a runner handed on, 1 when none, never below 1 or above 10', () => {
    assert.equal(slowness({}), 1);
    assert.equal(slowness({ [SLOWNESS_ENV]: '2.5' }), 2.5);
    assert.equal(slowness({ [SLOWNESS_ENV]: '0.3' }), 1);
    assert.equal(slowness({ [SLOWNESS_ENV]: 'x' }), 1);
    assert.equal(slowness({ [SLOWNESS_ENV]: '40' }), 10);
  });

  it('measures a factor between 1 and 10', async () => {
    const f = await measureSlowness(3);
    assert.ok(f >= 1 && f <= 10, String(f));
  });

  it('gives a phase its quiet time times the factor, and hands the factor on to deadlines', async () => {
    const budget = await budgetFor('a phase', 1000, 3);
    assert.equal(budget.ms, 3000);
    assert.equal(scaled(200), 600);
  });

  it('pollUntil stretches its deadline by the factor', async () => {
    process.env[SLOWNESS_ENV] = '4';
    const started = Date.now();
    await assert.rejects(
      pollUntil('never', () => false, { timeoutMs: 50, intervalMs: 10 }),
      /after 200 ms/,
    );
    assert.ok(Date.now() - started >= 190);
  });

  it('returns the work when it ends within the budget', async () => {
    const budget = await budgetFor('quick work', 1000, 1);
    assert.equal(await withinBudget(budget, Promise.resolve(42)), 42);
  });

  it('passes the work failure on unchanged', async () => {
    const budget = await budgetFor('failing work', 1000, 1);
    await assert.rejects(withinBudget(budget, Promise.reject(new Error('boom'))), /boom/);
  });

  it('ends hung work past its budget: abandons it, names the budget, swallows its later failure', async () => {
    const budget = await budgetFor('scenario hung', 20, 2);
    let rejectWork!: (e: Error) => void;
    const work = new Promise<never>((_, reject) => (rejectWork = reject));
    let abandoned = false;
    await assert.rejects(
      withinBudget(budget, work, () => {
        abandoned = true;
        rejectWork(new Error('page closed'));
        return Promise.resolve();
      }),
      (err: unknown) =>
        err instanceof BudgetExceeded &&
        /scenario hung did not finish within its budget of 0 s \(0 s on a quiet machine × slowness 2\)/.test(
          err.message,
        ),
    );
    assert.ok(abandoned);
  });
});
