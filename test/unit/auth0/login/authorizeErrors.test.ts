// The advice a failed test login gives for Auth0's own /authorize error redirects, each written with
// the exact `error` and `error_description` an Auth0 tenant sends (sources beside each case and in
// test/sandbox/README.md, "As strict as Auth0 (login side)").
import * as assert from 'node:assert/strict';
import { LoginRedirectError } from '../../../../src/auth0/login/errors';

const TENANT = 'rp.example.com';

interface DocumentedError {
  /** Where Auth0's wording was read. */
  readonly source: string;
  readonly error: string;
  readonly description: string;
  /** What the advice must say. */
  readonly advice: RegExp;
}

const DOCUMENTED: readonly DocumentedError[] = [
  {
    source: 'auth0/Lock.swift #259: a connection that is not enabled for the application',
    error: 'invalid_request',
    description: 'the connection was disabled',
    advice: /Enable the connection for this application/,
  },
  {
    source: 'auth0/auth0.js #822: connection=NAME that the tenant does not have',
    error: 'invalid_request',
    description: 'the connection was not found',
    advice: /Deploy the connection to this tenant first/,
  },
  {
    source: 'auth0-samples/auth0-vue-samples #185: an application without any enabled connection',
    error: 'invalid_request',
    description: 'no connections enabled for the client',
    advice: /Enable the connection for this application/,
  },
  {
    source: "auth0/auth0-spa-js #51: the application's Authorization Code grant is off",
    error: 'unauthorized_client',
    description: "Grant type 'authorization_code' not allowed for the client.",
    advice: /Authorization Code.*Grant Types/,
  },
];

describe('test login: advice for the /authorize errors Auth0 sends, in its own words', function () {
  for (const documented of DOCUMENTED) {
    it(`${documented.error} "${documented.description}" (${documented.source})`, function () {
      const error = new LoginRedirectError(TENANT, documented.error, documented.description);
      assert.match(error.userMessage, documented.advice);
      // Quoted as the browser passed it, never reworded as the tenant's.
      assert.ok(error.userMessage.includes(JSON.stringify(documented.error)), error.userMessage);
      // None of these is about the connection's credentials or the provider's callback.
      assert.equal(error.refusedConnectionCredentials, false);
      assert.equal(error.blamesCallback, false);
    });
  }

  it('gives no advice for an error it does not know, rather than a wrong one', function () {
    const error = new LoginRedirectError(TENANT, 'server_error', 'something unexpected happened');
    assert.doesNotMatch(error.userMessage, /Enable the connection|Deploy the connection|Grant Types|client secret/);
  });
});
