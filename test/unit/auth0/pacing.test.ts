// Client-side pacing (src/auth0/pacing.ts) against Auth0's free-plan Management API limit, as the
// strict sandbox enforces it (burst 10, 2 requests/s): zero 429s, and a wall time near what the
// limit allows.
import * as assert from 'node:assert/strict';
import { RequestPacer } from '../../../src/auth0/pacing';
import { CancelledError } from '../../../src/auth0/errors';
import { collectPages, type ManagementClient } from '../../../src/auth0/managementClient';
import { createFederatedConnection, startSandbox, type Sandbox } from '../../sandbox/index';
import { FREE_PLAN_RATE_LIMIT, TokenBucket } from '../../sandbox/rateLimit';
import { sandboxClient } from './helpers';

describe('pacing Management API requests (free-plan rate limit)', function () {
  this.timeout(120_000);

  it('never overdraws a token bucket and keeps within 20% of requests ÷ rate (simulated clock)', async () => {
    for (const spec of [FREE_PLAN_RATE_LIMIT, { perSecond: 15, burst: 50 }]) {
      let now = 1_700_000_000_123;
      const bucket = new TokenBucket(spec, () => now);
      const pacer = new RequestPacer({
        maxConcurrent: 4,
        now: () => now,
        sleep: (ms) => ((now += ms), Promise.resolve()),
      });
      const started = now;
      const total = 200;
      let sent = 0;
      const worker = async (): Promise<void> => {
        while (sent < total) {
          sent++;
          const ticket = await pacer.acquire();
          now += 7; // the request's latency
          const decision = bucket.take();
          ticket.observe(decision.allowed ? 200 : 429, decision.headers);
          ticket.release();
        }
      };
      await Promise.all([worker(), worker(), worker(), worker()]);
      assert.equal(bucket.refused, 0, `no 429 at ${spec.perSecond}/s`);
      assert.equal(bucket.allowed, total);
      const wallSeconds = (now - started) / 1000;
      const ideal = total / spec.perSecond;
      assert.ok(wallSeconds <= ideal * 1.2, `${wallSeconds}s for ${total} requests, ideal ${ideal}s`);
      assert.ok(wallSeconds >= (total - spec.burst) / spec.perSecond, 'not faster than the limit allows');
      assert.ok(pacer.snapshot.paced > 0);
    }
  });

  it('never overdraws the bucket when requests come with pauses (partly refilled bucket, any phase of the second)', async () => {
    let seed = 42;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let offset = 0; offset < 1000; offset += 50) {
      let now = 1_700_000_000_000 + offset;
      const bucket = new TokenBucket(FREE_PLAN_RATE_LIMIT, () => now);
      const pacer = new RequestPacer({
        maxConcurrent: 1,
        now: () => now,
        sleep: (ms) => ((now += ms), Promise.resolve()),
      });
      for (let i = 0; i < 60; i++) {
        if (random() < 0.3) now += Math.floor(random() * 900); // the person, or the next step, pauses
        const ticket = await pacer.acquire();
        now += 5;
        const decision = bucket.take();
        ticket.observe(decision.allowed ? 200 : 429, decision.headers);
        ticket.release();
      }
      assert.equal(bucket.refused, 0, `429s starting ${offset} ms into a second`);
    }
  });

  it('keeps at most maxConcurrent requests in flight, and a cancelled waiter leaves the queue', async () => {
    const pacer = new RequestPacer({ maxConcurrent: 2 });
    const a = await pacer.acquire();
    // the first answer tells the tenant's state; until then the others wait for it
    let secondGranted = false;
    const second = pacer.acquire().then((t) => ((secondGranted = true), t));
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(secondGranted, false, 'waits for the first answer');
    a.observe(200, {
      'x-ratelimit-limit': '50',
      'x-ratelimit-remaining': '49',
      'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 1),
    });
    const b = await second;
    let thirdGranted = false;
    const third = pacer.acquire().then((t) => ((thirdGranted = true), t));
    const abort = new AbortController();
    const fourth = pacer.acquire(abort.signal);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(thirdGranted, false, 'waits for a slot');
    abort.abort();
    await assert.rejects(fourth, CancelledError);
    a.release();
    const t3 = await third;
    assert.equal(thirdGranted, true);
    b.release();
    t3.release();
    const again = await pacer.acquire();
    again.release();
  });

  it('waits for a token due in less than a millisecond without a timer, and never takes it early', async () => {
    // 1 ms before the reset second: the tenant refills its 49 missing tokens in 1 ms, a token
    // every 0.02 ms. A timer would wait a whole millisecond or more; the default wait takes turns
    // of the event loop until the clock moves.
    let now = 1_700_000_000_999;
    const pacer = new RequestPacer({ maxConcurrent: 1, now: () => now });
    const first = await pacer.acquire();
    first.observe(200, { 'x-ratelimit-limit': '50', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1700000001' });
    first.release();
    let granted = false;
    const second = pacer.acquire().then((t) => ((granted = true), t));
    const turns = async (n: number): Promise<void> => {
      for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
    };
    await turns(20);
    assert.equal(granted, false, 'the clock has not moved: no token yet');
    now += 1;
    await turns(3);
    assert.equal(granted, true, 'granted on the next turn after the clock moved');
    (await second).release();
    assert.equal(pacer.snapshot.paced, 1);
  });

  describe('against the strict sandbox with rateLimit: "free"', () => {
    let sandbox: Sandbox;
    const clients: ManagementClient[] = [];
    before(async () => {
      sandbox = await startSandbox({ rateLimit: 'free' });
    });
    after(async () => {
      await Promise.all(clients.map((c) => c.close()));
      await sandbox?.close();
    });

    it("listing, the tree's reads, the application picker and a deploy finish with zero 429s, within 20% of requests ÷ rate", async () => {
      const rp = sandbox.rp;
      rp.seedConnections(2000);
      const partner = await createFederatedConnection(sandbox, 'paced-partner');
      // let the bucket fill again after the setup's requests (polled, not slept)
      const deadline = Date.now() + 10_000;
      while ((rp.rateLimiter?.remaining ?? 0) < FREE_PLAN_RATE_LIMIT.burst && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 50));
      rp.resetRequestLog();
      const client = sandboxClient(rp);
      clients.push(client);
      const started = performance.now();
      // the tree's reads and the picker, in parallel as the views do
      const [connections, applications] = await Promise.all([
        collectPages(client.listConnections({ fields: ['id', 'name', 'strategy'] })),
        collectPages(client.listClients({ fields: ['client_id', 'name', 'app_type'] })),
        client.getTenantSettings(),
        client.listEnabledClients(partner.id),
        Promise.all(
          Array.from({ length: 6 }, () =>
            client.getClient(rp.app('RP Web App').clientId, { fields: ['client_id', 'callbacks'] }),
          ),
        ),
      ]);
      // a deploy: find, enabled clients, PATCH, enabled-clients PATCH
      const found = client.requireOptions((await client.findConnectionByName('paced-partner'))!);
      await client.listEnabledClients(found.id);
      await client.updateConnection(found.id, { options: { ...found.options, scope: 'openid email' } });
      await client.updateEnabledClients(found.id, [{ client_id: rp.app('RP SPA').clientId, status: true }]);
      const wallSeconds = (performance.now() - started) / 1000;
      assert.ok(connections.length >= 2000);
      assert.ok(applications.length >= 5);
      const requests = rp.requestLog.length;
      const refused = rp.requestLog.filter((e) => e.status === 429).length;
      assert.equal(refused, 0, `429s: ${refused} of ${requests}`);
      const ideal = requests / FREE_PLAN_RATE_LIMIT.perSecond;
      assert.ok(requests >= 30, `${requests} requests`);
      assert.ok(
        wallSeconds <= ideal * 1.2,
        `${wallSeconds.toFixed(2)} s for ${requests} requests; the limit allows ${ideal} s`,
      );
      // the burst of 10 comes first, then 2/s: not faster than the limit allows
      assert.ok(
        wallSeconds >= (requests - FREE_PLAN_RATE_LIMIT.burst) / FREE_PLAN_RATE_LIMIT.perSecond - 1,
        `${wallSeconds.toFixed(2)} s`,
      );
      assert.equal(rp.state.connections.get(found.id)?.options.scope, 'openid email');
    });
  });
});
