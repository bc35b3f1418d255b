import * as assert from 'node:assert/strict';
import { failureLines } from '../../../scripts/failureLines';

describe('the failures repeated at the end of npm test (scripts/failureLines.ts)', () => {
  it("names failed UI scenarios, runner checks and mocha's numbered failures, once each", () => {
    const output = [
      '  ✔ journey (56287 ms)',
      '  ✘ pickers: Error: the quick input did not show the expected rows',
      'runner self-test: ✘ failing-suite: the summary was wrong. Its output:',
      '    | ✘ a line the self-test quotes from a fixture',
      '  1) connection files view',
      '  1) connection files view',
      '[runner] 1040.6s UI scenarios: 17 passed, 1 failed, 0 skipped',
    ].join('\n');
    assert.deepEqual(failureLines(output), [
      '✘ pickers: Error: the quick input did not show the expected rows',
      'runner self-test: ✘ failing-suite: the summary was wrong. Its output:',
      '1) connection files view',
    ]);
  });

  it('cuts long lines and lists at most 20', () => {
    const lines = failureLines(Array.from({ length: 30 }, (_, i) => `  ✘ s${i}: ${'x'.repeat(400)}`).join('\n'));
    assert.equal(lines.length, 20);
    assert.ok(lines.every((l) => l.length === 241 && l.endsWith('…')));
  });
});
