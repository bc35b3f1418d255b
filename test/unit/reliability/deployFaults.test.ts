// Deploys under a seeded storm of faults on the sandbox's Management API: 429s, 5xx, added latency
// beyond the client's timeout, POST and PATCH answers lost after the tenant committed them, and TCP
// resets. Forty connections are created and then updated concurrently through planDeploy and
// applyDeploy, each re-run when it reports an error, as a person would run the command again.
// In the end every connection is exactly as intended, none is duplicated, no secret is lost, and
// every failure on the way was a typed Auth0ClientError with a message for the person.
import * as assert from 'node:assert/strict';
import type { IncomingMessage, Server } from 'node:http';
import { startSandbox, type FaultSpec, type Sandbox, type SandboxTenant } from '../../sandbox/index';
import type { ManagementClient } from '../../../src/auth0/managementClient';
import { applyDeploy } from '../../../src/auth0/applyDeploy';
import { planDeploy, type LocalConnection } from '../../../src/core/deploy/plan';
import { Auth0ClientError } from '../../../src/auth0/errors';
import { sandboxClient } from '../auth0/helpers';
import { Prng } from './prng';

const SEED = Number(process.env.FAULT_SEED ?? 7);
const CONNECTIONS = 40;
/** Share of Management API requests after which a fault is armed for a following request. */
const FAULT_RATE = 0.25;
/** A person runs the command again after an error message; never more than this. */
const ATTEMPTS = 4;
const TIMEOUT_MS = 150;

/**
 * Arms one random fault (seeded) after a share of the requests the tenant receives, so faults are
 * spread over the whole run instead of hitting the first requests only. Bounded by `budget`.
 */
function chaos(tenant: SandboxTenant, rng: Prng, budget: number): { armed: Map<string, number>; stop(): void } {
  const server = (tenant as unknown as { server: Server }).server;
  const armed = new Map<string, number>();
  let left = budget;
  const kinds: FaultSpec[] = [
    { kind: 'rate-limit', retryAfterSeconds: 1 },
    { kind: 'rate-limit', retryAfterSeconds: 1, times: 3 },
    { kind: 'server-error', status: 503 },
    { kind: 'server-error', status: 502 },
    { kind: 'server-error', status: 500 },
    { kind: 'latency', latencyMs: 20 },
    { kind: 'latency', latencyMs: TIMEOUT_MS * 3 },
    { kind: 'drop-after-commit', method: 'POST', path: '/api/v2/connections' },
    { kind: 'drop-after-commit', method: 'PATCH' },
    { kind: 'reset' },
  ];
  const onRequest = (req: IncomingMessage): void => {
    if (left <= 0 || !(req.url ?? '').startsWith('/api/v2/') || !rng.chance(FAULT_RATE)) return;
    left--;
    const spec = rng.pick(kinds);
    tenant.faults.inject(spec);
    const name = `${spec.kind}${spec.method ? ` ${spec.method}` : ''}${spec.kind === 'latency' ? ` ${spec.latencyMs}ms` : ''}`;
    armed.set(name, (armed.get(name) ?? 0) + 1);
  };
  server.on('request', onRequest);
  return { armed, stop: () => server.off('request', onRequest) };
}

