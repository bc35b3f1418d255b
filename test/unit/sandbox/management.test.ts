import assert from 'node:assert/strict';
import { fetch } from 'undici';
import { federationConnectionBody, startSandbox, type Sandbox, type SandboxTenant } from '../../sandbox/index';
import { api, decodeJwtPayload, sandboxForSuite } from './helpers';

describe('sandbox Management API', function () {
  let sandbox: Sandbox;
  let rp: SandboxTenant;

  sandboxForSuite((started) => {
    sandbox = started;
    rp = started.rp;
  });

  const body = (name: string, extra: Record<string, unknown> = {}): Record<string, unknown> =>
    federationConnectionBody(sandbox, name, extra);

  describe('tokens (client credentials at /oauth/token)', function () {
    for (const encoding of ['form', 'json'] as const) {
      it(`issues an RS256 JWT with the granted scopes for a ${encoding} body`, async function () {
        const params = {
          grant_type: 'client_credentials',
          client_id: rp.m2mReadOnly.clientId,
          client_secret: rp.m2mReadOnly.clientSecret,
          audience: `${rp.baseUrl}/api/v2/`,
        };
        const response = await fetch(`${rp.baseUrl}/oauth/token`, {
          method: 'POST',
          headers: { 'content-type': encoding === 'json' ? 'application/json' : 'application/x-www-form-urlencoded' },
          body: encoding === 'json' ? JSON.stringify(params) : new URLSearchParams(params).toString(),
        });
        assert.equal(response.status, 200);
        const json = (await response.json()) as {
          access_token: string;
          scope: string;
          token_type: string;
          expires_in: number;
        };
        assert.equal(json.token_type, 'Bearer');
        assert.deepEqual(json.scope.split(' ').sort(), [...rp.m2mReadOnly.scopes].sort());
        const header = JSON.parse(Buffer.from(json.access_token.split('.')[0] ?? '', 'base64url').toString());
        assert.equal(header.alg, 'RS256');
        const claims = decodeJwtPayload(json.access_token);
        assert.equal(claims.aud, `${rp.baseUrl}/api/v2/`);
        assert.equal(claims.iss, `${rp.baseUrl}/`);
        // and the Management API accepts it
        const list = await api(rp, 'GET', '/connections', { token: json.access_token });
        assert.equal(list.status, 200);
      });
    }

    it('accepts client_secret_basic and narrows to requested scopes', async function () {
      const basic = Buffer.from(`${rp.m2m.clientId}:${rp.m2m.clientSecret}`).toString('base64');
      const response = await fetch(`${rp.baseUrl}/oauth/token`, {
        method: 'POST',
        headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          audience: `${rp.baseUrl}/api/v2/`,
          scope: 'read:connections',
        }).toString(),
      });
      const json = (await response.json()) as { scope: string };
      assert.equal(response.status, 200);
      assert.equal(json.scope, 'read:connections');
    });

    it('refuses a wrong secret, a foreign audience and ungranted scopes as Auth0 does', async function () {
      const post = async (extra: Record<string, string>): Promise<{ status: number; json: any }> => {
        const response = await fetch(`${rp.baseUrl}/oauth/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            grant_type: 'client_credentials',
            client_id: rp.m2mReadOnly.clientId,
            client_secret: rp.m2mReadOnly.clientSecret,
            audience: `${rp.baseUrl}/api/v2/`,
            ...extra,
          }),
        });
        return { status: response.status, json: await response.json() };
      };
      const wrongSecret = await post({ client_secret: 'nope' });
      assert.equal(wrongSecret.status, 401);
      assert.equal(wrongSecret.json.error, 'access_denied');
      const foreign = await post({ audience: 'https://elsewhere.example/api/v2/' });
      assert.equal(foreign.status, 403);
      assert.match(foreign.json.error_description, /Service not found/);
      const ungranted = await post({ scope: 'create:connections' });
      assert.equal(ungranted.status, 403);
      assert.match(ungranted.json.error_description, /not been granted scopes: create:connections/);
    });

    it('publishes the signing key and discovery at Auth0 paths', async function () {
      const jwks = (await (await fetch(`${rp.baseUrl}/.well-known/jwks.json`)).json()) as {
        keys: { kty: string; alg: string; d?: string }[];
      };
      assert.equal(jwks.keys[0]?.kty, 'RSA');
      assert.equal(jwks.keys[0]?.d, undefined, 'no private part');
      const discovery = (await (await fetch(`${rp.baseUrl}/.well-known/openid-configuration`)).json()) as Record<
        string,
        string
      >;
      assert.equal(discovery.issuer, `${rp.baseUrl}/`);
      assert.equal(discovery.authorization_endpoint, `${rp.baseUrl}/authorize`);
      assert.equal(discovery.token_endpoint, `${rp.baseUrl}/oauth/token`);
      assert.equal(discovery.userinfo_endpoint, `${rp.baseUrl}/userinfo`);
      assert.equal(discovery.jwks_uri, `${rp.baseUrl}/.well-known/jwks.json`);
      assert.equal(discovery.end_session_endpoint, `${rp.baseUrl}/v2/logout`);
    });
  });

  describe('authentication and scopes', function () {
    it("401 without a token, with a forged one, an expired one, or another tenant's", async function () {
      const missing = await api(rp, 'GET', '/connections', { token: null });
      assert.equal(missing.status, 401);
      // Auth0's 401 body: the message again under attributes.error, no errorCode (management.ts `unauthorized`).
      assert.deepEqual(missing.body, {
        statusCode: 401,
        error: 'Unauthorized',
        message: 'Missing authentication',
        attributes: { error: 'Missing authentication' },
      });

      const good = await rp.issueManagementToken();
      const [h, p] = good.split('.');
      const payload = JSON.parse(Buffer.from(p ?? '', 'base64url').toString());
      payload.scope = 'read:connections create:connections delete:connections';
      const tampered = `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${good.split('.')[2]}`;
      assert.equal((await api(rp, 'GET', '/connections', { token: tampered })).status, 401);

      const expired = await rp.issueManagementToken(undefined, { expiresInSeconds: -5 });
      const expiredResult = await api(rp, 'GET', '/connections', { token: expired });
      assert.equal(expiredResult.status, 401);
      assert.match(expiredResult.body.message, /Expired token/);

      const otherTenant = await sandbox.provider.issueManagementToken();
      assert.equal((await api(rp, 'GET', '/connections', { token: otherTenant })).status, 401);
      assert.equal((await api(rp, 'GET', '/connections', { token: 'not.a.jwt' })).status, 401);
    });

    it('403 insufficient_scope naming the scope the operation needs', async function () {
      const token = await rp.issueManagementToken(['read:connections']);
      const result = await api(rp, 'POST', '/connections', { token, body: body('scope-check') });
      assert.equal(result.status, 403);
      assert.deepEqual(result.body, {
        statusCode: 403,
        error: 'Forbidden',
        message: 'Insufficient scope, expected any of: create:connections',
        errorCode: 'insufficient_scope',
      });
      assert.equal(
        rp.state.connections.size > 0 && [...rp.state.connections.values()].some((c) => c.name === 'scope-check'),
        false,
      );
    });

    it('sets x-ratelimit-* headers on every response, errors included', async function () {
      for (const result of [
        await api(rp, 'GET', '/connections'),
        await api(rp, 'GET', '/connections', { token: null }),
      ]) {
        assert.equal(result.headers.get('x-ratelimit-limit'), '50');
        assert.match(result.headers.get('x-ratelimit-remaining') ?? '', /^\d+$/);
        assert.ok(Number(result.headers.get('x-ratelimit-reset')) >= Math.floor(Date.now() / 1000));
      }
    });
  });

  describe('connections', function () {
    it('creates an auth0-oidc connection shaped as Auth0 returns it', async function () {
      const created = await api(rp, 'POST', '/connections', { body: body('partner-a') });
      assert.equal(created.status, 201);
      assert.match(created.body.id, /^con_[A-Za-z0-9]{16}$/);
      assert.deepEqual(Object.keys(created.body).sort(), [
        'display_name',
        'id',
        'is_domain_connection',
        'name',
        'options',
        'realms',
        'strategy',
      ]);
      assert.equal(created.body.strategy, 'auth0-oidc');
      assert.deepEqual(created.body.realms, ['partner-a']);
      assert.equal(created.body.display_name, 'partner-a');
      const fetched = await api(rp, 'GET', `/connections/${created.body.id}`);
      assert.deepEqual(fetched.body, created.body);
    });

    it('400 invalid_body for bodies the OpenAPI schema rejects', async function () {
      const cases: [Record<string, unknown>, RegExp][] = [
        [{ ...body('bad-extra'), unknown_property: 1 }, /Additional properties not allowed: unknown_property/],
        [{ name: 'bad-name-', strategy: 'auth0-oidc' }, /does not match pattern/],
        [{ name: 'no-strategy' }, /Missing required property: strategy/],
        [{ name: 'bad-strategy', strategy: 'not-a-strategy' }, /No enum match/],
        [{ name: 'x'.repeat(129), strategy: 'auth0-oidc' }, /too long/],
      ];
      for (const [candidate, message] of cases) {
        const result = await api(rp, 'POST', '/connections', { body: candidate });
        assert.equal(result.status, 400, JSON.stringify(candidate).slice(0, 80));
        assert.equal(result.body.errorCode, 'invalid_body');
        assert.match(result.body.message, /^Payload validation error: /);
        assert.match(result.body.message, message);
      }
      const notJson = await api(rp, 'POST', '/connections', { rawBody: '{"name":' });
      assert.equal(notJson.status, 400);
    });

    it('409 connection_conflict for a duplicate name', async function () {
      assert.equal((await api(rp, 'POST', '/connections', { body: body('dup-name') })).status, 201);
      const again = await api(rp, 'POST', '/connections', { body: body('dup-name') });
      assert.equal(again.status, 409);
      assert.equal(again.body.errorCode, 'connection_conflict');
      assert.equal(again.body.message, 'A connection with the same name already exists');
    });

    it('404 inexistent_connection for GET, PATCH, DELETE and the clients endpoints', async function () {
      for (const [method, path, b] of [
        ['GET', '/connections/con_doesNotExist0001', undefined],
        ['PATCH', '/connections/con_doesNotExist0001', { display_name: 'x' }],
        ['DELETE', '/connections/con_doesNotExist0001', undefined],
        ['GET', '/connections/con_doesNotExist0001/clients', undefined],
      ] as const) {
        const result = await api(rp, method, path, { body: b });
        assert.equal(result.status, 404, `${method} ${path}`);
        assert.equal(result.body.errorCode, 'inexistent_connection');
      }
    });

    it('PATCH: name and strategy are immutable, options are replaced whole, display_name resets', async function () {
      const created = await api(rp, 'POST', '/connections', { body: body('patch-me', { display_name: 'Patch Me' }) });
      const id = created.body.id as string;
      for (const change of [{ name: 'renamed' }, { strategy: 'oidc' }]) {
        const refused = await api(rp, 'PATCH', `/connections/${id}`, { body: change });
        assert.equal(refused.status, 400);
        assert.equal(refused.body.errorCode, 'invalid_body');
      }
      const patched = await api(rp, 'PATCH', `/connections/${id}`, {
        body: { options: { client_id: 'only-this', domain: sandbox.provider.domain } },
      });
      assert.equal(patched.status, 200);
      assert.deepEqual(
        patched.body.options,
        { client_id: 'only-this', domain: sandbox.provider.domain },
        'client_secret and scope are gone',
      );
      assert.equal(patched.body.display_name, 'patch-me');
      assert.equal(patched.body.name, 'patch-me');
      const empty = await api(rp, 'PATCH', `/connections/${id}`, { body: {} });
      assert.equal(empty.status, 400, 'minProperties: 1');
    });

    it('DELETE answers 202 and the connection is gone', async function () {
      const created = await api(rp, 'POST', '/connections', { body: body('delete-me') });
      const deleted = await api(rp, 'DELETE', `/connections/${created.body.id}`);
      assert.equal(deleted.status, 202);
      assert.equal(rp.state.connections.has(created.body.id), false);
    });

    it('enabled clients: PATCH [{client_id,status}] then GET with checkpoint paging', async function () {
      const created = await api(rp, 'POST', '/connections', { body: body('enable-me') });
      const id = created.body.id as string;
      const web = rp.app('RP Web App').clientId;
      const spa = rp.app('RP SPA').clientId;
      const patch = await api(rp, 'PATCH', `/connections/${id}/clients`, {
        body: [
          { client_id: web, status: true },
          { client_id: spa, status: true },
        ],
      });
      assert.equal(patch.status, 204);
      const first = await api(rp, 'GET', `/connections/${id}/clients?take=1`);
      assert.deepEqual(first.body.clients, [{ client_id: web }]);
      assert.equal(typeof first.body.next, 'string');
      const second = await api(
        rp,
        'GET',
        `/connections/${id}/clients?take=1&from=${encodeURIComponent(first.body.next)}`,
      );
      assert.deepEqual(second.body.clients, [{ client_id: spa }]);
      assert.equal(second.body.next, undefined);
      await api(rp, 'PATCH', `/connections/${id}/clients`, { body: [{ client_id: spa, status: false }] });
      assert.deepEqual(rp.state.connections.get(id)?.enabled_clients, [web]);
      const unknown = await api(rp, 'PATCH', `/connections/${id}/clients`, {
        body: [{ client_id: 'nobody', status: true }],
      });
      assert.equal(unknown.status, 400);
      const badShape = await api(rp, 'PATCH', `/connections/${id}/clients`, { body: [{ client_id: web }] });
      assert.equal(badShape.status, 400);
    });
  });

  describe('listing connections', function () {
    let fresh: Sandbox;
    before(async function () {
      fresh = await startSandbox();
      fresh.rp.seedConnections(250);
      fresh.rp.seedConnections(5, 'oidc');
    });
    after(async function () {
      await fresh.close();
    });

    it('checkpoint paging (from/take) walks every connection once', async function () {
      const seen: string[] = [];
      let from: string | undefined;
      let pages = 0;
      do {
        const result = await api(
          fresh.rp,
          'GET',
          `/connections?take=100${from ? `&from=${encodeURIComponent(from)}` : ''}`,
        );
        assert.equal(result.status, 200);
        seen.push(...result.body.connections.map((c: { id: string }) => c.id));
        from = result.body.next;
        pages++;
      } while (from);
      assert.equal(pages, 3);
      assert.equal(seen.length, fresh.rp.state.connections.size);
      assert.equal(new Set(seen).size, seen.length);
    });

    it('offset paging (page/per_page/include_totals) and its default of 50', async function () {
      const total = fresh.rp.state.connections.size;
      const plain = await api(fresh.rp, 'GET', '/connections');
      assert.ok(Array.isArray(plain.body));
      assert.equal(plain.body.length, 50);
      const withTotals = await api(fresh.rp, 'GET', '/connections?page=2&per_page=100&include_totals=true');
      assert.equal(withTotals.body.total, total);
      assert.equal(withTotals.body.start, 200);
      assert.equal(withTotals.body.limit, 100);
      assert.equal(withTotals.body.connections.length, total - 200);
      const tooBig = await api(fresh.rp, 'GET', '/connections?per_page=101');
      assert.equal(tooBig.status, 400);
      assert.equal(tooBig.body.errorCode, 'invalid_query_string');
    });

    it('filters by strategy (repeatable) and name, and projects fields', async function () {
      const oidc = await api(fresh.rp, 'GET', '/connections?strategy=oidc&per_page=100');
      assert.equal(oidc.body.length, 5);
      const both = await api(fresh.rp, 'GET', '/connections?strategy=oidc&strategy=auth0&per_page=100');
      assert.deepEqual([...new Set(both.body.map((c: { strategy: string }) => c.strategy))].sort(), ['auth0', 'oidc']);
      const byName = await api(fresh.rp, 'GET', '/connections?name=seed-auth0-oidc-7');
      assert.deepEqual(
        byName.body.map((c: { name: string }) => c.name),
        ['seed-auth0-oidc-7'],
      );
      const fields = await api(fresh.rp, 'GET', '/connections?name=seed-auth0-oidc-7&fields=id,name');
      assert.deepEqual(Object.keys(fields.body[0]).sort(), ['id', 'name']);
      const excluded = await api(
        fresh.rp,
        'GET',
        '/connections?name=seed-auth0-oidc-7&fields=options&include_fields=false',
      );
      assert.equal('options' in excluded.body[0], false);
      assert.equal(excluded.body[0].name, 'seed-auth0-oidc-7');
      const badStrategy = await api(fresh.rp, 'GET', '/connections?strategy=nope');
      assert.equal(badStrategy.status, 400);
    });

    it('bulk seeding of 10,000 connections is fast and checkpoint paging reaches them all', async function () {
      const big = await startSandbox();
      try {
        const started = Date.now();
        big.rp.seedConnections(10_000);
        assert.ok(Date.now() - started < 2000, 'seeding took too long');
        let count = 0;
        let from: string | undefined;
        do {
          const r = await api(
            big.rp,
            'GET',
            `/connections?take=100&strategy=auth0-oidc${from ? `&from=${encodeURIComponent(from)}` : ''}`,
          );
          count += r.body.connections.length;
          from = r.body.next;
        } while (from);
        assert.equal(count, 10_000);
        const beyond = await api(big.rp, 'GET', '/connections?page=10&per_page=100&include_totals=true');
        assert.equal(beyond.body.connections.length, 0, 'offset paging stops at 1000 results');
        assert.equal(beyond.body.total, 10_001);
      } finally {
        await big.close();
      }
    });
  });

  describe('clients and tenant settings', function () {
    it('lists clients and reads the provider app the provider check looks at', async function () {
      const provider = sandbox.provider;
      const list = await api(provider, 'GET', '/clients');
      assert.ok(list.body.some((c: { name: string }) => c.name === 'Provider App for RP'));
      const app = provider.app('Provider App for RP');
      const one = await api(provider, 'GET', `/clients/${app.clientId}`);
      assert.equal(one.body.app_type, 'regular_web');
      assert.equal(one.body.oidc_conformant, false);
      assert.deepEqual(one.body.callbacks, [`${rp.baseUrl}/login/callback`]);
      const missing = await api(provider, 'GET', '/clients/nope');
      assert.equal(missing.status, 404);
    });

    it('PATCH /clients/{id} updates callbacks (validated against the schema)', async function () {
      const app = rp.app('RP SPA');
      const patched = await api(rp, 'PATCH', `/clients/${app.clientId}`, {
        body: { callbacks: ['http://127.0.0.1/spa/callback', 'http://127.0.0.1/other'] },
      });
      assert.equal(patched.status, 200);
      assert.deepEqual(rp.app('RP SPA').callbacks, ['http://127.0.0.1/spa/callback', 'http://127.0.0.1/other']);
      const bad = await api(rp, 'PATCH', `/clients/${app.clientId}`, { body: { callbacks: 'not-an-array' } });
      assert.equal(bad.status, 400);
    });

    it('GET/PATCH /tenants/settings with flags.enable_legacy_profile', async function () {
      const provider = sandbox.provider;
      const before = await api(provider, 'GET', '/tenants/settings');
      assert.equal(before.body.flags.enable_legacy_profile, true);
      const patched = await api(provider, 'PATCH', '/tenants/settings', {
        body: { flags: { enable_legacy_profile: false } },
      });
      assert.equal(patched.status, 200);
      assert.equal(patched.body.flags.enable_legacy_profile, false);
      assert.equal(patched.body.flags.enable_client_connections, true, 'other flags kept');
      await api(provider, 'PATCH', '/tenants/settings', { body: { flags: { enable_legacy_profile: true } } });
      const readOnly = await api(provider, 'PATCH', '/tenants/settings', {
        token: await provider.issueManagementToken(provider.m2mReadOnly.scopes),
        body: { friendly_name: 'x' },
      });
      assert.equal(readOnly.status, 403);
      assert.match(readOnly.body.message, /update:tenant_settings/);
    });
  });
});
