// The provider check picks its rules from the file's strategy: an `oidc` connection (what Move to
// OIDC writes) is checked for the application, its code grant with a secret, the callback and the
// endpoints against the provider's discovery document; OIDC Conformant and the legacy profile are
// information ("no longer needed"), never a failure, a fix or a diagnostic (issue 20, item 1).
import assert from 'node:assert/strict';
import {
  checkProvider,
  fixesFor,
  hasProviderCheck,
  providerDiagnostics,
  providerReportMarkdown,
  type ProviderCheckInput,
} from '../../../../src/core/providerCheck/providerCheck';

const PROVIDER = 'partner.eu.auth0.com';
/** What Auth0 serves at https://partner.eu.auth0.com/.well-known/openid-configuration. */
const discovery = {
  url: `https://${PROVIDER}/.well-known/openid-configuration`,
  issuer: `https://${PROVIDER}/`,
  authorization_endpoint: `https://${PROVIDER}/authorize`,
  token_endpoint: `https://${PROVIDER}/oauth/token`,
  jwks_uri: `https://${PROVIDER}/.well-known/jwks.json`,
  userinfo_endpoint: `https://${PROVIDER}/userinfo`,
};
/** The provider application after a correct migration: OIDC-conformant on. */
const migrated = {
  client_id: 'providerApp000',
  name: 'Partner app',
  app_type: 'regular_web',
  callbacks: ['https://rp.eu.auth0.com/login/callback'],
  oidc_conformant: true,
  grant_types: ['authorization_code', 'refresh_token'],
  token_endpoint_auth_method: 'client_secret_post',
};
const fileEndpoints = { discovery_url: discovery.url, issuer: discovery.issuer };
const oidcInput = (overrides: Partial<ProviderCheckInput> = {}): ProviderCheckInput => ({
  strategy: 'oidc',
  providerDomain: PROVIDER,
  clientId: 'providerApp000',
  rpDomains: ['rp.eu.auth0.com'],
  client: migrated,
  // The legacy profile turned off after the move.
  settings: { flags: { enable_legacy_profile: false } },
  fileEndpoints,
  discovery,
  ...overrides,
});
const statusOf = (input: ProviderCheckInput, id: string) => checkProvider(input).results.find((r) => r.id === id);

