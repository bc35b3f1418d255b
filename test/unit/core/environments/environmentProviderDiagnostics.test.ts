// Provider check results per environment (issue 25.1): each environment's check is shown on the
// file as written, on the keyword that put its provider or client id there, naming it.
import assert from 'node:assert/strict';
import { environmentProviderDiagnostics } from '../../../../src/core/environments/environmentProviderDiagnostics';
import { checkProvider, providerDiagnostics } from '../../../../src/core/providerCheck/providerCheck';

const text = JSON.stringify(
  {
    name: 'partner-##ENV##',
    strategy: 'auth0-oidc',
    options: {
      client_id: '##PROVIDER_CLIENT_ID##',
      client_secret: '##PARTNER_CLIENT_SECRET##',
      domain: 'partner.eu.auth0.com',
    },
  },
  undefined,
  2,
);

const environment = (name: string, clientId: string) => ({
  name,
  values: { ENV: name, PROVIDER_CLIENT_ID: clientId },
});

/** A check of `clientId` whose application lacks the RP's callback. */
const failingCallback = (clientId: string) =>
  checkProvider({
    strategy: 'auth0-oidc',
    providerDomain: 'partner.eu.auth0.com',
    clientId,
    rpDomains: ['rp.eu.auth0.com'],
    client: { client_id: clientId, app_type: 'regular_web', callbacks: [], oidc_conformant: false },
    settings: { flags: { enable_legacy_profile: true } },
  });

describe('environmentProviderDiagnostics (src/core/environments/environmentProviderDiagnostics.ts)', () => {
  it("shows each environment's failing check on the keyword, naming the environment", () => {
    // As written, the file names no client id a check could be about.
    assert.deepEqual(providerDiagnostics(text, failingCallback('devApp000')), []);
    const diagnostics = environmentProviderDiagnostics(text, [
      { environment: environment('dev', 'devApp000'), report: failingCallback('devApp000') },
    ]);
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['provider-callback-missing'],
    );
    const [callback] = diagnostics;
    assert.match(callback!.message, /^dev: Provider check: /);
    assert.equal(
      text.slice(callback!.span.offset, callback!.span.offset + callback!.span.length),
      '"##PROVIDER_CLIENT_ID##"',
    );
    const line = text.split('\n').findIndex((l) => l.includes('##PROVIDER_CLIENT_ID##'));
    assert.equal(callback!.range.start.line, line);
  });

  it('keeps a check to its environment: a check of dev says nothing about prod, which names another app', () => {
    const diagnostics = environmentProviderDiagnostics(text, [
      // prod's check was of dev's application (the file said so then): stale for prod now.
      { environment: environment('prod', 'prodApp000'), report: failingCallback('devApp000') },
    ]);
    assert.deepEqual(diagnostics, []);
  });

  it('names every environment with the same finding in the same place once', () => {
    const diagnostics = environmentProviderDiagnostics(text, [
      { environment: environment('dev', 'sharedApp00'), report: failingCallback('sharedApp00') },
      { environment: environment('prod', 'sharedApp00'), report: failingCallback('sharedApp00') },
    ]);
    assert.equal(diagnostics.length, 1);
    assert.match(diagnostics[0]!.message, /^dev, prod: Provider check: /);
  });
});
