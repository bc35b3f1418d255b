import * as assert from 'node:assert/strict';
import { startSandbox, federationConnectionBody, type Sandbox, type SandboxTenant } from '../../sandbox/index';
import {
  createManagementClient,
  collectPages,
  type ManagementClient,
  type ManagementClientOptions,
  type ConnectionCreateBody,
} from '../../../src/auth0/managementClient';
import { ClientCredentialsTokenProvider, StaticTokenProvider, type TokenProvider } from '../../../src/auth0/tokens';
import {
  Auth0ApiError,
  Auth0NetworkError,
  Auth0TimeoutError,
  CancelledError,
  InvalidManagementTokenError,
} from '../../../src/auth0/errors';
import type { RequestLogEntry } from '../../../src/auth0/http';
import { CANARY_SECRET, fakeJwt, sandboxClient } from './helpers';

// The client against the in-process sandbox: real HTTP, Auth0-shaped errors, injected faults.

describe('ManagementClient against the sandbox', function () {
  let sandbox: Sandbox;
  let rp: SandboxTenant;
  const clients: ManagementClient[] = [];
  let nameCounter = 0;
  const uniqueName = (): string => `test-conn-${++nameCounter}`;

  before(async () => {
    sandbox = await startSandbox();
    rp = sandbox.rp;
  });
  after(async () => {
    await sandbox.close();
  });
  afterEach(async () => {
    rp.faults.clear();
    rp.resetRequestLog();
    await Promise.all(clients.splice(0).map((c) => c.close()));
  });

  interface Harness {
    client: ManagementClient;
    log: RequestLogEntry[];
    delays: number[];
    readonly tokenRequests: () => number;
  }

  /** A client with fast retries; `sleep` is recorded and instant unless realSleep is set. */
  function harness(overrides: Partial<ManagementClientOptions> & { realSleep?: boolean } = {}): Harness {
    const log: RequestLogEntry[] = [];
    const delays: number[] = [];
    const { realSleep, ...options } = overrides;
    const client = sandboxClient(rp, {
      retry: { baseDelayMs: 1, maxDelayMs: 60_000 },
      timeoutMs: 5000,
      onRequest: (entry) => log.push(entry),
      ...(realSleep ? {} : { sleep: (ms: number) => (delays.push(ms), Promise.resolve()) }),
      ...options,
    });
    clients.push(client);
    return { client, log, delays, tokenRequests: () => log.filter((e) => e.path === '/oauth/token').length };
  }

  function body(name = uniqueName()): ConnectionCreateBody {
    const { enabled_clients: _ignored, ...rest } = federationConnectionBody(sandbox, name);
    return rest as unknown as ConnectionCreateBody;
  }

  const connectionsNamed = (name: string): number =>
    [...rp.state.connections.values()].filter((c) => c.name === name).length;
  const apiCalls = (method: string, path: string): { method: string; path: string; status: number }[] =>
    rp.requestLog.filter((e) => e.method === method && e.path === path);

  // ---------------------------------------------------------------- tokens

  describe('tokens', () => {
    it('caches the client-credentials token: three calls, one token request', async () => {
      const { client, tokenRequests } = harness();
      await client.getTenantSettings();
      await client.listConnectionsPage({ take: 1 });
      await client.getClient(rp.app('RP Web App').clientId);
      assert.equal(tokenRequests(), 1);
    });

    it('shares one token request among concurrent callers', async () => {
      const { client, tokenRequests } = harness();
      const results = await Promise.all(Array.from({ length: 10 }, () => client.listConnectionsPage({ take: 1 })));
      assert.equal(results.length, 10);
      assert.equal(tokenRequests(), 1);
    });

    it('renews the token shortly before it expires (60 s margin)', async () => {
      let now = Date.now();
      const { client, tokenRequests } = harness({
        credentials: {
          kind: 'provider',
          create: (http) =>
            new ClientCredentialsTokenProvider(http, {
              clientId: rp.m2m.clientId,
              clientSecret: rp.m2m.clientSecret,
              now: () => now,
            }),
        },
      });
      await client.getTenantSettings();
      now += (86400 - 61) * 1000;
      await client.getTenantSettings();
      assert.equal(tokenRequests(), 1, 'still cached 61 s before expiry');
      now += 2000;
      await client.getTenantSettings();
      assert.equal(tokenRequests(), 2, 'renewed 59 s before expiry');
    });

    it('re-acquires the token once after a 401 and repeats the request', async () => {
      const expired = await rp.issueManagementToken(undefined, { expiresInSeconds: -60 });
      let invalidations = 0;
      const { client, tokenRequests } = harness({
        credentials: {
          kind: 'provider',
          create: (http) => {
            const real = new ClientCredentialsTokenProvider(http, {
              clientId: rp.m2m.clientId,
              clientSecret: rp.m2m.clientSecret,
            });
            let first = true;
            const provider: TokenProvider = {
              getToken: (signal) => (first ? ((first = false), Promise.resolve(expired)) : real.getToken(signal)),
              invalidate: (token) => {
                invalidations += 1;
                real.invalidate(token);
              },
              description: real.description,
            };
            return provider;
          },
        },
      });
      const settings = await client.getTenantSettings();
      assert.ok(settings.flags !== undefined);
      assert.equal(invalidations, 1);
      assert.equal(tokenRequests(), 1);
      assert.deepEqual(
        apiCalls('GET', '/api/v2/tenants/settings').map((e) => e.status),
        [401, 200],
      );
    });

    it('many parallel 401s lead to a single new token request', async () => {
      const expired = await rp.issueManagementToken(undefined, { expiresInSeconds: -60 });
      const { client, tokenRequests } = harness({
        credentials: {
          kind: 'provider',
          create: (http) => {
            const real = new ClientCredentialsTokenProvider(http, {
              clientId: rp.m2m.clientId,
              clientSecret: rp.m2m.clientSecret,
            });
            let handedOutExpired = 0;
            return {
              getToken: (signal) =>
                handedOutExpired < 5 ? ((handedOutExpired += 1), Promise.resolve(expired)) : real.getToken(signal),
              invalidate: (token) => real.invalidate(token),
              description: real.description,
            };
          },
        },
      });
      await Promise.all(Array.from({ length: 5 }, () => client.getTenantSettings()));
      assert.deepEqual(
        apiCalls('GET', '/api/v2/tenants/settings')
          .map((e) => e.status)
          .sort(),
        [200, 200, 200, 200, 200, 401, 401, 401, 401, 401],
      );
      assert.equal(tokenRequests(), 1);
    });

    it('retries the token request on a 5xx (asking twice is harmless)', async () => {
      const { client, tokenRequests } = harness();
      rp.faults.inject({ method: 'POST', path: '/oauth/token', kind: 'server-error', status: 503 });
      await client.getTenantSettings();
      assert.equal(tokenRequests(), 2);
    });

    it('gives up after one re-acquire when the 401 persists, with a credentials message', async () => {
      const expired = await rp.issueManagementToken(undefined, { expiresInSeconds: -60 });
      const tokens = [expired, `${expired.slice(0, -4)}AAAA`];
      const { client } = harness({
        credentials: {
          kind: 'provider',
          create: () => ({
            getToken: () => Promise.resolve(tokens.shift() ?? 'x'),
            invalidate: () => undefined,
            description: { kind: 'client-credentials', clientId: 'M2M_X' },
          }),
        },
      });
      await assert.rejects(client.getTenantSettings(), (error: unknown) => {
        assert.ok(error instanceof Auth0ApiError);
        assert.equal(error.status, 401);
        assert.match(error.userMessage, /credentials for 127\.0\.0\.1:\d+ are invalid or expired\. Re-enter them/);
        return true;
      });
      assert.equal(apiCalls('GET', '/api/v2/tenants/settings').length, 2);
    });

    it('uses a pasted token until its exp, and refuses an expired or malformed one', async () => {
      const token = await rp.issueManagementToken();
      const { client } = harness({ credentials: { kind: 'token', token } });
      assert.ok((await client.listConnectionsPage({ take: 1 })).connections.length >= 1);
      const expired = await rp.issueManagementToken(undefined, { expiresInSeconds: -1 });
      assert.throws(
        () => new StaticTokenProvider(expired),
        (e: unknown) =>
          e instanceof InvalidManagementTokenError && e.reason === 'expired' && /Paste a new one/.test(e.userMessage),
      );
      assert.throws(
        () => new StaticTokenProvider('not-a-jwt'),
        (e: unknown) => e instanceof InvalidManagementTokenError && e.reason === 'malformed',
      );
      let now = Date.now();
      const soon = new StaticTokenProvider(fakeJwt({ exp: Math.floor(now / 1000) + 10 }), () => now);
      await soon.getToken();
      now += 11_000;
      await assert.rejects(soon.getToken(), InvalidManagementTokenError);
    });

    it('reports a wrong client secret without ever showing it', async () => {
      const { client, log } = harness({
        credentials: { kind: 'client-credentials', clientId: rp.m2m.clientId, clientSecret: CANARY_SECRET },
      });
      await assert.rejects(client.getTenantSettings(), (error: unknown) => {
        assert.ok(error instanceof Auth0ApiError);
        assert.equal(error.status, 401);
        assert.match(
          error.userMessage,
          new RegExp(`rejected the client ID or client secret of application ${rp.m2m.clientId}`),
        );
        assert.ok(
          !`${error.message} ${error.userMessage} ${error.stack ?? ''} ${JSON.stringify(error)}`.includes(
            CANARY_SECRET,
          ),
        );
        return true;
      });
      assert.ok(!JSON.stringify(log).includes(CANARY_SECRET));
    });

    it('explains "Service not found" when the custom domain was entered as the tenant domain', async () => {
      const { client } = harness({ domain: rp.customDomain });
      await assert.rejects(client.getTenantSettings(), (error: unknown) => {
        assert.ok(error instanceof Auth0ApiError, String(error));
        assert.equal(error.status, 403);
        assert.match(error.apiMessage ?? '', /^Service not found: /);
        assert.match(error.userMessage, /only served at the tenant's canonical domain/);
        return true;
      });
    });

    it('reports a missing client secret from the secret store', async () => {
      const { client, tokenRequests } = harness({
        credentials: {
          kind: 'client-credentials',
          clientId: rp.m2m.clientId,
          clientSecret: () => Promise.resolve(undefined),
        },
      });
      await assert.rejects(client.getTenantSettings(), /No client secret/);
      assert.equal(tokenRequests(), 0);
    });
  });

  // ---------------------------------------------------------------- errors

  describe('error codes', () => {
    it('403 insufficient_scope names the scope and the application to grant it to', async () => {
      const { client } = harness({
        credentials: {
          kind: 'client-credentials',
          clientId: rp.m2mReadOnly.clientId,
          clientSecret: rp.m2mReadOnly.clientSecret,
        },
      });
      const name = uniqueName();
      await assert.rejects(client.createConnection(body(name)), (error: unknown) => {
        assert.ok(error instanceof Auth0ApiError);
        assert.equal(error.errorCode, 'insufficient_scope');
        assert.deepEqual(error.missingScopes, ['create:connections']);
        assert.match(
          error.userMessage,
          new RegExp(
            `lacks the scope create:connections .*grant it to the application ${rp.m2mReadOnly.clientId} under APIs → Auth0 Management API → Machine to Machine Applications`,
          ),
        );
        return true;
      });
      assert.equal(connectionsNamed(name), 0);
    });

    it('404 inexistent_connection', async () => {
      const { client } = harness();
      await assert.rejects(
        client.getConnection('con_doesNotExist0001'),
        (e: unknown) =>
          e instanceof Auth0ApiError &&
          e.status === 404 &&
          e.errorCode === 'inexistent_connection' &&
          /no longer exists/.test(e.userMessage),
      );
    });

    it('409 connection_conflict on a genuine duplicate (not retried)', async () => {
      const { client } = harness();
      const name = uniqueName();
      await client.createConnection(body(name));
      rp.resetRequestLog();
      await assert.rejects(
        client.createConnection(body(name)),
        (e: unknown) => e instanceof Auth0ApiError && e.status === 409 && e.errorCode === 'connection_conflict',
      );
      assert.equal(apiCalls('POST', '/api/v2/connections').length, 1);
      assert.equal(connectionsNamed(name), 1);
    });

    it('400 invalid_body passes Auth0 message through, with the secret redacted', async () => {
      const { client } = harness();
      const bad = { ...body(), name: 'bad name!', options: { ...body().options, client_secret: CANARY_SECRET } };
      await assert.rejects(client.createConnection(bad), (e: unknown) => {
        assert.ok(e instanceof Auth0ApiError);
        assert.equal(e.status, 400);
        assert.ok(e.apiMessage && e.apiMessage.length > 0);
        assert.ok(e.userMessage.includes(e.apiMessage));
        assert.ok(!`${e.message}${e.userMessage}`.includes(CANARY_SECRET));
        return true;
      });
    });
  });

  // ---------------------------------------------------------------- retries and faults

  describe('retries and faults', () => {
    it('rides out a 429 storm, waiting what Retry-After says', async () => {
      const { client, delays, log } = harness();
      rp.faults.inject({
        method: 'GET',
        path: '/api/v2/connections',
        kind: 'rate-limit',
        times: 3,
        retryAfterSeconds: 2,
      });
      const page = await client.listConnectionsPage({ take: 5 });
      assert.ok(page.connections.length > 0);
      assert.deepEqual(delays, [2000, 2000, 2000]);
      assert.deepEqual(
        apiCalls('GET', '/api/v2/connections').map((e) => e.status),
        [429, 429, 429, 200],
      );
      assert.deepEqual(
        log
          .filter((e) => e.path.startsWith('/api'))
          .map((e) => [
            e.status,
            e.retries,
            e.rateLimitRemaining === undefined ? undefined : e.rateLimitRemaining >= 0,
          ]),
        [
          [429, 0, true],
          [429, 1, true],
          [429, 2, true],
          [200, 3, true],
        ],
      );
    });

    it('gives a 429 error after the retries are exhausted', async () => {
      const { client } = harness({ retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 60_000 } });
      rp.faults.inject({ path: '/api/v2/connections', kind: 'rate-limit', times: Infinity, retryAfterSeconds: 7 });
      await assert.rejects(client.listConnectionsPage(), (e: unknown) => {
        assert.ok(e instanceof Auth0ApiError);
        assert.equal(e.status, 429);
        assert.equal(e.retries, 2);
        assert.match(e.userMessage, /rate limit reached .*still limited after 2 retries.*Wait about 7 s/);
        return true;
      });
      assert.equal(apiCalls('GET', '/api/v2/connections').length, 3);
    });

    it('retries a 5xx GET with capped exponential backoff', async () => {
      const { client, delays } = harness({ retry: { baseDelayMs: 10, maxDelayMs: 25 } });
      rp.faults.inject({
        method: 'GET',
        path: '/api/v2/tenants/settings',
        kind: 'server-error',
        status: 503,
        times: 3,
      });
      await client.getTenantSettings();
      assert.equal(delays.length, 3);
      assert.ok(delays[0]! < 10 && delays[1]! < 20 && delays[2]! <= 25, `delays ${delays.join(',')}`);
      assert.deepEqual(
        apiCalls('GET', '/api/v2/tenants/settings').map((e) => e.status),
        [503, 503, 503, 200],
      );
    });

    it('retries a 408 and a 5xx on a same-body PATCH', async () => {
      const { client } = harness();
      const created = await client.createConnection(body());
      rp.faults.inject({ method: 'PATCH', path: '/api/v2/connections', kind: 'server-error', status: 408 });
      rp.faults.inject({ method: 'PATCH', path: '/api/v2/connections', kind: 'server-error', status: 502 });
      await client.updateConnection(created.id, { options: { ...created.options, scope: 'openid' } });
      assert.deepEqual(
        apiCalls('PATCH', `/api/v2/connections/${created.id}`).map((e) => e.status),
        [408, 502, 200],
      );
      assert.equal(rp.state.connections.get(created.id)?.options.scope, 'openid');
    });

    it('retries a GET after a connection reset', async () => {
      const { client } = harness();
      rp.faults.inject({ method: 'GET', path: '/api/v2/connections', kind: 'reset' });
      const page = await client.listConnectionsPage({ take: 1 });
      assert.equal(page.connections.length, 1);
      assert.deepEqual(
        apiCalls('GET', '/api/v2/connections').map((e) => e.status),
        [0, 200],
      );
    });

    it('times out a slow answer and retries it', async () => {
      const { client, log } = harness({ timeoutMs: 150 });
      rp.faults.inject({ method: 'GET', path: '/api/v2/tenants/settings', kind: 'latency', latencyMs: 1000 });
      await client.getTenantSettings();
      const attempts = log.filter((e) => e.path === '/api/v2/tenants/settings');
      assert.deepEqual(
        attempts.map((e) => [e.status, e.error]),
        [
          [undefined, 'Auth0TimeoutError'],
          [200, undefined],
        ],
      );
    });

    it('reports a timeout when no attempt answers in time', async () => {
      const { client } = harness({ timeoutMs: 100, retry: { maxRetries: 0 } });
      rp.faults.inject({ method: 'GET', path: '/api/v2/tenants/settings', kind: 'latency', latencyMs: 800 });
      await assert.rejects(
        client.getTenantSettings(),
        (e: unknown) => e instanceof Auth0TimeoutError && /did not answer within/.test(e.userMessage),
      );
    });

    it('cancels during the wait between retries', async () => {
      const controller = new AbortController();
      const { client, log } = harness({
        realSleep: true,
        onRequest: (entry) => {
          log.push(entry);
          if (entry.retryInMs !== undefined) {
            controller.abort();
          }
        },
      });
      rp.faults.inject({
        method: 'GET',
        path: '/api/v2/connections',
        kind: 'rate-limit',
        times: Infinity,
        retryAfterSeconds: 30,
      });
      const started = Date.now();
      await assert.rejects(client.listConnectionsPage({ signal: controller.signal }), CancelledError);
      assert.ok(Date.now() - started < 3000, 'did not wait the 30 s');
      assert.equal(apiCalls('GET', '/api/v2/connections').length, 1);
      assert.equal(log.find((e) => e.status === 429)?.retryInMs, 30_000);
    });

    it('a POST whose response is lost is found by name: no duplicate, no second POST', async () => {
      const { client } = harness();
      const name = uniqueName();
      rp.faults.inject({ method: 'POST', path: '/api/v2/connections', kind: 'drop-after-commit' });
      const created = await client.createConnection(body(name));
      assert.equal(created.name, name);
      assert.equal(connectionsNamed(name), 1);
      assert.equal(apiCalls('POST', '/api/v2/connections').length, 1);
      assert.equal(rp.state.connections.get(created.id)?.name, name);
    });

    it('a POST that failed with a 5xx is looked up, then sent once more', async () => {
      const { client } = harness();
      const name = uniqueName();
      rp.faults.inject({ method: 'POST', path: '/api/v2/connections', kind: 'server-error', status: 500 });
      const created = await client.createConnection(body(name));
      assert.equal(connectionsNamed(name), 1);
      assert.deepEqual(
        apiCalls('POST', '/api/v2/connections').map((e) => e.status),
        [500, 201],
      );
      assert.ok(
        rp.requestLog.some((e) => e.method === 'GET' && e.path === '/api/v2/connections'),
        'looked up by name in between',
      );
      assert.equal(created.name, name);
    });

    it('a POST is not retried blindly: two unclear failures give an error and no connection', async () => {
      const { client } = harness();
      const name = uniqueName();
      rp.faults.inject({ method: 'POST', path: '/api/v2/connections', kind: 'reset', times: 5 });
      await assert.rejects(client.createConnection(body(name)), Auth0NetworkError);
      assert.equal(apiCalls('POST', '/api/v2/connections').length, 2);
      assert.equal(connectionsNamed(name), 0);
    });

    it('a POST answered 429 is retried (it was not processed)', async () => {
      const { client } = harness();
      const name = uniqueName();
      rp.faults.inject({
        method: 'POST',
        path: '/api/v2/connections',
        kind: 'rate-limit',
        times: 2,
        retryAfterSeconds: 1,
      });
      await client.createConnection(body(name));
      assert.deepEqual(
        apiCalls('POST', '/api/v2/connections').map((e) => e.status),
        [429, 429, 201],
      );
      assert.equal(connectionsNamed(name), 1);
    });

    it('a DELETE whose answer is lost counts as done when the retry finds it gone', async () => {
      const { client } = harness();
      const created = await client.createConnection(body());
      rp.faults.inject({ method: 'DELETE', path: '/api/v2/connections', kind: 'drop-after-commit' });
      await client.deleteConnection(created.id);
      assert.equal(rp.state.connections.has(created.id), false);
      assert.deepEqual(
        apiCalls('DELETE', `/api/v2/connections/${created.id}`).map((e) => e.status),
        [0, 404],
      );
    });
  });

  // ---------------------------------------------------------------- paging and operations

  describe('operations and paging', () => {
    it('lists 250 connections in pages of 100 (the API maximum) with checkpoint paging', async () => {
      rp.seedConnections(250, 'oidc');
      const { client } = harness();
      const pages: number[] = [];
      const ids = new Set<string>();
      for await (const page of client.listConnections({ strategy: ['oidc'], fields: ['id', 'name', 'strategy'] })) {
        pages.push(page.length);
        page.forEach((c) => ids.add(c.id));
      }
      const expected = [...rp.state.connections.values()].filter((c) => c.strategy === 'oidc').length;
      assert.equal(expected, 250);
      assert.deepEqual(pages, [100, 100, 50]);
      assert.equal(ids.size, 250);
      const calls = rp.requestLog.filter((e) => e.path === '/api/v2/connections');
      assert.equal(calls.length, 3);
      assert.ok(calls.every((c) => c.query.includes('take=100')));
    });

    it('pages for "Load more" with listConnectionsPage and next', async () => {
      const { client } = harness();
      const first = await client.listConnectionsPage({ strategy: ['oidc'], take: 50 });
      assert.equal(first.connections.length, 50);
      assert.ok(first.next);
      const second = await client.listConnectionsPage({ strategy: ['oidc'], take: 50, from: first.next });
      assert.equal(second.connections.length, 50);
      assert.equal(new Set([...first.connections, ...second.connections].map((c) => c.id)).size, 100);
      const all = await collectPages(client.listConnections({ strategy: ['oidc'], take: 100 }));
      assert.equal(all.length, 250);
    });

    it('creates, finds, gets, updates and deletes a connection', async () => {
      const { client } = harness();
      const name = uniqueName();
      assert.equal(await client.findConnectionByName(name), undefined);
      const created = await client.createConnection(body(name));
      assert.equal((await client.findConnectionByName(name))?.id, created.id);
      assert.equal((await client.getConnection(created.id)).name, name);
      const updated = await client.updateConnection(created.id, {
        options: { ...created.options, scope: 'openid email' },
        display_name: 'Shown',
      });
      assert.equal(updated.options?.scope, 'openid email');
      assert.equal(rp.state.connections.get(created.id)?.display_name, 'Shown');
      await client.deleteConnection(created.id);
      assert.equal(await client.findConnectionByName(name), undefined);
    });

    it('lists and updates enabled clients across pages', async () => {
      const { client } = harness();
      const created = await client.createConnection(body());
      const ids = rp.apps.map((a) => a.clientId);
      await client.updateEnabledClients(
        created.id,
        ids.map((id) => ({ client_id: id, status: true })),
      );
      rp.resetRequestLog();
      assert.deepEqual((await client.listEnabledClients(created.id, { take: 1 })).sort(), [...ids].sort());
      assert.equal(apiCalls('GET', `/api/v2/connections/${created.id}/clients`).length, ids.length);
      await client.updateEnabledClients(created.id, [{ client_id: ids[0]!, status: false }]);
      assert.deepEqual((await client.listEnabledClients(created.id)).sort(), ids.slice(1).sort());
    });

    it('changes 120 enabled applications in PATCHes of at most 50, and reads them back through every page', async () => {
      const { client } = harness();
      const created = await client.createConnection(body());
      const template = rp.state.clients.get(rp.app('RP Web App').clientId)!;
      const ids = Array.from({ length: 120 }, (_, i) => `batchApp${String(i).padStart(3, '0')}`.padEnd(32, '0'));
      for (const id of ids) rp.state.clients.set(id, { ...structuredClone(template), client_id: id, name: id });
      try {
        rp.resetRequestLog();
        await client.updateEnabledClients(
          created.id,
          ids.map((id) => ({ client_id: id, status: true })),
        );
        assert.equal(apiCalls('PATCH', `/api/v2/connections/${created.id}/clients`).length, 3, '50 + 50 + 20');
        assert.ok(apiCalls('PATCH', `/api/v2/connections/${created.id}/clients`).every((c) => c.status === 204));
        assert.deepEqual(rp.state.connections.get(created.id)?.enabled_clients, ids);
        rp.resetRequestLog();
        assert.deepEqual(await client.listEnabledClients(created.id, { take: 50 }), ids);
        assert.equal(apiCalls('GET', `/api/v2/connections/${created.id}/clients`).length, 3);
      } finally {
        for (const id of ids) rp.state.clients.delete(id);
      }
    });

    it('lists all applications with page/per_page', async () => {
      const { client } = harness();
      const pages = [];
      for await (const page of client.listClients({ perPage: 3, fields: ['client_id', 'name', 'app_type'] })) {
        pages.push(page);
      }
      const all = pages.flat();
      assert.equal(all.length, rp.state.clients.size);
      assert.ok(pages.length >= 2, 'more than one page');
      assert.ok(
        all.every((c) => c.client_secret === undefined),
        'fields limited',
      );
    });

    it('reads and updates an application and the tenant settings (provider checks)', async () => {
      const provider = sandbox.provider;
      const client = createManagementClient({
        domain: provider.domain,
        credentials: {
          kind: 'client-credentials',
          clientId: provider.m2m.clientId,
          clientSecret: provider.m2m.clientSecret,
        },
      });
      clients.push(client);
      const app = provider.app('Provider App for RP');
      const read = await client.getClient(app.clientId, {
        fields: ['client_id', 'app_type', 'callbacks', 'oidc_conformant'],
      });
      assert.equal(read.app_type, 'regular_web');
      const updated = await client.updateClient(app.clientId, { oidc_conformant: false });
      assert.equal(updated.oidc_conformant, false);
      const settings = await client.updateTenantSettings({ flags: { enable_legacy_profile: true } });
      assert.equal(settings.flags?.enable_legacy_profile, true);
      assert.equal((await client.getTenantSettings()).flags?.enable_legacy_profile, true);
    });
  });

  describe('TLS', () => {
    let tlsSandbox: Sandbox;
    before(async () => {
      tlsSandbox = await startSandbox({ tls: true });
    });
    after(async () => {
      await tlsSandbox.close();
    });

    it('talks https to a tenant whose CA is given', async () => {
      const client = createManagementClient({
        domain: tlsSandbox.rp.baseUrl,
        ca: tlsSandbox.caCertPem ?? '',
        credentials: {
          kind: 'client-credentials',
          clientId: tlsSandbox.rp.m2m.clientId,
          clientSecret: tlsSandbox.rp.m2m.clientSecret,
        },
      });
      clients.push(client);
      assert.equal(client.baseUrl.protocol, 'https:');
      assert.ok((await client.listConnectionsPage({ take: 1 })).connections.length === 1);
    });

    it('reports an untrusted certificate as a TLS error, not retried', async () => {
      const log: RequestLogEntry[] = [];
      const client = createManagementClient({
        domain: tlsSandbox.rp.baseUrl,
        onRequest: (e) => log.push(e),
        credentials: { kind: 'client-credentials', clientId: tlsSandbox.rp.m2m.clientId, clientSecret: CANARY_SECRET },
      });
      clients.push(client);
      await assert.rejects(client.getTenantSettings(), (e: unknown) => {
        assert.ok(e instanceof Auth0NetworkError);
        assert.equal(e.isTlsError, true);
        assert.match(e.userMessage, /TLS certificate of 127\.0\.0\.1:\d+ could not be verified/);
        return true;
      });
      assert.equal(log.length, 1);
    });
  });
});
