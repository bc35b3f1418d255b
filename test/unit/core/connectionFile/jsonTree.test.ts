// The fast tree for plain JSON must be jsonc-parser's tree exactly, node for node (the validator
// reads types, offsets, lengths and values from it), and must give way to jsonc-parser for
// anything that is not plain JSON.
import * as assert from 'node:assert/strict';
import { parseTree, type Node, type ParseError } from 'jsonc-parser';
import { parseJson, parseJsonWithin, parseValidJsonTree } from '../../../../src/core/connectionFile/jsonTree';
import { nestingDeeperThan } from '../../../../src/core/connectionFile/parseLimits';
import { Prng } from '../../reliability/prng';

/** A node without its parent link (compared separately), so trees compare as plain data. */
function plain(node: Node | undefined): unknown {
  if (!node) return node;
  const { parent: _parent, children, ...rest } = node;
  return { ...rest, ...(children ? { children: children.map(plain) } : {}) };
}

function checkParents(node: Node, parent: Node | undefined): void {
  assert.equal(node.parent, parent);
  for (const child of node.children ?? []) checkParents(child, node);
}

function assertSameTree(text: string): void {
  const errors: ParseError[] = [];
  const expected = parseTree(text, errors, {
    disallowComments: true,
    allowTrailingComma: false,
    allowEmptyContent: false,
  });
  assert.deepEqual(errors, [], `jsonc-parser reports errors on plain JSON: ${JSON.stringify(text)}`);
  const actual = parseValidJsonTree(text);
  assert.ok(actual, `no fast tree for plain JSON: ${JSON.stringify(text)}`);
  assert.deepEqual(plain(actual), plain(expected), `trees differ for ${JSON.stringify(text)}`);
  checkParents(actual, undefined);
}

const STRINGS = [
  '',
  'partner',
  'with "quotes"',
  'back\\slash',
  'trailing\\',
  '\\"',
  'é中文😀',
  '\u2028\u2029',
  '\ud800',
  'tab\there',
  'new\nline',
  '/slash/',
  '\u0000\u001f',
];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function randomValue(rng: Prng, depth = 0): Json {
  switch (rng.int(depth > 3 ? 4 : 6)) {
    case 0:
      return rng.pick([null, true, false]);
    case 1:
      return rng.pick([0, -0, -1, 42, 1.5, -2.25e-7, 1e21, 1.7976931348623157e308, 123456789012345680000]);
    case 2:
    case 3:
      return rng.pick(STRINGS);
    case 4:
      return Array.from({ length: rng.int(5) }, () => randomValue(rng, depth + 1));
    default:
      return Object.fromEntries(
        Array.from({ length: rng.int(5) }, () => [rng.pick(STRINGS), randomValue(rng, depth + 1)]),
      );
  }
}

/** Plain JSON in several layouts: compact, indented, tabs, CRLF, blanks around every token. */
function layouts(value: Json): string[] {
  const compact = JSON.stringify(value);
  const indented = JSON.stringify(value, undefined, 2);
  return [
    compact,
    indented,
    JSON.stringify(value, undefined, '\t'),
    indented.replace(/\n/g, '\r\n'),
    ` \r\n\t${indented.replace(/([,:[\]{}])/g, ' $1\t')}\n `,
  ];
}

describe('core: fast tree of plain JSON', () => {
  it("is jsonc-parser's tree for hand-picked documents", () => {
    for (const text of [
      '{}',
      '[]',
      '0',
      '-0',
      '"x"',
      'true',
      'null',
      '  {"a" :1 , "b":[ ] }  ',
      '{"a":{"b":{"c":[1,[2,[3]]]}}}',
      '{"escaped \\" key":"\\u00e9\\n\\\\","x":"\\/"}',
      '{"a":1,"a":2}',
      '[1e5,1E+5,-1.5e-3,0.5]',
      '{"s":"\\\\"}',
      '{"s":"\\\\\\""}',
      '{\r\n  "name": "partner",\r\n  "enabled_clients": ["a", "b"]\r\n}\r\n',
    ])
      assertSameTree(text);
  });

  it("is jsonc-parser's tree for 5,000 generated documents in five layouts each", () => {
    const rng = new Prng(20261201);
    for (let i = 0; i < 5000; i++) for (const text of layouts(randomValue(rng))) assertSameTree(text);
  });

  it('gives way to jsonc-parser for everything that is not plain JSON, and for mutated documents agrees on which is which', () => {
    for (const text of [
      '',
      ' ',
      '{',
      '{"a":1,}',
      '[1,]',
      '// c\n{}',
      '{/* c */}',
      '\ufeff{}',
      '{\u00a0}',
      "{'a':1}",
      '{"a":01}',
      '{"a":"\u0001"}',
      '{} {}',
      'nul',
      '{"a":.5}',
    ]) {
      assert.equal(parseValidJsonTree(text), undefined, JSON.stringify(text));
    }
    const rng = new Prng(7);
    const alphabet = '{}[]:,"\\ \n\r\t0123456789-+.eEtruefalsnl\u00a0';
    for (let i = 0; i < 5000; i++) {
      const chars = [...JSON.stringify(randomValue(rng), undefined, rng.chance(0.5) ? 2 : undefined)];
      for (let m = rng.int(3) + 1; m > 0; m--) {
        const at = rng.int(chars.length + 1);
        if (rng.chance(0.5)) chars.splice(at, 1);
        else chars.splice(at, 0, rng.pick([...alphabet]));
      }
      const text = chars.join('');
      let plainJson = true;
      try {
        JSON.parse(text);
      } catch {
        plainJson = false;
      }
      if (plainJson) assertSameTree(text);
      else assert.equal(parseValidJsonTree(text), undefined, JSON.stringify(text));
    }
  });

  it('measures nesting as nestingDeeperThan does, in the same scan (the validator skips that pass)', () => {
    const rng = new Prng(11);
    const wrap = (depth: number, inner: string): string =>
      Array.from({ length: depth }, (_, i) => (i % 2 === 0 ? '[' : '{"k":')).join('') +
      inner +
      Array.from({ length: depth }, (_, i) => (i % 2 === 0 ? ']' : '}'))
        .reverse()
        .join('');
    for (let i = 0; i < 500; i++) {
      const max = rng.int(6) + 1;
      const text = wrap(rng.int(8), JSON.stringify(randomValue(rng)));
      const deeper = nestingDeeperThan(text, max);
      const scanned = parseJsonWithin(text, 2, max);
      assert.equal(scanned === 'too-deep', deeper, `${text} (max ${max})`);
      if (!deeper)
        assert.deepEqual(plain(scanned === 'too-deep' ? undefined : scanned?.tree), plain(parseJson(text, 2)?.tree));
    }
    // Broken text says nothing about its nesting when the error comes first; the caller asks nestingDeeperThan.
    assert.equal(parseJsonWithin('[}[[[[', 2, 3), undefined);
    assert.equal(parseJsonWithin('[[[[}', 2, 3), 'too-deep');
  });

  it('gives way to jsonc-parser for nesting too deep to walk, instead of throwing', () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    assert.equal(parseValidJsonTree(deep), undefined);
  });
});
