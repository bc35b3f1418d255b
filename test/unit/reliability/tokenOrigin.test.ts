// A connection file or the settings of an untrusted workspace can never send a Management token
// anywhere but the tenant it was stored for. Two sandbox tenants: A (configured, credentials stored
// for its origin) and B (everything a workspace may point at). Whatever the file or the workspace
// settings say, B's server never sees an Authorization header, and A's token is only ever sent to
// A. Commands that reach a tenant refuse in an untrusted workspace: refuseUntrusted's logic here;
// the gate on every command and view is proved in code-server with workspace trust on (test/integration/trust).
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, Server } from 'node:http';
import * as path from 'node:path';
import { startSandbox, type Sandbox, type SandboxTenant } from '../../sandbox/index';
import { createManagementClient } from '../../../src/auth0/managementClient';
import { applyDeploy } from '../../../src/auth0/applyDeploy';
import { planDeploy, type LocalConnection } from '../../../src/core/deploy/plan';
import { InvalidManagementTokenError } from '../../../src/auth0/errors';
import { fakeJwt, json, startServer, type TestServer } from '../auth0/helpers';
import { fake, installFakeVscode, MemorySecrets } from './fakeVscode';
import { pollUntil } from '../../pollUntil';

installFakeVscode();
/* eslint-disable @typescript-eslint/no-require-imports -- loaded after the fake vscode is installed */
const { refuseUntrusted } = require('../../../src/vscode/trust') as typeof import('../../../src/vscode/trust');
const { TenantRegistry, originOf } =
  require('../../../src/tenants/tenantRegistry') as typeof import('../../../src/tenants/tenantRegistry');
const { SecretStore, SecretKeys } =
  require('../../../src/vscode/secretStore') as typeof import('../../../src/vscode/secretStore');
const { Log } = require('../../../src/vscode/log') as typeof import('../../../src/vscode/log');
/* eslint-enable @typescript-eslint/no-require-imports */

const SRC = path.resolve(__dirname, '../../../src');

interface Seen {
  origin: string;
  path: string;
  authorization?: string;
}

/** Every request a server receives, with its Authorization header (all paths, not only /api/v2). */
function watch(tenant: SandboxTenant, into: Seen[]): () => void {
  const server = (tenant as unknown as { server: Server }).server;
  const onRequest = (req: IncomingMessage): void => {
    into.push({
      origin: tenant.baseUrl,
      path: req.url ?? '',
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
    });
  };
  server.on('request', onRequest);
  return () => server.off('request', onRequest);
}

