import * as assert from 'node:assert/strict';
import { planDeploy, toCurl, DeployPlanError, type LocalConnection } from '../../../../src/core/deploy/plan';
import { SECRET_MASK as MASK } from '../../../../src/core/secrets';
import type { Connection } from '../../../../src/auth0/managementClient';
import { CANARY_SECRET } from '../../auth0/helpers';
import { MissingConnectionOptionsError } from '../../../../src/auth0/errors';

const REMOTE_SECRET = 'remote-secret-0123456789';

function local(overrides: Partial<LocalConnection> & { options?: Record<string, unknown> } = {}): LocalConnection {
  return {
    name: 'partner',
    strategy: 'auth0-oidc',
    ...overrides,
    options: {
      client_id: 'PROVIDER_APP',
      client_secret: '##PARTNER_CLIENT_SECRET##',
      domain: 'provider.example.com',
      scope: 'openid profile',
      ...overrides.options,
    },
  };
}

/** The provider options the tenant holds; with `changed`, what an update sends. */
function sent(changed: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    client_id: 'PROVIDER_APP',
    client_secret: REMOTE_SECRET,
    domain: 'provider.example.com',
    scope: 'openid profile',
    ...changed,
  };
}

function remote(options: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): Connection {
  return {
    id: 'con_123',
    name: 'partner',
    strategy: 'auth0-oidc',
    display_name: 'partner',
    options: sent(options),
    ...extra,
  };
}

describe('planDeploy', () => {
  it('refuses to plan an update of a connection read without options (no read:connections_options), rather than PATCH partial options', () => {
    const { options: _hidden, ...withoutOptions } = remote();
    assert.throws(
      () => planDeploy(local({ options: { client_secret: CANARY_SECRET } }), withoutOptions, []),
      (error: unknown) =>
        error instanceof MissingConnectionOptionsError &&
        /read:connections_options/.test(error.userMessage) &&
        /partner/.test(error.userMessage) &&
        !error.userMessage.includes(CANARY_SECRET),
    );
  });

  it('creates without enabled_clients in the body and enables them afterwards', () => {
    const plan = planDeploy(
      {
        ...local({ options: { client_secret: CANARY_SECRET } }),
        enabled_clients: ['app1', 'app2', 'app1'],
        $schema: './x.json',
      } as LocalConnection,
      undefined,
      [],
    );
    assert.equal(plan.kind, 'create');
    assert.ok(!('enabled_clients' in plan.body), 'enabled_clients is deprecated in bodies');
    assert.ok(!('$schema' in plan.body), 'editor-only properties are not sent');
    assert.equal(plan.body.options?.client_secret, CANARY_SECRET);
    assert.deepEqual(plan.enabledClients, { add: ['app1', 'app2'], remove: [] });
    const secretRow = plan.optionsDiff.find((d) => d.path === 'options.client_secret');
    assert.deepEqual(secretRow, { path: 'options.client_secret', before: undefined, after: MASK, secret: true });
    assert.ok(!JSON.stringify(plan.optionsDiff).includes(CANARY_SECRET));
  });

  it('warns when a create enables no application (enabled_clients absent or empty), and not when it lists one', () => {
    const create = (enabled: string[] | undefined) =>
      planDeploy(
        {
          ...local({ options: { client_secret: CANARY_SECRET } }),
          ...(enabled ? { enabled_clients: enabled } : {}),
        },
        undefined,
        [],
      );
    for (const enabled of [undefined, []]) {
      const plan = create(enabled);
      assert.equal(plan.warnings.length, 1, JSON.stringify(enabled));
      assert.match(plan.warnings[0] ?? '', /partner is created enabled for no application/);
      assert.match(plan.warnings[0] ?? '', /nobody can log in/);
    }
    assert.deepEqual(create(['app1']).warnings, []);
    // An update without enabled_clients leaves the applications as they are: nothing to warn about.
    assert.deepEqual(planDeploy(local(), remote(), ['app1']).warnings, []);
  });

  it('refuses to create without a real secret', () => {
    for (const secret of ['##PARTNER_CLIENT_SECRET##', '', '${SECRET}', undefined]) {
      assert.throws(
        () => planDeploy(local({ options: { client_secret: secret } }), undefined, []),
        DeployPlanError,
        String(secret),
      );
    }
  });

  it('refuses a strategy change', () => {
    assert.throws(() => planDeploy(local(), { ...remote(), strategy: 'oidc' }, []), /strategy/);
  });

  const updateCases: {
    name: string;
    local: LocalConnection;
    remote: Connection;
    remoteClients: string[];
    kind: 'update' | 'unchanged';
    options: Record<string, unknown>;
    diffPaths: string[];
    clients: { add: string[]; remove: string[] };
    connectionChanged: boolean;
  }[] = [
    {
      name: 'identical apart from a placeholder secret → unchanged, remote secret kept',
      local: local(),
      remote: remote(),
      remoteClients: ['app1'],
      kind: 'unchanged',
      options: sent(),
      diffPaths: [],
      clients: { add: [], remove: [] },
      connectionChanged: false,
    },
    {
      name: 'remote-only options are kept (PATCH replaces options whole)',
      local: local({ options: { scope: 'openid profile email' } }),
      remote: remote({ upstream_params: { screen_hint: { value: 'signup' } }, type: 'back_channel' }),
      remoteClients: [],
      kind: 'update',
      options: sent({
        scope: 'openid profile email',
        upstream_params: { screen_hint: { value: 'signup' } },
        type: 'back_channel',
      }),
      diffPaths: ['options.scope'],
      clients: { add: [], remove: [] },
      connectionChanged: true,
    },
    {
      name: 'a real local secret replaces the remote one, masked in the diff',
      local: local({ options: { client_secret: CANARY_SECRET } }),
      remote: remote(),
      remoteClients: [],
      kind: 'update',
      options: sent({ client_secret: CANARY_SECRET }),
      diffPaths: ['options.client_secret'],
      clients: { add: [], remove: [] },
      connectionChanged: true,
    },
    {
      name: 'enabled_clients present → exactly this set',
      local: { ...local(), enabled_clients: ['app2', 'app3'] },
      remote: remote(),
      remoteClients: ['app1', 'app2'],
      kind: 'update',
      options: sent(),
      diffPaths: [],
      clients: { add: ['app3'], remove: ['app1'] },
      connectionChanged: false,
    },
    {
      name: 'enabled_clients empty → disable all',
      local: { ...local(), enabled_clients: [] },
      remote: remote(),
      remoteClients: ['app1'],
      kind: 'update',
      options: sent(),
      diffPaths: [],
      clients: { add: [], remove: ['app1'] },
      connectionChanged: false,
    },
    {
      name: 'enabled_clients absent → leave them alone',
      local: local(),
      remote: remote(),
      remoteClients: ['app1', 'app9'],
      kind: 'unchanged',
      options: sent(),
      diffPaths: [],
      clients: { add: [], remove: [] },
      connectionChanged: false,
    },
    {
      name: 'display_name change is diffed; a nested option change shows its leaf path',
      local: {
        ...local({ options: { upstream_params: { screen_hint: { value: 'login' } } } }),
        display_name: 'Partner Corp',
      },
      remote: remote({ upstream_params: { screen_hint: { value: 'signup' } } }),
      remoteClients: [],
      kind: 'update',
      options: sent({ upstream_params: { screen_hint: { value: 'login' } } }),
      diffPaths: ['display_name', 'options.upstream_params.screen_hint.value'],
      clients: { add: [], remove: [] },
      connectionChanged: true,
    },
  ];
  for (const c of updateCases) {
    it(c.name, () => {
      const plan = planDeploy(c.local, c.remote, c.remoteClients);
      if (plan.kind === 'create') {
        assert.fail('an existing connection is never created');
      }
      assert.equal(plan.kind, c.kind);
      assert.equal(plan.connectionId, 'con_123');
      assert.equal(plan.connectionChanged, c.connectionChanged);
      assert.deepEqual(plan.body.options, c.options);
      assert.ok(!('name' in plan.body) && !('strategy' in plan.body), 'PATCH cannot change name or strategy');
      assert.deepEqual(
        plan.optionsDiff.map((d) => d.path),
        c.diffPaths,
      );
      assert.deepEqual(plan.enabledClients, c.clients);
      const shown = JSON.stringify(plan.optionsDiff);
      assert.ok(!shown.includes(CANARY_SECRET) && !shown.includes(REMOTE_SECRET), 'secrets are masked in the diff');
    });
  }

  it('keeps the remote display_name when the file has none (PATCH would reset it)', () => {
    const plan = planDeploy(local(), remote({}, { display_name: 'Partner Corp' }), []);
    assert.equal(plan.body.display_name, 'Partner Corp');
    assert.equal(plan.kind, 'unchanged');
  });

  it('warns when the stored secret cannot be kept', () => {
    const { client_secret: _ignored, ...withoutSecret } = remote().options ?? {};
    const plan = planDeploy(local(), { ...remote(), options: withoutSecret }, []);
    assert.equal(plan.body.options?.client_secret, undefined);
    assert.equal(plan.warnings.length, 1);
    assert.match(plan.warnings[0] ?? '', /client secret/);
  });
});

