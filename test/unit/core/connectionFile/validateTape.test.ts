// The validator reads plain JSON from the scan's compact tape, and any other tree (jsonc-parser's,
// recovered from errors; an auth0-deploy-cli YAML entry) from a tape made of the tree's nodes. Both
// must give the same verdicts, problem for problem and in the same order (which decides what is
// listed past the 999th), and repeats must be found whatever the hashes do (hashIndex.ts).
import * as assert from 'node:assert/strict';
import { parseTree, type ParseError } from 'jsonc-parser';
import { HashIndex } from '../../../../src/core/connectionFile/hashIndex';
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
