import assert from 'node:assert/strict';
import { OIDC_URL_OPTIONS } from '../../../../src/core/connectionFile/providerHosts';
import {
  hostKey,
  providerHostsOf,
  providerOptionNaming,
  rpCandidates,
  type TargetHint,
} from '../../../../src/core/deploy/deployTargets';

describe('core/deploy/deployTargets: which tenants are offered as the Relying Party', () => {
  const a = { origin: 'https://a.eu.auth0.com' };
  const b = { origin: 'https://b.eu.auth0.com' };
  const local = { origin: 'http://127.0.0.1:4000' };
  const otherLocal = { origin: 'http://127.0.0.1:4001' };
  const all = [a, b, local, otherLocal];
  const names = new Map<object, string>([
    [a, 'a'],
    [b, 'b'],
    [local, 'local'],
    [otherLocal, 'otherLocal'],
  ]);
  const named = (list: readonly object[]): string[] => list.map((t) => names.get(t)!);

  // Each row: a file's options and the tenants that must never be offered for it.
  const providerRows: { what: string; options: unknown; excluded: string[] }[] = [
    { what: 'auth0-oidc: options.domain', options: { domain: 'a.eu.auth0.com' }, excluded: ['a'] },
    { what: 'auth0-oidc: domain in capitals', options: { domain: 'A.EU.Auth0.com' }, excluded: ['a'] },
    { what: 'auth0-oidc: domain with the default port', options: { domain: 'a.eu.auth0.com:443' }, excluded: ['a'] },
    { what: 'auth0-oidc: domain pasted as a URL', options: { domain: 'https://a.eu.auth0.com/' }, excluded: ['a'] },
    { what: 'auth0-oidc: loopback domain with its port', options: { domain: '127.0.0.1:4000' }, excluded: ['local'] },
    {
      what: 'auth0-oidc: another loopback port is another tenant',
      options: { domain: '127.0.0.1:4002' },
      excluded: [],
    },
    ...OIDC_URL_OPTIONS.map((option) => ({
      what: `oidc: ${option} alone`,
      options: { [option]: `https://A.eu.auth0.com:443/${option}` },
      excluded: ['a'],
    })),
    ...OIDC_URL_OPTIONS.map((option) => ({
      what: `oidc: ${option} on the loopback provider`,
      options: { [option]: `http://127.0.0.1:4001/${option}` },
      excluded: ['otherLocal'],
    })),
    {
      what: 'oidc: discovery on one tenant, an endpoint on another (both are providers)',
      options: {
        discovery_url: 'https://a.eu.auth0.com/.well-known/openid-configuration',
        token_endpoint: 'https://b.eu.auth0.com/oauth/token',
      },
      excluded: ['a', 'b'],
    },
    {
      what: 'oidc as Move to OIDC writes it',
      options: {
        type: 'back_channel',
        discovery_url: 'http://127.0.0.1:4000/.well-known/openid-configuration',
        issuer: 'http://127.0.0.1:4000/',
        authorization_endpoint: 'http://127.0.0.1:4000/authorize',
        token_endpoint: 'http://127.0.0.1:4000/oauth/token',
        jwks_uri: 'http://127.0.0.1:4000/.well-known/jwks.json',
        userinfo_endpoint: 'http://127.0.0.1:4000/userinfo',
      },
      excluded: ['local'],
    },
    {
      what: 'oidc: an endpoint given in oidc_metadata',
      options: { oidc_metadata: { token_endpoint: 'https://b.eu.auth0.com/oauth/token' } },
      excluded: ['b'],
    },
    { what: 'a provider that is not configured', options: { domain: 'partner.example.com' }, excluded: [] },
    { what: 'no options', options: undefined, excluded: [] },
    { what: 'options not an object', options: 'a.eu.auth0.com', excluded: [] },
    { what: 'URL options that are not URLs', options: { issuer: 'a.eu.auth0.com', jwks_uri: 42 }, excluded: [] },
    { what: 'a placeholder domain', options: { domain: '##PARTNER_DOMAIN##' }, excluded: [] },
  ];
  for (const row of providerRows) {
    it(`never offers the provider tenant: ${row.what}`, () => {
      const { targets, providerTenants } = rpCandidates(all, row.options, undefined);
      assert.deepEqual(named(providerTenants), row.excluded);
      assert.deepEqual(
        named(targets),
        named(all).filter((t) => !row.excluded.includes(t)),
        'the others, in their configured order',
      );
    });
  }

  it('puts the hinted tenant first and says which kind of hint it was', () => {
    const rows: { hint: TargetHint | undefined; options: unknown; order: string[]; kind?: string }[] = [
      { hint: { origin: local.origin, kind: 'lastDeployed' }, options: {}, order: ['local', 'a', 'b', 'otherLocal'] },
      {
        hint: { origin: 'https://B.eu.auth0.com', kind: 'sourceDeployed' },
        options: {},
        order: ['b', 'a', 'local', 'otherLocal'],
      },
      // A hint naming a tenant that is gone, or the provider itself, changes nothing.
      {
        hint: { origin: 'https://gone.auth0.com', kind: 'lastDeployed' },
        options: {},
        order: ['a', 'b', 'local', 'otherLocal'],
      },
      {
        hint: { origin: a.origin, kind: 'sourceDeployed' },
        options: { domain: 'a.eu.auth0.com' },
        order: ['b', 'local', 'otherLocal'],
      },
      { hint: undefined, options: {}, order: ['a', 'b', 'local', 'otherLocal'] },
    ];
    for (const row of rows) {
      const { targets, hinted } = rpCandidates(all, row.options, row.hint);
      assert.deepEqual(named(targets), row.order, JSON.stringify(row.hint));
      const expectHinted = row.order[0] === names.get(all.find((t) => t.origin === row.hint?.origin.toLowerCase())!);
      assert.equal(hinted?.kind, expectHinted ? row.hint?.kind : undefined, JSON.stringify(row.hint));
      if (hinted) assert.equal(hinted.tenant, targets[0]);
    }
  });

  it('leaves nothing to offer when the only tenant is the provider, and names the option', () => {
    const { targets, providerTenants } = rpCandidates([a], { discovery_url: 'https://a.eu.auth0.com/x' }, undefined);
    assert.deepEqual(targets, []);
    assert.deepEqual(providerTenants, [a]);
    assert.equal(providerOptionNaming({ discovery_url: 'https://a.eu.auth0.com/x' }, a), 'options.discovery_url');
    assert.equal(providerOptionNaming({ domain: 'A.eu.auth0.com' }, a), 'options.domain');
    assert.equal(providerOptionNaming({ jwks_uri: 'https://a.eu.auth0.com/j', domain: 'b' }, a), 'options.jwks_uri');
    assert.equal(providerOptionNaming({ domain: 'b.eu.auth0.com' }, a), undefined);
  });

  it('compares hosts without case, trailing dot or default port', () => {
    assert.equal(hostKey('A.EU.auth0.com.'), 'a.eu.auth0.com');
    assert.equal(hostKey('a.eu.auth0.com:443'), 'a.eu.auth0.com');
    assert.equal(hostKey('127.0.0.1:4000'), '127.0.0.1:4000');
    assert.deepEqual(
      [...providerHostsOf({ domain: 'P.example.com', issuer: 'https://p.example.com:8443/' })],
      ['p.example.com', 'p.example.com:8443'],
    );
  });
});
