import assert from 'node:assert/strict';
import { readConnectionFile, summarizeErrors } from '../../../../src/core/connectionFile/readConnectionFile';
import { validateConnectionText } from '../../../../src/core/connectionFile/validate';

const valid = {
  $schema: './schemas/auth0-oidc-connection.schema.json',
  name: 'partner',
  strategy: 'auth0-oidc',
  display_name: 'Partner',
  options: {
    client_id: 'aB3dE5fG7hJ9kL1m',
    client_secret: '##PARTNER_CLIENT_SECRET##',
    domain: 'partner.eu.auth0.com',
    scope: 'openid profile email',
    custom_option: { nested: [1, 'two'] },
  },
  enabled_clients: ['rpWebApp000000000000000000000000'],
  is_domain_connection: false,
  show_as_button: true,
  metadata: { team: 'identity' },
};
const text = (body: unknown): string => JSON.stringify(body, undefined, 2);

describe('readConnectionFile: one reading of a connection file', () => {
  it('gives the typed connection of a file without errors, as JSON.parse reads it', () => {
    const source = text(valid);
    const reading = readConnectionFile(source, '/ws/partner.auth0-oidc.json');
    assert.equal(reading.kind, 'valid');
    if (reading.kind !== 'valid') return;
    const { connection } = reading;
    assert.deepEqual(connection, JSON.parse(source));
    assert.equal(connection.name, 'partner');
    assert.equal(connection.strategy, 'auth0-oidc');
    assert.equal(connection.display_name, 'Partner');
    assert.equal(connection.options.client_id, 'aB3dE5fG7hJ9kL1m');
    assert.equal(connection.options.client_secret, '##PARTNER_CLIENT_SECRET##');
    assert.equal(connection.options.domain, 'partner.eu.auth0.com');
    assert.equal(connection.options.scope, 'openid profile email');
    assert.deepEqual(connection.options.custom_option, { nested: [1, 'two'] }, 'further options are kept');
    assert.deepEqual(connection.enabled_clients, ['rpWebApp000000000000000000000000']);
    assert.equal(connection.show_as_button, true);
    assert.deepEqual(connection.metadata, { team: 'identity' });
    assert.deepEqual(Object.keys(connection), Object.keys(valid), 'the order of the file is kept');
    assert.equal(reading.object, connection);
    assert.equal(reading.isJson, true);
  });

  it("keeps the validator's warnings and notes beside a valid connection", () => {
    const source = text({ ...valid, options: { ...valid.options, client_secret: 'literal-secret', scope: 'profile' } });
    const reading = readConnectionFile(source, '/ws/partner.auth0-oidc.json');
    assert.equal(reading.kind, 'valid');
    assert.deepEqual(reading.diagnostics, validateConnectionText(source, { fileName: '/ws/partner.auth0-oidc.json' }));
    assert.deepEqual(
      reading.diagnostics.map((d) => d.code),
      ['strategy-deprecated', 'client-secret-literal', 'scope-missing-openid', 'enabled-clients-endpoint'],
    );
  });

  it('gives the errors, and only the errors, of a file that breaks the rules', () => {
    const source = text({ ...valid, name: 'bad name', options: { ...valid.options, scope: 'profile' } });
    const reading = readConnectionFile(source);
    assert.equal(reading.kind, 'errors');
    if (reading.kind !== 'errors') return;
    assert.deepEqual(
      reading.errors,
      validateConnectionText(source).filter((d) => d.severity === 'error'),
    );
    assert.deepEqual(
      reading.errors.map((d) => d.code),
      ['name-invalid'],
    );
    assert.ok(
      reading.diagnostics.some((d) => d.code === 'scope-missing-openid'),
      'the warnings are there too',
    );
    assert.equal(reading.isJson, true);
    assert.equal(reading.object?.name, 'bad name', 'the object is still readable for the commands that take it');
    assert.deepEqual(summarizeErrors(reading.errors), {
      count: 1,
      firstLine: 3,
      firstMessage: reading.errors[0].message,
    });
  });

  it('checks the strategy the file name asks for', () => {
    const source = text(valid);
    assert.equal(readConnectionFile(source).kind, 'valid');
    const reading = readConnectionFile(source, '/ws/partner.oidc-connection.json');
    assert.equal(reading.kind, 'errors');
    assert.ok(reading.kind === 'errors' && reading.errors.some((d) => d.code === 'strategy-invalid'));
  });

  it('refuses a file with a repeated key, whose object holds the last value as JSON.parse does', () => {
    const source =
      '{"name": "first", "strategy": "auth0-oidc", "name": "partner", "options": ' + text(valid.options) + '}';
    const reading = readConnectionFile(source);
    assert.equal(reading.kind, 'errors');
    if (reading.kind !== 'errors') return;
    assert.deepEqual(
      reading.errors.map((d) => d.code),
      ['duplicate-key'],
    );
    assert.equal(reading.isJson, true);
    assert.deepEqual(reading.object, JSON.parse(source));
    assert.equal(reading.object?.name, 'partner');
  });

  it('refuses broken JSON, and still recovers what it can of the object', () => {
    const source = '{\n  "name": "partner",\n  "strategy": "auth0-oidc",\n  "options": { "domain": "p.example", },\n}';
    const reading = readConnectionFile(source);
    assert.equal(reading.kind, 'errors');
    if (reading.kind !== 'errors') return;
    assert.ok(reading.errors.some((d) => d.code === 'json-syntax'));
    assert.equal(reading.isJson, false);
    assert.equal(reading.object?.name, 'partner');
    assert.deepEqual(reading.object?.options, { domain: 'p.example' });
    assert.equal(Object.getPrototypeOf(reading.object), Object.prototype, 'a plain object, as JSON.parse makes');
    assert.equal(summarizeErrors(reading.errors).firstLine, 4);
  });

  it('keeps "__proto__" an own property of a recovered object, as JSON.parse does', () => {
    const reading = readConnectionFile('{ "__proto__": { "polluted": true }, "name": "x", }');
    assert.equal(reading.kind, 'errors');
    assert.equal(reading.isJson, false);
    const object = reading.object;
    assert.ok(object && Object.hasOwn(object, '__proto__'));
    assert.equal(Object.getPrototypeOf(object), Object.prototype);
    assert.equal((object as { polluted?: unknown }).polluted, undefined);
  });

  it('has no object for empty text, text that is not an object, or nesting too deep to read', () => {
    for (const source of ['', '  \n', '[1, 2]', '"partner"', 'null', '['.repeat(100_000)]) {
      const reading = readConnectionFile(source);
      assert.equal(reading.kind, 'errors', JSON.stringify(source.slice(0, 20)));
      assert.equal(reading.object, undefined, JSON.stringify(source.slice(0, 20)));
    }
    assert.equal(readConnectionFile('[1, 2]').isJson, true);
    assert.equal(readConnectionFile('').isJson, false);
  });
});
