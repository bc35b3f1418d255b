import * as assert from 'node:assert/strict';
import { stripBom } from '../../../../src/core/connectionFile/fileText';
import { fillPlaceholders } from '../../../../src/core/connectionFile/placeholders';

describe('fillPlaceholders (one filling rule for deploy, the files view and the CLI)', () => {
  const body = {
    name: 'partner',
    options: {
      client_id: '##NOT_A_SECRET##',
      client_secret: '##PARTNER_CLIENT_SECRET##',
      password: '##OTHER##',
      token: '##BLANK##',
      domain: 'p.example',
    },
  };

  it('fills secret options only, and lists the placeholders with no value (undefined or blank)', () => {
    const values: Record<string, string> = {
      PARTNER_CLIENT_SECRET: 's3cret-value',
      NOT_A_SECRET: 'leaked',
      BLANK: '  ',
    };
    const seen: string[] = [];
    const filled = fillPlaceholders(body, (key) => {
      seen.push(key);
      return values[key];
    });
    assert.deepEqual(
      seen.sort(),
      ['BLANK', 'OTHER', 'PARTNER_CLIENT_SECRET'],
      'a placeholder outside a secret option is never looked up',
    );
    assert.deepEqual(filled.body, { name: 'partner', options: { ...body.options, client_secret: 's3cret-value' } });
    assert.deepEqual(filled.unresolved, [
      { option: 'password', key: 'OTHER' },
      { option: 'token', key: 'BLANK' },
    ]);
    assert.equal(body.options.client_secret, '##PARTNER_CLIENT_SECRET##', 'the input is not changed');
  });
});

describe('stripBom (one BOM rule)', () => {
  it('drops one leading byte order mark and nothing else', () => {
    assert.equal(stripBom('\uFEFF{"a":1}'), '{"a":1}');
    assert.equal(stripBom('{"a":"\uFEFF"}'), '{"a":"\uFEFF"}');
    assert.equal(stripBom(''), '');
  });
});
