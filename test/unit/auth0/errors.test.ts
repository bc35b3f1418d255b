import * as assert from 'node:assert/strict';
import { Auth0ApiError, parseMissingScopes, type ErrorContext } from '../../../src/auth0/errors';
import { redactSecrets } from '../../../src/core/secrets';

describe('Auth0ApiError.userMessage', () => {
  const m2m: ErrorContext = {
    tenant: 'rp.example.com',
    clientId: 'M2M_CLIENT_ID',
    credentialKind: 'client-credentials',
  };
  const pasted: ErrorContext = { tenant: 'rp.example.com', credentialKind: 'pasted-token' };
  const request = { method: 'POST', path: '/api/v2/connections', retries: 0 };
  const make = (
    status: number,
    errorCode: string | undefined,
    apiMessage: string | undefined,
    context = m2m,
    retries = 0,
    path = request.path,
  ): Auth0ApiError =>
    new Auth0ApiError({
      status,
      ...(errorCode ? { errorCode } : {}),
      ...(apiMessage ? { apiMessage } : {}),
      request: { ...request, retries, path },
      context,
    });

  const cases: { name: string; error: Auth0ApiError; expect: RegExp[] }[] = [
    {
      name: '401 with client credentials',
      error: make(401, undefined, 'Invalid token'),
      expect: [/credentials for rp\.example\.com are invalid or expired/, /Re-enter/],
    },
    {
      name: '401 with a pasted token',
      error: make(401, undefined, 'Expired token', pasted),
      expect: [/token for rp\.example\.com is invalid or expired/, /Paste a new token/],
    },
    {
      name: '403 insufficient_scope names the scope and where to grant it',
      error: make(403, 'insufficient_scope', 'Insufficient scope, expected any of: create:connections'),
      expect: [
        /lacks the scope create:connections/,
        /grant it to the application M2M_CLIENT_ID under APIs → Auth0 Management API → Machine to Machine Applications in the tenant's dashboard/,
      ],
    },
    {
      name: '403 insufficient_scope with several scopes',
      error: make(
        403,
        'insufficient_scope',
        'Insufficient scope, expected any of: read:connections,read:connections_options',
      ),
      expect: [/one of the scopes read:connections, read:connections_options/],
    },
    {
      name: '403 insufficient_scope with a pasted token',
      error: make(403, 'insufficient_scope', 'Insufficient scope, expected any of: delete:connections', pasted),
      expect: [/token lacks the scope delete:connections/, /issue a Management API token that includes it/],
    },
    {
      name: '404 inexistent_connection',
      error: make(404, 'inexistent_connection', 'The connection does not exist'),
      expect: [/no longer exists on rp\.example\.com/, /Refresh/],
    },
    {
      name: '409 connection_conflict',
      error: make(409, 'connection_conflict', 'A connection with the same name already exists'),
      expect: [/same name already exists on rp\.example\.com/],
    },
    {
      name: '429 after retries',
      error: make(429, 'too_many_requests', 'Global limit has been reached', m2m, 5),
      expect: [/rate limit reached on rp\.example\.com \(still limited after 5 retries\)/, /Wait/],
    },
    {
      name: '400 invalid_body passes Auth0 message through',
      error: make(
        400,
        'invalid_body',
        'Payload validation error: String is too short (0 chars), requires at least 1 on property name',
      ),
      expect: [/Payload validation error: String is too short/, /Correct the connection file/],
    },
    {
      name: '503 after retries',
      error: make(503, undefined, undefined, m2m, 3),
      expect: [/server error \(503\) after 3 retries/],
    },
    {
      name: 'token endpoint 401',
      error: make(401, undefined, 'Unauthorized', m2m, 0, '/oauth/token'),
      expect: [/rejected the client ID or client secret of application M2M_CLIENT_ID/, /Re-enter/],
    },
    {
      name: 'token endpoint 403 "Service not found" (a custom domain entered as the tenant domain) explains canonical vs custom',
      error: make(403, undefined, 'Service not found: https://login.acme.com/api/v2/', m2m, 0, '/oauth/token'),
      expect: [
        /only served at the tenant's canonical domain/,
        /audience https:\/\/CANONICAL\/api\/v2\//,
        /custom domain in its own field/,
      ],
    },
    {
      name: 'token endpoint 403 (no client grant)',
      error: make(403, undefined, 'Client is not authorized to access "https://rp/api/v2/"', m2m, 0, '/oauth/token'),
      expect: [/authorize it under APIs → Auth0 Management API → Machine to Machine Applications/],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      for (const pattern of c.expect) {
        assert.match(c.error.userMessage, pattern);
      }
      assert.match(c.error.message, new RegExp(`→ ${c.error.status}`));
    });
  }

  it('parses the missing scopes', () => {
    assert.deepEqual(parseMissingScopes('Insufficient scope, expected any of: create:connections'), [
      'create:connections',
    ]);
    assert.deepEqual(parseMissingScopes('Insufficient scope, expected any of: read:clients, read:client_keys'), [
      'read:clients',
      'read:client_keys',
    ]);
    assert.deepEqual(parseMissingScopes('Forbidden'), []);
  });

  it('redacts secrets from server texts', () => {
    assert.equal(
      redactSecrets('bad value s3cr3t-value on property s3cr3t-value', ['s3cr3t-value', undefined]),
      'bad value •••• on property ••••',
    );
  });
});
