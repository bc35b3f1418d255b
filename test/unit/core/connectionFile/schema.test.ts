import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { API_TOP_LEVEL_PROPERTIES } from '../../../../src/core/connectionFile/connectionModel';
import { validateConnectionText } from '../../../../src/core/connectionFile/validate';
import { validConnection, withChange } from './fixtures';

const root = join(__dirname, '..', '..', '..', '..');
const schema = JSON.parse(readFileSync(join(root, 'schemas', 'auth0-oidc-connection.schema.json'), 'utf8'));
const openApiPath = join(root, '..', 'shared', 'auth0', 'management-api.openapi.json');

describe('the shipped JSON schema', () => {
  it('allows the same top-level properties as the core (plus $schema)', () => {
    assert.deepEqual(
      Object.keys(schema.properties)
        .filter((k) => k !== '$schema')
        .sort(),
      [...API_TOP_LEVEL_PROPERTIES].sort(),
    );
  });

  it("matches CreateConnectionRequestContent in Auth0's OpenAPI document", function () {
    if (!existsSync(openApiPath)) {
      // ../shared is beside the repository in CI and on developer machines; without it, say so.
      console.warn(
        `      SKIPPED: ${openApiPath} is missing, so this test cannot compare with Auth0's Management API schema.`,
      );
      this.skip();
    }
    const api = JSON.parse(readFileSync(openApiPath, 'utf8'));
    const create = api.components.schemas.CreateConnectionRequestContent;
    assert.equal(create.additionalProperties, false);
    assert.deepEqual(Object.keys(create.properties).sort(), [...API_TOP_LEVEL_PROPERTIES].sort());
    // The first alternative is the API's; the second lets a `##KEY##` keyword through (environments).
    assert.equal(schema.properties.name.anyOf[0].pattern, api.components.schemas.ConnectionName.pattern);
    assert.equal(schema.properties.name.maxLength, api.components.schemas.ConnectionName.maxLength);
  });

  it('describes every field in markdown', () => {
    const fields = [...Object.values(schema.properties), ...Object.values(schema.properties.options.properties)] as {
      markdownDescription?: string;
    }[];
    for (const field of fields) assert.ok((field.markdownDescription ?? '').length > 20);
  });

  describe('agrees with the core on what is an error', () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    const validate = ajv.compile(schema);
    const documents: [string, string][] = [
      ['a valid file', JSON.stringify(validConnection)],
      ['no name', withChange((b) => delete b.name)],
      ['no options', withChange((b) => delete b.options)],
      ['no client_secret', withChange((b) => delete b.options.client_secret)],
      ['a bad name', withChange((b) => (b.name = 'a b'))],
      ['a long name', withChange((b) => (b.name = 'a'.repeat(129)))],
      ['another strategy', withChange((b) => (b.strategy = 'oidc'))],
      ['an unknown property', withChange((b) => (b.extra = true))],
      ['a numeric scope', withChange((b) => (b.options.scope = 3))],
      ['a string flag', withChange((b) => (b.is_domain_connection = 'true'))],
      [
        'eleven metadata keys',
        withChange((b) => (b.metadata = Object.fromEntries([...Array(11).keys()].map((i) => [`k${i}`, 'v'])))),
      ],
      ['metadata with null', withChange((b) => (b.metadata = { a: null }))],
      ['realms', withChange((b) => (b.realms = ['partner']))],
      ['authentication extra key', withChange((b) => (b.authentication = { active: true, other: 1 }))],
      ['connected accounts', withChange((b) => (b.connected_accounts = { active: false, cross_app_access: true }))],
      ['an array', '[]'],
    ];
    for (const [title, text] of documents) {
      it(title, () => {
        const schemaValid = validate(JSON.parse(text));
        const coreErrors = validateConnectionText(text).filter((d) => d.severity === 'error');
        assert.equal(
          coreErrors.length === 0,
          schemaValid,
          `schema says ${String(schemaValid)}, core says ${JSON.stringify(coreErrors.map((d) => d.code))}`,
        );
      });
    }
  });
});
