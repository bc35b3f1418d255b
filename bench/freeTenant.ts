// A free Auth0 tenant's Management API limit (burst 10, 2 requests/s, enforced by the sandbox with
// rateLimit: 'free'): what the tree, the Test Login application picker and a deploy cost there.
// The same workload runs with the client's pacing (src/auth0/pacing.ts) and without it (429s, then
// Retry-After). Each run gets a fresh sandbox, so every run starts with a full bucket.
import { collectPages, createManagementClient, type ManagementClient } from '../src/auth0';
import { createFederatedConnection, startSandbox, FREE_PLAN_RATE_LIMIT } from '../test/sandbox';
import { figure, median, type Figure } from './stats';

const CONNECTIONS = 3000;

interface RunResult {
  readonly requests: number;
  readonly refused: number;
  readonly wallMs: number;
}

/** The tree (connections, applications, settings, enabled applications), the picker, a deploy. */
async function workload(client: ManagementClient, partnerId: string, webAppId: string, spaId: string): Promise<void> {
  await Promise.all([
    collectPages(client.listConnections({ fields: ['id', 'name', 'strategy'] })),
    collectPages(client.listClients({ fields: ['client_id', 'name', 'app_type'] })),
    client.getTenantSettings(),
    client.listEnabledClients(partnerId),
  ]);
  // Test Login's picker: enabled applications, then their names from one paged GET /clients
  await client.listEnabledClients(partnerId);
  await collectPages(
    client.listClients({ fields: ['client_id', 'name', 'app_type', 'callbacks', 'token_endpoint_auth_method'] }),
  );
  await client.getClient(webAppId, { fields: ['client_id', 'callbacks'] });
  // a deploy (update): find, enabled applications, PATCH, enabled-applications PATCH
  const found = client.requireOptions((await client.findConnectionByName('bench-partner'))!);
  await client.listEnabledClients(found.id);
  await client.updateConnection(found.id, { options: { ...found.options, scope: 'openid email' } });
  await client.updateEnabledClients(found.id, [{ client_id: spaId, status: true }]);
}

async function runOnce(paced: boolean): Promise<RunResult> {
  const sandbox = await startSandbox({ rateLimit: 'free' });
  const clients: ManagementClient[] = [];
  try {
    const rp = sandbox.rp;
    rp.seedConnections(CONNECTIONS);
    const partner = await createFederatedConnection(sandbox, 'bench-partner');
    const deadline = Date.now() + 15_000;
    while ((rp.rateLimiter?.remaining ?? 0) < FREE_PLAN_RATE_LIMIT.burst && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    rp.resetRequestLog();
    const client = createManagementClient({
      domain: rp.domain,
      credentials: { kind: 'client-credentials', clientId: rp.m2m.clientId, clientSecret: rp.m2m.clientSecret },
      ...(paced ? {} : { pacing: false as const }),
      retry: { maxRetries: 20 },
    });
    clients.push(client);
    const started = performance.now();
    await workload(client, partner.id, rp.app('RP Web App').clientId, rp.app('RP SPA').clientId);
    const wallMs = performance.now() - started;
    return { requests: rp.requestLog.length, refused: rp.requestLog.filter((e) => e.status === 429).length, wallMs };
  } finally {
    await Promise.all(clients.map((c) => c.close()));
    await sandbox.close();
  }
}

export async function benchFreeTenant(opts: { runs: number; log: (line: string) => void }): Promise<Figure[]> {
  const runs = Math.min(opts.runs, 3); // each run is ~20 s of real rate-limited time per side
  const ours: RunResult[] = [];
  const unpaced: RunResult[] = [];
  for (let i = 0; i < runs; i++) {
    // alternate which side goes first
    for (const paced of i % 2 === 0 ? [true, false] : [false, true]) {
      const result = await runOnce(paced);
      (paced ? ours : unpaced).push(result);
      opts.log(
        `[bench] free tenant ${paced ? 'paced' : 'unpaced'} run ${i + 1}/${runs}: ${result.requests} requests, ${result.refused} × 429, ${(result.wallMs / 1000).toFixed(2)} s`,
      );
    }
  }
  const rate = FREE_PLAN_RATE_LIMIT.perSecond;
  const ideal = (r: RunResult): number => ((r.requests - r.refused) / rate) * 1000;
  const requests = ours.map((r) => r.requests);
  return [
    figure({
      id: 'freeTenant.requests',
      label: `free tenant (burst 10, 2/s): tree + picker + deploy, ${CONNECTIONS} connections: requests`,
      unit: 'requests',
      oursRuns: requests,
      baselineRuns: unpaced.map((r) => r.requests),
      baselineLabel: 'same client without pacing (429s counted)',
      goal: 'reported',
    }),
    figure({
      id: 'freeTenant.tooManyRequests',
      label: 'free tenant: 429 answers seen',
      unit: '× 429',
      oursRuns: ours.map((r) => r.refused),
      baselineRuns: unpaced.map((r) => r.refused),
      baselineLabel: 'same client without pacing',
      goal: '0',
      met: ours.every((r) => r.refused === 0),
    }),
    figure({
      id: 'freeTenant.wallTime',
      label: 'free tenant: wall time vs requests ÷ 2/s',
      unit: 'ms',
      oursRuns: ours.map((r) => r.wallMs),
      baselineRuns: ours.map(ideal),
      baselineLabel: 'requests ÷ rate (what the limit allows)',
      goal: '≤ 1.2x requests ÷ rate',
      met: median(ours.map((r) => r.wallMs / ideal(r))) <= 1.2,
    }),
    figure({
      id: 'freeTenant.wallTimeAfterBurst',
      label: 'free tenant: wall time vs (requests − burst of 10) ÷ 2/s',
      unit: 'ms',
      oursRuns: ours.map((r) => r.wallMs),
      baselineRuns: ours.map((r) => ((r.requests - r.refused - FREE_PLAN_RATE_LIMIT.burst) / rate) * 1000),
      baselineLabel: 'the fastest the bucket allows',
      goal: 'reported (≥ 1x: never faster than the limit)',
    }),
    figure({
      id: 'freeTenant.unpacedWallTime',
      label: 'free tenant: wall time without pacing (429 + Retry-After)',
      unit: 'ms',
      oursRuns: unpaced.map((r) => r.wallMs),
      baselineRuns: unpaced.map(ideal),
      baselineLabel: 'requests ÷ rate',
      goal: 'reported',
    }),
  ];
}
