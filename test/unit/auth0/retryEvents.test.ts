// What a command's progress learns while the tenant is slow or refuses (issue 21 item 4): each
// retry reported before its wait and as it starts, with the attempt, the most attempts, the
// reason and the wait; pacing waits reported too; Cancel during a wait or an unanswered request
// ends the call at once; and a tenant that never answers gives up after 3 attempts, not 6.
import * as assert from 'node:assert/strict';
import { createManagementClient, type ManagementClient } from '../../../src/auth0/managementClient';
import type { RetryEvent } from '../../../src/auth0/retryPolicy';
import { RequestPacer } from '../../../src/auth0/pacing';
import { Auth0TimeoutError, CancelledError } from '../../../src/auth0/errors';
import { CANARY_SECRET, json, startServer, waitFor, type Handler, type TestServer } from './helpers';

const TOKEN = 'token-canary-9e8d7c6b5a';

function tenantHandler(api: Handler): Handler {
  return (request, response) => {
    if (request.url === '/oauth/token') {
      json(response, 200, { access_token: TOKEN, expires_in: 86400, token_type: 'Bearer' });
      return;
    }
    api(request, response);
  };
}

describe('retry events (the progress of a command while the tenant is slow)', () => {
  const servers: TestServer[] = [];
  const clients: ManagementClient[] = [];
  const start = async (handler: Handler): Promise<TestServer> => {
    const server = await startServer(handler);
    servers.push(server);
    return server;
  };
  const client = (
    server: TestServer,
    extra: { timeoutMs?: number; sleep?: (ms: number, signal?: AbortSignal) => Promise<void> } = {},
  ): ManagementClient => {
    const created = createManagementClient({
      domain: server.domain,
      credentials: { kind: 'client-credentials', clientId: 'M2M', clientSecret: CANARY_SECRET },
      // Fixed jitter-free waits would need a random; the default policy's numbers are what is under test.
      ...(extra.timeoutMs !== undefined ? { timeoutMs: extra.timeoutMs } : {}),
      ...(extra.sleep ? { sleep: extra.sleep } : {}),
      pacing: false,
    });
    clients.push(created);
    return created;
  };
  const apiRequests = (server: TestServer): number =>
    server.requests.filter((r) => r.url.startsWith('/api/v2/')).length;
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  it('reports each retry after no answer, and stops after 3 attempts (2 retries) by default', async () => {
    const tenant = await start(tenantHandler(() => undefined)); // never answers
    const events: RetryEvent[] = [];
    const waits: number[] = [];
    const pending = client(tenant, {
      timeoutMs: 400,
      sleep: (ms) => (waits.push(ms), Promise.resolve()),
    }).updateConnection('con_1', { options: {} }, { onRetry: (e) => events.push(e) });
    await assert.rejects(pending, (error: unknown) => {
      assert.ok(error instanceof Auth0TimeoutError);
      assert.equal(error.request.retries, 2);
      assert.match(error.userMessage, /did not answer within 0 s \(2 retries\)/);
      return true;
    });
    assert.equal(apiRequests(tenant), 3, 'three attempts, not six');
    const timeout = { kind: 'timeout', afterMs: 400 };
    assert.deepEqual(events, [
      { attempt: 2, of: 3, reason: timeout, waitMs: waits[0] },
      { attempt: 2, of: 3, reason: timeout, waitMs: 0, started: true },
      { attempt: 3, of: 3, reason: timeout, waitMs: waits[1] },
      { attempt: 3, of: 3, reason: timeout, waitMs: 0, started: true },
    ]);
  });

  it('reports a 503 and a 429 with their reasons and waits, against all 6 attempts', async () => {
    let calls = 0;
    const tenant = await start(
      tenantHandler((_req, res) => {
        calls += 1;
        if (calls === 1) json(res, 503, { statusCode: 503, error: 'Service Unavailable', message: 'down' });
        else if (calls === 2)
          json(res, 429, { statusCode: 429, error: 'Too Many Requests', message: 'limit' }, { 'retry-after': '4' });
        else json(res, 200, { id: 'con_1', name: 'partner', strategy: 'auth0-oidc', options: {} });
      }),
    );
    const events: RetryEvent[] = [];
    await client(tenant, { sleep: () => Promise.resolve() }).getConnection('con_1', {
      onRetry: (e) => events.push(e),
    });
    const before = events.filter((e) => !e.started);
    assert.deepEqual(
      before.map((e) => ({ attempt: e.attempt, of: e.of, reason: e.reason })),
      [
        { attempt: 2, of: 6, reason: { kind: 'server-error', status: 503 } },
        { attempt: 3, of: 6, reason: { kind: 'rate-limit' } },
      ],
    );
    assert.equal(before[1]!.waitMs, 4000, "the 429's Retry-After");
    assert.equal(events.filter((e) => e.started).length, 2);
  });

  it('ends at once when cancelled during the wait before a retry', async () => {
    const tenant = await start(
      tenantHandler((_req, res) =>
        json(res, 429, { statusCode: 429, error: 'Too Many Requests', message: 'limit' }, { 'retry-after': '30' }),
      ),
    );
    const controller = new AbortController();
    const started = Date.now();
    // The real, cancellable wait: Cancel is pressed as the progress says "retrying in 10 s".
    const pending = client(tenant).getConnection('con_1', {
      signal: controller.signal,
      onRetry: (e) => {
        if (!e.started && e.waitMs > 0) controller.abort();
      },
    });
    await assert.rejects(pending, CancelledError);
    assert.ok(Date.now() - started < 5000, `ended after ${Date.now() - started} ms`);
    assert.equal(apiRequests(tenant), 1);
  });

  it('ends at once when cancelled while an attempt gets no answer, after a retry was reported', async () => {
    const tenant = await start(tenantHandler(() => undefined));
    const controller = new AbortController();
    const events: RetryEvent[] = [];
    const pending = client(tenant, { timeoutMs: 80, sleep: () => Promise.resolve() }).deleteConnection('con_1', {
      signal: controller.signal,
      onRetry: (e) => events.push(e),
    });
    await waitFor(() => events.some((e) => e.started) && apiRequests(tenant) === 2, 'the second attempt to be sent');
    controller.abort();
    await assert.rejects(pending, CancelledError);
    assert.equal(apiRequests(tenant), 2);
  });

  it("reports the pacer's waits for the tenant's rate limit, a second or more", async () => {
    let now = 1_700_000_000_000;
    const pacer = new RequestPacer({
      maxConcurrent: 1,
      now: () => now,
      sleep: (ms) => ((now += ms), Promise.resolve()),
    });
    const reset = String(Math.ceil(now / 1000) + 5);
    // The tenant says: 0 left of 3, full again in 5 s (0.4 per second: 2.5 s for the next).
    const first = await pacer.acquire();
    first.observe(200, { 'x-ratelimit-limit': '3', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset });
    first.release();
    const waits: number[] = [];
    const second = await pacer.acquire(undefined, false, (ms) => waits.push(ms));
    second.release();
    assert.equal(waits.length, 1);
    assert.ok(waits[0]! >= 1000 && waits[0]! <= 5000, `waited ${waits[0]} ms`);
  });
});
