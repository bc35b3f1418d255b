import assert from 'node:assert/strict';
import { resolveKeywords, validateForEnvironments } from '../../../../src/core/environments/resolve';
import { readConnectionFile } from '../../../../src/core/connectionFile/readConnectionFile';
import { oidcKeywordConnectionText } from '../../../fixtures/keywordConnections';

const template = JSON.stringify(
  {
    name: 'partner',
    strategy: 'auth0-oidc',
    display_name: 'Partner (##LABEL##)',
    options: {
      client_id: '##PROVIDER_CLIENT_ID##',
      client_secret: '##PARTNER_CLIENT_SECRET##',
      domain: '##PROVIDER_DOMAIN##',
      scope: 'openid profile',
    },
    enabled_clients: '@@RP_APPS@@',
  },
  undefined,
  2,
);

const dev = {
  name: 'dev',
  values: {
    LABEL: 'dev "test"',
    PROVIDER_CLIENT_ID: 'aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY',
    PROVIDER_DOMAIN: 'partner-dev.eu.auth0.com',
    RP_APPS: ['app1dev'],
  },
};
const prod = {
  name: 'prod',
  values: {
    LABEL: 'prod',
    PROVIDER_CLIENT_ID: 'zZ3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY',
    PROVIDER_DOMAIN: 'partner.eu.auth0.com',
    RP_APPS: ['app1', 'app2'],
  },
};

const at = (text: string, span: { offset: number; length: number }): string =>
  text.slice(span.offset, span.offset + span.length);

describe('resolveKeywords for a connection file', () => {
  it('fills non-secret keywords from the environment and leaves the secret placeholder for secret storage', () => {
    const resolved = resolveKeywords(template, dev.values);
    assert.deepEqual(resolved.problems, []);
    const reading = readConnectionFile(resolved.text, 'auth0-oidc-connection.json');
    assert.equal(reading.kind, 'valid', JSON.stringify(reading.diagnostics));
    assert.deepEqual(JSON.parse(resolved.text), {
      name: 'partner',
      strategy: 'auth0-oidc',
      display_name: 'Partner (dev "test")',
      options: {
        client_id: dev.values.PROVIDER_CLIENT_ID,
        client_secret: '##PARTNER_CLIENT_SECRET##',
        domain: 'partner-dev.eu.auth0.com',
        scope: 'openid profile',
      },
      enabled_clients: ['app1dev'],
    });
  });

  it('never takes a secret from the values, even under a name that does not look secret', () => {
    const text = template.replace('##PARTNER_CLIENT_SECRET##', '##PARTNER_APP_KEY##');
    const resolved = resolveKeywords(text, { ...dev.values, PARTNER_APP_KEY: 'hunter2' });
    assert.ok(!resolved.text.includes('hunter2'));
    assert.deepEqual(
      resolved.problems.map((p) => [p.code, at(text, p.span)]),
      [['environment-secret-value', '##PARTNER_APP_KEY##']],
    );
  });

  it('reports a keyword with no value, a list put inside a string and @@KEY@@ inside a string', () => {
    const text = template
      .replace('Partner (##LABEL##)', 'Partner (##RP_APPS##) @@LABEL@@')
      .replace('##PROVIDER_DOMAIN##', '##MISSING##');
    const resolved = resolveKeywords(text, dev.values);
    assert.deepEqual(
      resolved.problems.map((p) => [p.code, at(text, p.span)]),
      [
        ['environment-keyword-value', '##RP_APPS##'],
        ['environment-keyword-placement', '@@LABEL@@'],
        ['environment-key-missing', '##MISSING##'],
      ],
    );
  });
});

describe('validateForEnvironments', () => {
  it('is quiet when every environment resolves to a valid file', () => {
    assert.deepEqual(
      validateForEnvironments(template, [dev, prod], 'auth0-oidc-connection.json').filter(
        (d) => d.severity === 'error',
      ),
      [],
    );
  });

  it('reports a key missing in prod on the keyword, naming prod only', () => {
    const { PROVIDER_DOMAIN: _dropped, ...prodValues } = prod.values;
    const found = validateForEnvironments(
      template,
      [dev, { name: 'prod', values: prodValues }],
      'auth0-oidc-connection.json',
    ).filter((d) => d.severity === 'error');
    assert.deepEqual(
      found.map((d) => [d.code, d.environments, at(template, d.span)]),
      [['environment-key-missing', ['prod'], '##PROVIDER_DOMAIN##']],
    );
    assert.match(found[0]!.message, /^prod: /);
  });

  it("shows a rule broken by one environment's value on the keyword, naming that environment", () => {
    const found = validateForEnvironments(
      template,
      [dev, { name: 'prod', values: { ...prod.values, PROVIDER_DOMAIN: 'https://partner.eu.auth0.com/x' } }],
      'auth0-oidc-connection.json',
    ).filter((d) => d.severity === 'error');
    assert.equal(found.length, 1, JSON.stringify(found));
    assert.deepEqual(found[0]!.environments, ['prod']);
    assert.match(found[0]!.message, /^prod: /);
    assert.equal(at(template, found[0]!.span), '"##PROVIDER_DOMAIN##"');
  });

  it("reports a provider other than the environment's providerTenant on the option naming it, either strategy", () => {
    const withTenants = [
      { ...dev, providerTenant: 'partner-dev.eu.auth0.com' },
      // prod's values lead to dev's provider tenant.
      {
        ...prod,
        values: { ...prod.values, PROVIDER_DOMAIN: 'partner-dev.eu.auth0.com' },
        providerTenant: 'partner.eu.auth0.com',
      },
    ];
    const oidcTemplate = oidcKeywordConnectionText('partner-oidc', '##PROVIDER_CLIENT_ID##');
    for (const [text, fileName, option, shown] of [
      [template, 'auth0-oidc-connection.json', 'domain', '"##PROVIDER_DOMAIN##"'],
      [
        oidcTemplate,
        'partner.oidc-connection.json',
        'discovery_url',
        '"https://##PROVIDER_DOMAIN##/.well-known/openid-configuration"',
      ],
    ] as const) {
      const found = validateForEnvironments(text, withTenants, fileName).filter((d) => d.severity === 'error');
      assert.deepEqual(
        found.map((d) => [d.code, d.environments, at(text, d.span)]),
        [['environment-provider-mismatch', ['prod'], shown]],
        fileName,
      );
      assert.match(
        found[0]!.message,
        new RegExp(
          `^prod: the file resolves to provider partner-dev\\.eu\\.auth0\\.com, .* make options\\.${option} \\(or its keyword\\)`,
        ),
      );
      // Without providerTenants (a file checked as written, deploy's own keywords) no such check.
      assert.deepEqual(
        validateForEnvironments(
          text,
          [dev, withTenants[1]!].map(({ name, values }) => ({ name, values })),
          fileName,
        ).filter((d) => d.severity === 'error'),
        [],
      );
    }
  });

  it('shows a problem of the file itself once, without environment names', () => {
    const text = template.replace('"name": "partner"', '"name": "bad name"');
    const found = validateForEnvironments(text, [dev, prod], 'auth0-oidc-connection.json').filter(
      (d) => d.severity === 'error',
    );
    assert.equal(found.length, 1);
    assert.deepEqual(found[0]!.environments, ['dev', 'prod']);
    assert.doesNotMatch(found[0]!.message, /^dev, prod: /);
  });
});
