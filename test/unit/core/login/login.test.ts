import * as assert from 'node:assert/strict';
import { buildAuthorizeUrl, explainAuthorizeUrl, AuthorizeUrlError } from '../../../../src/core/login/authorizeUrl';
import { describeDuration, describeExpiry, describeIssued } from '../../../../src/core/login/time';
import {
  checkAccessToken,
  checkIdToken,
  cleanTokenInput,
  decodeJwt,
  expectedIssuer,
  MalformedTokenError,
} from '../../../../src/core/login/tokens';
import { parseUserId, userIdNotice } from '../../../../src/core/login/userId';
import { createPkce, createState, pkceChallenge } from '../../../../src/auth0/login/pkce';

const b64 = (value: unknown): string =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const jwt = (payload: unknown, header: unknown = { alg: 'RS256', typ: 'JWT', kid: 'k1' }): string =>
  `${b64(header)}.${b64(payload)}.c2ln`;

describe('login core', () => {
  describe('buildAuthorizeUrl', () => {
    /** Valid link parameters, for the tests that change or add some. */
    const base = {
      rpOrigin: 'https://rp.example.com',
      clientId: 'A',
      redirectUri: 'https://a.example/cb',
      state: 's',
      connection: 'c',
    };

    it('builds the documented link with every parameter in order', () => {
      const href = buildAuthorizeUrl({
        rpOrigin: 'https://rp.example.com',
        clientId: 'APP',
        redirectUri: 'https://app.example.com/cb?x=1',
        state: 'S 1',
        connection: 'partner',
      });
      const url = new URL(href);
      assert.equal(url.origin + url.pathname, 'https://rp.example.com/authorize');
      assert.deepEqual(
        [...url.searchParams.keys()],
        ['client_id', 'response_type', 'redirect_uri', 'state', 'connection', 'scope'],
      );
      assert.equal(url.searchParams.get('redirect_uri'), 'https://app.example.com/cb?x=1');
      assert.equal(url.searchParams.get('state'), 'S 1');
      assert.equal(url.searchParams.get('response_type'), 'code');
      assert.equal(url.searchParams.get('scope'), 'openid profile email');
      assert.ok(!href.includes(' '), 'spaces are encoded');
    });

    it('adds nonce and PKCE, and extras that cannot override the flow', () => {
      const href = buildAuthorizeUrl({
        rpOrigin: 'http://127.0.0.1:4000/',
        clientId: 'A',
        redirectUri: 'http://127.0.0.1:5000/callback',
        state: 's',
        connection: 'c',
        nonce: 'n',
        codeChallenge: 'ch',
        scope: 'openid',
        extra: { prompt: 'login', state: 'evil' },
      });
      const p = new URL(href).searchParams;
      assert.equal(p.get('nonce'), 'n');
      assert.equal(p.get('code_challenge'), 'ch');
      assert.equal(p.get('code_challenge_method'), 'S256');
      assert.equal(p.get('prompt'), 'login');
      assert.deepEqual(p.getAll('state'), ['s']);
      assert.equal(p.get('scope'), 'openid');
    });

    for (const [what, input] of [
      ['a relative redirect URI', { redirectUri: '/callback' }],
      ['a javascript: redirect URI', { redirectUri: 'javascript:alert(1)' }],
      ['a redirect URI with a fragment', { redirectUri: 'https://a.example/cb#x' }],
      ['an origin with a path', { rpOrigin: 'https://rp.example.com/x' }],
      ['an empty connection', { connection: ' ' }],
      ['an empty state', { state: '' }],
    ] as const) {
      it(`refuses ${what}`, () => {
        assert.throws(() => buildAuthorizeUrl({ ...base, ...input }), AuthorizeUrlError);
      });
    }

    it('explains each parameter', () => {
      const href = buildAuthorizeUrl({ ...base, extra: { foo: 'bar' } });
      const explained = explainAuthorizeUrl(href);
      assert.deepEqual(
        explained.map((p) => p.name),
        ['client_id', 'response_type', 'redirect_uri', 'state', 'connection', 'scope', 'foo'],
      );
      assert.ok(explained.every((p) => p.meaning.length > 10));
      assert.match(explained.find((p) => p.name === 'state')!.meaning, /CSRF/);
    });

    it('explains the connection in the words of its strategy (an oidc link leads to the OpenID provider)', () => {
      const href = buildAuthorizeUrl(base);
      const meaning = (strategy?: string): string =>
        explainAuthorizeUrl(href, strategy === undefined ? {} : { strategy }).find((p) => p.name === 'connection')!
          .meaning;
      assert.match(meaning('oidc'), /^The oidc connection/);
      assert.ok(!meaning('oidc').includes('auth0-oidc'), meaning('oidc'));
      assert.match(meaning('auth0-oidc'), /^The auth0-oidc connection .* provider tenant/);
      assert.match(meaning('samlp'), /^The samlp connection/);
      assert.ok(!meaning().includes('auth0-oidc'), meaning());
    });

    it('explains every parameter in plain text, as the view shows it (no markdown backticks; issue 13)', () => {
      const href = buildAuthorizeUrl({
        ...base,
        nonce: 'n',
        codeChallenge: 'x',
        extra: { prompt: 'login', login_hint: 'a@b', audience: 'https://api' },
      });
      const explained = explainAuthorizeUrl(href);
      assert.ok(explained.length >= 11, explained.map((p) => p.name).join());
      for (const p of explained) assert.ok(!p.meaning.includes('`'), `${p.name}: ${p.meaning}`);
    });
  });

  describe('PKCE and random values', () => {
    it('matches the RFC 7636 appendix B test vector', async () => {
      assert.equal(
        await pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'),
        'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      );
    });
    it('makes verifiers of legal length and distinct states', async () => {
      const pkce = await createPkce();
      assert.match(pkce.verifier, /^[A-Za-z0-9_-]{43}$/);
      assert.equal(pkce.challenge, await pkceChallenge(pkce.verifier));
      assert.notEqual(createState(), createState());
    });
    it('refuses a verifier that is too short', async () => {
      await assert.rejects(() => pkceChallenge('short'), RangeError);
    });
  });

  describe('parseUserId', () => {
    it('splits an auth0-oidc user id', () => {
      assert.deepEqual(parseUserId('auth0-oidc|partner|auth0|563b9b6cf50bc24402a69b80'), {
        kind: 'auth0-oidc',
        userId: 'auth0-oidc|partner|auth0|563b9b6cf50bc24402a69b80',
        connection: 'partner',
        providerConnection: 'auth0',
        providerUserId: '563b9b6cf50bc24402a69b80',
        providerUserIdFull: 'auth0|563b9b6cf50bc24402a69b80',
      });
    });
    it('keeps pipes inside the provider user id', () => {
      const parsed = parseUserId('auth0-oidc|partner|oidc|corp|sub|42');
      assert.equal(parsed.kind, 'auth0-oidc');
      if (parsed.kind === 'auth0-oidc') {
        assert.equal(parsed.providerConnection, 'oidc');
        assert.equal(parsed.providerUserId, 'corp|sub|42');
      }
    });
    it('is lenient with a missing provider connection', () => {
      const parsed = parseUserId('auth0-oidc|partner|12345');
      assert.equal(parsed.kind, 'auth0-oidc');
      if (parsed.kind === 'auth0-oidc') assert.equal(parsed.providerUserId, '12345');
    });
    // Auth0: "{identity provider id}|{unique id in the provider}"
    // (https://auth0.com/docs/manage-users/user-accounts/identify-users); for the OIDC enterprise
    // connection the identity provider id is oidc|CONNECTION and the id the provider's sub.
    it('splits an oidc user id: connection, then the whole sub (pipes kept)', () => {
      assert.deepEqual(parseUserId('oidc|partner-oidc|auth0|563b9b6cf50bc24402a69b80'), {
        kind: 'oidc',
        userId: 'oidc|partner-oidc|auth0|563b9b6cf50bc24402a69b80',
        connection: 'partner-oidc',
        sub: 'auth0|563b9b6cf50bc24402a69b80',
      });
      assert.deepEqual(parseUserId('oidc|corp|248289761001'), {
        kind: 'oidc',
        userId: 'oidc|corp|248289761001',
        connection: 'corp',
        sub: '248289761001',
      });
    });
    it('refuses an oidc user id without a connection or a sub', () => {
      assert.equal(parseUserId('oidc|').kind, 'invalid');
      assert.equal(parseUserId('oidc|partner-oidc').kind, 'invalid');
      assert.equal(parseUserId('oidc|partner-oidc|').kind, 'invalid');
    });
    it('tells other and invalid ids apart', () => {
      assert.deepEqual(parseUserId('auth0|abc'), { kind: 'other', userId: 'auth0|abc', provider: 'auth0', id: 'abc' });
      assert.equal(parseUserId('auth0-oidc|').kind, 'invalid');
      assert.equal(parseUserId('auth0-oidc|partner').kind, 'invalid');
      assert.equal(parseUserId('nopipe').kind, 'invalid');
      assert.equal(parseUserId(undefined).kind, 'invalid');
      assert.equal(parseUserId(42).kind, 'invalid');
    });
  });

  describe('userIdNotice', () => {
    const auth0OidcUser = parseUserId('auth0-oidc|partner|auth0|563b9b6cf50bc24402a69b80');
    const oidcUser = parseUserId('oidc|partner-oidc|auth0|563b9b6cf50bc24402a69b80');
    const table: [string, ReturnType<typeof parseUserId>, Parameters<typeof userIdNotice>[1], RegExp | undefined][] = [
      [
        'oidc login through the oidc connection tested',
        oidcUser,
        { name: 'partner-oidc', strategy: 'oidc' },
        undefined,
      ],
      [
        'auth0-oidc login through the auth0-oidc connection tested',
        auth0OidcUser,
        { name: 'partner', strategy: 'auth0-oidc' },
        undefined,
      ],
      [
        'oidc login when an auth0-oidc connection was tested',
        oidcUser,
        { name: 'partner', strategy: 'auth0-oidc' },
        /did not log in through the auth0-oidc connection partner: the user id starts with "oidc\|"/,
      ],
      [
        'auth0-oidc login when an oidc connection was tested',
        auth0OidcUser,
        { name: 'partner-oidc', strategy: 'oidc' },
        /did not log in through the oidc connection partner-oidc: the user id starts with "auth0-oidc\|"/,
      ],
      [
        'a database user when an oidc connection was tested',
        parseUserId('auth0|abc'),
        { name: 'partner-oidc', strategy: 'oidc' },
        /did not log in through the oidc connection partner-oidc/,
      ],
      [
        'the right strategy, another connection',
        oidcUser,
        { name: 'other-oidc', strategy: 'oidc' },
        /through the connection partner-oidc, not other-oidc/,
      ],
      ['a pasted oidc token', oidcUser, undefined, undefined],
      ['a pasted auth0-oidc token', auth0OidcUser, undefined, undefined],
      [
        'a pasted token of another strategy',
        parseUserId('samlp|corp|jane'),
        undefined,
        /not .*auth0-oidc or oidc.*"samlp"/,
      ],
      ['an unreadable id', parseUserId('oidc|x'), { name: 'x', strategy: 'oidc' }, /could not be read/],
    ];
    for (const [what, user, expected, notice] of table) {
      it(`${what}: ${notice ? 'warns' : 'says nothing'}`, () => {
        const said = userIdNotice(user, expected);
        if (notice) assert.match(said ?? '', notice);
        else assert.equal(said, undefined);
      });
    }
  });

  describe('times in plain words', () => {
    const now = Date.UTC(2025, 0, 1, 12, 0, 0);
    for (const [ms, words] of [
      [9 * 3600_000 + 58 * 60_000 + 30_000, '9 hours 58 minutes'],
      [3 * 60_000, '3 minutes'],
      [3 * 60_000 + 20_000, '3 minutes 20 seconds'],
      [45_000, '45 seconds'],
      [1000, '1 second'],
      [500, 'less than a second'],
      [86_400_000 + 3600_000, '1 day 1 hour'],
      [2 * 86_400_000 + 59_000, '2 days'],
      [3600_000, '1 hour'],
    ] as const) {
      it(`${ms} ms is "${words}"`, () => assert.equal(describeDuration(ms), words));
    }
    it('says expires in / expired ago', () => {
      assert.equal(describeExpiry(now / 1000 + 9 * 3600 + 58 * 60, now), 'expires in 9 hours 58 minutes');
      assert.equal(describeExpiry(now / 1000 - 180, now), 'expired 3 minutes ago');
      assert.equal(describeIssued(now / 1000 - 120, now), 'issued 2 minutes ago');
      assert.match(describeIssued(now / 1000 + 600, now), /^issued in 10 minutes/);
    });
  });

  describe('decodeJwt', () => {
    it('decodes header and payload', () => {
      const decoded = decodeJwt(`  Bearer ${jwt({ sub: 'x', n: 1 })}\n`);
      assert.deepEqual(decoded.payload, { sub: 'x', n: 1 });
      assert.equal(decoded.header.kid, 'k1');
    });
    for (const [what, token, reason] of [
      ['empty input', '   ', /empty/],
      ['an opaque token', 'abcdefghijklmnop', /three parts.*opaque/],
      ['a JWE', 'a.b.c.d.e', /encrypted/],
      ['a payload that is not JSON', `${b64({ alg: 'none' })}.${b64('not json {')}.x`, /payload is not/],
      ['a header that is not JSON', `${b64('{{')}.${b64({ a: 1 })}.x`, /header is not/],
      ['a payload that is an array', `${b64({ alg: 'none' })}.${b64([1, 2])}.x`, /not a JSON object/],
      ['non-base64url characters', 'ab$c.def.ghi', /base64url/],
    ] as const) {
      it(`refuses ${what} without quoting it`, () => {
        assert.throws(
          () => decodeJwt(token),
          (error: unknown) => {
            assert.ok(error instanceof MalformedTokenError);
            assert.match(error.message, reason);
            if (token.trim().length > 4)
              assert.ok(!error.message.includes(token.trim()), 'the message does not quote the token');
            return true;
          },
        );
      });
    }
    it('cleans quotes and whitespace around a pasted token', () => {
      assert.equal(cleanTokenInput('"a.b.c"'), 'a.b.c');
      assert.equal(cleanTokenInput('bearer a.b\n.c'), 'a.b.c');
    });
  });

  describe('claim checks', () => {
    const now = Date.UTC(2025, 0, 1, 12, 0, 0);
    const sec = now / 1000;
    const issuer = expectedIssuer('https://rp.example.com');
    const good = {
      iss: 'https://rp.example.com/',
      aud: 'APP',
      nonce: 'N',
      exp: sec + 36_000,
      iat: sec - 5,
      sub: 'auth0-oidc|p|auth0|1',
    };
    /** What a login expects of its ID token. */
    const expectations = { issuer, clientId: 'APP', nonce: 'N', nowMs: now };
    const statusOf = (checks: { claim: string; status: string }[]): Record<string, string> =>
      Object.fromEntries(checks.map((c) => [c.claim, c.status]));

    it('passes a good ID token', () => {
      const checks = checkIdToken(good, expectations);
      assert.deepEqual(statusOf(checks), { iss: 'pass', aud: 'pass', nonce: 'pass', exp: 'pass', iat: 'pass' });
      assert.match(checks.find((c) => c.claim === 'exp')!.message, /^Expires in 10 hours/);
    });
    it('fails each wrong claim', () => {
      const checks = checkIdToken(
        { ...good, iss: 'https://evil.example/', aud: ['OTHER', 'X'], nonce: 'M', exp: sec - 180, iat: sec + 3600 },
        expectations,
      );
      assert.deepEqual(statusOf(checks), {
        iss: 'fail',
        aud: 'fail',
        azp: 'fail',
        nonce: 'fail',
        exp: 'fail',
        iat: 'fail',
      });
      assert.match(checks.find((c) => c.claim === 'exp')!.message, /Expired 3 minutes ago/);
    });
    it('checks azp when there are several audiences', () => {
      const checks = checkIdToken({ ...good, aud: ['APP', 'https://api'], azp: 'APP' }, expectations);
      assert.equal(statusOf(checks).azp, 'pass');
    });
    it('reports a missing nonce and missing times', () => {
      const { nonce: _n, exp: _e, iat: _i, ...rest } = good;
      const checks = checkIdToken(rest, expectations);
      assert.deepEqual(statusOf(checks), { iss: 'pass', aud: 'pass', nonce: 'fail', exp: 'fail', iat: 'warn' });
    });
    it('only informs when there is nothing to compare with (pasted token)', () => {
      const checks = checkIdToken(good, { nowMs: now });
      assert.deepEqual(statusOf(checks), { iss: 'info', aud: 'info', nonce: 'info', exp: 'pass', iat: 'pass' });
    });
    it('checks access tokens for issuer and times', () => {
      assert.deepEqual(
        statusOf(
          checkAccessToken(
            { iss: issuer, aud: ['https://rp.example.com/userinfo'], exp: sec + 60, iat: sec },
            { issuer, nowMs: now },
          ),
        ),
        { iss: 'pass', aud: 'info', exp: 'pass', iat: 'pass' },
      );
    });
  });
});
