import assert from 'node:assert/strict';
import { replaceKeywords } from '../../../../src/core/a0deploy/a0deployConfig';
import { readA0DeployFile } from '../../../../src/core/a0deploy/a0deployFile';
import { findA0DeployKeywords, patternMappingKey } from '../../../../src/core/a0deploy/a0deployKeywords';
import { keywordLeft } from '../../../../src/core/a0deploy/exportImport';

// a0deploy builds a regular expression from each mapping key as written (src/tools/utils.ts,
// keywordReplaceStringRegExp / keywordReplaceArrayRegExp): no key character is refused.
describe("a0deploy keywords: a0deploy's key rule, not the environments file's", () => {
  it('finds keys with "-", spaces and letters outside ASCII, in every form', () => {
    const text = `'@@MY-APPS@@' "@@rp apps@@" @@clé@@ ##PROVIDER-DOMAIN## ##a.b##`;
    assert.deepEqual(
      findA0DeployKeywords(text).map((k) => [
        k.key,
        k.form,
        k.quoted,
        text.slice(k.span.offset, k.span.offset + k.span.length),
      ]),
      [
        ['MY-APPS', 'json', true, `'@@MY-APPS@@'`],
        ['rp apps', 'json', true, '"@@rp apps@@"'],
        ['clé', 'json', false, '@@clé@@'],
        ['PROVIDER-DOMAIN', 'text', false, '##PROVIDER-DOMAIN##'],
        ['a.b', 'text', false, '##a.b##'],
      ],
    );
    for (const none of ['####', '@@@@', '##a\nb##', 'no#keyword#', '@@"x"@@', '##a\\b##'])
      assert.deepEqual(findA0DeployKeywords(none), [], none);
  });

  it('does not judge a value holding such a keyword, in YAML and in connections/NAME.json', () => {
    const yaml = `connections:
  - name: partner
    strategy: auth0-oidc
    options:
      client_id: '##partner-client-id##'
      client_secret: '##PARTNER_CLIENT_SECRET##'
      domain: '##PROVIDER-DOMAIN##'
      scope: 'openid ##EXTRA SCOPES##'
`;
    assert.deepEqual(
      readA0DeployFile(yaml, 'yaml').diagnostics.map((d) => d.code),
      ['strategy-deprecated'],
    );
    const json = JSON.stringify({
      name: 'partner',
      strategy: 'auth0-oidc',
      enabled_clients: '@@RP-APPS@@',
      options: { client_id: '##partner-client-id##', client_secret: '##S##', domain: '##PROVIDER-DOMAIN##' },
    }).replace('"@@RP-APPS@@"', '@@RP-APPS@@');
    const [entry] = readA0DeployFile(json, 'directory').entries;
    assert.deepEqual(
      entry!.diagnostics.map((d) => d.code),
      ['strategy-deprecated'],
    );
    assert.equal(entry!.connection['enabled_clients'], '@@RP-APPS@@', 'the bare keyword, as written');
  });

  it('replaces them from the mappings, and names one left unmapped', () => {
    const connection = {
      enabled_clients: '@@RP-APPS@@',
      options: { domain: '##PROVIDER-DOMAIN##', client_id: '##partner client##', client_secret: '##S##' },
    };
    const replaced = replaceKeywords(connection, {
      'RP-APPS': ['RP Web App'],
      'PROVIDER-DOMAIN': 'partner.example',
      'partner client': 'abc',
    });
    assert.deepEqual(replaced, {
      enabled_clients: ['RP Web App'],
      options: { domain: 'partner.example', client_id: 'abc', client_secret: '##S##' },
    });
    assert.equal(keywordLeft(replaceKeywords(connection, { 'RP-APPS': [] })), 'PROVIDER-DOMAIN');
  });

  it('names a mapping key a0deploy would read as a pattern', () => {
    assert.equal(patternMappingKey({ 'PROVIDER-DOMAIN': 'x', 'rp apps': [], clé: 1 }), undefined);
    for (const key of ['a.b', 'a+', 'a(b', '[x]', 'x{2}', 'a|b', '$X', '^X', 'a\\b', 'a?', 'a*'])
      assert.equal(patternMappingKey({ OK: 1, [key]: 2 }), key, key);
  });
});
