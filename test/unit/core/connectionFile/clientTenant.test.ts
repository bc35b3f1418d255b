// Issue 21.5: a client id that belongs to a configured tenant other than the one the file names.
import * as assert from 'node:assert/strict';
import { clientTenantDiagnostics, type KnownTenant } from '../../../../src/core/connectionFile/clientTenant';
import { applyTextEdits, quickFixesFor } from '../../../../src/core/connectionFile/quickFixes';

const provider: KnownTenant = {
  host: '127.0.0.1:43899',
  apps: [{ client_id: 'provAppForRp0001', name: 'Provider App for RP' }],
};
const rp: KnownTenant = {
  host: '127.0.0.1:43900',
  otherHosts: ['login.rp.example'],
  apps: [{ client_id: 'rpWebApp00000001', name: 'RP Web App' }],
};
const known = [rp, provider];

const auth0Oidc = (domain: string, clientId = 'provAppForRp0001') =>
  JSON.stringify(
    {
      name: 'partner',
      strategy: 'auth0-oidc',
      options: { domain, client_id: clientId, client_secret: '##PARTNER_CLIENT_SECRET##' },
    },
    null,
    2,
  );
const oidc = (host: string, clientId = 'provAppForRp0001') =>
  JSON.stringify(
    {
      name: 'partner',
      strategy: 'oidc',
      options: {
        type: 'back_channel',
        discovery_url: `http://${host}/.well-known/openid-configuration`,
        issuer: `http://${host}/`,
        client_id: clientId,
        client_secret: '##PARTNER_CLIENT_SECRET##',
      },
    },
    null,
    2,
  );

describe('clientTenantDiagnostics: a client id of another configured tenant (issue 21.5)', () => {
  const quiet: [string, string, readonly KnownTenant[]][] = [
    ['the domain is the owning tenant', auth0Oidc('127.0.0.1:43899'), known],
    ['the domain is the owner, written as a URL with other case', auth0Oidc('HTTPS://127.0.0.1:43899/'), known],
    ['the domain is the owner’s custom domain', auth0Oidc('login.rp.example', 'rpWebApp00000001'), known],
    ['the client id is on no configured tenant', auth0Oidc('127.0.0.1:4389', 'someoneElsesApp1'), known],
    ['nothing is known yet', auth0Oidc('127.0.0.1:4389'), []],
    ['no domain at all', auth0Oidc(''), known],
    ['an oidc file on the owning tenant', oidc('127.0.0.1:43899'), known],
    [
      'the file is past the nesting limit',
      auth0Oidc('127.0.0.1:4389').replace('"name"', `"deep": ${'['.repeat(100)}${']'.repeat(100)},\n  "name"`),
      known,
    ],
    ['broken text', '{"options": {"domain": "127.0.0.1:4389", "client_id": ', known],
  ];
  for (const [title, text, tenants] of quiet)
    it(`says nothing when ${title}`, () => assert.deepEqual(clientTenantDiagnostics(text, tenants), []));

  it('names the application and the tenant on a typo in options.domain, and the fix replaces it', () => {
    const text = auth0Oidc('127.0.0.1:4389');
    const [diagnostic, ...rest] = clientTenantDiagnostics(text, known);
    assert.equal(rest.length, 0);
    assert.equal(diagnostic?.code, 'client-id-other-tenant');
    assert.equal(diagnostic?.severity, 'warning');
    assert.match(
      diagnostic.message,
      /^This client id belongs to the application "Provider App for RP" on tenant 127\.0\.0\.1:43899; did you mean 127\.0\.0\.1:43899\?/,
    );
    assert.equal(
      text.slice(diagnostic.span.offset, diagnostic.span.offset + diagnostic.span.length),
      '"127.0.0.1:4389"',
    );
    const fixes = quickFixesFor(text, diagnostic, { knownTenants: known });
    assert.equal(fixes.length, 1);
    assert.equal(fixes[0]?.title, 'Use the domain "127.0.0.1:43899"');
    assert.equal(applyTextEdits(text, fixes[0].edits), auth0Oidc('127.0.0.1:43899'));
    // Without the tenants (the CLI, nothing loaded) there is no fix to offer.
    assert.deepEqual(quickFixesFor(text, diagnostic), []);
  });

  it('for an oidc file, reports the URL host and fixes every URL option naming it', () => {
    const text = oidc('127.0.0.1:4389');
    const [diagnostic] = clientTenantDiagnostics(text, known);
    assert.ok(diagnostic, 'reported');
    assert.match(
      diagnostic.message,
      /did you mean 127\.0\.0\.1:43899\? \(options\.discovery_url names 127\.0\.0\.1:4389\.\)/,
    );
    const [fix] = quickFixesFor(text, diagnostic, { knownTenants: known });
    assert.equal(fix?.title, 'Use the host "127.0.0.1:43899" in the provider URLs');
    assert.equal(applyTextEdits(text, fix.edits), oidc('127.0.0.1:43899'));
  });
});
