// Issue 23.5: hovering over or completing a client_id must not raise the modal "use this
// workspace's tenant?". Passive reads (hover, completion, the client-id diagnostic) skip a
// workspace tenant not confirmed yet; a command the person started may still ask.
import * as assert from 'node:assert/strict';
import { fake, installFakeVscode } from '../reliability/fakeVscode';

installFakeVscode();
/* eslint-disable @typescript-eslint/no-require-imports -- loaded after the fake vscode is installed */
const { TenantApplications } =
  require('../../../src/connectionFile/tenantApplications') as typeof import('../../../src/connectionFile/tenantApplications');
const { Log } = require('../../../src/vscode/log') as typeof import('../../../src/vscode/log');
/* eslint-enable @typescript-eslint/no-require-imports */

const workspaceTenant = {
  origin: 'https://acme.eu.auth0.com',
  loginOrigin: 'https://acme.eu.auth0.com',
  displayName: 'Acme',
  scope: 'workspace',
} as never;

function registry(confirmed: boolean) {
  const asked: string[] = [];
  return {
    asked,
    list: () => [workspaceTenant],
    onDidChange: () => ({ dispose: () => undefined }),
    isUseConfirmed: () => confirmed,
    client: () => {
      // What TenantRegistry.client does for an unconfirmed workspace tenant: ask, modally.
      asked.push('modal');
      return Promise.resolve({
        listClients: function* () {
          yield [{ client_id: 'app1', name: 'App', app_type: 'regular_web' }];
        },
      });
    },
  };
}

describe('passive reads of a workspace tenant (hover, completion, diagnostics)', () => {
  beforeEach(() => {
    fake.isTrusted = true;
  });

  it('hover and completion ask nothing for a workspace tenant not confirmed yet', async () => {
    const tenants = registry(false);
    const applications = new TenantApplications(tenants as never, new Log());
    const result = await applications.load(workspaceTenant, 1_000);
    assert.equal(result.kind, 'failed');
    assert.deepEqual(tenants.asked, [], 'no modal');
    applications.knownTenantsFor('{"options":{"domain":"typo.example","client_id":"app1"}}');
    assert.deepEqual(tenants.asked, [], 'the diagnostic reads nothing either');
  });

  it('a command the person started may ask; a confirmed tenant is read passively', async () => {
    const unconfirmed = registry(false);
    const started = await new TenantApplications(unconfirmed as never, new Log()).load(workspaceTenant, 1_000, {
      interactive: true,
    });
    assert.equal(started.kind, 'loaded');
    assert.deepEqual(unconfirmed.asked, ['modal']);
    const confirmed = registry(true);
    const passive = await new TenantApplications(confirmed as never, new Log()).load(workspaceTenant, 1_000);
    assert.equal(passive.kind, 'loaded');
  });
});
