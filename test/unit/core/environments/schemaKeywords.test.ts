// The shipped connection schemas stay quiet on auth0-deploy-cli keywords (issue 25 part 1): the
// JSON language service validates the file as written, before any environment fills it, so a
// `##KEY##` inside a patterned string and a whole `"@@KEY@@"` where a list or object goes are
// allowed. The extension's own diagnostics check each environment's resolved values.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getLanguageService, type JSONSchema } from 'vscode-json-languageservice';
import { TextDocument } from 'vscode-languageserver-textdocument';

const root = join(__dirname, '..', '..', '..', '..');

async function schemaDiagnostics(schemaFile: string, text: string): Promise<string[]> {
  const schema = JSON.parse(readFileSync(join(root, 'schemas', schemaFile), 'utf8')) as JSONSchema;
  const service = getLanguageService({});
  service.configure({
    validate: true,
    allowComments: false,
    schemas: [{ uri: 'https://example.invalid/schema.json', fileMatch: ['*.json'], schema }],
  });
  const document = TextDocument.create('file:///w/partner.auth0-oidc.json', 'json', 1, text);
  const diagnostics = await service.doValidation(document, service.parseJSONDocument(document), {
    schemaValidation: 'error',
  });
  return diagnostics.map((d) => {
    const message = typeof d.message === 'string' ? d.message : d.message.value;
    return `${text.slice(document.offsetAt(d.range.start), document.offsetAt(d.range.end))}: ${message}`;
  });
}

const auth0Oidc = {
  name: 'partner-##ENV##',
  strategy: 'auth0-oidc',
  options: {
    client_id: '##PROVIDER_CLIENT_ID##',
    client_secret: '##PARTNER_CLIENT_SECRET##',
    domain: '##PROVIDER_DOMAIN##',
    scope: 'openid ##EXTRA_SCOPES##',
  },
  enabled_clients: '@@RP_APPS@@',
};

const oidc = {
  name: 'partner-oidc-##ENV##',
  strategy: 'oidc',
  display_name: '##DISPLAY##',
  options: {
    type: 'back_channel',
    client_id: '##PROVIDER_CLIENT_ID##',
    client_secret: '##PARTNER_CLIENT_SECRET##',
    issuer: 'https://##PROVIDER_DOMAIN##/',
    discovery_url: 'https://##PROVIDER_DOMAIN##/.well-known/openid-configuration',
    authorization_endpoint: 'https://##PROVIDER_DOMAIN##/authorize',
    token_endpoint: 'https://##PROVIDER_DOMAIN##/oauth/token',
    jwks_uri: 'https://##PROVIDER_DOMAIN##/.well-known/jwks.json',
    scope: 'openid profile',
  },
  enabled_clients: '@@RP_APPS@@',
};

describe('the connection schemas and environment keywords', () => {
  it('accept ##KEY## inside strings and a whole "@@KEY@@" value in an auth0-oidc file', async () => {
    assert.deepEqual(await schemaDiagnostics('auth0-oidc-connection.schema.json', JSON.stringify(auth0Oidc)), []);
  });

  it('accept them in an oidc file', async () => {
    assert.deepEqual(await schemaDiagnostics('oidc-connection.schema.json', JSON.stringify(oidc)), []);
  });

  it('still refuse a wrong name and a non-keyword string where a list goes', async () => {
    const wrong = { ...auth0Oidc, name: 'partner_x', enabled_clients: 'RP_APPS' };
    const found = await schemaDiagnostics('auth0-oidc-connection.schema.json', JSON.stringify(wrong));
    assert.ok(
      found.some((d) => d.startsWith('"partner_x"')),
      found.join('\n'),
    );
    assert.ok(
      found.some((d) => d.startsWith('"RP_APPS"')),
      found.join('\n'),
    );
  });
});
