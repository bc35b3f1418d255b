import assert from 'node:assert/strict';
import {
  canPull,
  comparableConnection,
  pulledConnectionFile,
  pulledConnectionText,
  pulledFileName,
} from '../../../../src/core/deploy/pullConnection';
import { maskSecrets } from '../../../../src/core/secrets';
import { validateConnectionText } from '../../../../src/core/connectionFile/validate';

const SECRET = 'provider-app-secret-0123456789';

/** A connection as GET /api/v2/connections/{id} returns it. */
const remote = {
  id: 'con_AbCdEf0123456789',
  name: 'partner-corp',
  display_name: 'Partner Corp',
  strategy: 'auth0-oidc',
  options: {
    client_id: 'aB3dE5fG7hJ9kL1m',
    client_secret: SECRET,
    domain: 'partner.eu.auth0.com',
    scope: 'openid profile',
    set_user_root_attributes: 'on_each_login',
  },
  enabled_clients: ['stale-deprecated-field0000000000'],
  realms: ['partner-corp'],
  is_domain_connection: false,
  show_as_button: false,
  metadata: {},
  provisioning_ticket_url: 'https://x.invalid/p',
  authentication: { active: true, extra: 1 },
};
const enabled = ['rpWebApp000000000000000000000000', 'rpSpa00000000000000000000000000'];

describe('pull into a file', () => {
  it('writes a file that validates with no error', () => {
    const text = pulledConnectionText(remote, enabled);
    const errors = validateConnectionText(text).filter((d) => d.severity === 'error');
    assert.deepEqual(errors, []);
    assert.ok(text.endsWith('}\n'));
  });

  it('puts a placeholder where the secret was, and the secret nowhere', () => {
    const text = pulledConnectionText(remote, enabled);
    assert.ok(!text.includes(SECRET));
    assert.equal(pulledConnectionFile(remote, enabled).options.client_secret, '##PARTNER_CORP_CLIENT_SECRET##');
    assert.deepEqual(
      validateConnectionText(text).filter((d) => d.code === 'client-secret-literal'),
      [],
    );
  });

  it('adds the placeholder even when the tenant returned no secret', () => {
    const { client_secret: _, ...options } = remote.options;
    assert.equal(
      pulledConnectionFile({ ...remote, options }, []).options.client_secret,
      '##PARTNER_CORP_CLIENT_SECRET##',
    );
  });

  it('keeps the enabled applications from the dedicated endpoint, not the deprecated field', () => {
    assert.deepEqual(pulledConnectionFile(remote, [...enabled, enabled[0]!]).enabled_clients, enabled);
    assert.deepEqual(pulledConnectionFile(remote, []).enabled_clients, []);
  });

  it('drops server-only fields and defaults, keeps the rest the API accepts', () => {
    assert.deepEqual(pulledConnectionFile(remote, enabled), {
      name: 'partner-corp',
      strategy: 'auth0-oidc',
      display_name: 'Partner Corp',
      options: {
        client_id: 'aB3dE5fG7hJ9kL1m',
        client_secret: '##PARTNER_CORP_CLIENT_SECRET##',
        domain: 'partner.eu.auth0.com',
        scope: 'openid profile',
        set_user_root_attributes: 'on_each_login',
      },
      enabled_clients: enabled,
      show_as_button: false,
      authentication: { active: true },
    });
  });

  it('keeps realms other than the name, a domain connection flag, and metadata', () => {
    const file = pulledConnectionFile(
      {
        ...remote,
        realms: ['other'],
        is_domain_connection: true,
        metadata: { team: 'id', gone: null, n: 3 },
        display_name: 'partner-corp',
      },
      [],
    );
    assert.deepEqual(file.realms, ['other']);
    assert.equal(file.is_domain_connection, true);
    assert.deepEqual(file.metadata, { team: 'id', gone: null });
    assert.equal('display_name' in file, false);
    assert.deepEqual(
      validateConnectionText(JSON.stringify(file)).filter((d) => d.severity === 'error'),
      [],
    );
  });

  it('names the file NAME.auth0-oidc.json and pulls auth0-oidc connections only', () => {
    assert.equal(pulledFileName('partner-corp'), 'partner-corp.auth0-oidc.json');
    assert.equal(canPull(remote), true);
    assert.equal(canPull({ strategy: 'oidc' }), false);
  });

  it('makes the tenant side and a pulled file compare equal once both are masked', () => {
    const pulled = JSON.parse(pulledConnectionText(remote, enabled)) as Record<string, unknown>;
    const reordered = {
      options: pulled.options,
      enabled_clients: [...enabled].reverse(),
      ...pulled,
      $schema: './schema.json',
    };
    assert.deepEqual(
      JSON.stringify(maskSecrets(comparableConnection(reordered))),
      JSON.stringify(maskSecrets(comparableConnection(pulled))),
    );
    assert.deepEqual(Object.keys(comparableConnection(reordered)).slice(0, 5), [
      'name',
      'strategy',
      'display_name',
      'options',
      'enabled_clients',
    ]);
  });
});
