import assert from 'node:assert/strict';
import {
  enabledApplications,
  entriesReveal,
  optionEntries,
  sortApplications,
  toApplicationSummary,
  type OptionEntry,
} from '../../../../src/core/tree/connectionDetails';
import { SECRET_MASK } from '../../../../src/core/secrets';

const SECRET = 'provider-app-secret-0123456789';

function flatten(entries: readonly OptionEntry[]): OptionEntry[] {
  return entries.flatMap((e) => [e, ...flatten(e.children ?? [])]);
}

describe('connection details for the tree', () => {
  const options = {
    scope: 'openid profile email',
    client_secret: SECRET,
    zeta: true,
    domain: 'partner.eu.auth0.com',
    client_id: 'aB3dE5fG7hJ9kL1m',
    upstream_params: { screen_hint: { value: 'signup' }, token_hint: { alias: 'x' } },
    non_persistent_attrs: ['ethnicity', 'gender'],
    signing_keys: [{ kid: 'k1', private_key: SECRET }],
  };

  it('lists the well-known options first, the rest alphabetically', () => {
    assert.deepEqual(
      optionEntries(options).map((e) => e.key),
      [
        'domain',
        'client_id',
        'client_secret',
        'scope',
        'non_persistent_attrs',
        'signing_keys',
        'upstream_params',
        'zeta',
      ],
    );
  });

  it('masks the secret and never shows it at any depth', () => {
    const entries = optionEntries(options);
    const secret = entries.find((e) => e.key === 'client_secret')!;
    assert.equal(secret.display, SECRET_MASK);
    assert.equal(secret.secret, true);
    assert.equal(entriesReveal(entries, SECRET), false);
    for (const e of flatten(entries)) assert.ok(!e.display.includes(SECRET), e.path);
  });

  it('masks secret-looking keys whatever their value type, and shows an empty one as empty', () => {
    const entries = optionEntries({ client_secret: { nested: SECRET }, token: 42, password: '' });
    assert.deepEqual(
      entries.map((e) => [e.key, e.display, e.children]),
      [
        ['client_secret', SECRET_MASK, undefined],
        ['password', '""', undefined],
        ['token', SECRET_MASK, undefined],
      ],
    );
  });

  it('nests objects, joins arrays of scalars, and numbers arrays of objects', () => {
    const entries = optionEntries(options);
    const upstream = entries.find((e) => e.key === 'upstream_params')!;
    assert.deepEqual(
      upstream.children!.map((c) => c.path),
      ['options.upstream_params.screen_hint', 'options.upstream_params.token_hint'],
    );
    assert.equal(upstream.children![0]!.children![0]!.display, 'signup');
    assert.equal(entries.find((e) => e.key === 'non_persistent_attrs')!.display, 'ethnicity, gender');
    const keys = entries.find((e) => e.key === 'signing_keys')!;
    assert.equal(keys.display, '[1]');
    assert.deepEqual(
      keys.children!.map((c) => c.path),
      ['options.signing_keys[0]'],
    );
  });

  it('gives unique paths (they become node ids)', () => {
    const paths = flatten(optionEntries(options)).map((e) => e.path);
    assert.equal(new Set(paths).size, paths.length);
  });

  it('shows null, numbers and booleans as text and truncates very long values', () => {
    const entries = optionEntries({ a: null, b: 3, c: false, d: 'x'.repeat(500) });
    assert.deepEqual(
      entries.slice(0, 3).map((e) => e.display),
      ['null', '3', 'false'],
    );
    assert.ok(entries[3]!.display.length <= 120 && entries[3]!.display.endsWith('…'));
  });

  it('has no entries for absent options', () => {
    assert.deepEqual(optionEntries(undefined), []);
  });

  it('names enabled applications from the tenant, named first, and keeps ids it cannot name', () => {
    const known = new Map([
      ['id-web', { clientId: 'id-web', name: 'Web', appType: 'regular_web' }],
      ['id-api', { clientId: 'id-api', name: 'API', appType: 'non_interactive' }],
    ]);
    assert.deepEqual(enabledApplications(['id-zzz', 'id-web', 'id-api', 'id-web'], known), [
      { clientId: 'id-api', name: 'API', appType: 'non_interactive' },
      { clientId: 'id-web', name: 'Web', appType: 'regular_web' },
      { clientId: 'id-zzz' },
    ]);
    assert.deepEqual(enabledApplications(['b', 'a'], undefined), [{ clientId: 'a' }, { clientId: 'b' }]);
  });

  it('summarises Management API clients and sorts them by name', () => {
    const apps = [
      { client_id: '2', name: 'b', app_type: 'spa' },
      { client_id: '1', name: '' },
      { client_id: '3', name: 'a', secret: 'x' },
    ].map(toApplicationSummary);
    assert.deepEqual(sortApplications(apps), [
      { clientId: '3', name: 'a' },
      { clientId: '2', name: 'b', appType: 'spa' },
      { clientId: '1' },
    ]);
  });
});
