// Placeholder secrets are bound to what they were stored for (issue 12.5): a value stored for one
// provider domain and client id is filled only into a file naming both; a file naming another is
// refused with the reason (deploy, curl) or left unfilled (the files view); a value from an
// earlier version (no binding) is used only after a one-time confirmation that binds it.
import * as assert from 'node:assert/strict';
import { fake, installFakeVscode, MemorySecrets } from '../reliability/fakeVscode';

installFakeVscode();
/* eslint-disable @typescript-eslint/no-require-imports -- loaded after the fake vscode is installed */
const { fillStoredSecrets } =
  require('../../../src/connectionFile/storedSecrets') as typeof import('../../../src/connectionFile/storedSecrets');
const { SecretStore, SecretKeys } =
  require('../../../src/vscode/secretStore') as typeof import('../../../src/vscode/secretStore');
const { Log } = require('../../../src/vscode/log') as typeof import('../../../src/vscode/log');
/* eslint-enable @typescript-eslint/no-require-imports */

const file = { path: '/ws/partner.auth0-oidc.json' } as never;
const body = (domain: string, clientId: string) => ({
  name: 'partner',
  strategy: 'auth0-oidc' as const,
  options: { domain, client_id: clientId, client_secret: '##SHARED_CLIENT_SECRET##' },
});

describe('placeholder secrets bound to the provider domain and client id', () => {
  let memory: MemorySecrets;
  let secrets: InstanceType<typeof SecretStore>;

  beforeEach(() => {
    memory = new MemorySecrets();
    secrets = new SecretStore(memory, new Log().redactor);
    fake.warnings.length = 0;
    fake.warningAnswer = undefined;
  });

  it('fills a value only into a file naming the domain and client id it was stored for', async () => {
    await secrets.storePlaceholder('SHARED_CLIENT_SECRET', 'the-secret', {
      domain: 'partner.eu.auth0.com',
      clientId: 'abc',
    });
    const same = await fillStoredSecrets(secrets, body('https://Partner.EU.auth0.com/', 'abc'), { file });
    assert.equal(same.body.options.client_secret, 'the-secret');
    await assert.rejects(
      fillStoredSecrets(secrets, body('evil.example', 'abc'), { file }),
      (e: Error) =>
        e.name === 'UserFacingError' && /partner\.eu\.auth0\.com/.test(e.message) && /options\.domain/.test(e.message),
    );
    await assert.rejects(
      fillStoredSecrets(secrets, body('partner.eu.auth0.com', 'other'), { file }),
      (e: Error) => /options\.client_id/.test(e.message) && !e.message.includes('the-secret'),
    );
    // The files view asks nothing and fills nothing for another file.
    const quiet = await fillStoredSecrets(secrets, body('evil.example', 'abc'));
    assert.equal(quiet.body.options.client_secret, '##SHARED_CLIENT_SECRET##');
    assert.deepEqual(quiet.unresolved, [{ option: 'client_secret', key: 'SHARED_CLIENT_SECRET' }]);
    assert.equal(fake.warnings.length, 0);
  });

  it('a value stored by an earlier version is used after one confirmation, which binds it', async () => {
    await memory.store(SecretKeys.placeholder('SHARED_CLIENT_SECRET'), 'old-secret'); // no binding
    await assert.rejects(fillStoredSecrets(secrets, body('partner.eu.auth0.com', 'abc'), { file }), /earlier version/);
    assert.equal(fake.warnings.length, 1);
    assert.match(fake.warnings[0]!, /^\[modal\].*SHARED_CLIENT_SECRET/);
    fake.warningAnswer = 'Use It for partner.eu.auth0.com';
    const first = await fillStoredSecrets(secrets, body('partner.eu.auth0.com', 'abc'), { file });
    assert.equal(first.body.options.client_secret, 'old-secret');
    assert.deepEqual(await secrets.placeholderBinding('SHARED_CLIENT_SECRET'), {
      domain: 'partner.eu.auth0.com',
      clientId: 'abc',
    });
    fake.warningAnswer = undefined;
    const again = await fillStoredSecrets(secrets, body('partner.eu.auth0.com', 'abc'), { file });
    assert.equal(again.body.options.client_secret, 'old-secret');
    assert.equal(fake.warnings.length, 2, 'asked once');
    await assert.rejects(fillStoredSecrets(secrets, body('evil.example', 'abc'), { file }), /options\.domain/);
  });

  it('the files view never fills an unbound value nor asks about it', async () => {
    await memory.store(SecretKeys.placeholder('SHARED_CLIENT_SECRET'), 'old-secret');
    const quiet = await fillStoredSecrets(secrets, body('partner.eu.auth0.com', 'abc'));
    assert.equal(quiet.body.options.client_secret, '##SHARED_CLIENT_SECRET##');
    assert.equal(fake.warnings.length, 0);
  });

  it('an oidc file with a decoy domain and its token endpoint elsewhere gets no secret (issue 23.1)', async () => {
    await secrets.storePlaceholder('SHARED_CLIENT_SECRET', 'the-secret', {
      domain: 'partner.eu.auth0.com',
      clientId: 'abc',
    });
    const oidc = (tokenHost: string) => ({
      name: 'partner-oidc',
      strategy: 'oidc' as const,
      options: {
        type: 'back_channel',
        domain: 'partner.eu.auth0.com',
        discovery_url: 'https://partner.eu.auth0.com/.well-known/openid-configuration',
        token_endpoint: `https://${tokenHost}/oauth/token`,
        client_id: 'abc',
        client_secret: '##SHARED_CLIENT_SECRET##',
      },
    });
    await assert.rejects(fillStoredSecrets(secrets, oidc('evil.example'), { file }), (e: Error) => {
      assert.ok(!e.message.includes('the-secret'));
      return e.name === 'UserFacingError';
    });
    const quiet = await fillStoredSecrets(secrets, oidc('evil.example'));
    assert.equal(quiet.body.options.client_secret, '##SHARED_CLIENT_SECRET##');
    const same = await fillStoredSecrets(secrets, oidc('partner.eu.auth0.com'), { file });
    assert.equal(same.body.options.client_secret, 'the-secret');
  });
});
