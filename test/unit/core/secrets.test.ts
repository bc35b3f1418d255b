import assert from 'node:assert/strict';
import { secretPlaceholders } from '../../../src/core/connectionFile/placeholders';
import { Redactor, SECRET_MASK, collectSecrets, maskSecrets } from '../../../src/core/secrets';

describe('Redactor', () => {
  const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';
  const cases: [string, string, string][] = [
    ['a bearer token', 'Authorization: Bearer abc.def-ghi', 'abc.def-ghi'],
    ['a JWT anywhere', `token was ${jwt} here`, jwt],
    ['a client_secret form field', 'grant_type=client_credentials&client_secret=sUpErS3cret&x=1', 'sUpErS3cret'],
    ['a JSON access_token', '{"access_token":"opaque-token-value","expires_in":86400}', 'opaque-token-value'],
  ];
  for (const [title, text, secret] of cases) {
    it(`hides ${title}`, () => {
      const out = new Redactor().redact(text);
      assert.ok(!out.includes(secret), out);
      assert.match(out, /••••/);
    });
  }

  it('hides registered secrets wherever they appear, and leaves other text alone', () => {
    const redactor = new Redactor();
    redactor.add('canary-5ecret-value');
    assert.equal(redactor.redact('GET /x failed: canary-5ecret-value is wrong'), 'GET /x failed: •••• is wrong');
    assert.equal(redactor.redact('GET /api/v2/connections 200 12ms'), 'GET /api/v2/connections 200 12ms');
  });

  it('ignores very short registered values, which would mask ordinary words', () => {
    const redactor = new Redactor();
    redactor.add('a');
    assert.equal(redactor.redact('a cat'), 'a cat');
  });
});

describe('one notion of a secret key (src/core/secrets.ts)', () => {
  it('masks, collects and fills placeholders under the same keys', () => {
    const body = {
      options: {
        client_secret: 'a1',
        app_password: 'a2',
        private_key: 'a3',
        id_token: 'a4',
        domain: 'd',
        scope: 's',
        token_endpoint: 'https://p.example/oauth/token',
        token_endpoint_auth_method: 'client_secret_post',
        nested: [{ signing_secret: 'a5' }],
      },
    };
    assert.deepEqual(collectSecrets(body), ['a1', 'a2', 'a3', 'a4', 'a5']);
    assert.deepEqual(maskSecrets(body), {
      options: {
        client_secret: SECRET_MASK,
        app_password: SECRET_MASK,
        private_key: SECRET_MASK,
        id_token: SECRET_MASK,
        domain: 'd',
        scope: 's',
        // An oidc connection's token endpoint is a URL to see, not a token.
        token_endpoint: 'https://p.example/oauth/token',
        token_endpoint_auth_method: 'client_secret_post',
        nested: [{ signing_secret: SECRET_MASK }],
      },
    });
    const placeholders = Object.fromEntries(Object.keys(body.options).map((k) => [k, '##K##']));
    assert.deepEqual(
      secretPlaceholders(placeholders).map((p) => p.option),
      ['client_secret', 'app_password', 'private_key', 'id_token'],
    );
  });
});
