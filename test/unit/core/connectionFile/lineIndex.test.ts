import * as assert from 'node:assert/strict';
import { LineIndex, computeLineStarts } from '../../../../src/core/connectionFile/lineIndex';
import { Prng } from '../../reliability/prng';

/** The definition, one character at a time: a line ends at \n, \r\n or a lone \r. */
function referenceLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\r' && text[i + 1] === '\n') i++;
    if (text[i] === '\n' || text[i] === '\r') starts.push(i + 1);
  }
  return starts;
}

describe('core: line index', () => {
  it('finds line starts after \\n, \\r\\n and lone \\r, as a character-by-character scan does', () => {
    for (const text of ['', 'a', '\n', '\r', '\r\n', '\n\r', '\r\r\n\n', 'a\r\nb\nc\rd', 'end\r']) {
      assert.deepEqual(computeLineStarts(text), referenceLineStarts(text), JSON.stringify(text));
    }
    const rng = new Prng(42);
    for (let i = 0; i < 2000; i++) {
      const text = Array.from({ length: rng.int(40) }, () => rng.pick(['a', 'b', ' ', '\n', '\r', '\r\n'])).join('');
      assert.deepEqual(computeLineStarts(text), referenceLineStarts(text), JSON.stringify(text));
    }
  });

  it('gives line and character of an offset, clamped to the text', () => {
    const index = new LineIndex('ab\r\ncd\ref');
    assert.deepEqual(index.positionAt(0), { line: 0, character: 0 });
    assert.deepEqual(index.positionAt(4), { line: 1, character: 0 });
    assert.deepEqual(index.positionAt(8), { line: 2, character: 1 });
    assert.deepEqual(index.positionAt(99), { line: 2, character: 2 });
  });
});
