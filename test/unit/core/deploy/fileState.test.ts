import assert from 'node:assert/strict';
import { planDeploy } from '../../../../src/core/deploy/plan';
import type { Connection } from '../../../../src/auth0/managementClient';
import { deployedFileState, localFileState, planFileCheck } from '../../../../src/core/deploy/fileState';
import { scaffoldConnection, scaffoldConnectionText } from '../../../../src/core/connectionFile/scaffold';

const TENANT = 'http://127.0.0.1:4000';
const input = {
  name: 'partner',
  domain: 'partner.eu.auth0.com',
  clientId: 'aB3dE5fG7hJ9kL1m',
  clientSecret: '##PARTNER_CLIENT_SECRET##',
  scopes: ['openid', 'profile'],
  enabledClients: ['rpWebApp000000000000000000000000'],
};
const remote: Connection = {
  id: 'con_1',
  name: 'partner',
  strategy: 'auth0-oidc',
  options: {
    client_id: 'aB3dE5fG7hJ9kL1m',
    client_secret: 'stored-secret',
    domain: 'partner.eu.auth0.com',
    scope: 'openid profile',
  },
};

describe('connection file state', () => {
  it('reports errors with the count and the first one, whatever the trust or deploy history', () => {
    const local = localFileState('{ "name": "bad name", "strategy": "auth0-oidc" }');
    assert.equal(local.kind, 'errors');
    if (local.kind !== 'errors') return;
    assert.ok(local.count >= 2);
    assert.equal(local.firstLine, 1);
    const decision = planFileCheck(local, { trusted: true, lastDeployTenant: TENANT, tenantConfigured: true });
    assert.deepEqual(decision, { kind: 'settled', state: local });
  });

  it('treats unparsable and empty text as errors', () => {
    assert.equal(localFileState('{').kind, 'errors');
    assert.equal(localFileState('').kind, 'errors');
  });

  it('stays local in an untrusted workspace: no remote check', () => {
    const local = localFileState(scaffoldConnectionText(input));
    assert.deepEqual(planFileCheck(local, { trusted: false, lastDeployTenant: TENANT, tenantConfigured: true }), {
      kind: 'settled',
      state: { kind: 'local' },
    });
  });

  it('is "not deployed" without a last deploy, or when that tenant is gone', () => {
    const local = localFileState(scaffoldConnectionText(input));
    assert.deepEqual(planFileCheck(local, { trusted: true, lastDeployTenant: undefined, tenantConfigured: false }), {
      kind: 'settled',
      state: { kind: 'notDeployed', reason: 'never' },
    });
    assert.deepEqual(planFileCheck(local, { trusted: true, lastDeployTenant: TENANT, tenantConfigured: false }), {
      kind: 'settled',
      state: { kind: 'notDeployed', reason: 'tenantRemoved', tenant: TENANT },
    });
  });

  it('asks for a remote check with the parsed body when the tenant of the last deploy is configured', () => {
    const decision = planFileCheck(localFileState(scaffoldConnectionText(input)), {
      trusted: true,
      lastDeployTenant: TENANT,
      tenantConfigured: true,
    });
    assert.equal(decision.kind, 'check');
    if (decision.kind === 'check') assert.deepEqual(decision.body, scaffoldConnection(input));
  });

  it('is "in sync" when deploy would change nothing (the placeholder keeps the stored secret)', () => {
    const plan = planDeploy(scaffoldConnection(input), remote, input.enabledClients);
    assert.deepEqual(deployedFileState(TENANT, plan), { kind: 'inSync', tenant: TENANT });
  });

  it('is "differs" with the changed paths and applications, never values', () => {
    const plan = planDeploy(
      scaffoldConnection({ ...input, scopes: ['openid', 'email'], clientSecret: 'new-literal-secret' }),
      remote,
      ['rpSpa00000000000000000000000000'],
    );
    const state = deployedFileState(TENANT, plan);
    assert.equal(state.kind, 'differs');
    if (state.kind !== 'differs') return;
    assert.deepEqual(
      [...state.changes].sort(),
      [
        '+rpWebApp000000000000000000000000',
        '-rpSpa00000000000000000000000000',
        'options.client_secret',
        'options.scope',
      ].sort(),
    );
    assert.ok(!JSON.stringify(state).includes('new-literal-secret'));
    assert.ok(!JSON.stringify(state).includes('stored-secret'));
  });

  it('is "not deployed" when the tenant no longer has the connection', () => {
    const plan = planDeploy(scaffoldConnection({ ...input, clientSecret: 'real' }), undefined, []);
    assert.deepEqual(deployedFileState(TENANT, plan), {
      kind: 'notDeployed',
      reason: 'missingOnTenant',
      tenant: TENANT,
    });
  });
});
