import assert from 'node:assert/strict';
import { parseEnvironmentsFile } from '../../../../src/core/environments/environmentsFile';

const file = (environments: unknown): string => JSON.stringify({ environments }, undefined, 2);

describe('parseEnvironmentsFile', () => {
  it('reads each environment in the order of the file, with its tenants and values', () => {
    const text = file({
      prod: { rpTenant: 'acme.eu.auth0.com', providerTenant: 'partner.eu.auth0.com', values: { APPS: ['x'] } },
      '1dev': { rpTenant: 'acme-dev.eu.auth0.com', providerTenant: 'partner-dev.eu.auth0.com', values: { N: 'a' } },
    });
    const { environments, diagnostics } = parseEnvironmentsFile(text);
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(
      environments.map((e) => [e.name, e.rpTenant, e.providerTenant, e.values]),
      [
        ['prod', 'acme.eu.auth0.com', 'partner.eu.auth0.com', { APPS: ['x'] }],
        ['1dev', 'acme-dev.eu.auth0.com', 'partner-dev.eu.auth0.com', { N: 'a' }],
      ],
    );
    const prod = environments[0]!;
    assert.equal(
      text
        .slice(prod.valueSpans.APPS!.offset, prod.valueSpans.APPS!.offset + prod.valueSpans.APPS!.length)
        .replace(/\s/g, ''),
      '["x"]',
    );
    assert.equal(text.slice(prod.nameSpan.offset, prod.nameSpan.offset + prod.nameSpan.length), '"prod"');
  });

  it('refuses a secret in the file, on the value, saying where secrets go', () => {
    const text = file({
      dev: { rpTenant: 'a.example', providerTenant: 'b.example', values: { PARTNER_CLIENT_SECRET: 'hunter2' } },
    });
    const { environments, diagnostics } = parseEnvironmentsFile(text);
    assert.deepEqual(environments, []);
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['environment-secret-value'],
    );
    const [d] = diagnostics;
    assert.match(d!.message, /secret storage/);
    assert.match(d!.message, /AUTH0_OIDC_PARTNER_CLIENT_SECRET/);
    assert.ok(!d!.message.includes('hunter2'));
    assert.ok(text.slice(d!.span.offset, d!.span.offset + d!.span.length).startsWith('"PARTNER_CLIENT_SECRET"'));
  });

  it('reports bad tenants, names, keys and shapes where they are, and leaves those environments out', () => {
    const text = file({
      'bad name!': { rpTenant: 'a.example', providerTenant: 'b.example' },
      dev: { rpTenant: 'https://a.example/', providerTenant: 'b.example', values: { 'a-b': 1 }, extra: 1 },
      staging: { providerTenant: 'b.example' },
      ok: { rpTenant: 'a.example', providerTenant: 'b.example' },
    });
    const { environments, diagnostics } = parseEnvironmentsFile(text);
    assert.deepEqual(
      environments.map((e) => e.name),
      ['ok'],
    );
    assert.deepEqual(
      diagnostics.map((d) => [d.code, text.slice(d.span.offset, d.span.offset + d.span.length)]),
      [
        ['environment-name', '"bad name!"'],
        ['environment-unknown-property', '"extra"'],
        ['environment-tenant', '"https://a.example/"'],
        ['environment-key-name', '"a-b"'],
        ['environment-tenant', '"staging"'],
      ],
    );
  });

  it('says what the file holds when it is not JSON or not the right shape', () => {
    assert.deepEqual(
      parseEnvironmentsFile('{"environments": {')
        .diagnostics.map((d) => d.code)
        .slice(0, 1),
      ['environments-json-syntax'],
    );
    assert.deepEqual(
      parseEnvironmentsFile('[]').diagnostics.map((d) => d.code),
      ['environments-shape'],
    );
    assert.deepEqual(
      parseEnvironmentsFile('{"environments": {}}').diagnostics.map((d) => d.code),
      ['environments-empty'],
    );
  });
});
