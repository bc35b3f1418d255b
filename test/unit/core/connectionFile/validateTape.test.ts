// The validator reads plain JSON from the scan's compact tape, and any other tree (jsonc-parser's,
// recovered from errors; an auth0-deploy-cli YAML entry) from a tape made of the tree's nodes. Both
// must give the same verdicts, problem for problem and in the same order (which decides what is
// listed past the 999th), and repeats must be found whatever the hashes do (hashIndex.ts).
import * as assert from 'node:assert/strict';
import { parseTree, type ParseError } from 'jsonc-parser';
import { HashIndex } from '../../../../src/core/connectionFile/hashIndex';
import { parseJsonWithin } from '../../../../src/core/connectionFile/jsonTree';
import { RepeatFinder } from '../../../../src/core/connectionFile/repeatFinder';
import { validateConnectionNode, validateConnectionText } from '../../../../src/core/connectionFile/validate';
import { Prng } from '../../reliability/prng';
import { generatedConnectionText, generatedContext } from './connectionCorpus';

describe('core: the validator on its compact tape', function () {
  this.timeout(120_000);

  it('gives the same diagnostics from the tape of plain JSON as from jsonc-parser’s tree of it', () => {
    const rng = new Prng(20261206);
    const codes = new Set<string>();
    let pastTheCap = 0;
    for (let i = 0; i < 600; i++) {
      const text = generatedConnectionText(rng);
      const context = generatedContext(rng);
      const errors: ParseError[] = [];
      const tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
      assert.deepEqual(errors, [], `generated text is plain JSON: ${text.slice(0, 200)}`);
      const fromTape = validateConnectionText(text, context);
      assert.deepEqual(fromTape, validateConnectionNode(text, tree!, context), `case ${i}: ${text.slice(0, 300)}`);
      for (const d of fromTape) codes.add(d.code);
      if (fromTape.some((d) => d.code === 'more-problems')) pastTheCap++;
    }
    // The corpus must reach the bookkeeping this is about, or the comparison proves little.
    for (const code of [
      'duplicate-key',
      'enabled-client-duplicate',
      'enabled-client-malformed',
      'unknown-property',
      'placeholder-outside-secret',
      'wrong-type',
      'metadata-too-many',
      'value-too-long',
      'oidc-domain',
      'more-problems',
    ])
      assert.ok(codes.has(code), `no generated document produced ${code}`);
    assert.ok(pastTheCap >= 10, `only ${pastTheCap} documents went past the listed problems`);
  });

  it('keeps the last of repeated keys and reports each repeat, escaped spellings included', () => {
    const text =
      '{"name":"a","n\\u0061me":"b!","strategy":"auth0-oidc","options":{"client_id":"x","client_secret":"##S##",' +
      '"domain":"p.example","\\u0064omain":"q.example"},"enabled_clients":["a\\u0062","ab","ab"]}';
    const found = validateConnectionText(text).map((d) => [
      d.code,
      text.slice(d.span.offset, d.span.offset + d.span.length),
    ]);
    assert.deepEqual(found, [
      ['duplicate-key', '"n\\u0061me"'],
      ['name-invalid', '"b!"'],
      ['strategy-deprecated', '"auth0-oidc"'],
      ['duplicate-key', '"\\u0064omain"'],
      ['enabled-clients-endpoint', '"enabled_clients"'],
      ['enabled-client-duplicate', '"ab"'],
      ['enabled-client-duplicate', '"ab"'],
    ]);
  });
});

describe('core: HashIndex', () => {
  it('makes candidates only of items whose hash another item shares', () => {
    const hashes = Int32Array.from([5, 7, 5, 9, 7 + 1024, 11]);
    const index = new HashIndex(hashes, hashes.length);
    // 5 twice; 7 and 7 + 1024 share a bucket but not a hash.
    assert.deepEqual([...index.candidate], [1, 0, 1, 0, 0, 0]);
    assert.equal(index.lastWith(5), 3);
    assert.equal(index.before(2, 5), 1);
    assert.equal(index.before(0, 5), 0);
    assert.equal(index.lastWith(6), 0);
  });

  it('makes every item of a crowded bucket a candidate, so that colliding hashes cost time, not answers', () => {
    // All in one bucket with distinct hashes: past a few probes the bucket is given up on.
    const crowded = Int32Array.from({ length: 50 }, (_, i) => i * 4096);
    assert.ok(new HashIndex(crowded, crowded.length).candidate.every((c) => c === 1));
    // All equal: every one is a candidate, and lookups walk them from the last.
    const equal = new Int32Array(20).fill(3);
    const index = new HashIndex(equal, equal.length);
    assert.ok(index.candidate.every((c) => c === 1));
    const walked: number[] = [];
    for (let at = index.lastWith(3); at !== 0; at = index.before(at - 1, 3)) walked.push(at - 1);
    assert.deepEqual(
      walked,
      Array.from({ length: 20 }, (_, i) => 19 - i),
    );
  });
});

describe('core: RepeatFinder', () => {
  /** Which items of the JSON array `text` repeat an earlier one, each given the hash `hashOf` says. */
  function repeatsIn(text: string, hashOf: (item: number) => number): boolean[] {
    const scanned = parseJsonWithin(text, 2, 64);
    assert.ok(scanned && scanned !== 'too-deep');
    const level = scanned.tape.levels[1]!;
    const finder = new RepeatFinder(scanned.tape, level, 0, level.count);
    return Array.from({ length: level.count }, (_, i) => finder.repeatsEarlier(i, hashOf(i)));
  }
  const expected = (items: string[]): boolean[] => items.map((s, i) => items.indexOf(s) < i);

  it('finds each repeat whatever the hashes: all equal, one bucket, or distinct', () => {
    const rng = new Prng(7);
    // Short ids from a small alphabet: many repeats, and escaped spellings of the same id.
    const items = Array.from({ length: 400 }, () => `a${rng.int(60).toString(36)}`);
    const text = `[${items.map((s, i) => (i % 7 === 0 ? JSON.stringify(s).replace('a', '\\u0061') : JSON.stringify(s))).join(',')}]`;
    const honest = new Map<string, number>();
    for (const s of items) if (!honest.has(s)) honest.set(s, rng.int(0x7fffffff));
    for (const [name, hashOf] of [
      ['one hash for every item: the bucket crowds and the Set decides', () => 42],
      ['one bucket, distinct hashes', (i: number) => (i % 50) * 4096 * 1024],
      ['a hash per distinct id', (i: number) => honest.get(items[i]!)!],
    ] as const)
      assert.deepEqual(repeatsIn(text, hashOf), expected(items), name);
  });

  it('compares in place: equal hashes with different characters are not a repeat', () => {
    assert.deepEqual(
      repeatsIn('["ab","ba","ab","abc","ba"]', () => 1),
      [false, false, true, false, true],
    );
  });
});
