import assert from 'node:assert/strict';
import { readA0DeployFile } from '../../../../src/core/a0deploy/a0deployFile';
import { clientSecretEdits, entrySecretOf } from '../../../../src/core/a0deploy/a0deployFixes';
import { applyTextEdits } from '../../../../src/core/connectionFile/quickFixes';

const yaml = (secretLine: string) => `connections:
  - name: partner
    strategy: auth0-oidc
    options:
      client_id: '##PARTNER_CLIENT_ID##'
${secretLine}      domain: '##PROVIDER_DOMAIN##'
`;

describe('the store-secret fix of an a0deploy entry', () => {
  const entryOf = (text: string, format: 'yaml' | 'directory') => readA0DeployFile(text, format).entries[0]!;

  it('knows a missing, a placeholder, a literal and any other client_secret', () => {
    assert.deepEqual(entrySecretOf(entryOf(yaml(''), 'yaml')), { kind: 'missing' });
    assert.deepEqual(entrySecretOf(entryOf(yaml("      client_secret: '##PARTNER_SECRET##'\n"), 'yaml')), {
      kind: 'placeholder',
      key: 'PARTNER_SECRET',
    });
    assert.deepEqual(entrySecretOf(entryOf(yaml('      client_secret: s3cr3t-Value\n'), 'yaml')), {
      kind: 'literal',
      value: 's3cr3t-Value',
    });
    // An a0deploy keyword secret storage cannot fill, and a non-string: no fix guesses.
    assert.deepEqual(entrySecretOf(entryOf(yaml("      client_secret: '##partner-secret##'\n"), 'yaml')), {
      kind: 'other',
    });
    assert.deepEqual(entrySecretOf(entryOf(yaml('      client_secret: 12\n'), 'yaml')), { kind: 'other' });
  });

  it('adds the placeholder to a YAML entry’s options on a line of its own, quoted', () => {
    const text = yaml('');
    const fixed = applyTextEdits(
      text,
      clientSecretEdits(text, 'yaml', entryOf(text, 'yaml'), '##PARTNER_CLIENT_SECRET##'),
    );
    assert.equal(
      fixed,
      yaml("      client_secret: '##PARTNER_CLIENT_SECRET##'\n").replace(
        "      client_id: '##PARTNER_CLIENT_ID##'\n      client_secret: '##PARTNER_CLIENT_SECRET##'\n",
        "      client_secret: '##PARTNER_CLIENT_SECRET##'\n      client_id: '##PARTNER_CLIENT_ID##'\n",
      ),
    );
    assert.deepEqual(entrySecretOf(entryOf(fixed, 'yaml')), { kind: 'placeholder', key: 'PARTNER_CLIENT_SECRET' });
  });

  it('replaces a literal YAML secret, quoting it (unquoted, ## would start a comment)', () => {
    const text = yaml('      client_secret: s3cr3t-Value\n');
    const fixed = applyTextEdits(text, clientSecretEdits(text, 'yaml', entryOf(text, 'yaml'), '##P_CLIENT_SECRET##'));
    assert.match(fixed, /\n {6}client_secret: "##P_CLIENT_SECRET##"\n/);
    assert.deepEqual(entrySecretOf(entryOf(fixed, 'yaml')), { kind: 'placeholder', key: 'P_CLIENT_SECRET' });
  });

  it('adds or replaces it in connections/NAME.json, a bare @@KEY@@ kept', () => {
    const text = `{
  "name": "partner",
  "strategy": "auth0-oidc",
  "enabled_clients": @@PARTNER_APPS@@,
  "options": {
    "client_id": "##PARTNER_CLIENT_ID##",
    "domain": "##PROVIDER_DOMAIN##"
  }
}
`;
    const added = applyTextEdits(
      text,
      clientSecretEdits(text, 'directory', entryOf(text, 'directory'), '##P_SECRET##'),
    );
    assert.match(added, /"enabled_clients": @@PARTNER_APPS@@,/);
    assert.deepEqual(entrySecretOf(entryOf(added, 'directory')), { kind: 'placeholder', key: 'P_SECRET' });
    const literal = text.replace('"domain"', '"client_secret": "s3cr3t",\n    "domain"');
    const replaced = applyTextEdits(
      literal,
      clientSecretEdits(literal, 'directory', entryOf(literal, 'directory'), '##P_SECRET##'),
    );
    assert.equal(replaced, literal.replace('"s3cr3t"', '"##P_SECRET##"'));
  });

  it('leaves options it cannot edit alone: a flow-style map', () => {
    const text =
      'connections:\n  - name: p\n    strategy: auth0-oidc\n    options: { client_id: x, domain: d.example }\n';
    assert.deepEqual(clientSecretEdits(text, 'yaml', entryOf(text, 'yaml'), '##P##'), []);
  });
});
