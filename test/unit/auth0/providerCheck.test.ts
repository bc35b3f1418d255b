// The provider check through the Auth0 client against the sandbox's provider tenant: facts read,
// refusals turned into "check by hand", and the fixes' PATCHes applied.
import assert from 'node:assert/strict';
import {
  Auth0ApiError,
  ProviderCheckFlow,
  createManagementClient,
  readDiscoveryFacts,
  readProviderFacts,
  runProviderCheck,
  type ManagementClient,
} from '../../../src/auth0';
import { startSandbox, type Sandbox } from '../../sandbox';

describe('provider check through the Management API (sandbox)', function () {
  this.timeout(30_000);
  let sandbox: Sandbox;
  const clients: ManagementClient[] = [];
  const clientFor = (token: string): ManagementClient => {
    const c = createManagementClient({
      domain: sandbox.provider.baseUrl,
      credentials: { kind: 'token', token },
      retry: { maxRetries: 0 },
    });
    clients.push(c);
    return c;
  };

  before(async () => {
    sandbox = await startSandbox();
  });
  after(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await sandbox?.close();
  });

  it('reads the correctly set up application as passing', async () => {
    const client = clientFor(await sandbox.provider.issueManagementToken());
    const report = await runProviderCheck(client, {
      providerDomain: sandbox.provider.domain,
      clientId: sandbox.provider.app('Provider App for RP').clientId,
      rpDomains: [sandbox.rp.domain],
    });
    assert.ok(report.passed, JSON.stringify(report.results));
  });

  it('turns a 403 on the settings and a 404 on the application into reasons to check by hand', async () => {
    const client = clientFor(await sandbox.provider.issueManagementToken(['read:clients']));
    const facts = await readProviderFacts(client, 'noSuchClient');
    assert.match(facts.clientUnknownReason!, /404/);
    assert.match(facts.settingsUnknownReason!, /403.*read:tenant_settings/);
    assert.equal(facts.client, undefined);
  });

  it('applies the fixes (one PATCH per target) and a read-only token gets a clear 403', async () => {
    const id = sandbox.provider.app('Provider App Misconfigured').clientId;
    const input = { providerDomain: sandbox.provider.domain, clientId: id, rpDomains: [sandbox.rp.domain] };
    const readOnly = clientFor(await sandbox.provider.issueManagementToken(['read:clients', 'read:tenant_settings']));
    const before = await runProviderCheck(readOnly, input);
    assert.deepEqual(
      before.results.filter((r) => r.status === 'fail').map((r) => r.id),
      ['callback', 'oidc-conformant'],
    );
    const refused = await new ProviderCheckFlow(readOnly, input).applyFixes(true);
    assert.equal(refused.fixed.length, 0);
    assert.ok(
      refused.failed.length === 1 &&
        refused.failed[0]!.error instanceof Auth0ApiError &&
        refused.failed[0]!.error.status === 403 &&
        /update:clients/.test(refused.failed[0]!.error.userMessage),
    );
    sandbox.provider.resetRequestLog();
    const full = clientFor(await sandbox.provider.issueManagementToken());
    const declined = await new ProviderCheckFlow(full, input).applyFixes(true, {
      confirm: () => Promise.resolve(false),
    });
    assert.deepEqual([declined.fixed.length, declined.report.passed], [0, false], 'a declined fix is not sent');
    const { fixed: sent, report: after } = await new ProviderCheckFlow(full, input).applyFixes(true);
    assert.equal(sent.length, 1);
    assert.deepEqual(sent[0]!.body, {
      callbacks: ['https://rp.example.invalid/login/callback', `${sandbox.rp.baseUrl}/login/callback`],
      oidc_conformant: false,
    });
    assert.deepEqual(
      sandbox.provider.requestLog.filter((r) => r.method === 'PATCH').map((r) => r.path),
      [`/api/v2/clients/${id}`],
    );
    assert.ok(after.passed, 'the outcome is the check read again after the fix');
    assert.ok((await runProviderCheck(full, input)).passed);
  });

  it('reads what Auth0 serves: the application with grant_types, token_endpoint_auth_method, oidc_conformant', async () => {
    const client = clientFor(await sandbox.provider.issueManagementToken(['read:clients']));
    const facts = await readProviderFacts(client, sandbox.provider.app('Provider App for RP').clientId);
    assert.deepEqual(facts.client?.grant_types, ['authorization_code', 'refresh_token']);
    assert.equal(facts.client?.token_endpoint_auth_method, 'client_secret_post');
    assert.equal(facts.client?.oidc_conformant, false);
    assert.equal(facts.clientNotFound, undefined);
    assert.equal((await readProviderFacts(client, 'noSuchClient')).clientNotFound, true);
  });

  it("reads the provider's discovery document, which the sandbox serves in Auth0's shape", async () => {
    const client = clientFor(await sandbox.provider.issueManagementToken(['read:clients']));
    const read = await readDiscoveryFacts(client.http);
    const base = sandbox.provider.baseUrl;
    assert.deepEqual(read, {
      discovery: {
        url: `${base}/.well-known/openid-configuration`,
        issuer: `${base}/`,
        authorization_endpoint: `${base}/authorize`,
        token_endpoint: `${base}/oauth/token`,
        jwks_uri: `${base}/.well-known/jwks.json`,
        userinfo_endpoint: `${base}/userinfo`,
      },
    });
  });

  it('gives the reason, not an exception, when the discovery document fails or is slow', async () => {
    const client = clientFor(await sandbox.provider.issueManagementToken(['read:clients']));
    const path = '/.well-known/openid-configuration';
    sandbox.provider.faults.inject({ path, kind: 'server-error', status: 500 });
    const failed = await readDiscoveryFacts(client.http);
    assert.match((failed as { discoveryUnknownReason: string }).discoveryUnknownReason, /could not be read/);
    sandbox.provider.faults.inject({ path, kind: 'latency', latencyMs: 2000 });
    const slow = await readDiscoveryFacts(client.http, { timeoutMs: 200 });
    assert.match((slow as { discoveryUnknownReason: string }).discoveryUnknownReason, /did not answer within/);
    sandbox.provider.faults.clear();
  });

  it('checks an oidc connection by the oidc rules: passes after the migration, legacy profile off', async () => {
    const id = sandbox.provider.app('Provider App for RP').clientId;
    const app = sandbox.provider.state.clients.get(id)!;
    const flags = sandbox.provider.state.tenantSettings.flags;
    app.oidc_conformant = true;
    sandbox.provider.state.tenantSettings.flags = { ...flags, enable_legacy_profile: false };
    try {
      const base = sandbox.provider.baseUrl;
      const client = clientFor(await sandbox.provider.issueManagementToken());
      const input = {
        strategy: 'oidc' as const,
        providerDomain: sandbox.provider.domain,
        clientId: id,
        rpDomains: [sandbox.rp.domain],
        fileEndpoints: { discovery_url: `${base}/.well-known/openid-configuration`, issuer: `${base}/` },
      };
      const report = await runProviderCheck(client, input);
      assert.ok(report.passed && report.verified, JSON.stringify(report.results));
      const outcome = await new ProviderCheckFlow(client, input).applyFixes(true);
      assert.deepEqual(outcome.fixed, [], 'nothing to fix: the legacy profile stays off');
      assert.equal(sandbox.provider.state.tenantSettings.flags.enable_legacy_profile, false);
    } finally {
      app.oidc_conformant = false;
      sandbox.provider.state.tenantSettings.flags = flags;
    }
  });
});
