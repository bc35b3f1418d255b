// The oidc strategy's rules in the editor: each one a file that Deploy would send and Auth0 refuse
// (the sandbox refuses the same bodies: test/unit/sandbox/strict.test.ts, "the oidc strategy's own
// option rules").
import assert from 'node:assert/strict';
import { oidcOptionProblems, OIDC_SCOPE_MAX_LENGTH } from '../../../../src/core/connectionFile/oidcOptionRules';
import { applyTextEdits, quickFixesFor } from '../../../../src/core/connectionFile/quickFixes';
import { validateConnectionText } from '../../../../src/core/connectionFile/validate';
import { toOidcConnection, oidcConnectionText } from '../../../../src/core/toOidc/toOidcConnection';

const FILE = '/w/partner-oidc.oidc-connection.json';
const ORIGIN = 'https://partner.eu.auth0.com';

/** What Auth0 accepts: back channel, the two endpoints it insists on, openid in scope. */
function options(): Record<string, unknown> {
  return {
    type: 'back_channel',
    discovery_url: `${ORIGIN}/.well-known/openid-configuration`,
    issuer: `${ORIGIN}/`,
    authorization_endpoint: `${ORIGIN}/authorize`,
    jwks_uri: `${ORIGIN}/.well-known/jwks.json`,
    client_id: 'aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY',
    client_secret: '##PARTNER_OIDC_CLIENT_SECRET##',
    scope: 'openid profile email',
  };
}

function fileWith(change: (o: Record<string, unknown>) => void): string {
  const o = options();
  change(o);
  return JSON.stringify({ name: 'partner-oidc', strategy: 'oidc', options: o }, undefined, 2);
}

const diagnostics = (text: string) => validateConnectionText(text, { fileName: FILE });

