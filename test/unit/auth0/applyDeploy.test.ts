import * as assert from 'node:assert/strict';
import { startSandbox, type Sandbox } from '../../sandbox/index';
import type { ManagementClient } from '../../../src/auth0/managementClient';
import { applyDeploy, type DeployProgress } from '../../../src/auth0/applyDeploy';
import { planDeploy, type LocalConnection } from '../../../src/core/deploy/plan';
import { CancelledError } from '../../../src/auth0/errors';
import { sandboxClient } from './helpers';

// Deploy end to end on a tenant that rejects enabled_clients in connection bodies, as tenants
// created from 2026-01-07 do: it only works when enabled apps go through /connections/{id}/clients.

describe('applyDeploy against the sandbox', () => {
  let sandbox: Sandbox;
  let client: ManagementClient;

  before(async () => {
    sandbox = await startSandbox({ rejectEnabledClientsInBody: true });
    client = sandboxClient(sandbox.rp, { retry: { baseDelayMs: 1, maxDelayMs: 5 } });
  });
  after(async () => {
    await client.close();
    await sandbox.close();
  });

  const file = (overrides: Partial<LocalConnection> & { options?: Record<string, unknown> } = {}): LocalConnection => {
    const app = sandbox.provider.app('Provider App for RP');
    return {
      name: 'partner-deploy',
      strategy: 'auth0-oidc',
      ...overrides,
      options: {
        client_id: app.clientId,
        client_secret: app.clientSecret,
        domain: sandbox.provider.domain,
        scope: 'openid profile',
        ...overrides.options,
      },
    };
  };

  async function deploy(
    local: LocalConnection,
    signal?: AbortSignal,
  ): Promise<{ plan: ReturnType<typeof planDeploy>; steps: string[] }> {
    const remote = await client.findConnectionByName(local.name);
    const enabled = remote ? await client.listEnabledClients(remote.id) : [];
    const plan = planDeploy(local, remote, enabled);
    const steps: string[] = [];
    await applyDeploy(client, plan, {
      ...(signal ? { signal } : {}),
      onProgress: (p: DeployProgress) => steps.push(p.step),
    });
    return { plan, steps };
  }

  it('creates, enables apps through the dedicated endpoint, then updates without losing the secret or any option', async () => {
    const web = sandbox.rp.app('RP Web App').clientId;
    const spa = sandbox.rp.app('RP SPA').clientId;
    const first = await deploy({ ...file(), enabled_clients: [web] });
    assert.equal(first.plan.kind, 'create');
    assert.deepEqual(first.steps, ['create', 'enabled-clients', 'done']);
    const stored = [...sandbox.rp.state.connections.values()].find((c) => c.name === 'partner-deploy');
    assert.ok(stored);
    assert.deepEqual(stored.enabled_clients, [web]);
    const secret = stored.options.client_secret;

    // An option only the tenant has (set by someone in the dashboard) must survive the PATCH.
    stored.options.upstream_params = { screen_hint: { value: 'signup' } };

    const second = await deploy({
      ...file({ options: { scope: 'openid profile email', client_secret: '##PARTNER_DEPLOY_CLIENT_SECRET##' } }),
      enabled_clients: [spa],
    });
    assert.equal(second.plan.kind, 'update');
    assert.deepEqual(
      second.plan.optionsDiff.map((d) => d.path),
      ['options.scope'],
    );
    assert.deepEqual(second.steps, ['update', 'enabled-clients', 'done']);
    const after = sandbox.rp.state.connections.get(stored.id);
    assert.equal(after?.options.client_secret, secret, 'stored secret kept');
    assert.deepEqual(after?.options.upstream_params, { screen_hint: { value: 'signup' } }, 'remote-only option kept');
    assert.equal(after?.options.scope, 'openid profile email');
    assert.deepEqual(after?.enabled_clients, [spa]);

    const third = await deploy({
      ...file({ options: { scope: 'openid profile email', client_secret: '##PARTNER_DEPLOY_CLIENT_SECRET##' } }),
      enabled_clients: [spa],
    });
    assert.equal(third.plan.kind, 'unchanged', 'a second identical deploy changes nothing (idempotent)');
    assert.deepEqual(third.steps, ['done']);
  });

  it('stops before sending anything when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    sandbox.rp.resetRequestLog();
    const plan = planDeploy(file({ name: 'never-created' }), undefined, []);
    await assert.rejects(applyDeploy(client, plan, { signal: controller.signal }), CancelledError);
    assert.equal(sandbox.rp.requestLog.length, 0);
  });
});
