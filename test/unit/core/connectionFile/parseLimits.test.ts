// Issue 23.4: a file past the size or nesting limit gets one diagnostic and is never parsed, and
// no path that parses a file (validation, hover and completion's slot) throws at any depth.
import * as assert from 'node:assert/strict';
import {
  MAX_CONNECTION_FILE_CHARS,
  MAX_NESTING_DEPTH,
  nestingDeeperThan,
  parseLimitProblem,
} from '../../../../src/core/connectionFile/parseLimits';
import { validateConnectionText } from '../../../../src/core/connectionFile/validate';
import { valueSlotAt } from '../../../../src/core/connectionFile/valueSlot';
import { quickFixesFor } from '../../../../src/core/connectionFile/quickFixes';
import { checkProvider, providerDiagnostics } from '../../../../src/core/providerCheck/providerCheck';

const fileName = '/w/auth0-oidc-connection.json';
const valid = {
  name: 'partner',
  strategy: 'auth0-oidc',
  options: { domain: 'partner.eu.auth0.com', client_id: 'abc', client_secret: '##P_CLIENT_SECRET##' },
};
const codes = (text: string): string[] => validateConnectionText(text, { fileName }).map((d) => d.code);
const deep = (levels: number): string =>
  `{"name":"p","options":{"client_id":"abc"},"x":${'['.repeat(levels)}${']'.repeat(levels)}}`;

describe('parse limits (size and nesting, before any parser runs)', () => {
  it('counts nesting outside strings only, in one pass', () => {
    assert.equal(nestingDeeperThan('{"a":"[[[[[[[[[[\\"[[[["}', 3), false);
    assert.equal(nestingDeeperThan('[[[[', 3), true);
    assert.equal(nestingDeeperThan('[[]][[]][[]]', 2), false);
    assert.equal(nestingDeeperThan('"unclosed [[[[[[', 1), false);
    assert.equal(parseLimitProblem(JSON.stringify(valid)), undefined);
  });

  it('refuses a file over the size limit with one diagnostic, whatever its shape', () => {
    const ids = Array.from({ length: 120_000 }, (_, i) => `client${String(i).padStart(18, '0')}`);
    const big = JSON.stringify({ ...valid, enabled_clients: ids });
    assert.ok(big.length > MAX_CONNECTION_FILE_CHARS);
    assert.deepEqual(codes(big), ['file-too-large']);
    const diagnostic = validateConnectionText(big, { fileName })[0]!;
    assert.equal(diagnostic.severity, 'error');
    assert.deepEqual(diagnostic.range.start, { line: 0, character: 0 });
  });

  it('refuses nesting past the limit, and reads a file just within it', () => {
    assert.deepEqual(codes(deep(MAX_NESTING_DEPTH + 1)), ['nesting-too-deep']);
    assert.deepEqual(codes(deep(100_000)), ['nesting-too-deep']);
    assert.ok(!codes(deep(MAX_NESTING_DEPTH - 2)).includes('nesting-too-deep'));
  });

  it("hover and completion's slot lookup survives any depth (it threw at 10,000)", () => {
    const text = `{"options":{"client_id":"abc"},"x":${'['.repeat(10_000)}`;
    assert.equal(valueSlotAt(text, text.indexOf('abc')), undefined);
    const fine = JSON.stringify(valid);
    assert.equal(valueSlotAt(fine, fine.indexOf('abc') + 1)?.kind, 'client_id');
  });

  it('quick fixes and the provider diagnostics read nothing past the limits (they threw at 10,000)', () => {
    const text = `{"name":"p","strategy":"auth0-oidc","options":{"domain":"partner.eu.auth0.com","client_id":"abc","scope":"profile"},"x":${'['.repeat(10_000)}`;
    const diagnostic = validateConnectionText(text, { fileName })[0]!;
    assert.deepEqual(quickFixesFor(text, { ...diagnostic, code: 'scope-missing-openid' }), []);
    const report = checkProvider({ providerDomain: 'partner.eu.auth0.com', clientId: 'abc', rpDomains: [] });
    assert.deepEqual(providerDiagnostics(text, report), []);
  });
});
