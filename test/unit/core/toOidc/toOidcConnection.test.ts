import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import {
  ConversionError,
  isOidcConnectionFileName,
  oidcConnectionName,
  toOidcConnection,
  type ProviderDiscovery,
} from '../../../../src/core/toOidc/toOidcConnection';
import { OpenApiValidator, type OpenApiDocument } from '../../../sandbox/schema';

const root = join(__dirname, '..', '..', '..', '..');
const schema = JSON.parse(readFileSync(join(root, 'schemas', 'oidc-connection.schema.json'), 'utf8'));
const openApiPath = join(root, '..', 'shared', 'auth0', 'management-api.openapi.json');
const source = {
  name: 'partner',
  strategy: 'auth0-oidc',
  display_name: 'Partner Corp',
  options: {
    client_id: 'abcDEF123',
    client_secret: '##PARTNER_CLIENT_SECRET##',
    domain: 'partner.eu.auth0.com',
    scope: 'profile email',
  },
  enabled_clients: ['rpApp1'],
};

describe('move to an OIDC enterprise connection', () => {
  const ajv = new Ajv({ strict: false, allErrors: true });
  const validate = ajv.compile(schema);

  it('converts the body: strategy, back channel, discovery URL, issuer, placeholder, scope with openid, -oidc name', () => {
    const { body, fileName, secretToStore, providerNotes } = toOidcConnection(source);
    assert.deepEqual(body, {
      name: 'partner-oidc',
      strategy: 'oidc',
      display_name: 'Partner Corp',
      options: {
        type: 'back_channel',
        discovery_url: 'https://partner.eu.auth0.com/.well-known/openid-configuration',
        issuer: 'https://partner.eu.auth0.com/',
        // Not read: Auth0's fixed paths, so the Management API does not refuse the body (#238, #969).
        authorization_endpoint: 'https://partner.eu.auth0.com/authorize',
        token_endpoint: 'https://partner.eu.auth0.com/oauth/token',
        jwks_uri: 'https://partner.eu.auth0.com/.well-known/jwks.json',
        userinfo_endpoint: 'https://partner.eu.auth0.com/userinfo',
        client_id: 'abcDEF123',
        client_secret: '##PARTNER_CLIENT_SECRET##',
        scope: 'openid profile email',
      },
      enabled_clients: ['rpApp1'],
    });
    assert.equal(fileName, 'partner-oidc.oidc-connection.json');
    assert.ok(isOidcConnectionFileName(fileName));
    assert.equal(secretToStore, undefined);
    assert.ok(providerNotes.some((n) => n.includes('/login/callback')));
    assert.ok(providerNotes.some((n) => /legacy user profile/.test(n)));
  });

  describe("the provider endpoints: from the discovery document when it was read, else Auth0's fixed paths", () => {
    const origin = 'https://partner.eu.auth0.com';
    const fixed = {
      authorization_endpoint: `${origin}/authorize`,
      token_endpoint: `${origin}/oauth/token`,
      jwks_uri: `${origin}/.well-known/jwks.json`,
      userinfo_endpoint: `${origin}/userinfo`,
    };
    // A provider whose discovery names other paths on its own origin (as a non-default setup could).
    const read = {
      issuer: `${origin}/`,
      authorization_endpoint: `${origin}/o/authorize`,
      token_endpoint: `${origin}/o/token`,
      jwks_uri: `${origin}/o/jwks`,
      userinfo_endpoint: `${origin}/o/userinfo`,
    };
    const endpointsOf = (o: Record<string, unknown>) => ({
      authorization_endpoint: o.authorization_endpoint,
      token_endpoint: o.token_endpoint,
      jwks_uri: o.jwks_uri,
      userinfo_endpoint: o.userinfo_endpoint,
    });
    const rows: {
      what: string;
      discovery: ProviderDiscovery | undefined;
      endpoints: Record<string, string>;
      source: string;
      note: RegExp;
    }[] = [
      { what: 'not tried', discovery: undefined, endpoints: fixed, source: 'auth0-paths', note: /was not read/ },
      {
        what: 'read',
        discovery: { kind: 'read', document: read },
        endpoints: endpointsOf(read) as Record<string, string>,
        source: 'discovery',
        note: /read from the provider's discovery document https:\/\/partner\.eu\.auth0\.com\/\.well-known/,
      },
      {
        what: 'read, host in capitals and with the default port',
        discovery: {
          kind: 'read',
          document: { ...read, jwks_uri: 'https://PARTNER.eu.auth0.com:443/o/jwks' },
        },
        endpoints: { ...(endpointsOf(read) as Record<string, string>), jwks_uri: `${origin}/o/jwks` },
        source: 'discovery',
        note: /read from/,
      },
      {
        what: 'unavailable',
        discovery: { kind: 'unavailable', reason: 'timed out after 10 s' },
        endpoints: fixed,
        source: 'auth0-paths',
        note: /could not be read \(timed out after 10 s\)/,
      },
      {
        what: 'without jwks_uri',
        discovery: { kind: 'read', document: { ...read, jwks_uri: undefined } },
        endpoints: fixed,
        source: 'auth0-paths',
        note: /has no jwks_uri/,
      },
      {
        what: 'an endpoint on another host (a custom domain): never taken',
        discovery: { kind: 'read', document: { ...read, token_endpoint: 'https://login.partner.example/o/token' } },
        endpoints: fixed,
        source: 'auth0-paths',
        note: /token_endpoint is not on https:\/\/partner\.eu\.auth0\.com/,
      },
      {
        what: 'an endpoint over plain http',
        discovery: { kind: 'read', document: { ...read, authorization_endpoint: `http://partner.eu.auth0.com/o/a` } },
        endpoints: fixed,
        source: 'auth0-paths',
        note: /authorization_endpoint is not on/,
      },
      {
        what: 'not a JSON object',
        discovery: { kind: 'read', document: 'hello' },
        endpoints: fixed,
        source: 'auth0-paths',
        note: /not a JSON object/,
      },
    ];
    for (const row of rows) {
      it(row.what, () => {
        const conversion = toOidcConnection(source, row.discovery ? { discovery: row.discovery } : {});
        assert.deepEqual(endpointsOf(conversion.body.options), row.endpoints);
        assert.equal(conversion.endpointsSource, row.source);
        assert.match(conversion.endpointsNote, row.note);
        for (const url of Object.values(endpointsOf(conversion.body.options)))
          assert.equal(new URL(url as string).origin, origin, 'every URL stays on the provider host');
      });
    }

    it('on a loopback provider (the sandbox): plain http on the same origin', () => {
      const local = toOidcConnection({ ...source, options: { ...source.options, domain: '127.0.0.1:4711' } });
      assert.equal(local.body.options.jwks_uri, 'http://127.0.0.1:4711/.well-known/jwks.json');
      assert.equal(local.providerHost, '127.0.0.1:4711');
    });
  });

  it('never copies a literal secret: a new placeholder, and the value to store', () => {
    const { body, secretToStore } = toOidcConnection({
      ...source,
      options: { ...source.options, client_secret: 'literal-secret-value' },
    });
    assert.equal(body.options.client_secret, '##PARTNER_OIDC_CLIENT_SECRET##');
    assert.deepEqual(secretToStore, { key: 'PARTNER_OIDC_CLIENT_SECRET', value: 'literal-secret-value' });
    assert.ok(!JSON.stringify(body).includes('literal-secret-value'));
  });

  it('uses https for the discovery URL and issuer (the API requires it), a bare host from a URL, and the default scope', () => {
    const { body } = toOidcConnection({
      name: 'x',
      strategy: 'auth0-oidc',
      options: { client_id: 'c', client_secret: '##X##', domain: 'partner.eu.auth0.com:8443' },
    });
    assert.equal(body.options.discovery_url, 'https://partner.eu.auth0.com:8443/.well-known/openid-configuration');
    assert.equal(body.options.scope, 'openid profile email');
    assert.equal(
      toOidcConnection({ ...source, options: { ...source.options, domain: 'https://Partner.eu.auth0.com/' } }).body
        .options.issuer,
      'https://partner.eu.auth0.com/',
    );
  });

  it('uses http for a provider on loopback (the sandbox serves no https), as tenant URLs do', () => {
    for (const domain of ['127.0.0.1:4711', 'localhost:4711', 'http://127.0.0.1:4711/']) {
      const { body } = toOidcConnection({ name: 'x', options: { client_id: 'c', client_secret: '##X##', domain } });
      assert.equal(
        body.options.discovery_url,
        'http://' + domain.replace(/^http:\/\/|\/$/g, '') + '/.well-known/openid-configuration',
      );
      assert.equal(body.options.issuer, 'http://' + domain.replace(/^http:\/\/|\/$/g, '') + '/');
    }
  });

  it("names the RP's actual callback in the provider notes when the RP is known", () => {
    const known = toOidcConnection(source, { rpOrigin: 'https://rp.eu.auth0.com' }).providerNotes.join('\n');
    assert.match(known, /keep https:\/\/rp\.eu\.auth0\.com\/login\/callback in its Allowed Callback URLs/);
    assert.ok(!known.includes('RP_DOMAIN'));
    const sandbox = toOidcConnection(source, { rpOrigin: 'http://127.0.0.1:5000' }).providerNotes.join('\n');
    assert.match(sandbox, /keep http:\/\/127\.0\.0\.1:5000\/login\/callback in/);
    assert.match(toOidcConnection(source).providerNotes.join('\n'), /https:\/\/RP_DOMAIN\/login\/callback/);
  });

  it('keeps names within 128 characters and does not double the suffix', () => {
    assert.equal(oidcConnectionName('a'.repeat(128)).length, 128);
    assert.ok(oidcConnectionName('a'.repeat(128)).endsWith('-oidc'));
    assert.equal(oidcConnectionName('x-oidc'), 'x-oidc');
  });

  it('says what is missing instead of converting garbage', () => {
    assert.throws(() => toOidcConnection([]), ConversionError);
    assert.throws(() => toOidcConnection({ name: 'x', options: { domain: 'a.b' } }), /client_id/);
    assert.throws(() => toOidcConnection({ name: 'x', options: { client_id: 'c' } }), /domain/);
    assert.throws(() => toOidcConnection({ options: {} }), /name/);
  });

  it('the converted body is valid against the shipped schema; mistakes are not', () => {
    const { body } = toOidcConnection(source);
    assert.ok(validate(body), JSON.stringify(validate.errors));
    assert.ok(!validate({ ...body, strategy: 'auth0-oidc' }));
    assert.ok(
      !validate({
        ...body,
        options: { ...body.options, discovery_url: 'http://partner.eu.auth0.com/.well-known/openid-configuration' },
      }),
    );
    assert.ok(
      !validate({
        ...body,
        options: { ...body.options, discovery_url: 'http://127.0.0.1.evil.example/.well-known/openid-configuration' },
      }),
    );
    const sandbox = toOidcConnection({ ...source, options: { ...source.options, domain: '127.0.0.1:4711' } }).body;
    assert.ok(validate(sandbox), `a loopback provider's http URLs: ${JSON.stringify(validate.errors)}`);
    assert.ok(!validate({ ...body, options: { ...body.options, type: 'sideways' } }));
    assert.ok(!validate({ ...body, extra: 1 }));
    const { discovery_url: _omit, ...noDiscovery } = body.options;
    assert.ok(!validate({ ...body, options: noDiscovery }));
  });

  it("the converted body (without $schema) is a valid CreateConnectionRequestContentOIDC in Auth0's OpenAPI document", function () {
    if (!existsSync(openApiPath)) {
      // ../shared is beside the repository in CI and on developer machines; without it, say so.
      console.warn(
        `      SKIPPED: ${openApiPath} is missing, so this test cannot compare with Auth0's Management API schema.`,
      );
      this.skip();
    }
    const api = JSON.parse(readFileSync(openApiPath, 'utf8'));
    const full = new OpenApiValidator(api as OpenApiDocument);
    const { body } = toOidcConnection(source);
    // The POST operation's own schema (generic options) ...
    assert.equal(full.validateBody('/connections', 'post', body), undefined);
    // ... the oidc strategy's options schema ...
    const options = full.schema('ConnectionOptionsOIDC');
    assert.ok(options(body.options), JSON.stringify(options.errors));
    assert.ok(
      !options({ ...body.options, discovery_url: 'http://partner.eu.auth0.com/.well-known/openid-configuration' }),
      'the options schema does judge URLs',
    );
    assert.ok(!options({ ...body.options, type: 'sideways' }));
    // ... and the top-level keys CreateConnectionRequestContentOIDC allows (its allOf parts, flattened as Auth0 reads
    // them).
    const schemas = api.components.schemas;
    const parts = schemas.CreateConnectionRequestContentOIDC.allOf;
    const allowed = new Set<string>([
      ...Object.keys(parts[0].properties),
      ...Object.keys(schemas.CreateConnectionCommon.allOf[1].properties),
      ...Object.keys(schemas.ConnectionCommon.properties),
    ]);
    for (const key of Object.keys(body))
      assert.ok(allowed.has(key), `${key} is a property of CreateConnectionRequestContentOIDC`);
    assert.equal(parts[0].properties.strategy.const, body.strategy);
    assert.ok(schemas.ConnectionTypeEnumOIDC.enum.includes(body.options.type));
  });
});
