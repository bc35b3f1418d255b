// The provider check through the Auth0 client against the sandbox's provider tenant: facts read,
// refusals turned into "check by hand", and the fixes' PATCHes applied.
import assert from 'node:assert/strict';
import {
  Auth0ApiError,
  ProviderCheckFlow,
  createManagementClient,
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
});
