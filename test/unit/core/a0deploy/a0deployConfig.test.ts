import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { configPathFor, parseA0DeployConfig, replaceKeywords } from '../../../../src/core/a0deploy/a0deployConfig';
import { enabledClientSlotAt, readA0DeployFile } from '../../../../src/core/a0deploy/a0deployFile';

const FIXTURES = path.join(__dirname, '..', '..', '..', 'integration', 'fixtures');

describe("a0deploy's config.json and keywords", () => {
  it('sits at the repository root, beside tenant.yaml or the connections folder', () => {
    assert.equal(configPathFor('/repo/tenant.yaml', 'yaml'), '/repo/config.json');
    assert.equal(configPathFor('/repo/connections/partner.json', 'directory'), '/repo/config.json');
  });

  it('reads the domain and the keyword mappings of the fixture’s config', () => {
    const config = parseA0DeployConfig(
      readFileSync(path.join(FIXTURES, 'a0deploy-directory', 'config.json.example'), 'utf8'),
    );
    assert.equal(config?.domain, '127.0.0.1:PORT');
    assert.deepEqual(config?.mappings['PARTNER_APPS'], ['RP Web App']);
    assert.equal(parseA0DeployConfig('not json'), undefined);
    assert.equal(parseA0DeployConfig('[]'), undefined);
  });

  it('replaces keywords in an entry as a0deploy would, secrets excepted', () => {
    const text = readFileSync(path.join(FIXTURES, 'a0deploy-yaml', 'tenant.yaml'), 'utf8');
    const [, oidc] = readA0DeployFile(text, 'yaml').entries;
    const replaced = replaceKeywords(oidc!.connection, {
      PROVIDER_DOMAIN: '127.0.0.1:4000',
      PARTNER_CLIENT_ID: 'abc123',
      PARTNER_CLIENT_SECRET: 'never-used',
    }) as { options: Record<string, unknown> };
    assert.equal(replaced.options['discovery_url'], 'http://127.0.0.1:4000/.well-known/openid-configuration');
    assert.equal(replaced.options['client_id'], 'abc123');
    assert.equal(replaced.options['client_secret'], '##PARTNER_CLIENT_SECRET##');
    assert.deepEqual(replaceKeywords({ enabled_clients: '@@APPS@@' }, { APPS: ['A', 'B'] }), {
      enabled_clients: ['A', 'B'],
    });
    assert.equal(replaceKeywords('##UNKNOWN##', {}), '##UNKNOWN##');
  });
});

describe('enabled_clients completion slot in tenant.yaml', () => {
  const text = `connections:
  - name: partner
    strategy: auth0-oidc
    enabled_clients:
      - 'RP Web'
      - My App
      - 
    options: {}
  - name: google
    strategy: google-oauth2
    enabled_clients:
      - Other
`;
  it('is the inside of a quoted name, a whole plain name, or a fresh item', () => {
    assert.deepEqual(enabledClientSlotAt(text, text.indexOf('RP Web') + 2), {
      replace: { offset: text.indexOf('RP Web'), length: 'RP Web'.length },
      quoted: true,
    });
    assert.deepEqual(enabledClientSlotAt(text, text.indexOf('My App') + 6), {
      replace: { offset: text.indexOf('My App'), length: 'My App'.length },
      quoted: false,
    });
    const fresh = text.indexOf('- \n') + 2;
    assert.deepEqual(enabledClientSlotAt(text, fresh), { replace: { offset: fresh, length: 0 }, quoted: false });
  });

  it('is nowhere else: not in options, not in another strategy’s entry', () => {
    assert.equal(enabledClientSlotAt(text, text.indexOf('partner')), undefined);
    assert.equal(enabledClientSlotAt(text, text.indexOf('Other') + 1), undefined);
  });
});