describe('oidc option rules (Auth0 refuses these bodies)', function () {
  it('finds nothing in a body Auth0 accepts', function () {
    assert.deepEqual(oidcOptionProblems(new Map(Object.entries(options()))), []);
    assert.deepEqual(diagnostics(fileWith(() => undefined)), []);
  });

  for (const endpoint of ['authorization_endpoint', 'jwks_uri'] as const) {
    it(`asks for options.${endpoint} even with a discovery_url (terraform-provider-auth0 #238, #969)`, function () {
      const text = fileWith((o) => delete o[endpoint]);
      const found = diagnostics(text);
      assert.deepEqual(
        found.map((d) => [d.code, d.severity]),
        [['missing-property', 'error']],
      );
      const [problem] = found;
      assert.match(problem!.message, new RegExp(`Add "options\\.${endpoint}"`));
      // The example is on the provider the file already names, at Auth0's path.
      const path = endpoint === 'jwks_uri' ? '/.well-known/jwks.json' : '/authorize';
      assert.ok(problem!.message.includes(`"${ORIGIN}${path}"`), problem!.message);
      // Placed on the "options" key, where the property is missing.
      assert.equal(text.slice(problem!.span.offset, problem!.span.offset + problem!.span.length), '"options"');
    });
  }

  it("offers to add each missing endpoint at Auth0's path on the provider's origin, and nothing to guess from", function () {
    for (const endpoint of ['authorization_endpoint', 'jwks_uri'] as const) {
      const text = fileWith((o) => delete o[endpoint]);
      const [problem] = diagnostics(text);
      const fixes = quickFixesFor(text, problem!);
      const path = endpoint === 'jwks_uri' ? '/.well-known/jwks.json' : '/authorize';
      assert.deepEqual(
        fixes.map((f) => f.title),
        [`Add "options.${endpoint}": "${ORIGIN}${path}"`],
      );
      const fixed = applyTextEdits(text, fixes[0]!.edits);
      assert.equal((JSON.parse(fixed) as { options: Record<string, unknown> }).options[endpoint], `${ORIGIN}${path}`);
      assert.deepEqual(diagnostics(fixed), [], 'the fixed file is one Auth0 accepts');
    }
    // Loopback (the sandbox provider): the fix keeps its http origin and port.
    const loopback = fileWith((o) => {
      o.discovery_url = 'http://127.0.0.1:4711/.well-known/openid-configuration';
      o.issuer = 'http://127.0.0.1:4711/';
      o.authorization_endpoint = 'http://127.0.0.1:4711/authorize';
      delete o.jwks_uri;
    });
    const [loopbackProblem] = diagnostics(loopback);
    assert.deepEqual(
      quickFixesFor(loopback, loopbackProblem!).map((f) => f.title),
      ['Add "options.jwks_uri": "http://127.0.0.1:4711/.well-known/jwks.json"'],
    );
    // Without a provider URL to start from there is nothing to add but a guess.
    const nowhere = fileWith((o) => {
      delete o.discovery_url;
      delete o.issuer;
      delete o.jwks_uri;
    });
    const jwksProblem = diagnostics(nowhere).find((d) => d.message.includes('"options.jwks_uri"'));
    assert.ok(jwksProblem);
    assert.deepEqual(quickFixesFor(nowhere, jwksProblem), []);
  });

  it('names both endpoints when a body has only discovery_url and issuer, as Auth0 did', function () {
    const text = fileWith((o) => {
      delete o.authorization_endpoint;
      delete o.jwks_uri;
    });
    const messages = diagnostics(text).map((d) => d.message);
    assert.equal(messages.length, 2);
    assert.match(messages[0]!, /options\.authorization_endpoint/);
    assert.match(messages[1]!, /options\.jwks_uri/);
  });

  it(`refuses a scope longer than ${OIDC_SCOPE_MAX_LENGTH} characters (Auth0's ConnectionScopeOIDC)`, function () {
    const long = `openid ${'profile '.repeat(40)}`.trim();
    assert.ok(long.length > OIDC_SCOPE_MAX_LENGTH);
    const text = fileWith((o) => (o.scope = long));
    const found = diagnostics(text).filter((d) => d.code !== 'scope-duplicate');
    assert.deepEqual(
      found.map((d) => [d.code, d.severity]),
      [['value-too-long', 'error']],
    );
    assert.equal(
      text.slice(found[0]!.span.offset, found[0]!.span.offset + found[0]!.span.length),
      JSON.stringify(long),
    );
  });

  // The rules that were in validate.ts before this file, shown here against the same body so that
  // every rule of the oidc strategy has its case in one place.
  it('keeps the channel, https, back-channel secret and openid rules of validate.ts', function () {
    const codesOf = (change: (o: Record<string, unknown>) => void) => diagnostics(fileWith(change)).map((d) => d.code);
    assert.deepEqual(
      codesOf((o) => (o.type = 'code')),
      ['value-invalid'],
    );
    assert.deepEqual(
      codesOf((o) => (o.jwks_uri = 'http://partner.eu.auth0.com/.well-known/jwks.json')),
      ['url-invalid'],
    );
    assert.deepEqual(
      codesOf((o) => delete o.client_secret),
      ['missing-property'],
    );
    assert.deepEqual(
      codesOf((o) => (o.scope = 'profile email')),
      ['scope-missing-openid'],
    );
    assert.deepEqual(
      codesOf((o) => {
        o.type = 'front_channel';
        delete o.client_secret;
      }),
      [],
      'the front channel needs no secret',
    );
  });

  it('passes what Move to OIDC writes, for an Auth0 provider and for the loopback sandbox', function () {
    for (const domain of ['partner.eu.auth0.com', '127.0.0.1:4711']) {
      const conversion = toOidcConnection({
        name: 'partner',
        strategy: 'auth0-oidc',
        options: { client_id: 'aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY', client_secret: '##PARTNER_SECRET##', domain },
      });
      assert.deepEqual(
        diagnostics(oidcConnectionText(conversion.body)).map((d) => d.message),
        [],
        domain,
      );
    }
  });
});