describe('reliability: a Management token goes only to the tenant it belongs to', function () {
  this.timeout(30_000);
  let sandbox: Sandbox;
  let a: SandboxTenant;
  let b: SandboxTenant;
  const seen: Seen[] = [];
  const unwatch: (() => void)[] = [];

  before(async () => {
    sandbox = await startSandbox();
    a = sandbox.rp;
    b = sandbox.provider;
    unwatch.push(watch(a, seen), watch(b, seen));
  });
  after(async () => {
    for (const u of unwatch) u();
    await sandbox?.close();
  });
  beforeEach(() => {
    seen.length = 0;
    fake.settings.clear();
    fake.workspaceSettings.clear();
    fake.isTrusted = true;
    fake.warnings.length = 0;
    fake.executed.length = 0;
  });

  function assertOnlyA(): void {
    const toB = seen.filter((s) => s.origin === b.baseUrl);
    assert.deepEqual(
      toB.filter((s) => s.authorization),
      [],
      'B received an Authorization header',
    );
    const withToken = seen.filter((s) => s.authorization);
    assert.ok(withToken.length > 0, 'A was used');
    for (const s of withToken) assert.equal(s.origin, a.baseUrl);
  }

  /** Files that try to point the deploy elsewhere: B's domain and origin, URL tricks in every field. */
  function hostileFiles(): LocalConnection[] {
    const app = sandbox.provider.app('Provider App for RP');
    const base = {
      strategy: 'auth0-oidc',
      options: { client_id: app.clientId, client_secret: app.clientSecret, domain: b.domain },
    };
    return [
      { ...base, name: 'points-at-b' },
      { ...base, name: 'points-at-b-origin', options: { ...base.options, domain: b.baseUrl } },
      {
        ...base,
        name: `${b.baseUrl}/api/v2/connections`,
        options: { ...base.options, domain: `${b.baseUrl}/oauth/token` },
      },
      { ...base, name: `x@${b.domain}`, options: { ...base.options, domain: `${a.domain}@${b.domain}` } },
      {
        ...base,
        name: '../../..//' + b.domain,
        display_name: `//${b.domain}/`,
        options: { ...base.options, issuer: `${b.baseUrl}/`, token_endpoint: `${b.baseUrl}/oauth/token` },
      },
      {
        ...base,
        name: 'enables-b-apps',
        enabled_clients: [sandbox.provider.app('Provider App for RP').clientId, `${b.baseUrl}/x`],
      },
    ];
  }

  it('a deploy of files pointing at B, through the client for A, sends nothing with a token to B', async () => {
    const client = createManagementClient({
      domain: a.baseUrl,
      credentials: { kind: 'client-credentials', clientId: a.m2m.clientId, clientSecret: a.m2m.clientSecret },
      retry: { maxRetries: 0 },
    });
    try {
      for (const file of hostileFiles()) {
        try {
          const remote = await client.findConnectionByName(file.name);
          await applyDeploy(client, planDeploy(file, remote, remote ? await client.listEnabledClients(remote.id) : []));
        } catch {
          // A rejects most of these (names, unknown clients); what matters is where requests went.
        }
      }
    } finally {
      await client.close();
    }
    assertOnlyA();
  });

  it('a tenant whose answers redirect to B is not followed: B sees no token', async () => {
    let redirector: TestServer | undefined;
    redirector = await startServer((req, res) => {
      if (req.url.startsWith('/oauth/token'))
        return json(res, 200, {
          access_token: fakeJwt({ exp: Math.floor(Date.now() / 1000) + 3600, scope: 'read:connections' }),
          token_type: 'Bearer',
          expires_in: 3600,
        });
      res.writeHead(307, { location: `${b.baseUrl}${req.url}` });
      res.end();
    });
    const client = createManagementClient({
      domain: redirector.origin,
      credentials: { kind: 'client-credentials', clientId: 'x', clientSecret: 'y' },
      retry: { maxRetries: 0 },
    });
    try {
      await assert.rejects(client.listConnectionsPage({}), /redirect/i);
    } finally {
      await client.close();
      await redirector.close();
      redirector = undefined;
    }
    assert.equal(seen.filter((s) => s.origin === b.baseUrl).length, 0, 'B received a request');
  });

  describe('the tenant registry, with workspace settings written by someone else', () => {
    let secrets: MemorySecrets;
    let registry: InstanceType<typeof TenantRegistry>;
    let log: InstanceType<typeof Log>;
    let state: Map<string, unknown>;
    const memento = () => ({
      get: (key: string) => state.get(key),
      update: (key: string, value: unknown) => {
        if (value === undefined) state.delete(key);
        else state.set(key, value);
        return Promise.resolve();
      },
      keys: () => [...state.keys()],
    });

    beforeEach(async () => {
      secrets = new MemorySecrets();
      log = new Log();
      const store = new SecretStore(secrets, log.redactor);
      // The person stored A's credentials, keyed by A's origin.
      await store.store(SecretKeys.tenantClientSecret(originOf(a.baseUrl)!), a.m2m.clientSecret);
      state = new Map<string, unknown>();
      registry = new TenantRegistry(store, log, secrets.onDidChange as never, memento() as never, memento() as never);
    });
    afterEach(() => registry.dispose());

    it("a tenant from the workspace's settings is marked, and used only after one modal yes per workspace", async () => {
      const listing = [{ domain: a.baseUrl, clientId: a.m2m.clientId }];
      fake.workspaceSettings.set('auth0Oidc.tenants', listing);
      const [tenant] = registry.list();
      assert.equal(tenant?.scope, 'workspace');
      const host = new URL(a.baseUrl).host;
      // No: nothing is sent, the reason is given, and the refusal holds for the session.
      await assert.rejects(registry.client(tenant), (e: Error) => e.name === 'WorkspaceTenantDeclinedError');
      assert.equal(fake.warnings.length, 1);
      assert.ok(fake.warnings[0]!.startsWith('[modal]') && fake.warnings[0]!.includes(host), fake.warnings[0]);
      await assert.rejects(registry.client(tenant), (e: Error) => e.name === 'WorkspaceTenantDeclinedError');
      assert.equal(fake.warnings.length, 1, 'asked once');
      assert.equal(seen.length, 0, 'nothing was sent after a no');
      // A new session asks again; yes (two uses at once: one question) is kept in workspace state.
      registry.dispose();
      registry = new TenantRegistry(
        new SecretStore(secrets, log.redactor),
        log,
        secrets.onDidChange as never,
        memento() as never,
        memento() as never,
      );
      fake.warningAnswer = `Use ${host}`;
      await Promise.all([registry.client(registry.list()[0]!), registry.client(registry.list()[0]!)]);
      assert.equal(fake.warnings.length, 2, 'one question for two uses');
      fake.warningAnswer = undefined;
      const client = await registry.client(registry.list()[0]!);
      await client.listConnectionsPage({ take: 1 });
      assert.ok(seen.length > 0, 'used after the yes');
      assert.equal(fake.warnings.length, 2, 'not asked again');
      // The same tenant at user level is never asked about.
      fake.workspaceSettings.clear();
      fake.settings.set('auth0Oidc.tenants', listing);
      assert.equal(registry.list()[0]?.scope, 'user');
    });

    it('a client asked for while new credentials are being saved is built from them, not from half of them', async () => {
      fake.settings.set('auth0Oidc.tenants', [{ domain: a.baseUrl, clientId: a.m2m.clientId }]);
      const [tenant] = registry.list();
      await (await registry.client(tenant!)).listConnectionsPage({ take: 1 });
      // Edit Tenant: another application's credentials. The secret is written first, and each
      // write makes views ask for a client; one built between the writes paired the new secret
      // with the old client id, and its token request got 401.
      const replacement = a.m2mReadOnly;
      const during: Promise<unknown>[] = [];
      const listening = secrets.onDidChange(() => {
        during.push(registry.client(registry.list()[0]!).then((client) => client.listConnectionsPage({ take: 1 })));
      });
      try {
        await registry.save(
          { domain: a.baseUrl, clientId: replacement.clientId },
          { kind: 'client-credentials', clientSecret: replacement.clientSecret },
          tenant,
        );
      } finally {
        listening.dispose();
      }
      assert.ok(during.length > 0, 'a client was asked for during the save');
      await Promise.all(during);
    });

    it('credentials are proved against the tenant before they are stored, and a failure stores nothing', async () => {
      const before = new Map(secrets.values);
      await assert.rejects(
        registry.probe(
          { domain: a.baseUrl, clientId: a.m2m.clientId },
          { kind: 'client-credentials', clientSecret: 'wrong-secret' },
        ),
        (e: Error) => /secret|credentials|unauthorized|access/i.test(e.message),
      );
      await registry.probe(
        { domain: a.baseUrl, clientId: a.m2m.clientId },
        { kind: 'client-credentials', clientSecret: a.m2m.clientSecret },
      );
      assert.deepEqual(secrets.values, before, 'probing stores nothing');
      assert.ok(
        seen.some((r) => r.path.startsWith('/api/v2/connections')),
        'one cheap GET',
      );
    });

    it("B listed with A's client id and label gets no credentials, so no request at all", async () => {
      fake.settings.set('auth0Oidc.tenants', [{ domain: b.domain, label: 'A', clientId: a.m2m.clientId }]);
      const [tenant] = registry.list();
      assert.ok(tenant);
      assert.equal(tenant.origin, originOf(b.domain));
      await assert.rejects(
        registry.client(tenant),
        (e: Error) => e.name === 'MissingCredentialsError' || /credentials|secret/i.test(e.message),
      );
      assert.equal(seen.length, 0);
    });

    it('a custom domain written into the settings is ignored: logins (and the client secret Test Login sends) stay on A', async () => {
      fake.settings.set('auth0Oidc.tenants', [
        { domain: a.baseUrl, clientId: a.m2m.clientId, customDomain: b.baseUrl },
      ]);
      const [tenant] = registry.list();
      assert.ok(tenant);
      assert.equal(tenant.loginOrigin, originOf(a.baseUrl));
      assert.equal(tenant.customDomain, undefined);
      // Only Add/Edit Tenant sets one, kept out of the settings.
      const saved = await registry.save(
        { domain: a.baseUrl, clientId: a.m2m.clientId, customDomain: a.customBaseUrl },
        undefined,
      );
      assert.equal(saved.loginOrigin, a.customBaseUrl);
      assert.equal(registry.find(a.baseUrl)?.loginOrigin, a.customBaseUrl);
      assert.ok(
        !JSON.stringify(fake.settings.get('auth0Oidc.tenants')).includes('localhost'),
        'not written into the settings',
      );
    });

    it('in an untrusted workspace the registry hands out no client, so no tenant sees a request', async () => {
      fake.settings.set('auth0Oidc.tenants', [{ domain: a.baseUrl, clientId: a.m2m.clientId }]);
      const tenant = registry.find(a.baseUrl)!;
      fake.isTrusted = false;
      try {
        await assert.rejects(
          registry.client(tenant),
          (e: Error) => e.name === 'UntrustedWorkspaceError' && /not trusted/.test(e.message),
        );
      } finally {
        fake.isTrusted = true;
      }
      assert.equal(seen.length, 0, 'a request was sent from an untrusted workspace');
      // The same registry, once trusted, works: the refusal was the gate, not a broken setup.
      await (await registry.client(tenant)).listConnectionsPage({ take: 1 });
      assert.ok(seen.length > 0);
    });

    it('domains that smuggle B behind A are refused as tenants', () => {
      fake.settings.set('auth0Oidc.tenants', [
        { domain: `${a.baseUrl}@${b.domain}` },
        { domain: `${a.baseUrl}/../${b.domain}` },
        { domain: `${a.domain}/api?x=${b.baseUrl}` },
        { domain: `http://evil.example` },
        { domain: `${a.baseUrl}#${b.domain}` },
      ]);
      for (const tenant of registry.list()) {
        assert.ok(
          tenant.origin !== b.baseUrl && tenant.origin !== originOf(a.baseUrl),
          `"${tenant.domain}" became the tenant ${tenant.origin}`,
        );
      }
    });

    it('A from the settings deploys files that point at B, and only A sees the token', async () => {
      fake.settings.set('auth0Oidc.tenants', [
        { domain: a.baseUrl, clientId: a.m2m.clientId },
        { domain: b.baseUrl, clientId: a.m2m.clientId },
      ]);
      const tenantA = registry.find(a.baseUrl)!;
      const client = await registry.client(tenantA);
      for (const file of hostileFiles()) {
        try {
          const remote = await client.findConnectionByName(file.name);
          await applyDeploy(client, planDeploy(file, remote, remote ? await client.listEnabledClients(remote.id) : []));
        } catch {
          // rejected by A; only where requests went matters
        }
      }
      const tenantB = registry.find(b.baseUrl)!;
      await assert.rejects(registry.client(tenantB));
      assertOnlyA();
      assert.ok(!fake.lines.some((l) => l.includes(a.m2m.clientSecret)), 'the log holds the client secret');
    });
  });

  describe('workspace trust', () => {
    it('refuseUntrusted refuses in an untrusted workspace and says why without waiting, and allows in a trusted one', async () => {
      fake.isTrusted = false;
      fake.warningAnswer = 'Manage Workspace Trust';
      assert.equal(refuseUntrusted('Deploying'), true);
      assert.equal(fake.warnings.length, 1);
      assert.match(fake.warnings[0]!, /Deploying.*untrusted/);
      await pollUntil('the trust editor opened', () => fake.executed.includes('workbench.trust.manage'));
      fake.warningAnswer = undefined;
      fake.isTrusted = true;
      fake.warnings.length = 0;
      assert.equal(refuseUntrusted('Deploying'), false);
      assert.equal(fake.warnings.length, 0);
    });

    // The gate itself is proved end to end in code-server with workspace trust on:
    // test/integration/trust (see README "Safety").
    it('the manifest disables the tenant commands in an untrusted workspace', () => {
      const manifest = JSON.parse(readFileSync(path.resolve(SRC, '../package.json'), 'utf8')) as {
        contributes: { commands: { command: string; enablement?: string }[] };
      };
      for (const id of [
        'auth0Oidc.deployConnection',
        'auth0Oidc.copyDeployAsCurl',
        'auth0Oidc.addTenant',
        'auth0Oidc.pullConnection',
        'auth0Oidc.deleteConnection',
        'auth0Oidc.diffConnection',
      ]) {
        const command = manifest.contributes.commands.find((c) => c.command === id);
        assert.ok(command, `${id} is contributed`);
        assert.match(command.enablement ?? '', /isWorkspaceTrusted/, `${id} is enabled only in a trusted workspace`);
      }
    });
  });
});

