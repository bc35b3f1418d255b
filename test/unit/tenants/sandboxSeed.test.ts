import assert from 'node:assert/strict';
import { SANDBOX_CREDENTIALS_ENV, sandboxClientSecret } from '../../../src/tenants/sandboxSeed';

describe("npm start's sandbox credentials (AUTH0_OIDC_SANDBOX_CREDENTIALS)", () => {
  const env = {
    [SANDBOX_CREDENTIALS_ENV]: JSON.stringify({
      'http://127.0.0.1:4100': { clientId: 'rpM2m', clientSecret: 'rp-secret' },
      'https://acme.eu.auth0.com': { clientId: 'real', clientSecret: 'never' },
    }),
  };

  it('gives the secret of a loopback sandbox tenant configured with the same client id', () => {
    assert.equal(sandboxClientSecret(env, 'http://127.0.0.1:4100', 'rpM2m'), 'rp-secret');
  });

  it('gives nothing for another client id, another origin, a real tenant, or a broken variable', () => {
    assert.equal(sandboxClientSecret(env, 'http://127.0.0.1:4100', 'other'), undefined);
    assert.equal(sandboxClientSecret(env, 'http://127.0.0.1:4101', 'rpM2m'), undefined);
    assert.equal(sandboxClientSecret(env, 'https://acme.eu.auth0.com', 'real'), undefined, 'never for a real tenant');
    assert.equal(sandboxClientSecret(env, 'http://127.0.0.1:4100', undefined), undefined);
    assert.equal(
      sandboxClientSecret({ [SANDBOX_CREDENTIALS_ENV]: '{oops' }, 'http://127.0.0.1:4100', 'rpM2m'),
      undefined,
    );
    assert.equal(sandboxClientSecret({}, 'http://127.0.0.1:4100', 'rpM2m'), undefined);
  });
});
