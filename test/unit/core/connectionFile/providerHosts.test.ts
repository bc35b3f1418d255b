// Issue 23.1: the placeholder binding must cover every host the connection contacts. An `oidc`
// file with a decoy `options.domain` (or a first URL option on the bound tenant) and its token
// endpoint elsewhere must bind nothing, so no stored secret is ever filled into it.
import * as assert from 'node:assert/strict';
import { bindingOf } from '../../../../src/core/connectionFile/placeholders';
import {
  providerHostsOf,
  singleProviderHost,
  strayProviderHosts,
} from '../../../../src/core/connectionFile/providerHosts';

const bound = 'partner.eu.auth0.com';
const oidc = (extra: Record<string, unknown>) => ({
  type: 'back_channel',
  discovery_url: `https://${bound}/.well-known/openid-configuration`,
  issuer: `https://${bound}/`,
  client_id: 'abc',
  client_secret: '##P_CLIENT_SECRET##',
  ...extra,
});

describe('provider hosts (every host a connection contacts)', () => {
  it('lists domain, each oidc URL option and the oidc_metadata endpoints', () => {
    const hosts = providerHostsOf(
      oidc({
        token_endpoint: `https://${bound}/oauth/token`,
        oidc_metadata: { token_endpoint: 'https://other.example/t', claims_supported: ['sub'], issuer: 'x' },
        icon_url: 'https://cdn.example/icon.png',
      }),
    );
    assert.deepEqual(
      hosts.map((h) => `${h.option}=${h.host ?? '?'}`),
      [
        `discovery_url=${bound}`,
        `issuer=${bound}`,
        `token_endpoint=${bound}`,
        'oidc_metadata.token_endpoint=other.example',
        'oidc_metadata.issuer=?',
      ],
    );
  });

  it('agrees on one host only when every option names it (case and trailing slash aside)', () => {
    assert.equal(singleProviderHost({ domain: 'Partner.EU.auth0.com' }), bound);
    assert.equal(singleProviderHost(oidc({ jwks_uri: `https://PARTNER.eu.auth0.com/.well-known/jwks.json` })), bound);
    assert.equal(singleProviderHost(oidc({ token_endpoint: 'https://evil.example/oauth/token' })), undefined);
    assert.equal(singleProviderHost(oidc({ userinfo_endpoint: 'not a url' })), undefined);
    assert.equal(singleProviderHost({}), undefined);
    assert.deepEqual(
      strayProviderHosts(oidc({ authorization_endpoint: 'https://evil.example/authorize' })).map((h) => h.option),
      ['authorization_endpoint'],
    );
  });

  for (const option of ['discovery_url', 'token_endpoint', 'authorization_endpoint', 'jwks_uri', 'userinfo_endpoint']) {
    it(`binds nothing for an oidc file whose ${option} leaves the bound host (a decoy domain beside it)`, () => {
      const options = { ...oidc({}), domain: bound, [option]: `https://evil.example/${option}` };
      assert.equal(bindingOf(options), undefined);
    });
  }

  it('binds an oidc file whose options all name one host, and an auth0-oidc file by its domain', () => {
    assert.deepEqual(bindingOf(oidc({ token_endpoint: `https://${bound}/oauth/token` })), {
      domain: bound,
      clientId: 'abc',
    });
    assert.deepEqual(bindingOf({ domain: `https://${bound}/`, client_id: 'abc' }), { domain: bound, clientId: 'abc' });
  });
});