describe('a pasted Management token only for the tenant that issued it', () => {
  const jwt = (claims: Record<string, unknown>): string => {
    const part = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
    return `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ exp: Math.floor(Date.now() / 1000) + 3600, ...claims })}.c2lnbmF0dXJl`;
  };

  it("refuses, with the reason, a token whose iss or aud host is not the tenant's", () => {
    const real = 'https://acme.eu.auth0.com';
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ iss: `${real}/`, aud: `${real}/api/v2/` }, /acme-login\.example/], // the look-alike domain below
      [{ aud: 'https://acme-login.example/api/v2/' }, /no issuer/],
      [{ iss: 'https://acme-login.example/', aud: `${real}/api/v2/` }, /audience/],
      [{ iss: 'https://acme-login.example/', aud: ['https://acme-login.example/userinfo'] }, /audience/],
    ];
    for (const [claims, reason] of cases) {
      assert.throws(
        () =>
          createManagementClient({ domain: 'acme-login.example', credentials: { kind: 'token', token: jwt(claims) } }),
        (error: unknown) =>
          error instanceof InvalidManagementTokenError &&
          error.reason === 'other-tenant' &&
          reason.test(error.userMessage),
        JSON.stringify(claims),
      );
    }
  });

  it("accepts the tenant's own token (aud as a string or a list)", async () => {
    for (const aud of [
      'https://acme-login.example/api/v2/',
      ['https://acme-login.example/api/v2/', 'https://acme-login.example/userinfo'],
    ]) {
      const client = createManagementClient({
        domain: 'acme-login.example',
        credentials: { kind: 'token', token: jwt({ iss: 'https://acme-login.example/', aud }) },
      });
      await client.close();
    }
  });
});