describe('toCurl', () => {
  it('create: POST then enabled clients, with token and secret as variables', () => {
    const plan = planDeploy(
      { ...local({ options: { client_secret: CANARY_SECRET, note: 'costs $5 `now`' } }), enabled_clients: ['app1'] },
      undefined,
      [],
    );
    const curl = toCurl(plan, new URL('https://rp.example.com/'));
    assert.ok(!curl.includes(CANARY_SECRET), 'the secret never appears');
    assert.match(curl, /-X POST 'https:\/\/rp\.example\.com\/api\/v2\/connections'/);
    assert.match(curl, /Authorization: Bearer \$AUTH0_MGMT_TOKEN/);
    assert.match(curl, /"client_secret": "\$\{PARTNER_CLIENT_SECRET\}"/);
    assert.match(curl, /# export PARTNER_CLIENT_SECRET=<secret>/);
    assert.match(curl, /costs \\\$5 \\`now\\`/, 'shell-special characters in values are escaped in the heredoc');
    assert.match(curl, /-X PATCH 'https:\/\/rp\.example\.com\/api\/v2\/connections\/'"\$CONNECTION_ID"'\/clients'/);
    assert.match(curl, /"client_id": "app1",\s+"status": true/);
  });

  it('update: PATCH with the kept remote secret replaced by its variable', () => {
    const plan = planDeploy({ ...local({ options: { scope: 'openid email' } }), enabled_clients: [] }, remote(), [
      'old-app',
    ]);
    const curl = toCurl(plan, 'https://rp.example.com');
    assert.ok(!curl.includes(REMOTE_SECRET));
    assert.match(curl, /-X PATCH 'https:\/\/rp\.example\.com\/api\/v2\/connections\/con_123' /);
    assert.match(curl, /"client_id": "old-app",\s+"status": false/);
    assert.ok(!curl.includes('"name"'), 'no name in a PATCH body');
  });
});
