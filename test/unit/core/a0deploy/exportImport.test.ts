import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { replaceKeywords } from '../../../../src/core/a0deploy/a0deployConfig';
import { readA0DeployFile } from '../../../../src/core/a0deploy/a0deployFile';
import {
  fromA0DeployEntry,
  idsToNames,
  keywordLeft,
  namesToIds,
  toA0DeployEntry,
} from '../../../../src/core/a0deploy/exportImport';

const apps = [
  { client_id: 'id-web', name: 'RP Web App' },
  { client_id: 'id-spa', name: 'RP SPA' },
  { client_id: 'id-twin-1', name: 'Twin' },
  { client_id: 'id-twin-2', name: 'Twin' },
  { client_id: 'id-nameless' },
];

describe('a0deploy enabled_clients: names and client ids', () => {
  it('maps names to ids as a0deploy does, an id kept, refusing unknown and shared names', () => {
    assert.deepEqual(namesToIds(['RP Web App', 'id-spa', 'RP Web App'], apps), {
      ids: ['id-web', 'id-spa'],
      unknown: [],
      ambiguous: [],
    });
    assert.deepEqual(namesToIds(['No Such App', 'Twin'], apps), {
      ids: [],
      unknown: ['No Such App'],
      ambiguous: ['Twin'],
    });
  });

  it('maps ids to names, keeping an id whose name is missing or shared', () => {
    assert.deepEqual(idsToNames(['id-web', 'id-gone', 'id-twin-1', 'id-nameless'], apps), {
      names: ['RP Web App', 'id-gone', 'id-twin-1', 'id-nameless'],
      unknown: ['id-gone', 'id-nameless'],
      ambiguous: ['id-twin-1'],
    });
  });
});

describe('export to and import from auth0-deploy-cli', () => {
  const file = {
    $schema: './schema.json',
    name: 'partner',
    strategy: 'auth0-oidc',
    enabled_clients: ['id-web', 'id-spa'],
    options: { domain: 'provider.example', client_id: 'abc', client_secret: '##PARTNER_SECRET##' },
  };

  it('exports names for ids, placeholders kept and the schema left out', () => {
    const { entry } = toA0DeployEntry(file, apps);
    assert.deepEqual(entry, {
      name: 'partner',
      strategy: 'auth0-oidc',
      enabled_clients: ['RP Web App', 'RP SPA'],
      options: { domain: 'provider.example', client_id: 'abc', client_secret: '##PARTNER_SECRET##' },
    });
  });

  it('imports what it exported back to the same ids', () => {
    const { entry } = toA0DeployEntry(file, apps);
    const { body, mapping } = fromA0DeployEntry(entry, apps);
    assert.deepEqual(mapping.unknown, []);
    const { $schema: _schema, ...withoutSchema } = file;
    assert.deepEqual(body, withoutSchema);
  });

  it('leaves a connection without enabled_clients without them', () => {
    const { enabled_clients: _enabled, ...bare } = file;
    assert.equal('enabled_clients' in toA0DeployEntry(bare, apps).entry, false);
    assert.equal('enabled_clients' in fromA0DeployEntry(bare, apps).body, false);
  });
});

describe('keywords left after replacement', () => {
  it('finds one outside the secret options, anywhere in the connection', () => {
    assert.equal(keywordLeft({ options: { client_secret: '##S##', domain: 'x' } }), undefined);
    assert.equal(keywordLeft({ display_name: 'a ##DISPLAY## b', options: {} }), 'DISPLAY');
    assert.equal(keywordLeft({ enabled_clients: ['@@APPS@@'] }), 'APPS');
    assert.equal(keywordLeft({ options: { scope: 'openid' } }), undefined);
  });
});

describe('an entry of the directory fixture, as Deploy reads it', () => {
  it('takes enabled_clients from a bare @@KEY@@ and maps the names it lists', () => {
    const file = path.join(__dirname, '..', '..', '..', 'integration', 'fixtures', 'a0deploy-directory');
    const text = readFileSync(path.join(file, 'connections', 'partner-oidc.json'), 'utf8');
    const [entry] = readA0DeployFile(text, 'directory').entries;
    assert.equal(keywordLeft(entry!.connection), 'PARTNER_APPS', 'unmapped, the keyword is named');
    const replaced = replaceKeywords(entry!.connection, {
      PARTNER_APPS: ['RP Web App'],
      PARTNER_CLIENT_ID: 'abc',
      PROVIDER_DOMAIN: '127.0.0.1:4000',
    }) as Record<string, unknown>;
    assert.equal(keywordLeft(replaced), undefined, 'the secret placeholder is left for secret storage');
    assert.deepEqual(fromA0DeployEntry(replaced, apps).body['enabled_clients'], ['id-web']);
  });
});
