import * as assert from 'node:assert/strict';
import { placeholderSlots } from '../../../../src/core/connectionFile/placeholderSlots';

describe('placeholderSlots (where Set Stored Secret applies)', () => {
  it('finds ##KEY## in secret options only, with the span of the string', () => {
    const text = JSON.stringify(
      {
        name: 'partner',
        strategy: 'auth0-oidc',
        options: { domain: '##NOT_A_SECRET##', client_id: 'abc', client_secret: '##PARTNER_CLIENT_SECRET##' },
      },
      null,
      2,
    );
    const slots = placeholderSlots(text);
    assert.equal(slots.length, 1);
    const [slot] = slots;
    assert.equal(slot?.option, 'client_secret');
    assert.equal(slot?.key, 'PARTNER_CLIENT_SECRET');
    assert.equal(text.slice(slot.offset, slot.offset + slot.length), '"##PARTNER_CLIENT_SECRET##"');
  });

  it('gives nothing for a literal secret, a malformed placeholder, broken or empty text', () => {
    for (const text of [
      '{"options":{"client_secret":"s3cr3t"}}',
      '{"options":{"client_secret":"##partner##"}}',
      '{"client_secret":"##TOP_LEVEL##"}',
      '{"options":',
      '',
      '[1,2]',
      // Past the nesting limit no parser reads the file (issue 23.4).
      `{"options":{"client_secret":"##A##","x":${'['.repeat(100)}${']'.repeat(100)}}}`,
    ])
      assert.deepEqual(placeholderSlots(text), [], text);
  });

  it('reads a file with comments and trailing commas as the editor does', () => {
    const slots = placeholderSlots('{\n  // the partner\n  "options": { "client_secret": "##A##", },\n}');
    assert.deepEqual(
      slots.map((s) => s.key),
      ['A'],
    );
  });
});
