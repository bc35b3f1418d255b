import * as assert from 'node:assert/strict';
import type * as http from 'node:http';
import { createManagementClient, type ManagementClient } from '../../../src/auth0/managementClient';
import { TenantHttpClient, type RequestLogEntry } from '../../../src/auth0/http';
import { tenantBaseUrl } from '../../../src/auth0/tenantUrl';
import {
  Auth0ApiError,
  Auth0TimeoutError,
  CancelledError,
  UnexpectedRedirectError,
  Auth0ClientError,
  Auth0NetworkError,
} from '../../../src/auth0/errors';
import { CANARY_SECRET, json, startServer, waitFor, type Handler, type TestServer } from './helpers';

// Edge cases a real Auth0 tenant (and the sandbox) would not produce on demand: redirects,
// non-JSON errors, x-ratelimit-reset without Retry-After, a server that never answers.

const TOKEN = 'token-canary-5a1b2c3d4e';

function tenantHandler(api: Handler): Handler {
  return (request, response) => {
    if (request.url === '/oauth/token') {
      json(response, 200, { access_token: TOKEN, expires_in: 86400, token_type: 'Bearer' });
      return;
    }
    api(request, response);
  };
}

describe('TenantHttpClient against a raw server', () => {
  const servers: TestServer[] = [];
  const clients: ManagementClient[] = [];
  const start = async (handler: Handler): Promise<TestServer> => {
    const server = await startServer(handler);
    servers.push(server);
    return server;
  };
  const client = (
    server: TestServer,
    log: RequestLogEntry[] = [],
    extra: {
      timeoutMs?: number;
      retry?: { maxRetries?: number; baseDelayMs?: number; maxDelayMs?: number };
      sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
    } = {},
  ): ManagementClient => {
    const created = createManagementClient({
      domain: server.domain,
      credentials: { kind: 'client-credentials', clientId: 'M2M', clientSecret: CANARY_SECRET },
      retry: { baseDelayMs: 1, maxDelayMs: 5, ...extra.retry },
      onRequest: (entry) => log.push(entry),
      ...(extra.timeoutMs !== undefined ? { timeoutMs: extra.timeoutMs } : {}),
      ...(extra.sleep ? { sleep: extra.sleep } : {}),
    });
    clients.push(created);
    return created;
  };
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  it('refuses a redirect to another origin and never sends the token there', async () => {
    const elsewhere = await start((_req, res) => json(res, 200, { connections: [] }));
    const tenant = await start(
      tenantHandler((_req, res) => {
        res.writeHead(302, { location: `${elsewhere.origin}/api/v2/connections` });
        res.end();
      }),
    );
    await assert.rejects(client(tenant).listConnectionsPage(), (error: unknown) => {
      assert.ok(error instanceof UnexpectedRedirectError);
      assert.equal(error.locationOrigin, elsewhere.origin);
      assert.match(error.userMessage, /only sent to the tenant/);
      return true;
    });
    assert.equal(elsewhere.requests.length, 0, 'the other origin got no request');
    assert.equal(tenant.requests.filter((r) => r.url.startsWith('/api/v2/')).length, 1, 'a redirect is not retried');
  });

  it('refuses paths that could leave the tenant origin before sending anything', async () => {
    const tenant = await start(tenantHandler((_req, res) => json(res, 200, {})));
    const http = new TenantHttpClient({ baseUrl: tenantBaseUrl(tenant.domain) });
    try {
      for (const path of ['http://evil.example/api', '//evil.example/api', 'api/v2', '/api/v2?x=1', '/a\\b']) {
        await assert.rejects(
          http.request({ method: 'GET', path, retry: 'never', bearerToken: TOKEN }),
          Auth0ClientError,
          path,
        );
      }
      assert.equal(tenant.requests.length, 0);
    } finally {
      await http.close();
    }
  });

  it('waits for x-ratelimit-reset when there is no Retry-After', async () => {
    let calls = 0;
    const tenant = await start(
      tenantHandler((_req, res) => {
        calls += 1;
        if (calls === 1) {
          json(
            res,
            429,
            {
              statusCode: 429,
              error: 'Too Many Requests',
              message: 'Global limit has been reached',
              errorCode: 'too_many_requests',
            },
            { 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 30), 'x-ratelimit-remaining': '0' },
          );
        } else {
          json(res, 200, { connections: [] });
        }
      }),
    );
    const delays: number[] = [];
    const log: RequestLogEntry[] = [];
    await client(tenant, log, {
      retry: { maxDelayMs: 60_000 },
      sleep: (ms) => (delays.push(ms), Promise.resolve()),
    }).listConnectionsPage();
    assert.equal(delays.length, 1);
    assert.ok(delays[0]! > 28_000 && delays[0]! <= 30_000, `waited ${delays[0]} ms`);
    const limited = log.find((e) => e.status === 429);
    assert.equal(limited?.rateLimitRemaining, 0);
    assert.equal(limited?.retryInMs, delays[0]);
  });

  it('gives the pacer the rate-limit headers as they arrive, before the body', async () => {
    // The first Management API request goes alone and the next waits for its answer. Here the
    // first body is finished only once the next request has reached the server.
    let first: http.ServerResponse | undefined;
    const tenant = await start(
      tenantHandler((_req, res) => {
        res.writeHead(200, {
          'content-type': 'application/json',
          'x-ratelimit-limit': '50',
          'x-ratelimit-remaining': '48',
          'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 1),
        });
        if (!first) {
          first = res;
          res.write('{'); // headers sent, body held back
          return;
        }
        res.end('{}');
        first.end('}');
      }),
    );
    const c = client(tenant, [], { timeoutMs: 3000, retry: { maxRetries: 0 } });
    const [a, b] = await Promise.all([c.getTenantSettings(), c.getTenantSettings()]);
    assert.deepEqual([a, b], [{}, {}]);
  });

  it('turns a non-JSON error page into an Auth0ApiError with a short excerpt', async () => {
    const tenant = await start(
      tenantHandler((_req, res) => {
        res.writeHead(502, { 'content-type': 'text/html' });
        res.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
      }),
    );
    await assert.rejects(client(tenant, [], { retry: { maxRetries: 1 } }).getConnection('con_1'), (error: unknown) => {
      assert.ok(error instanceof Auth0ApiError);
      assert.equal(error.status, 502);
      assert.equal(error.apiMessage, '502 Bad Gateway');
      assert.equal(error.retries, 1);
      assert.match(error.userMessage, /server error \(502\) after 1 retries/);
      return true;
    });
  });

  it('times out a request that gets no answer, retries it, then reports the timeout', async () => {
    const tenant = await start(
      tenantHandler(() => {
        // Never answer.
      }),
    );
    await assert.rejects(
      client(tenant, [], { timeoutMs: 100, retry: { maxRetries: 1 } }).getConnection('con_1'),
      (error: unknown) => {
        assert.ok(error instanceof Auth0TimeoutError);
        assert.equal(error.request.retries, 1);
        return true;
      },
    );
    assert.equal(tenant.requests.filter((r) => r.url.startsWith('/api/v2/')).length, 2);
  });

  it('cancels a request in flight', async () => {
    const tenant = await start(tenantHandler(() => undefined));
    const controller = new AbortController();
    const pending = client(tenant).getConnection('con_1', { signal: controller.signal });
    await waitFor(() => tenant.requests.some((r) => r.url.startsWith('/api/v2/')), 'the request to arrive');
    controller.abort();
    await assert.rejects(pending, CancelledError);
  });

  it('reports a refused connection at once, without retrying, saying what to do', async () => {
    const tenant = await start(() => undefined);
    const domain = tenant.domain;
    await tenant.close();
    servers.length = 0;
    const attempts: RequestLogEntry[] = [];
    const orphan = createManagementClient({
      domain,
      credentials: { kind: 'client-credentials', clientId: 'M2M', clientSecret: CANARY_SECRET },
      // The default policy (5 retries with backoff): a refused connection must not use it.
      onRequest: (e) => attempts.push(e),
    });
    clients.push(orphan);
    await assert.rejects(orphan.getConnection('con_1'), (error: unknown) => {
      assert.ok(error instanceof Auth0NetworkError);
      assert.equal(error.code, 'ECONNREFUSED');
      assert.match(
        error.userMessage,
        new RegExp(`Nothing answered at ${domain.replace(/\./g, '\\.')} \\(ECONNREFUSED\\)`),
      );
      assert.match(error.userMessage, /check the domain and port/);
      assert.ok(!error.message.includes(CANARY_SECRET));
      return true;
    });
    assert.equal(attempts.length, 1, `one attempt, no retries: ${JSON.stringify(attempts)}`);
  });

  it('logs method, path, status, duration and retries but no secret, header or body', async () => {
    let calls = 0;
    const tenant = await start(
      tenantHandler((_req, res) => {
        calls += 1;
        if (calls === 1) {
          json(res, 503, { statusCode: 503, error: 'Service Unavailable', message: 'try later' });
        } else {
          json(
            res,
            200,
            {
              connections: [
                { id: 'con_1', name: 'a', strategy: 'auth0-oidc', options: { client_secret: CANARY_SECRET } },
              ],
            },
            { 'x-ratelimit-remaining': '41' },
          );
        }
      }),
    );
    const log: RequestLogEntry[] = [];
    await client(tenant, log).listConnectionsPage({ name: 'a', strategy: ['auth0-oidc'] });
    assert.deepEqual(
      log.map((e) => [e.method, e.path, e.status, e.retries, e.error]),
      [
        ['POST', '/oauth/token', 200, 0, undefined],
        ['GET', '/api/v2/connections?take=100&strategy=auth0-oidc&name=a', 503, 0, 'Auth0ApiError 503'],
        ['GET', '/api/v2/connections?take=100&strategy=auth0-oidc&name=a', 200, 1, undefined],
      ],
    );
    assert.equal(log[2]?.rateLimitRemaining, 41);
    assert.ok(log.every((e) => typeof e.durationMs === 'number' && e.durationMs >= 0));
    const text = JSON.stringify(log);
    assert.ok(!text.includes(CANARY_SECRET) && !text.includes(TOKEN));
    const tokenRequest = tenant.requests.find((r) => r.url === '/oauth/token');
    assert.equal(
      new URLSearchParams(tokenRequest?.body).get('client_secret'),
      CANARY_SECRET,
      'the secret only goes in the token request body',
    );
    const apiRequest = tenant.requests.find((r) => r.url.startsWith('/api/v2/'));
    assert.equal(apiRequest?.headers.authorization, `Bearer ${TOKEN}`);
  });
});
