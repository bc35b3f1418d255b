// The sandbox is as strict as Auth0 on the Management API side (issue 11, rules 4 to 7). Each rule
// is shown here against the behaviour Auth0 documents (sources in test/sandbox/README.md).
import assert from 'node:assert/strict';
import { fetch } from 'undici';
import {
  createFederatedConnection,
  federationConnectionBody,
  startSandbox,
  type Sandbox,
  type SandboxTenant,
} from '../../sandbox/index';
import { FREE_PLAN_RATE_LIMIT, TokenBucket } from '../../sandbox/rateLimit';
import { ALL_MANAGEMENT_SCOPES } from '../../sandbox/seed';
import { api, sandboxForSuite } from './helpers';

/** A Management token through client credentials, as a real client gets one. */
async function tokenFor(tenant: SandboxTenant, appName: string): Promise<{ token: string; scope: string }> {
  const app = tenant.app(appName);
  const response = await fetch(`${tenant.baseUrl}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      grant_type: 'client_credentials',
      client_id: app.clientId,
      client_secret: app.clientSecret,
      audience: tenant.managementAudience,
    }),
  });
  assert.equal(response.status, 200);
  const json = (await response.json()) as { access_token: string; scope: string };
  return { token: json.access_token, scope: json.scope };
}

describe('sandbox: as strict as Auth0 (Management API)', function () {
  let sandbox: Sandbox;
  let rp: SandboxTenant;

  sandboxForSuite((started) => {
    sandbox = started;
    rp = started.rp;
  });

  describe('rule 4: connection options need their own scopes', function () {
    for (const tenantName of ['provider', 'rp'] as const) {
      it(`seeds a machine-to-machine application without the options scopes on ${tenantName}`, async function () {
        const tenant = sandbox[tenantName];
        const { scope } = await tokenFor(tenant, `Sandbox Management without options scopes (${tenantName})`);
        const scopes = scope.split(' ');
        assert.ok(
          scopes.includes('read:connections') &&
            scopes.includes('update:connections') &&
            scopes.includes('create:connections'),
        );
        assert.ok(!scopes.includes('read:connections_options'));
        assert.ok(!scopes.includes('update:connections_options'));
      });
    }

    it('GET connections and GET connection omit options without read:connections_options', async function () {
      const created = await createFederatedConnection(sandbox, 'options-hidden');
      const { token } = await tokenFor(rp, 'Sandbox Management without options scopes (rp)');
      const list = await api(rp, 'GET', '/connections?strategy=auth0-oidc', { token });
      assert.equal(list.status, 200);
      const listed = (list.body as Record<string, unknown>[]).find((c) => c.name === 'options-hidden');
      assert.ok(listed, 'listed');
      assert.equal('options' in listed, false);
      const one = await api(rp, 'GET', `/connections/${created.id}`, { token });
      assert.equal(one.status, 200);
      assert.equal('options' in one.body, false);
      assert.equal(one.body.name, 'options-hidden');
      // fields=options does not get around it
      const projected = await api(rp, 'GET', `/connections/${created.id}?fields=options,name`, { token });
      assert.deepEqual(projected.body, { name: 'options-hidden' });
      // with the scope, they are there
      const full = await api(rp, 'GET', `/connections/${created.id}`);
      assert.equal(full.body.options.client_id, sandbox.provider.app('Provider App for RP').clientId);
    });

    it('PATCH with options answers 403 insufficient_scope without update:connections_options and changes nothing', async function () {
      const created = await createFederatedConnection(sandbox, 'options-locked');
      const before = structuredClone(rp.state.connections.get(created.id));
      const { token } = await tokenFor(rp, 'Sandbox Management without options scopes (rp)');
      const refused = await api(rp, 'PATCH', `/connections/${created.id}`, {
        token,
        body: { options: { client_id: 'x', domain: 'y.example.com' } },
      });
      assert.equal(refused.status, 403);
      assert.deepEqual(refused.body, {
        statusCode: 403,
        error: 'Forbidden',
        message: 'Insufficient scope, expected any of: update:connections_options',
        errorCode: 'insufficient_scope',
      });
      assert.deepEqual(rp.state.connections.get(created.id), before);
      // without options the same token may PATCH, and the answer hides options too
      const allowed = await api(rp, 'PATCH', `/connections/${created.id}`, { token, body: { display_name: 'Locked' } });
      assert.equal(allowed.status, 200);
      assert.equal('options' in allowed.body, false);
      assert.equal(rp.state.connections.get(created.id)?.display_name, 'Locked');
    });

    it('POST with options needs create:connections', async function () {
      const token = await rp.issueManagementToken([
        'read:connections',
        'update:connections',
        'update:connections_options',
      ]);
      const refused = await api(rp, 'POST', '/connections', {
        token,
        body: federationConnectionBody(sandbox, 'no-create'),
      });
      assert.equal(refused.status, 403);
      assert.equal(refused.body.errorCode, 'insufficient_scope');
      assert.match(refused.body.message, /create:connections/);
    });
  });

  describe('rule 8: client secrets need read:client_keys', function () {
    const withoutKeys = ALL_MANAGEMENT_SCOPES.filter((s) => s !== 'read:client_keys');
    it('leaves client_secret out of GET /clients/{id} and GET /clients without the scope, even when asked for', async function () {
      const app = sandbox.provider.app('Provider App for RP');
      const token = await sandbox.provider.issueManagementToken(withoutKeys);
      const one = await api(sandbox.provider, 'GET', `/clients/${app.clientId}?fields=client_id,client_secret`, {
        token,
      });
      assert.equal(one.status, 200);
      assert.deepEqual(one.body, { client_id: app.clientId });
      const all = await api(sandbox.provider, 'GET', '/clients', { token });
      assert.equal(all.status, 200);
      assert.ok(all.body.length > 0);
      assert.ok(all.body.every((c: Record<string, unknown>) => !('client_secret' in c)));
    });
    it('returns it with the scope', async function () {
      const app = sandbox.provider.app('Provider App for RP');
      const token = await sandbox.provider.issueManagementToken(['read:clients', 'read:client_keys']);
      const one = await api(sandbox.provider, 'GET', `/clients/${app.clientId}?fields=client_id,client_secret`, {
        token,
      });
      assert.deepEqual(one.body, { client_id: app.clientId, client_secret: app.clientSecret });
    });
  });

  describe('rule 5: enabled applications endpoint limits', function () {
    it('PATCH /connections/{id}/clients takes at most 50 entries; GET pages with take/from', async function () {
      const created = await createFederatedConnection(sandbox, 'many-apps', {}, []);
      const ids: string[] = [];
      for (let i = 0; i < 120; i++) {
        const id = `bulkApp${String(i).padStart(3, '0')}`.padEnd(32, '0');
        ids.push(id);
        rp.state.clients.set(id, {
          ...structuredClone(rp.state.clients.get(rp.app('RP Web App').clientId)!),
          client_id: id,
          name: `Bulk ${i}`,
        });
      }
      const tooMany = await api(rp, 'PATCH', `/connections/${created.id}/clients`, {
        body: ids.slice(0, 51).map((client_id) => ({ client_id, status: true })),
      });
      assert.equal(tooMany.status, 400);
      assert.equal(tooMany.body.errorCode, 'invalid_body');
      assert.match(tooMany.body.message, /^Payload validation error: 'Array is too long \(51\), maximum 50'/);
      assert.deepEqual(rp.state.connections.get(created.id)?.enabled_clients, [], 'nothing applied');
      for (let i = 0; i < ids.length; i += 50) {
        const batch = await api(rp, 'PATCH', `/connections/${created.id}/clients`, {
          body: ids.slice(i, i + 50).map((client_id) => ({ client_id, status: true })),
        });
        assert.equal(batch.status, 204);
      }
      const seen: string[] = [];
      let from: string | undefined;
      let pages = 0;
      do {
        const page = await api(
          rp,
          'GET',
          `/connections/${created.id}/clients?take=50${from ? `&from=${encodeURIComponent(from)}` : ''}`,
        );
        assert.equal(page.status, 200);
        assert.ok(page.body.clients.length <= 50);
        seen.push(...page.body.clients.map((c: { client_id: string }) => c.client_id));
        from = page.body.next;
        pages++;
      } while (from);
      assert.equal(pages, 3);
      assert.deepEqual(seen, ids);
      const overTake = await api(rp, 'GET', `/connections/${created.id}/clients?take=1001`);
      assert.equal(overTake.status, 400);
      for (const id of ids) rp.state.clients.delete(id);
    });
  });

  describe('rule 6: enabled_clients in connection bodies', function () {
    it("is refused by default with Auth0's message, on POST and PATCH", async function () {
      const web = rp.app('RP Web App').clientId;
      const refused = await api(rp, 'POST', '/connections', {
        body: federationConnectionBody(sandbox, 'with-enabled', { enabled_clients: [web] }),
      });
      assert.equal(refused.status, 400);
      assert.deepEqual(refused.body, {
        statusCode: 400,
        error: 'Bad Request',
        message: "Payload validation error: 'Additional properties not allowed: enabled_clients'.",
        errorCode: 'invalid_body',
      });
      assert.equal(
        [...rp.state.connections.values()].some((c) => c.name === 'with-enabled'),
        false,
      );
      const created = await createFederatedConnection(sandbox, 'patch-enabled');
      const patch = await api(rp, 'PATCH', `/connections/${created.id}`, { body: { enabled_clients: [] } });
      assert.equal(patch.status, 400);
      assert.equal(
        patch.body.message,
        "Payload validation error: 'Additional properties not allowed: enabled_clients'.",
      );
      assert.deepEqual(rp.state.connections.get(created.id)?.enabled_clients, [web]);
    });

    it('is accepted with rejectEnabledClientsInBody: false (tenants created before 2026-01-07)', async function () {
      const old = await startSandbox({ rejectEnabledClientsInBody: false });
      try {
        const web = old.rp.app('RP Web App').clientId;
        const created = await api(old.rp, 'POST', '/connections', {
          body: federationConnectionBody(old, 'legacy', { enabled_clients: [web] }),
        });
        assert.equal(created.status, 201);
        assert.deepEqual(created.body.enabled_clients, [web]);
      } finally {
        await old.close();
      }
    });
  });

  describe('oidc connections name their endpoints (terraform-provider-auth0 #238, #969)', function () {
    it('refuses a POST with only discovery_url and issuer, and creates one with the endpoints', async function () {
      const provider = sandbox.provider.baseUrl;
      const options = {
        type: 'back_channel',
        discovery_url: `${provider}/.well-known/openid-configuration`,
        issuer: `${provider}/`,
        client_id: 'abc',
        client_secret: 'xyz',
        scope: 'openid profile',
      };
      const refused = await api(rp, 'POST', '/connections', {
        body: { name: 'oidc-discovery-only', strategy: 'oidc', options },
      });
      assert.equal(refused.status, 400);
      assert.equal(refused.body.message, 'options.authorization_endpoint is required; options.jwks_uri is required');
      const noJwks = await api(rp, 'POST', '/connections', {
        body: {
          name: 'oidc-no-jwks',
          strategy: 'oidc',
          options: { ...options, authorization_endpoint: `${provider}/authorize` },
        },
      });
      assert.equal(noJwks.status, 400);
      assert.equal(noJwks.body.message, 'options.jwks_uri is required');
      assert.equal(
        [...rp.state.connections.values()].some((c) => c.name.startsWith('oidc-discovery-only')),
        false,
      );
      const created = await api(rp, 'POST', '/connections', {
        body: {
          name: 'oidc-with-endpoints',
          strategy: 'oidc',
          options: {
            ...options,
            authorization_endpoint: `${provider}/authorize`,
            jwks_uri: `${provider}/.well-known/jwks.json`,
          },
        },
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
    });
  });

  describe("oidc connections: the oidc strategy's own option rules, on POST and on PATCH", function () {
    /** A body Auth0 accepts: back channel, https endpoints on one host, openid in scope. */
    function validOptions(): Record<string, unknown> {
      const idp = 'https://idp.example';
      return {
        type: 'back_channel',
        discovery_url: `${idp}/.well-known/openid-configuration`,
        issuer: `${idp}/`,
        authorization_endpoint: `${idp}/authorize`,
        token_endpoint: `${idp}/oauth/token`,
        jwks_uri: `${idp}/.well-known/jwks.json`,
        userinfo_endpoint: `${idp}/userinfo`,
        client_id: 'abc',
        client_secret: 'xyz',
        scope: 'openid profile',
      };
    }

    /** Each broken body, the option it breaks and the message Auth0's validator words for it. */
    const refusals: { what: string; change: Record<string, unknown>; message: string }[] = [
      {
        what: 'a type that is neither channel',
        change: { type: 'code' },
        message: 'Payload validation error: \'No enum match for: "code"\' on property options.type.',
      },
      {
        what: 'an http (not https) jwks_uri on a public host',
        change: { jwks_uri: 'http://idp.example/.well-known/jwks.json' },
        message:
          'Payload validation error: \'String does not match pattern ^https:\\/\\/.*: "http://idp.example/.well-known/jwks.json"\' on property options.jwks_uri.',
      },
      {
        what: 'an http token_endpoint on a public host',
        change: { token_endpoint: 'http://idp.example/oauth/token' },
        message:
          'Payload validation error: \'String does not match pattern ^https:\\/\\/.*: "http://idp.example/oauth/token"\' on property options.token_endpoint.',
      },
      {
        what: 'a back channel without client_secret',
        change: { client_secret: undefined },
        message: 'options.client_secret is required when options.type is back_channel',
      },
      {
        what: 'a scope without openid',
        change: { scope: 'profile email' },
        message: 'options.scope must include openid',
      },
    ];

    for (const refusal of refusals) {
      it(`refuses ${refusal.what} with 400 invalid_body naming the option, on create and on update`, async function () {
        const options = { ...validOptions(), ...refusal.change };
        const slug = refusal.what.replace(/[^a-z]+/g, '-').replace(/^-|-$/g, '');
        const created = await api(rp, 'POST', '/connections', {
          body: { name: `oidc-${slug}`, strategy: 'oidc', options },
        });
        assert.equal(created.status, 400, JSON.stringify(created.body));
        assert.deepEqual(created.body, {
          statusCode: 400,
          error: 'Bad Request',
          message: refusal.message,
          errorCode: 'invalid_body',
        });
        assert.equal(
          [...rp.state.connections.values()].some((c) => c.name === `oidc-${slug}`),
          false,
        );
        // PATCH replaces options whole, so the same rules apply to them; nothing changes on a 400.
        const good = await api(rp, 'POST', '/connections', {
          body: { name: `oidc-ok-${slug}`, strategy: 'oidc', options: validOptions() },
        });
        assert.equal(good.status, 201, JSON.stringify(good.body));
        const patched = await api(rp, 'PATCH', `/connections/${good.body.id as string}`, { body: { options } });
        assert.equal(patched.status, 400, JSON.stringify(patched.body));
        assert.equal(patched.body.message, refusal.message);
        assert.deepEqual(rp.state.connections.get(good.body.id as string)?.options, validOptions());
      });
    }

    it('refuses a PATCH whose options drop authorization_endpoint and jwks_uri (options are replaced whole)', async function () {
      const good = await api(rp, 'POST', '/connections', {
        body: { name: 'oidc-patch-endpoints', strategy: 'oidc', options: validOptions() },
      });
      assert.equal(good.status, 201, JSON.stringify(good.body));
      const { authorization_endpoint: _a, jwks_uri: _j, ...withoutEndpoints } = validOptions();
      const patched = await api(rp, 'PATCH', `/connections/${good.body.id as string}`, {
        body: { options: withoutEndpoints },
      });
      assert.equal(patched.status, 400);
      assert.equal(patched.body.message, 'options.authorization_endpoint is required; options.jwks_uri is required');
    });

    it('accepts a front channel without client_secret, and no type at all (front_channel is the default)', async function () {
      const { client_secret: _s, ...noSecret } = validOptions();
      const front = await api(rp, 'POST', '/connections', {
        body: { name: 'oidc-front', strategy: 'oidc', options: { ...noSecret, type: 'front_channel' } },
      });
      assert.equal(front.status, 201, JSON.stringify(front.body));
      const { type: _t, ...noType } = noSecret;
      const untyped = await api(rp, 'POST', '/connections', {
        body: { name: 'oidc-untyped', strategy: 'oidc', options: noType },
      });
      assert.equal(untyped.status, 201, JSON.stringify(untyped.body));
    });

    it('lets plain http through for a loopback provider only (the sandbox provider), not for other hosts', async function () {
      const provider = sandbox.provider.baseUrl; // http://127.0.0.1:PORT without --tls
      const loopback = Object.fromEntries(
        Object.entries(validOptions()).map(([k, v]) => [
          k,
          typeof v === 'string' ? v.replace('https://idp.example', provider) : v,
        ]),
      );
      const created = await api(rp, 'POST', '/connections', {
        body: { name: 'oidc-loopback', strategy: 'oidc', options: loopback },
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      for (const host of ['127.0.0.1.nip.io', '10.0.0.1', 'localhost.example']) {
        const refused = await api(rp, 'POST', '/connections', {
          body: {
            name: `oidc-http-${host.replace(/\./g, '-')}`,
            strategy: 'oidc',
            options: { ...validOptions(), issuer: `http://${host}/` },
          },
        });
        assert.equal(refused.status, 400, host);
        assert.match(refused.body.message as string, /on property options\.issuer\.$/);
      }
    });
  });

  describe('rule 7: the free-plan rate limit, for real', function () {
    it('is a token bucket of 10 refilled at 2 per second, with Auth0 headers (deterministic clock)', function () {
      let now = 1_700_000_000_000;
      const bucket = new TokenBucket(FREE_PLAN_RATE_LIMIT, () => now);
      const answers = Array.from({ length: 11 }, () => bucket.take());
      assert.deepEqual(
        answers.map((a) => a.allowed),
        [...Array(10).fill(true), false],
      );
      assert.deepEqual(
        answers.map((a) => a.headers['x-ratelimit-remaining']),
        ['9', '8', '7', '6', '5', '4', '3', '2', '1', '0', '0'],
      );
      assert.ok(answers.every((a) => a.headers['x-ratelimit-limit'] === '10'));
      // empty bucket: full again in 5 s
      assert.equal(answers[10]!.headers['x-ratelimit-reset'], String(1_700_000_000 + 5));
      assert.equal(answers[10]!.headers['retry-after'], '1');
      assert.equal(answers[0]!.headers['retry-after'], undefined);
      now += 499;
      assert.equal(bucket.take().allowed, false, 'not yet a whole token after 499 ms');
      now += 1;
      assert.equal(bucket.take().allowed, true, 'one token after 500 ms');
      // sustained: over 60 s at most 2/s get through
      let allowed = 0;
      for (let t = 0; t < 60_000; t += 50) {
        now += 50;
        if (bucket.take().allowed) allowed++;
      }
      assert.equal(allowed, 120);
      assert.equal(bucket.refused > 0, true);
    });

    it('rateLimit: "free" answers 429 too_many_requests with Retry-After and x-ratelimit-* once the burst is spent', async function () {
      const limited = await startSandbox({ rateLimit: 'free' });
      try {
        const token = await limited.rp.issueManagementToken();
        const burstStarted = Date.now();
        const results = await Promise.all(
          Array.from({ length: 20 }, () => api(limited.rp, 'GET', '/connections', { token })),
        );
        const allowed = results.filter((r) => r.status === 200).length;
        // burst 10, plus what 2/s refilled while the 20 were sent (a loaded machine can be slow)
        assert.ok(
          allowed >= 10 && allowed <= 10 + Math.ceil(((Date.now() - burstStarted) / 1000) * 2),
          `${allowed} allowed`,
        );
        assert.equal(results.filter((r) => r.status === 429).length, 20 - allowed, 'the rest are 429');
        const refused = results.find((r) => r.status === 429)!;
        assert.deepEqual(refused.body, {
          statusCode: 429,
          error: 'Too Many Requests',
          message: 'Global limit has been reached',
          errorCode: 'too_many_requests',
        });
        assert.equal(refused.headers.get('x-ratelimit-limit'), '10');
        assert.equal(refused.headers.get('x-ratelimit-remaining'), '0');
        assert.equal(refused.headers.get('retry-after'), '1');
        assert.ok(Number(refused.headers.get('x-ratelimit-reset')) > Date.now() / 1000);
        assert.equal(limited.rp.requestLog.filter((e) => e.status === 429).length, 20 - allowed, 'logged as 429');
        // a refused request is not processed: a refused POST creates nothing
        const post = await api(limited.rp, 'POST', '/connections', {
          token,
          body: federationConnectionBody(limited, 'refused-post'),
        });
        if (post.status === 429)
          assert.equal(
            [...limited.rp.state.connections.values()].some((c) => c.name === 'refused-post'),
            false,
          );
        // after Retry-After a request goes through again (polled with a deadline, not slept)
        const started = Date.now();
        let status = 429;
        while (status === 429 && Date.now() - started < 5000) {
          await new Promise((resolve) => setImmediate(resolve));
          status = (await api(limited.rp, 'GET', '/connections', { token })).status;
        }
        assert.equal(status, 200);
        // the other tenant has its own bucket, and the default sandbox enforces none
        assert.equal((await api(limited.provider, 'GET', '/connections')).status, 200);
        const unlimited = await Promise.all(Array.from({ length: 30 }, () => api(rp, 'GET', '/connections')));
        assert.ok(unlimited.every((r) => r.status === 200));
      } finally {
        await limited.close();
      }
    });
  });
});
