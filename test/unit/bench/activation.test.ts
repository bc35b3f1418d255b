// The activation benchmark's statistics: the pairing of windows, and the spread and agreement the
// goal is judged on. The windows themselves need code-server (npm run bench).
import * as assert from 'node:assert/strict';
import { pairedRuns, toFigures, windowPlan, type WindowRecord } from '../../../bench/activation';
import type { HostResult } from '../../../bench/host/index';
import { disagreement, quantile, spread } from '../../../bench/stats';

function window(pair: number, which: 'ours' | 'minimal', ms: number | undefined, phase: 'activation' | 'loaded' = 'activation'): WindowRecord {
  const result: HostResult = {
    activation: { alreadyActive: ms === undefined ? ['x'] : [], ...(ms !== undefined ? (phase === 'activation' ? { [which]: ms } : { load: ms / 2, afterLoad: ms }) : {}) },
    deployCreate: [], deployUpdate: [], testLogin: [], testLoginAvailable: false, commands: [], errors: [],
  };
  return { pair, phase, which, first: (pair % 2 === 0) === (which === 'ours'), result };
}

describe('bench: activation statistics', () => {
  it('alternates which side opens each pair, and runs the loaded pairs after the activation pairs', () => {
    const plan = windowPlan(3, 2);
    assert.deepEqual(plan.map((w) => `${w.phase[0]}${w.pair}${w.which[0]}${w.first ? '1' : '2'}`),
      ['a0o1', 'a0m2', 'a1m1', 'a1o2', 'a2o1', 'a2m2', 'l0o1', 'l0m2', 'l1m1', 'l1o2']);
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

  it('pairs the windows of the same pair, and leaves out a pair one of whose windows has no figure', () => {
    const windows = [window(0, 'ours', 30), window(0, 'minimal', 10), window(1, 'minimal', 20), window(1, 'ours', undefined), window(2, 'minimal', 5), window(2, 'ours', 20)];
    assert.deepEqual(pairedRuns(windows, 'activation', (r, which) => r.activation[which]), { ours: [30, 20], minimal: [10, 5], skipped: 1 });
  });

  it('judges the goal on the median of per-pair ratios, and only with 20 pairs or more', () => {
    // Ratios 1.2 in 19 pairs, 9 in one: the median ratio is 1.2; the ratio of the medians would be 1.2 too,
    // but the median of ours is shifted by the slow pair's neighbour only.
    const windows: WindowRecord[] = [];
    for (let pair = 0; pair < 20; pair++) {
      const minimal = 10 + pair;
      windows.push(window(pair, 'ours', minimal * (pair === 7 ? 9 : 1.2)), window(pair, 'minimal', minimal));
    }
    const activation = toFigures(windows, 20).find((f) => f.id === 'activation')!;
    assert.ok(Math.abs(activation.ratio! - 1.2) < 1e-9);
    assert.equal(activation.met, true);
    assert.equal(activation.spread?.ratio?.n, 20);
    assert.equal(activation.spread?.ratio?.max, 9);

    const slower = windows.map((w) => (w.which === 'ours' ? window(w.pair, 'ours', w.result.activation.ours! * 1.5) : w));
    assert.equal(toFigures(slower, 20).find((f) => f.id === 'activation')!.met, false);

    const few = toFigures(windows.slice(0, 38), 20).find((f) => f.id === 'activation')!;
    assert.equal(few.met, undefined);
    assert.match(few.note ?? '', /19 of 20 pairs.*fewer than 20 pairs: not judged/);
  });

  it('compares the once-loaded activation with the minimal extension also loaded first, pair by pair', () => {
    const windows = [window(0, 'ours', 12, 'loaded'), window(0, 'minimal', 10, 'loaded'), window(1, 'minimal', 20, 'loaded'), window(1, 'ours', 30, 'loaded')];
    const afterLoad = toFigures(windows, 0).find((f) => f.id === 'activation-after-load')!;
    assert.deepEqual(afterLoad.oursRuns, [12, 30]);
    assert.deepEqual(afterLoad.baselineRuns, [10, 20]);
    assert.ok(Math.abs(afterLoad.ratio! - 1.35) < 1e-9);
  });
});
