// Check Provider Application shows the client's waits like Deploy does (issue 23): every request
// of the check (the application, the tenant's flags, an oidc provider's discovery document) and
// every fix's PATCH tells the caller's onRetry of a 429, so the progress notification can say
// "rate limit reached, attempt 2 of 6, retrying in N s" instead of seeming stuck.
import * as assert from 'node:assert/strict';
import { ProviderCheckFlow, createManagementClient, type ManagementClient } from '../../../src/auth0';
import type { RetryEvent } from '../../../src/auth0/retryPolicy';
import { CANARY_SECRET, json, startServer, type TestServer } from './helpers';

const CLIENT_ID = 'providerApp0000000000000000000001';

/** A provider tenant that answers each request path with a 429 the first time, then as Auth0 does. */
async function tenantLimitingEachPathOnce(): Promise<TestServer> {
  const limited = new Set<string>();
  const server: TestServer = await startServer((request, response) => {
    const path = `${request.method} ${request.url.split('?')[0]}`;
    if (request.url === '/oauth/token') {
      json(response, 200, { access_token: 'token-7c1d', expires_in: 86400, token_type: 'Bearer' });
      return;
    }
    if (!limited.has(path)) {
      limited.add(path);
      json(response, 429, { statusCode: 429, error: 'Too Many Requests', message: 'limit' }, { 'retry-after': '3' });
      return;
    }
    if (path.startsWith('GET /api/v2/clients/'))
      json(response, 200, {
        client_id: CLIENT_ID,
        name: 'Provider App',
        app_type: 'spa', // the check wants a regular web application: a fix to send
        callbacks: ['https://rp.example.com/login/callback'],
        oidc_conformant: false,
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_post',
      });
    else if (path.startsWith('PATCH /api/v2/clients/')) json(response, 200, { client_id: CLIENT_ID });
    else if (path.startsWith('PATCH /api/v2/tenants/settings')) json(response, 200, { flags: {} });
    else if (path.startsWith('GET /api/v2/tenants/settings')) json(response, 200, { flags: {} });
    else if (path === 'GET /.well-known/openid-configuration')
      json(response, 200, { issuer: `${server.origin}/`, token_endpoint: `${server.origin}/oauth/token` });
    else json(response, 404, { statusCode: 404, error: 'Not Found', message: path });
  });
  return server;
}

describe('provider check: retries reach the progress (issue 23)', () => {
  let tenant: TestServer;
  let client: ManagementClient;
  beforeEach(async () => {
    tenant = await tenantLimitingEachPathOnce();
    client = createManagementClient({
      domain: tenant.domain,
      credentials: { kind: 'client-credentials', clientId: 'M2M', clientSecret: CANARY_SECRET },
      sleep: () => Promise.resolve(), // the Retry-After is reported, not waited out
      pacing: false,
    });
  });
  afterEach(async () => {
    await client.close();
    await tenant.close();
  });

  const rateLimitWaits = (events: readonly RetryEvent[]): RetryEvent[] =>
    events.filter((e) => !e.started && e.reason.kind === 'rate-limit');

  it("reports a 429 on the oidc provider's discovery document, as on the application and flags", async () => {
    const events: RetryEvent[] = [];
    const flow = new ProviderCheckFlow(client, {
      strategy: 'oidc',
      providerDomain: tenant.domain,
      clientId: CLIENT_ID,
      rpDomains: ['rp.example.com'],
    });
    const report = await flow.run({ onRetry: (e) => events.push(e) });
    assert.equal(report.clientId, CLIENT_ID);
    const waits = rateLimitWaits(events);
    // The application, the tenant's settings and the discovery document: one 429 each.
    assert.equal(waits.length, 3, JSON.stringify(events));
    assert.ok(
      waits.every((e) => e.waitMs === 3000),
      'each with its Retry-After',
    );
  });

  it("reports a 429 on a fix's PATCH and on the reads around it", async () => {
    const events: RetryEvent[] = [];
    const flow = new ProviderCheckFlow(client, {
      providerDomain: tenant.domain,
      clientId: CLIENT_ID,
      rpDomains: ['rp.example.com'],
    });
    const outcome = await flow.applyFixes(true, { onRetry: (e) => events.push(e) });
    assert.ok(outcome.fixed.length > 0, 'a fix was sent');
    assert.deepEqual(outcome.failed, []);
    const patches = tenant.requests.filter((r) => r.method === 'PATCH');
    assert.ok(patches.length >= 2, 'the PATCH was refused once, then sent again');
    // The two reads before the fixes, and each PATCH path's first attempt.
    const patchPaths = new Set(patches.map((r) => r.url.split('?')[0])).size;
    assert.equal(rateLimitWaits(events).length, 2 + patchPaths, JSON.stringify(events));
  });
});
