import assert from 'node:assert/strict';
import { isPlaceholder } from '../../../../src/core/connectionFile/placeholders';
import { environmentSecretKey, withEnvironmentSecretKeys } from '../../../../src/core/environments/environmentSecrets';

describe('secrets per environment', () => {
  it('gives each environment its own storage key, still a placeholder', () => {
    assert.equal(environmentSecretKey('PARTNER_CLIENT_SECRET', 'prod'), 'PARTNER_CLIENT_SECRET__ENV_PROD');
    assert.equal(environmentSecretKey('S', 'eu-west_2'), 'S__ENV_EU_WEST_2');
    assert.ok(isPlaceholder(`##${environmentSecretKey('S', 'dev-1')}##`));
  });

  it("renames only the secret options' placeholders", () => {
    const body = { name: 'p', options: { client_secret: '##S##', client_id: '##S##', domain: 'd' } };
    assert.deepEqual(withEnvironmentSecretKeys(body, 'dev').options, {
      client_secret: '##S__ENV_DEV##',
      client_id: '##S##',
      domain: 'd',
    });
  });
});
