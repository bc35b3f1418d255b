// The activation benchmark's statistics: the pairing of the two extensions in one window, and the
// spread and agreement the goal is judged on. The windows themselves need code-server (npm run bench).
import * as assert from 'node:assert/strict';
import { pairedRuns, toFigures, windowPlan, type WindowRecord } from '../../../bench/activation';
import type { HostResult, SideResult } from '../../../bench/host/index';
import { disagreement, quantile, spread } from '../../../bench/stats';

/** A window of one pair: each side's activation in ms (undefined: it was active already). */
function window(
  pair: number,
  ours: number | undefined,
  minimal: number | undefined,
  phase: 'activation' | 'loaded' = 'activation',
): WindowRecord {
  const side = (ms: number | undefined): SideResult =>
    ms === undefined ? {} : phase === 'activation' ? { ms, cpuMs: ms / 2 } : { ms, loadMs: ms / 4 };
  const result: HostResult = {
    activation: {
      ours: side(ours),
      minimal: side(minimal),
      alreadyActive: ours === undefined || minimal === undefined ? ['x'] : [],
    },
    deployCreate: [],
    deployUpdate: [],
    testLogin: [],
    testLoginAvailable: false,
    commands: [],
    errors: [],
  };
  return { pair, phase, first: pair % 2 === 0 ? 'ours' : 'minimal', result };
}

describe('bench: activation statistics', () => {
  it('alternates which side goes first in each window, and runs the loaded pairs after the activation pairs', () => {
    const plan = windowPlan(3, 2);
    assert.deepEqual(
      plan.map((w) => `${w.phase[0]}${w.pair}${w.first[0]}`),
      ['a0o', 'a1m', 'a2o', 'l0o', 'l1m'],
    );
  });

  it('quartiles interpolate between order statistics (numpy and R type 7)', () => {
    assert.equal(quantile([1, 2, 3, 4], 0.25), 1.75);
    assert.equal(quantile([1, 2, 3, 4], 0.5), 2.5);
    assert.equal(quantile([1, 2, 3, 4], 0.75), 3.25);
    assert.equal(quantile([7], 0.25), 7);
    assert.ok(Number.isNaN(quantile([], 0.5)));
  });

  it('spread gives min, quartiles, median, max and IQR of unsorted values, ignoring non-finite ones', () => {
    assert.deepEqual(spread([9, 1, 5, 3, 7, Number.NaN]), { n: 5, min: 1, q1: 3, median: 5, q3: 7, max: 9, iqr: 4 });
    assert.equal(spread([]), undefined);
  });

  it('disagreement is relative to the smaller figure, so 1.0 and 1.15 are 15% apart either way', () => {
    assert.ok(Math.abs(disagreement(1, 1.15) - 0.15) < 1e-12);
    assert.ok(Math.abs(disagreement(1.15, 1) - 0.15) < 1e-12);
    assert.equal(disagreement(0, 1), Number.POSITIVE_INFINITY);
  });

  it('pairs the two sides of each window in pair order, and leaves out a window one of whose sides has no figure', () => {
    const windows = [window(2, 20, 5), window(0, 30, 10), window(1, undefined, 20)];
    assert.deepEqual(
      pairedRuns(windows, 'activation', (s) => s.ms),
      { ours: [30, 20], minimal: [10, 5], skipped: 1 },
    );
  });

  it('judges the goal on the median of per-pair ratios, and only with 20 pairs or more', () => {
    // Ratios 1.2 in 19 pairs, 9 in one: the median ratio is 1.2 whatever the slow pair did.
    const windows: WindowRecord[] = [];
    for (let pair = 0; pair < 20; pair++) {
      const minimal = 10 + pair;
      windows.push(window(pair, minimal * (pair === 7 ? 9 : 1.2), minimal));
    }
    const activation = toFigures(windows, 20).find((f) => f.id === 'activation')!;
    assert.ok(Math.abs(activation.ratio! - 1.2) < 1e-9);
    assert.equal(activation.met, true);
    assert.equal(activation.spread?.ratio?.n, 20);
    assert.equal(activation.spread?.ratio?.max, 9);

    const slower = windows.map((w) =>
      window(w.pair, w.result.activation.ours!.ms! * 1.5, w.result.activation.minimal!.ms),
    );
    assert.equal(toFigures(slower, 20).find((f) => f.id === 'activation')!.met, false);

    const few = toFigures(windows.slice(0, 19), 20).find((f) => f.id === 'activation')!;
    assert.equal(few.met, undefined);
    assert.match(few.note ?? '', /19 of 20 pairs.*fewer than 20 pairs: not judged/);
  });

  it('compares the once-loaded activation with the minimal extension also loaded first, pair by pair', () => {
    const windows = [window(0, 12, 10, 'loaded'), window(1, 30, 20, 'loaded')];
    const figures = toFigures(windows, 0);
    const afterLoad = figures.find((f) => f.id === 'activation-after-load')!;
    assert.deepEqual(afterLoad.oursRuns, [12, 30]);
    assert.deepEqual(afterLoad.baselineRuns, [10, 20]);
    assert.ok(Math.abs(afterLoad.ratio! - 1.35) < 1e-9);
    const load = figures.find((f) => f.id === 'activation-load')!;
    assert.deepEqual(load.oursRuns, [3, 7.5]);
    assert.deepEqual(load.baselineRuns, [2.5, 5]);
  });
});
