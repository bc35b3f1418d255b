import assert from 'node:assert/strict';
import { valueSlotAt } from '../../../../src/core/connectionFile/valueSlot';

/** The text with `|` removed, and the offset where it stood. */
function at(marked: string): [string, number] {
  const offset = marked.indexOf('|');
  return [marked.slice(0, offset) + marked.slice(offset + 1), offset];
}

describe('core/connectionFile/valueSlot', () => {
  it('finds options.client_id inside its string, with the file domain', () => {
    const slot = valueSlotAt(...at('{"options": {"domain": "p.auth0.com", "client_id": "ab|c"}}'));
    assert.equal(slot?.kind, 'client_id');
    assert.equal(slot?.providerDomain, 'p.auth0.com');
    assert.equal(slot?.string?.value, 'abc');
  });

  it('finds an enabled_clients entry, also one still empty', () => {
    assert.equal(valueSlotAt(...at('{"enabled_clients": ["x", "|"]}'))?.kind, 'enabled_client');
    assert.equal(valueSlotAt(...at('{"enabled_clients": ["x", |]}'))?.string, undefined);
  });

  it('finds options.domain, and a value still to be typed after the colon', () => {
    const slot = valueSlotAt(...at('{"options": {"domain": |}}'));
    assert.equal(slot?.kind, 'domain');
    assert.equal(slot?.string, undefined);
  });

  it('is nothing on keys and on other values', () => {
    assert.equal(valueSlotAt(...at('{"options": {"client|_id": "abc"}}')), undefined);
    assert.equal(valueSlotAt(...at('{"name": "par|tner"}')), undefined);
    assert.equal(valueSlotAt(...at('{"options": {"scope": "open|id"}}')), undefined);
  });
});
