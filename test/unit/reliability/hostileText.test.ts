// Text from files, tenants and the network, shaped to make a backtracking regular expression
// take quadratic time: long runs of one character that almost match. Each was seconds with the
// regexes these functions used (issue 12); a linear scan takes well under a millisecond. The bound
// is generous for a loaded shared CI machine and still far below the old times (4-6 s).
import * as assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { createManagementClient } from '../../../src/auth0/managementClient';
import { Auth0ApiError, parseMissingScopes } from '../../../src/auth0/errors';
import { LoginRedirectError } from '../../../src/auth0/login/errors';
import { cleanTokenInput } from '../../../src/core/login/tokens';
import { collapseWhitespace, stripTags, trimEndOf, trimStartOf } from '../../../src/core/linearText';
import { isMalformedPlaceholder, isPlaceholder } from '../../../src/core/connectionFile/placeholders';
import { validateConnectionText } from '../../../src/core/connectionFile/validate';
import { Prng } from './prng';
import { startServer } from '../auth0/helpers';

const N = 80_000;
const BOUND_MS = 200;

function timed<T>(what: string, run: () => T): T {
  const started = performance.now();
  const result = run();
  const ms = performance.now() - started;
  assert.ok(ms < BOUND_MS, `${what} took ${ms.toFixed(0)} ms on ${N.toLocaleString('en')} characters`);
  return result;
}

describe('reliability: hostile text is handled in linear time', () => {
  it('isMalformedPlaceholder on 80,000 "#" then "x#y", and the file that holds it', () => {
    const secret = `${'#'.repeat(N)}x#y`;
    assert.equal(
      timed('isMalformedPlaceholder', () => isMalformedPlaceholder(secret)),
      false,
    );
    const text = JSON.stringify({
      name: 'partner',
      strategy: 'auth0-oidc',
      options: { client_id: 'abc', client_secret: secret, domain: 'partner.example' },
    });
    timed('validateConnectionText', () => validateConnectionText(text));
  });

  it('isMalformedPlaceholder says what the old regexes said, on short generated values', () => {
    const rng = new Prng(12);
    const oldVerdict = (v: string): boolean => !isPlaceholder(v) && (/^#+[^#]*#*$/.test(v) || /^\$\{[^}]*\}$/.test(v));
    for (let i = 0; i < 20_000; i++) {
      const value = rng.string('#${}Ax_ ', 0, 10);
      assert.equal(isMalformedPlaceholder(value), oldVerdict(value), JSON.stringify(value));
    }
  });

  it('the helpers say what the regexes they replace said, on short generated values', () => {
    const rng = new Prng(1212);
    for (let i = 0; i < 20_000; i++) {
      const text = rng.string('<>a .;"\'`\n-', 0, 12);
      assert.equal(stripTags(text), text.replace(/<[^>]*>/g, ' '), JSON.stringify(text));
      assert.equal(collapseWhitespace(text), text.replace(/\s+/g, ' ').trim(), JSON.stringify(text));
      assert.equal(trimEndOf(text, '.;'), text.replace(/[.;]+$/, ''), JSON.stringify(text));
      assert.equal(trimStartOf(text, '-'), text.replace(/^-+/, ''), JSON.stringify(text));
    }
  });

  it('a non-JSON error page of 80,000 "<" becomes a short message quickly', async () => {
    const server = await startServer((request, response) => {
      if (request.url === '/oauth/token') {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ access_token: 'token-x', expires_in: 86400, token_type: 'Bearer' }));
        return;
      }
      response.writeHead(400, { 'content-type': 'text/html' });
      response.end('<'.repeat(N));
    });
    const client = createManagementClient({
      domain: server.domain,
      credentials: { kind: 'client-credentials', clientId: 'M2M', clientSecret: 'secret-x-123' },
      retry: { maxRetries: 0 },
    });
    try {
      const started = performance.now();
      await assert.rejects(client.getConnection('con_1'), (error: unknown) => {
        assert.ok(error instanceof Auth0ApiError, String(error));
        assert.equal(error.apiMessage?.length, 200);
        return true;
      });
      const ms = performance.now() - started;
      assert.ok(ms < BOUND_MS * 2, `the error page took ${ms.toFixed(0)} ms`);
    } finally {
      await client.close();
      await server.close();
    }
  });

  it('a login error description of spaces then "x" is worded quickly', () => {
    const error = timed(
      'LoginRedirectError',
      () => new LoginRedirectError('rp.example', 'access_denied', `${' '.repeat(N)}x`),
    );
    assert.match(error.userMessage, /x"\./);
  });

  it('an "expected any of" message with a run of ";" is parsed quickly', () => {
    assert.deepEqual(
      timed('parseMissingScopes', () =>
        parseMissingScopes(`Insufficient scope, expected any of: read:connections ${';'.repeat(N)}x`),
      ),
      ['read:connections'],
    );
  });

  it('a pasted token wrapped in a run of quotes is cleaned quickly', () => {
    assert.equal(
      timed('cleanTokenInput', () => cleanTokenInput(`x${'"'.repeat(N)}x`)),
      `x${'"'.repeat(N)}x`,
    );
    assert.equal(cleanTokenInput(' "Bearer a.b.c" '), 'a.b.c');
  });
});