describe('provider check rules of an oidc connection', () => {
  it('passes after a correct migration (OIDC-conformant on, legacy profile off), offering no fix', () => {
    const report = checkProvider(oidcInput());
    assert.equal(report.strategy, 'oidc');
    assert.deepEqual(
      report.results.map((r) => [r.id, r.status]),
      [
        ['app-exists', 'pass'],
        ['app-type', 'pass'],
        ['grant-types', 'pass'],
        ['token-auth-method', 'pass'],
        ['callback', 'pass'],
        ['endpoints', 'pass'],
        ['oidc-conformant', 'info'],
        ['legacy-profile', 'info'],
      ],
    );
    assert.ok(report.passed, 'info rows are not failures');
    assert.ok(report.verified);
    assert.deepEqual(fixesFor(report, true), []);
    assert.deepEqual(fixesFor(report, ['legacy-profile', 'oidc-conformant']), [], 'never a fix for an info row');
    assert.match(report.results.find((r) => r.id === 'legacy-profile')!.title, /no longer needed/);
  });

  it('keeps the auth0-oidc rules for an auth0-oidc file: the same facts fail there', () => {
    const report = checkProvider({ ...oidcInput(), strategy: 'auth0-oidc' });
    assert.equal(report.strategy, 'auth0-oidc');
    assert.deepEqual(
      report.results.map((r) => [r.id, r.status]),
      [
        ['app-type', 'pass'],
        ['callback', 'pass'],
        ['oidc-conformant', 'fail'],
        ['legacy-profile', 'fail'],
      ],
    );
    const { strategy: _strategy, ...noStrategy } = oidcInput();
    assert.equal(checkProvider(noStrategy).strategy, 'auth0-oidc', 'the default');
  });

  it('reports info rows whatever the flags say, even when the settings could not be read', () => {
    for (const settings of [{ flags: { enable_legacy_profile: true } }, undefined]) {
      const report = checkProvider(
        oidcInput({
          settings,
          settingsUnknownReason: 'Not allowed (403)',
          client: { ...migrated, oidc_conformant: false },
        }),
      );
      assert.ok(report.passed);
      assert.equal(report.results.find((r) => r.id === 'legacy-profile')!.status, 'info');
    }
  });

  const failures: [string, Partial<ProviderCheckInput>, Record<string, unknown> | undefined, RegExp][] = [
    ['app-exists', { client: undefined, clientNotFound: true, clientUnknownReason: '404' }, undefined, /404/],
    ['app-type', { client: { ...migrated, app_type: 'spa' } }, { app_type: 'regular_web' }, /Single Page/],
    [
      'grant-types',
      { client: { ...migrated, grant_types: ['implicit', 'refresh_token'] } },
      { grant_types: ['implicit', 'refresh_token', 'authorization_code'] },
      /implicit, refresh_token/,
    ],
    [
      'token-auth-method',
      { client: { ...migrated, token_endpoint_auth_method: 'none' } },
      { token_endpoint_auth_method: 'client_secret_post' },
      /None/,
    ],
    [
      'callback',
      { client: { ...migrated, callbacks: ['https://other.example/cb'] } },
      { callbacks: ['https://other.example/cb', 'https://rp.eu.auth0.com/login/callback'] },
      /missing https:\/\/rp\.eu\.auth0\.com\/login\/callback/,
    ],
  ];
  for (const [id, overrides, body, actual] of failures) {
    it(`fails ${id}${body ? ' with the PATCH that fixes it' : ''}, and only that`, () => {
      const report = checkProvider(oidcInput(overrides));
      const failing = report.results.filter((r) => r.status === 'fail');
      assert.deepEqual(
        failing.map((r) => r.id),
        [id],
      );
      assert.match(failing[0]!.actual, actual);
      assert.deepEqual(failing[0]!.fix?.body, body);
      assert.ok(!report.passed);
    });
  }

  it('lets an application without a grant_types list pass (its type decides), and any secret method', () => {
    const { grant_types: _grants, token_endpoint_auth_method: _method, ...bare } = migrated;
    assert.equal(statusOf(oidcInput({ client: bare }), 'grant-types')?.status, 'pass');
    assert.equal(statusOf(oidcInput({ client: bare }), 'token-auth-method')?.status, 'pass');
    const basic = { ...migrated, token_endpoint_auth_method: 'client_secret_basic' };
    assert.equal(statusOf(oidcInput({ client: basic }), 'token-auth-method')?.status, 'pass');
  });

  it('is unknown for the application rules when it could not be read, and not a manual pass', () => {
    const report = checkProvider(oidcInput({ client: undefined, clientUnknownReason: 'Not allowed (403)' }));
    assert.equal(report.results.find((r) => r.id === 'app-exists')!.status, 'unknown');
    assert.equal(report.results.find((r) => r.id === 'app-exists')!.actual, 'Not allowed (403)');
    assert.ok(!report.passed && !report.verified);
  });

  describe('the issuer and endpoints against the discovery document', () => {
    it('fails a mismatching issuer (no trailing slash), naming the option', () => {
      const r = statusOf(
        oidcInput({ fileEndpoints: { ...fileEndpoints, issuer: `https://${PROVIDER}` } }),
        'endpoints',
      )!;
      assert.equal(r.status, 'fail');
      assert.deepEqual(r.fileOptions, ['issuer']);
      assert.match(r.actual, new RegExp(`issuer is https://${PROVIDER.replace(/\./g, '\\.')}, the provider says`));
      assert.equal(r.fix, undefined, 'fixed in the file, not on the provider');
    });

    it('fails an endpoint on another path, and one the document does not have', () => {
      const r = statusOf(
        oidcInput({
          fileEndpoints: {
            ...fileEndpoints,
            token_endpoint: `https://${PROVIDER}/oauth/token/`,
            authorization_endpoint: `https://${PROVIDER}/authorize`,
            userinfo_endpoint: `https://${PROVIDER}/userinfo`,
          },
          discovery: (({ userinfo_endpoint: _userinfo, ...rest }) => rest)(discovery),
        }),
        'endpoints',
      )!;
      assert.equal(r.status, 'fail');
      assert.deepEqual(r.fileOptions, ['token_endpoint', 'userinfo_endpoint']);
    });

    it('fails a discovery_url on another host or path', () => {
      for (const url of [`https://other.eu.auth0.com/.well-known/openid-configuration`, `https://${PROVIDER}/x`]) {
        const r = statusOf(oidcInput({ fileEndpoints: { ...fileEndpoints, discovery_url: url } }), 'endpoints')!;
        assert.equal(r.status, 'fail', url);
        assert.deepEqual(r.fileOptions, ['discovery_url']);
      }
    });

    it('passes every endpoint the document has, written with another host case or default port', () => {
      const r = statusOf(
        oidcInput({
          fileEndpoints: {
            ...discovery,
            discovery_url: `https://PARTNER.eu.auth0.com:443/.well-known/openid-configuration`,
            jwks_uri: `https://Partner.EU.auth0.com/.well-known/jwks.json`,
          },
        }),
        'endpoints',
      )!;
      assert.equal(r.status, 'pass', r.actual);
    });

    it('is unknown with the reason when the document could not be read', () => {
      const report = checkProvider(
        oidcInput({ discovery: undefined, discoveryUnknownReason: 'did not answer within 10 s.' }),
      );
      const r = report.results.find((x) => x.id === 'endpoints')!;
      assert.deepEqual([r.status, r.actual], ['unknown', 'did not answer within 10 s.']);
      assert.ok(!report.passed && !report.verified);
    });
  });

  describe('diagnostics and report of an oidc file', () => {
    const text = JSON.stringify(
      {
        name: 'partner-oidc',
        strategy: 'oidc',
        options: {
          type: 'back_channel',
          discovery_url: discovery.url,
          issuer: `https://${PROVIDER}`,
          client_id: 'providerApp000',
          client_secret: '##P##',
          scope: 'openid profile',
        },
      },
      undefined,
      2,
    );
    const slice = (d: { span: { offset: number; length: number } }): string =>
      text.slice(d.span.offset, d.span.offset + d.span.length);

    it('puts them on client_id (the application) and on the mismatching option, none for info rows', () => {
      const report = checkProvider(
        oidcInput({
          client: { ...migrated, callbacks: [] },
          fileEndpoints: { ...fileEndpoints, issuer: `https://${PROVIDER}` },
        }),
      );
      const diagnostics = providerDiagnostics(text, report);
      assert.deepEqual(diagnostics.map((d) => [d.code, slice(d)]).sort(), [
        ['provider-callback-missing', '"providerApp000"'],
        ['provider-endpoint-mismatch', `"https://${PROVIDER}"`],
      ]);
      const endpoint = diagnostics.find((d) => d.code === 'provider-endpoint-mismatch')!;
      assert.ok(!endpoint.message.includes('to fix it'), 'no fix is offered for a file value');
      assert.deepEqual(providerDiagnostics(text.replace('providerApp000', 'otherApp'), report), [], 'stale');
      assert.deepEqual(
        providerDiagnostics(text.replace('"oidc"', '"auth0-oidc"'), report),
        [],
        'another strategy now: the results are not its',
      );
    });

    it('says which rules applied and shows the no-longer-needed rows as information', () => {
      const md = providerReportMarkdown(checkProvider(oidcInput()));
      assert.match(md, /Rules applied: `oidc`/);
      assert.match(md, /ready for the `oidc` connection/);
      assert.match(md, /## Info: Legacy User Profile\\?: no longer needed/);
      assert.match(md, /## Info: OIDC Conformant/);
      assert.doesNotMatch(md, /## Fail/);
      assert.match(
        providerReportMarkdown(checkProvider({ ...oidcInput(), strategy: 'auth0-oidc' })),
        /Rules applied: `auth0-oidc`/,
      );
    });
  });

  it("is offered for a tenant's oidc connection too, as for auth0-oidc, and for no other strategy", () => {
    assert.ok(hasProviderCheck('oidc'));
    assert.ok(hasProviderCheck('auth0-oidc'));
    assert.ok(!hasProviderCheck('samlp') && !hasProviderCheck('auth0') && !hasProviderCheck(undefined));
  });
});
