import assert from 'node:assert/strict';
import {
  checkProvider,
  expectedCallback,
  fixesFor,
  providerDiagnostics,
  providerReportMarkdown,
  withLoginDomains,
  type ProviderCheckInput,
  type RequirementId,
} from '../../../../src/core/providerCheck/providerCheck';

const good = {
  client_id: 'providerApp000',
  app_type: 'regular_web',
  callbacks: ['https://other.example/cb', 'https://rp.eu.auth0.com/login/callback'],
  oidc_conformant: false,
};
const input = (overrides: Partial<ProviderCheckInput> = {}): ProviderCheckInput => ({
  providerDomain: 'partner.eu.auth0.com',
  clientId: 'providerApp000',
  rpDomains: ['rp.eu.auth0.com'],
  client: good,
  settings: { flags: { enable_legacy_profile: true } },
  ...overrides,
});
const result = (report: ReturnType<typeof checkProvider>, id: RequirementId) =>
  report.results.find((r) => r.id === id)!;

describe('provider check (pure)', () => {
  it('builds the callback from an RP domain or origin; loopback hosts over http', () => {
    assert.equal(expectedCallback('rp.eu.auth0.com'), 'https://rp.eu.auth0.com/login/callback');
    assert.equal(expectedCallback('https://RP.eu.auth0.com/'), 'https://rp.eu.auth0.com/login/callback');
    assert.equal(expectedCallback('127.0.0.1:4711'), 'http://127.0.0.1:4711/login/callback');
    assert.equal(expectedCallback('http://127.0.0.1:4711'), 'http://127.0.0.1:4711/login/callback');
    assert.equal(expectedCallback('localhost:80'), 'http://localhost:80/login/callback');
  });

  it('passes every requirement of a correctly set up application', () => {
    const report = checkProvider(input());
    assert.deepEqual(
      report.results.map((r) => [r.id, r.status]),
      [
        ['app-type', 'pass'],
        ['callback', 'pass'],
        ['oidc-conformant', 'pass'],
        ['legacy-profile', 'pass'],
      ],
    );
    assert.ok(report.passed && report.verified);
    assert.deepEqual(fixesFor(report, true), []);
  });

  const failures: [RequirementId, Partial<ProviderCheckInput>, Record<string, unknown>, string][] = [
    ['app-type', { client: { ...good, app_type: 'spa' } }, { app_type: 'regular_web' }, 'Single Page Application'],
    [
      'callback',
      { client: { ...good, callbacks: ['https://other.example/cb'] } },
      { callbacks: ['https://other.example/cb', 'https://rp.eu.auth0.com/login/callback'] },
      'missing https://rp.eu.auth0.com/login/callback',
    ],
    ['oidc-conformant', { client: { ...good, oidc_conformant: true } }, { oidc_conformant: false }, 'on'],
    [
      'legacy-profile',
      { settings: { flags: { enable_legacy_profile: false } } },
      { flags: { enable_legacy_profile: true } },
      'off',
    ],
  ];
  for (const [id, overrides, body, actual] of failures) {
    it(`fails ${id} with the PATCH body that fixes it`, () => {
      const report = checkProvider(input(overrides));
      const r = result(report, id);
      assert.equal(r.status, 'fail');
      assert.ok(r.actual.includes(actual), r.actual);
      assert.deepEqual(r.fix?.body, body);
      assert.equal(
        r.fix?.path,
        id === 'legacy-profile' ? '/api/v2/tenants/settings' : '/api/v2/clients/providerApp000',
      );
      assert.equal(report.results.filter((x) => x.status === 'fail').length, 1, 'only this one fails');
      assert.ok(!report.passed);
    });
  }

  it('treats a missing legacy flag as off, and a missing oidc_conformant as off', () => {
    const report = checkProvider(
      input({
        settings: {},
        client: {
          client_id: 'providerApp000',
          app_type: 'regular_web',
          callbacks: ['https://rp.eu.auth0.com/login/callback'],
        },
      }),
    );
    assert.equal(result(report, 'legacy-profile').status, 'fail');
    assert.equal(result(report, 'oidc-conformant').status, 'pass');
  });

  it('adds every missing RP callback in one PATCH and keeps the listed ones', () => {
    const report = checkProvider(
      input({
        rpDomains: ['rp.eu.auth0.com', 'rp2.eu.auth0.com', '127.0.0.1:9'],
        client: { ...good, callbacks: ['https://rp.eu.auth0.com/login/callback'] },
      }),
    );
    assert.deepEqual(result(report, 'callback').fix?.body, {
      callbacks: [
        'https://rp.eu.auth0.com/login/callback',
        'https://rp2.eu.auth0.com/login/callback',
        'http://127.0.0.1:9/login/callback',
      ],
    });
  });

  it('compares callbacks exactly, as Auth0 does: a trailing slash, another port or scheme is a different URL', () => {
    for (const listed of [
      'https://rp.eu.auth0.com/login/callback/',
      'http://rp.eu.auth0.com/login/callback',
      'https://rp.eu.auth0.com:8443/login/callback',
      'https://rp.eu.auth0.com/login/callback?x=1',
    ]) {
      const report = checkProvider(input({ client: { ...good, callbacks: [listed] } }));
      assert.equal(result(report, 'callback').status, 'fail', listed);
      assert.deepEqual(
        result(report, 'callback').fix?.body,
        { callbacks: [listed, 'https://rp.eu.auth0.com/login/callback'] },
        listed,
      );
    }
  });

  it("expects the custom domain's /login/callback too when the RP tenant has one", () => {
    const tenants = [
      { origin: 'https://rp.eu.auth0.com', loginOrigin: 'https://login.rp.example' },
      { origin: 'https://other.eu.auth0.com', loginOrigin: 'https://other.eu.auth0.com' },
    ];
    assert.deepEqual(withLoginDomains(['https://rp.eu.auth0.com'], tenants), [
      'https://rp.eu.auth0.com',
      'https://login.rp.example',
    ]);
    assert.deepEqual(
      withLoginDomains(['rp.eu.auth0.com'], tenants),
      ['rp.eu.auth0.com', 'https://login.rp.example'],
      'a bare domain names the same tenant',
    );
    assert.deepEqual(withLoginDomains(['https://other.eu.auth0.com', 'unknown.example'], tenants), [
      'https://other.eu.auth0.com',
      'unknown.example',
    ]);
    const report = checkProvider(input({ rpDomains: withLoginDomains(['rp.eu.auth0.com'], tenants) }));
    assert.deepEqual(report.expectedCallbacks, [
      'https://rp.eu.auth0.com/login/callback',
      'https://login.rp.example/login/callback',
    ]);
    assert.equal(result(report, 'callback').status, 'fail', 'the custom domain callback is missing');
  });

  it('says that the legacy-profile fix changes the whole provider tenant', () => {
    const report = checkProvider(input({ settings: { flags: { enable_legacy_profile: false } } }));
    const fix = result(report, 'legacy-profile').fix;
    assert.equal(fix?.target, 'tenant-settings');
    assert.match(fix?.summary ?? '', /whole provider tenant .* every application/);
  });

  it('is unknown, with the reason and the exact values, when nothing could be read', () => {
    const report = checkProvider(
      input({
        client: undefined,
        settings: undefined,
        clientUnknownReason: 'Not allowed (403)',
        settingsUnknownReason: 'No credentials',
      }),
    );
    assert.deepEqual(
      report.results.map((r) => r.status),
      ['unknown', 'unknown', 'unknown', 'unknown'],
    );
    assert.ok(!report.verified && !report.passed);
    assert.equal(result(report, 'app-type').actual, 'Not allowed (403)');
    assert.equal(result(report, 'legacy-profile').actual, 'No credentials');
    assert.match(result(report, 'callback').expected, /https:\/\/rp\.eu\.auth0\.com\/login\/callback/);
    assert.match(result(report, 'callback').where, /Allowed Callback URLs/);
    assert.deepEqual(fixesFor(report, true), [], 'no fix without the facts');
    const md = providerReportMarkdown(report);
    assert.match(md, /Check by hand/);
    assert.match(md, /Legacy User Profile/);
  });

  it('is unknown for the callback when no RP tenant is known', () => {
    assert.equal(result(checkProvider(input({ rpDomains: [] })), 'callback').status, 'unknown');
  });

  it('merges the chosen fixes per target: one PATCH for the application', () => {
    const report = checkProvider(
      input({ client: { ...good, app_type: 'spa', oidc_conformant: true, callbacks: [] }, settings: { flags: {} } }),
    );
    const all = fixesFor(report, true);
    assert.equal(all.length, 2);
    assert.deepEqual(all[0]!.body, {
      app_type: 'regular_web',
      callbacks: ['https://rp.eu.auth0.com/login/callback'],
      oidc_conformant: false,
    });
    assert.deepEqual(all[1]!.body, { flags: { enable_legacy_profile: true } });
    // One PATCH, yet three requirements fixed: the announcement counts these (issue 13: "1 fix(es)
    // applied" after two fixes).
    assert.equal(all[0]!.summaries.length, 3);
    assert.equal(all[1]!.summaries.length, 1);
    assert.deepEqual(
      fixesFor(report, ['oidc-conformant']).map((f) => f.body),
      [{ oidc_conformant: false }],
    );
    assert.deepEqual(fixesFor(report, false), []);
  });

  it('puts diagnostics on client_id (application) and domain (tenant), only for the checked file', () => {
    const text = JSON.stringify(
      {
        name: 'p',
        strategy: 'auth0-oidc',
        options: { client_id: 'providerApp000', client_secret: '##P##', domain: 'partner.eu.auth0.com' },
      },
      undefined,
      2,
    );
    const report = checkProvider(
      input({
        client: { ...good, oidc_conformant: true, callbacks: [] },
        settings: { flags: { enable_legacy_profile: false } },
      }),
    );
    const diagnostics = providerDiagnostics(text, report);
    assert.deepEqual(diagnostics.map((d) => d.code).sort(), [
      'provider-callback-missing',
      'provider-legacy-profile',
      'provider-oidc-conformant',
    ]);
    const callback = diagnostics.find((d) => d.code === 'provider-callback-missing')!;
    assert.equal(text.slice(callback.span.offset, callback.span.offset + callback.span.length), '"providerApp000"');
    assert.match(callback.message, /does not list this tenant's callback/);
    const legacy = diagnostics.find((d) => d.code === 'provider-legacy-profile')!;
    assert.equal(text.slice(legacy.span.offset, legacy.span.offset + legacy.span.length), '"partner.eu.auth0.com"');
    assert.deepEqual(
      providerDiagnostics(text.replace('providerApp000', 'anotherApp'), report),
      [],
      'stale results are dropped',
    );
    assert.deepEqual(providerDiagnostics('{ broken', report), []);
  });
});