describe('reliability: deploys under injected faults', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let client: ManagementClient;
  const secrets = new Map<string, string>();

  before(async () => {
    sandbox = await startSandbox({ rejectEnabledClientsInBody: true });
    client = sandboxClient(sandbox.rp, {
      timeoutMs: TIMEOUT_MS,
      retry: { maxRetries: 6, baseDelayMs: 1, maxDelayMs: 20 },
    });
  });
  after(async () => {
    sandbox.rp.faults.clear();
    await client?.close();
    await sandbox?.close();
  });

  const names = Array.from({ length: CONNECTIONS }, (_, i) => `reliability-${i}`);
  const apps = (): { web: string; spa: string } => ({
    web: sandbox.rp.app('RP Web App').clientId,
    spa: sandbox.rp.app('RP SPA').clientId,
  });

  function intended(i: number, round: 1 | 2): LocalConnection {
    const { web, spa } = apps();
    const provider = sandbox.provider.app('Provider App for RP');
    const name = names[i]!;
    const choices = [[web], [spa], [web, spa], []];
    return {
      name,
      strategy: 'auth0-oidc',
      options: {
        client_id: provider.clientId,
        // Round 2 leaves the placeholder unresolved: the secret stored on the tenant must be kept.
        client_secret: round === 1 ? secrets.get(name)! : `##RELIABILITY_${i}_CLIENT_SECRET##`,
        domain: sandbox.provider.domain,
        scope: round === 1 ? 'openid profile' : 'openid profile email',
      },
      enabled_clients: choices[(i + (round === 2 ? 1 : 0)) % choices.length]!,
    };
  }

  async function deployWithReruns(local: LocalConnection, failures: string[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        const remote = await client.findConnectionByName(local.name);
        const plan = planDeploy(local, remote, remote ? await client.listEnabledClients(remote.id) : []);
        await applyDeploy(client, plan);
        return;
      } catch (error) {
        assert.ok(error instanceof Auth0ClientError, `${local.name}: an untyped error escaped: ${String(error)}`);
        assert.ok(error.userMessage.length > 0, `${local.name}: an error without a message for the person`);
        for (const secret of secrets.values())
          assert.ok(!`${error.message} ${error.userMessage}`.includes(secret), 'an error message holds a secret');
        failures.push(`${local.name} attempt ${attempt}: ${error.name}`);
        if (attempt >= ATTEMPTS) throw error;
      }
    }
  }

  function assertAsIntended(round: 1 | 2): void {
    const records = [...sandbox.rp.state.connections.values()].filter((c) => c.name.startsWith('reliability-'));
    assert.equal(records.length, CONNECTIONS, 'one connection per name: none missing, none duplicated');
    assert.equal(new Set(records.map((r) => r.name)).size, CONNECTIONS);
    for (let i = 0; i < CONNECTIONS; i++) {
      const want = intended(i, round);
      const got = records.find((r) => r.name === want.name);
      assert.ok(got, `${want.name} exists`);
      assert.equal(got.strategy, 'auth0-oidc');
      assert.equal(
        got.options.client_secret,
        secrets.get(want.name),
        `${want.name}: the secret is the one first deployed`,
      );
      assert.equal(got.options.scope, want.options.scope, `${want.name}: scope`);
      assert.equal(got.options.client_id, want.options.client_id);
      assert.equal(got.options.domain, want.options.domain);
      assert.deepEqual(
        [...(got.enabled_clients ?? [])].sort(),
        [...want.enabled_clients!].sort(),
        `${want.name}: enabled applications`,
      );
    }
  }

  for (const round of [1, 2] as const) {
    it(`round ${round}: ${round === 1 ? 'creates' : 'updates'} ${CONNECTIONS} connections concurrently through the storm, each as intended`, async () => {
      const rng = new Prng(SEED * 10 + round);
      if (round === 1)
        for (const name of names)
          secrets.set(name, `secret-${name}-${rng.string('abcdefghijklmnopqrstuvwxyz0123456789', 32, 32)}`);
      // A reset of the first token request as well: nothing may depend on the first answer.
      sandbox.rp.faults.inject({ kind: 'reset', path: '/oauth/token' });
      const storm = chaos(sandbox.rp, rng, 400);
      const failures: string[] = [];
      try {
        await Promise.all(names.map((_, i) => deployWithReruns(intended(i, round), failures)));
      } finally {
        storm.stop();
        sandbox.rp.faults.clear();
      }
      const injected = [...storm.armed.values()].reduce((a, b) => a + b, 0);
      assert.ok(injected >= 30, `only ${injected} faults were armed; the storm proves little`);
      console.log(
        `      ${injected} faults armed (${[...storm.armed].map(([k, n]) => `${k} ×${n}`).join(', ')}); ${failures.length} deploys re-run after an error${failures.length > 0 ? `: ${failures.join('; ')}` : ''}`,
      );
      assertAsIntended(round);
    });
  }
});
