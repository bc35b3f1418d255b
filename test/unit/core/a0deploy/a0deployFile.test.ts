import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  a0deployFormatOf,
  readA0DeployFile,
  unknownApplicationNames,
} from '../../../../src/core/a0deploy/a0deployFile';
import { a0deployQuickFixes } from '../../../../src/core/a0deploy/a0deployFixes';
import { applyTextEdits } from '../../../../src/core/connectionFile/quickFixes';

const FIXTURES = path.join(__dirname, '..', '..', '..', 'integration', 'fixtures');
const fixture = (...parts: string[]): string => readFileSync(path.join(FIXTURES, ...parts), 'utf8');

/** A tenant.yaml with one broken auth0-oidc entry; line numbers below are 0-based. */
const brokenYaml = `tenant:
  friendly_name: 'Acme'

connections:
  - name: google-oauth2
    strategy: google-oauth2
    options:
      scope: [email]
  - name: partner
    strategy: auth0-oidc
    enabled_clients:
      - My Web App
      - My Web App
    options:
      client_id: aB3dE5fG7hJ9kL1m
      client_secret: '##PARTNER_CLIENT_SECRET##'
      domain: "https://partner.eu.auth0.com/"
      scope: profile email emial
`;

describe('a0deploy files: auth0-deploy-cli connections checked in place', () => {
  it('knows the two formats by path, and never takes an extension file for one', () => {
    assert.equal(a0deployFormatOf('/repo/tenant.yaml'), 'yaml');
    assert.equal(a0deployFormatOf('/repo/tenant.yml'), 'yaml');
    assert.equal(a0deployFormatOf('/repo/connections/partner.json'), 'directory');
    assert.equal(a0deployFormatOf('C:\\repo\\connections\\partner.json'), 'directory');
    assert.equal(a0deployFormatOf('/repo/connections/partner.auth0-oidc.json'), undefined);
    assert.equal(a0deployFormatOf('/repo/clients/My App.json'), undefined);
    assert.equal(a0deployFormatOf('/repo/other.yaml'), undefined);
  });

  it('finds the auth0-oidc and oidc entries of the YAML fixture, clean, and leaves the google one alone', () => {
    const reading = readA0DeployFile(fixture('a0deploy-yaml', 'tenant.yaml'), 'yaml');
    assert.deepEqual(
      reading.entries.map((e) => [e.name, e.strategy]),
      [
        ['partner', 'auth0-oidc'],
        ['partner-oidc', 'oidc'],
      ],
    );
    // Only the deprecation note: keywords are a0deploy's to replace, names are no client ids.
    assert.deepEqual(
      reading.diagnostics.map((d) => d.code),
      ['strategy-deprecated'],
    );
    assert.deepEqual(
      reading.entries[0]!.enabledClients.map((c) => c.name),
      ['RP Web App'],
    );
    assert.deepEqual(reading.entries[0]!.connection['options'], {
      client_id: '##PARTNER_CLIENT_ID##',
      client_secret: '##PARTNER_CLIENT_SECRET##',
      domain: '##PROVIDER_DOMAIN##',
      scope: 'openid profile email',
    });
  });

  it('reads the directory fixture, a bare @@ARRAY@@ keyword included, and ignores other strategies', () => {
    const partner = readA0DeployFile(fixture('a0deploy-directory', 'connections', 'partner.json'), 'directory');
    assert.deepEqual(
      partner.entries.map((e) => e.name),
      ['partner'],
    );
    assert.deepEqual(
      partner.diagnostics.map((d) => d.code),
      ['strategy-deprecated'],
    );
    const oidc = readA0DeployFile(fixture('a0deploy-directory', 'connections', 'partner-oidc.json'), 'directory');
    assert.deepEqual(
      oidc.entries.map((e) => [e.name, e.strategy]),
      [['partner-oidc', 'oidc']],
    );
    assert.deepEqual(oidc.diagnostics, []);
    const google = readA0DeployFile(fixture('a0deploy-directory', 'connections', 'google-oauth2.json'), 'directory');
    assert.deepEqual(google, { entries: [], diagnostics: [] });
  });

  it('reports an entry’s problems on the YAML lines they are on', () => {
    const reading = readA0DeployFile(brokenYaml, 'yaml');
    assert.equal(reading.entries.length, 1);
    const at = reading.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character]);
    assert.deepEqual(at, [
      ['strategy-deprecated', 9, 14],
      ['enabled-client-duplicate', 12, 8],
      ['domain-not-bare-host', 16, 14],
      ['scope-missing-openid', 17, 13],
      ['scope-unknown', 17, 27],
    ]);
    const unknown = reading.diagnostics.find((d) => d.code === 'scope-unknown')!;
    assert.equal(brokenYaml.slice(unknown.span.offset, unknown.span.offset + unknown.span.length), 'emial');
  });

  it('reports what a0deploy could not read of the YAML, where it is', () => {
    const reading = readA0DeployFile('connections:\n  - name: partner\n    strategy: [auth0-oidc\n', 'yaml');
    assert.ok(reading.diagnostics.some((d) => d.code === 'json-syntax' && d.range.start.line >= 2));
  });

  it('fixes a YAML value in place, keeping its quotes', () => {
    const reading = readA0DeployFile(brokenYaml, 'yaml');
    const fix = (code: string) => {
      const diagnostic = reading.diagnostics.find((d) => d.code === code)!;
      const [first] = a0deployQuickFixes(brokenYaml, 'yaml', diagnostic);
      assert.ok(first, `a fix for ${code}`);
      return applyTextEdits(brokenYaml, first.edits);
    };
    assert.match(fix('domain-not-bare-host'), /\n {6}domain: "partner\.eu\.auth0\.com"\n/);
    const withOpenid = fix('scope-missing-openid');
    assert.match(withOpenid, /\n {6}scope: openid profile email emial\n/);
    assert.deepEqual(
      readA0DeployFile(withOpenid, 'yaml').diagnostics.map((d) => d.code),
      ['strategy-deprecated', 'enabled-client-duplicate', 'domain-not-bare-host', 'scope-unknown'],
    );
  });

  it('checks enabled_clients names against the tenant’s applications by name or id', () => {
    const reading = readA0DeployFile(
      brokenYaml.replace(
        '      - My Web App\n      - My Web App',
        '      - My Web App\n      - rpWebApp0000\n      - My Wep App',
      ),
      'yaml',
    );
    const entry = reading.entries[0]!;
    const apps = [
      { client_id: 'rpWebApp0000', name: 'Other' },
      { client_id: 'x1', name: 'My Web App' },
    ];
    const unknown = unknownApplicationNames(brokenYaml, entry, apps, 'Sandbox RP');
    assert.deepEqual(
      unknown.map((d) => [d.code, d.severity]),
      [['enabled-client-unknown', 'warning']],
    );
    assert.match(unknown[0]!.message, /no application named "My Wep App"/);
  });
});
