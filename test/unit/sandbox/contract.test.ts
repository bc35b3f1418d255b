// The sandbox judges request bodies with the committed OpenAPI subset; this checks, where the full
// Auth0 document is available (../shared next to the repository), that it accepts and rejects a set
// of bodies exactly as the full document does, and that the committed subset is current.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../../sandbox/index';
import { OpenApiValidator, type OpenApiDocument } from '../../sandbox/schema';
import { api } from './helpers';

const repoRoot = join(__dirname, '..', '..', '..');
const fullDocumentPath = join(repoRoot, '..', 'shared', 'auth0', 'management-api.openapi.json');

describe('sandbox contract with the full Auth0 OpenAPI document', function () {
  let sandbox: Sandbox;
  let full: OpenApiValidator;

  before(async function () {
    if (!existsSync(fullDocumentPath)) {
      console.warn(
        `    (skipped: ${fullDocumentPath} not found; the contract test needs ../shared next to the repository)`,
      );
      this.skip();
    }
    full = new OpenApiValidator(JSON.parse(readFileSync(fullDocumentPath, 'utf8')) as OpenApiDocument);
    sandbox = await startSandbox();
  });
  after(async function () {
    if (sandbox) await sandbox.close();
  });

  it('the committed subset is what the generator makes from the document', function () {
    const result = spawnSync(
      process.execPath,
      ['scripts/generate-openapi-subset.mjs', '--check', '--source', fullDocumentPath],
      { cwd: repoRoot, encoding: 'utf8' },
    );
    assert.equal(result.status, 0, result.stderr || result.stdout);
  });

  it('POST /connections: same verdict as the full document for each body', async function () {
    const web = sandbox.rp.app('RP Web App').clientId;
    const oidcOptions = {
      client_id: 'abc',
      client_secret: 'xyz',
      domain: 'partner.eu.auth0.com',
      scope: 'openid profile email',
    };
    const bodies: Record<string, unknown>[] = [
      { name: 'ok-minimal', strategy: 'auth0-oidc' },
      {
        name: 'ok-full',
        strategy: 'auth0-oidc',
        options: oidcOptions,
        display_name: 'Partner',
        enabled_clients: [web],
        is_domain_connection: false,
        show_as_button: true,
      },
      { name: 'ok-metadata', strategy: 'auth0-oidc', options: oidcOptions, metadata: { team: 'identity' } },
      { name: 'ok-realms', strategy: 'auth0-oidc', realms: ['ok-realms'] },
      {
        name: 'ok-oidc',
        strategy: 'oidc',
        options: {
          client_id: 'a',
          discovery_url: 'https://idp.example/.well-known/openid-configuration',
          // Required beyond the schema (strict.test.ts: terraform-provider-auth0 #238, #969).
          authorization_endpoint: 'https://idp.example/authorize',
          jwks_uri: 'https://idp.example/.well-known/jwks.json',
          type: 'back_channel',
          // A back channel exchanges the code with the secret (strict.test.ts, the oidc option rules).
          client_secret: 'xyz',
        },
      },
      {
        name: 'ok-extra-option',
        strategy: 'auth0-oidc',
        options: { ...oidcOptions, identity_api: 'x', anything: { nested: true } },
      },
      { name: `a${'b'.repeat(127)}`, strategy: 'auth0-oidc' },
      { name: 'a', strategy: 'auth0-oidc' },
      { name: 'bad-extra', strategy: 'auth0-oidc', client_id: 'misplaced' },
      { name: 'bad-name-', strategy: 'auth0-oidc' },
      { name: '-bad-name', strategy: 'auth0-oidc' },
      { name: 'bad--name', strategy: 'auth0-oidc' },
      { name: 'bad name', strategy: 'auth0-oidc' },
      { name: 'bad_name', strategy: 'auth0-oidc' },
      { name: '', strategy: 'auth0-oidc' },
      { name: `a${'b'.repeat(128)}`, strategy: 'auth0-oidc' },
      { name: 'no-strategy' },
      { strategy: 'auth0-oidc' },
      { name: 'bad-strategy', strategy: 'auth0_oidc' },
      { name: 'bad-strategy-type', strategy: 1 },
      { name: 42, strategy: 'auth0-oidc' },
      { name: 'bad-options-array', strategy: 'auth0-oidc', options: [] },
      { name: 'bad-options-string', strategy: 'auth0-oidc', options: 'x' },
      { name: 'bad-display', strategy: 'auth0-oidc', display_name: 'd'.repeat(129) },
      { name: 'bad-enabled', strategy: 'auth0-oidc', enabled_clients: web },
      { name: 'bad-enabled-item', strategy: 'auth0-oidc', enabled_clients: [1] },
      { name: 'bad-domain-flag', strategy: 'auth0-oidc', is_domain_connection: 'yes' },
      { name: 'bad-metadata', strategy: 'auth0-oidc', metadata: { n: 1 } },
      { name: 'bad-button', strategy: 'auth0-oidc', show_as_button: 'true' },
    ];
    let accepted = 0;
    for (const body of bodies) {
      // Beyond the schema, tenants created from 2026-01-07 refuse enabled_clients in bodies (rule 6, strict.test.ts).
      const expected = full.validateBody('/connections', 'post', body) === undefined && !('enabled_clients' in body);
      const result = await api(sandbox.rp, 'POST', '/connections', { body });
      assert.notEqual(result.status, 500, JSON.stringify(result.body));
      assert.equal(
        result.status !== 400,
        expected,
        `${JSON.stringify(body).slice(0, 90)}: full document says ${expected ? 'valid' : 'invalid'}, sandbox answered ${result.status} ${result.body?.message ?? ''}`,
      );
      if (expected) accepted++;
    }
    assert.ok(accepted >= 5 && accepted < bodies.length, 'the set holds both kinds');
  });

  it('PATCH /connections/{id} and /clients: same verdict as the full document', async function () {
    const created = await api(sandbox.rp, 'POST', '/connections', {
      body: { name: 'patch-target', strategy: 'auth0-oidc', options: { client_id: 'a' } },
    });
    const id = created.body.id as string;
    const web = sandbox.rp.app('RP Web App').clientId;
    const patches: unknown[] = [
      { display_name: 'New' },
      { options: { client_id: 'b', client_secret: 'c', domain: 'x.example' } },
      { enabled_clients: null },
      { enabled_clients: [web] },
      { is_domain_connection: true, show_as_button: false },
      {},
      { name: 'renamed' },
      { strategy: 'oidc' },
      { options: [] },
      { display_name: 5 },
      { unknown: true },
    ];
    for (const body of patches) {
      const expected =
        full.validateBody('/connections/{id}', 'patch', body) === undefined &&
        !(typeof body === 'object' && body !== null && 'enabled_clients' in body);
      const result = await api(sandbox.rp, 'PATCH', `/connections/${id}`, { body });
      assert.equal(result.status !== 400, expected, `${JSON.stringify(body)}: sandbox answered ${result.status}`);
    }
    const clientPatches: unknown[] = [
      [{ client_id: web, status: true }],
      [],
      [{ client_id: web }],
      [{ client_id: web, status: 'yes' }],
      { client_id: web, status: true },
      [{ client_id: web, status: false, extra: 1 }],
    ];
    for (const body of clientPatches) {
      const expected = full.validateBody('/connections/{id}/clients', 'patch', body) === undefined;
      const result = await api(sandbox.rp, 'PATCH', `/connections/${id}/clients`, { body });
      assert.equal(result.status !== 400, expected, `${JSON.stringify(body)}: sandbox answered ${result.status}`);
    }
  });

  it('requires the scopes the full document lists for each operation', function () {
    const subset = new OpenApiValidator(
      JSON.parse(readFileSync(join(repoRoot, 'test', 'sandbox', 'openapi-subset.json'), 'utf8')) as OpenApiDocument,
    );
    for (const [path, methods] of Object.entries(subset.doc.paths)) {
      for (const method of Object.keys(methods)) {
        assert.deepEqual(subset.requiredScopes(path, method), full.requiredScopes(path, method), `${method} ${path}`);
      }
    }
  });
});
