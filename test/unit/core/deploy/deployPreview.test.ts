import assert from 'node:assert/strict';
import { afterDeployPreview, remotePreview } from '../../../../src/core/deploy/deployPreview';
import { maskSecrets, SECRET_MASK } from '../../../../src/core/secrets';

describe("the deploy diff's two sides", () => {
  const canary = 'canary-secret-5f2a';
  const remote = {
    id: 'con_1',
    name: 'partner',
    strategy: 'auth0-oidc',
    enabled_clients: ['deprecated-copy'],
    options: {
      client_id: 'abc',
      client_secret: canary,
      domain: 'p.example.com',
      upstream_params: { api_token: canary },
    },
  };
  const plan = {
    body: { options: { client_id: 'abc', client_secret: `${canary}-new`, domain: 'p.example.com', scope: 'openid' } },
    enabledClients: { add: ['app2'], remove: ['app1'] },
  };
  const input = {
    remote,
    remoteEnabledClients: ['app1', 'app3'],
    local: { name: 'partner', strategy: 'auth0-oidc' },
    plan,
  };

  it('never holds a secret, at any depth, on either side', () => {
    for (const side of [remotePreview(input), afterDeployPreview(input)]) {
      const text = JSON.stringify(side);
      assert.ok(!text.includes(canary), text);
      assert.match(text, new RegExp(SECRET_MASK));
    }
  });

  it('shows the enabled applications as they are and as they will be, without the id', () => {
    assert.deepEqual(remotePreview(input).enabled_clients, ['app1', 'app3']);
    assert.deepEqual(afterDeployPreview(input).enabled_clients, ['app2', 'app3']);
    assert.equal('id' in remotePreview(input), false);
    assert.equal((afterDeployPreview(input).options as Record<string, unknown>).scope, 'openid');
  });

  it('shows a create against an empty left side', () => {
    const create = { ...input, remote: undefined, remoteEnabledClients: [] };
    assert.deepEqual(remotePreview(create), {});
    assert.equal(afterDeployPreview(create).name, 'partner');
  });

  it("masks secret-looking keys whatever their value's depth, and leaves the rest", () => {
    assert.deepEqual(maskSecrets({ a: { password: 'x', list: [{ token: 't' }], keep: 'k' }, client_secret: '' }), {
      a: { password: SECRET_MASK, list: [{ token: SECRET_MASK }], keep: 'k' },
      client_secret: '',
    });
  });
});
