import * as assert from 'node:assert/strict';
import { longSubjects } from '../../../scripts/check-commit-subjects';

describe('commit subjects of at most 72 characters (scripts/check-commit-subjects.ts, run by npm run lint)', () => {
  it('passes subjects up to 72 characters, counting characters rather than bytes', () => {
    assert.deepEqual(longSubjects(`abc1234 ${'x'.repeat(72)}\ndef5678 ${'é'.repeat(72)}\n`), []);
  });

  it('names each longer subject with its hash and length', () => {
    assert.deepEqual(longSubjects(`abc1234 ${'y'.repeat(73)}\n`), [`abc1234 (73 characters): ${'y'.repeat(73)}`]);
  });
});
