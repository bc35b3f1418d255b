import assert from 'node:assert/strict';
import { findKeywords, originalSpan, replaceKeywords } from '../../../../src/core/environments/keywords';

describe('replaceKeywords (auth0-deploy-cli keyword replacement)', () => {
  it('replaces ##KEY## literally and @@KEY@@ with JSON.stringify, quoted or not', () => {
    const mappings = { ENV: 'dev', APPS: ['a', 'b'], N: 3 };
    assert.equal(replaceKeywords('name: ##ENV##-x', mappings).text, 'name: dev-x');
    assert.equal(replaceKeywords('{"apps": "@@APPS@@"}', mappings).text, '{"apps": ["a","b"]}');
    assert.equal(replaceKeywords('apps: @@APPS@@', mappings).text, 'apps: ["a","b"]');
    assert.equal(replaceKeywords('"@@ENV@@"', mappings).text, '"dev"');
    assert.equal(replaceKeywords('n=##N##', mappings).text, 'n=3');
  });

  it('leaves keys without a mapping, inherited properties included, as they are', () => {
    assert.equal(replaceKeywords('##SECRET## ##toString## @@X@@', { Y: 1 }).text, '##SECRET## ##toString## @@X@@');
  });

  it('replaces in one pass: a value holding a keyword is not replaced again', () => {
    assert.equal(replaceKeywords('##A## ##B##', { A: '##B##', B: 'b' }).text, '##B## b');
  });

  it('escapes ##KEY## values inside JSON strings when asked, so a value cannot add properties', () => {
    const text = '{"display_name": "##NAME##"}';
    const hostile = { NAME: 'x", "client_secret": "y' };
    assert.equal(replaceKeywords(text, hostile).text, '{"display_name": "x", "client_secret": "y"}');
    const escaped = replaceKeywords(text, hostile, { inJsonStrings: true }).text;
    assert.deepEqual(JSON.parse(escaped), { display_name: 'x", "client_secret": "y' });
  });

  it('records where each keyword was and where its value is', () => {
    const result = replaceKeywords('ab ##K## cd "@@L@@"', { K: 'value', L: [1] });
    assert.deepEqual(
      result.replacements.map((r) => [r.key, r.original, r.resolved]),
      [
        ['K', { offset: 3, length: 5 }, { offset: 3, length: 5 }],
        ['L', { offset: 12, length: 7 }, { offset: 12, length: 3 }],
      ],
    );
  });

  it('finds every form, in order', () => {
    assert.deepEqual(
      findKeywords('"@@A@@" @@B@@ ##C## #D# @@E').map((k) => [k.key, k.form, k.quoted]),
      [
        ['A', 'json', true],
        ['B', 'json', false],
        ['C', 'text', false],
      ],
    );
  });

  it('maps a span of the replaced text back onto the keyword or the text beside it', () => {
    const original = '{"a": "##LONG_KEY##", "b": 1}';
    const { text, replacements } = replaceKeywords(original, { LONG_KEY: 'v' }, { inJsonStrings: true });
    assert.equal(text, '{"a": "v", "b": 1}');
    // Inside the value: the whole keyword.
    assert.deepEqual(originalSpan(replacements, { offset: text.indexOf('v'), length: 1 }), {
      offset: original.indexOf('##'),
      length: '##LONG_KEY##'.length,
    });
    // The string holding it: the string of the original.
    assert.deepEqual(originalSpan(replacements, { offset: text.indexOf('"v"'), length: 3 }), {
      offset: original.indexOf('"##'),
      length: '"##LONG_KEY##"'.length,
    });
    // After it: shifted.
    assert.deepEqual(originalSpan(replacements, { offset: text.indexOf('"b"'), length: 3 }), {
      offset: original.indexOf('"b"'),
      length: 3,
    });
  });

  it('stays linear on a long run of # and @', () => {
    const text = '#'.repeat(200_000) + '@'.repeat(200_000);
    const started = process.hrtime.bigint();
    assert.equal(replaceKeywords(text, { A: 1 }).text, text);
    assert.ok(Number(process.hrtime.bigint() - started) / 1e6 < 2000);
  });
});
