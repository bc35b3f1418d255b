// A keyword file judged as one environment resolves it: what the Connection Files view and the
// status bar show per environment (issue 25.1), instead of the file's placeholder errors.
import assert from 'node:assert/strict';
import { environmentLocalFileState } from '../../../../src/core/environments/environmentFileState';
import { localFileState } from '../../../../src/core/deploy/fileState';
import { auth0OidcKeywordConnectionText } from '../../../fixtures/keywordConnections';

const text = auth0OidcKeywordConnectionText();

const dev = {
  name: 'dev',
  providerTenant: 'partner-dev.eu.auth0.com',
  values: { ENV: 'dev', PROVIDER_DOMAIN: 'partner-dev.eu.auth0.com', RP_APPS: ['devApp1'] },
};

describe('environmentLocalFileState (src/core/environments/environmentFileState.ts)', () => {
  it('reads the file as the environment resolves it: valid, with its values, the secret placeholder kept', () => {
    assert.equal(localFileState(text).kind, 'errors', 'as written, the keywords are errors');
    const state = environmentLocalFileState(text, dev, 'partner.auth0-oidc.json');
    assert.equal(state.kind, 'valid');
    assert.equal(state.kind === 'valid' && state.body.name, 'partner-dev');
    assert.deepEqual(state.kind === 'valid' && state.body.enabled_clients, ['devApp1']);
    assert.equal(state.kind === 'valid' && state.body.options.client_secret, '##PARTNER_CLIENT_SECRET##');
  });

  it("names the environment and the keyword's line when a key has no value there", () => {
    const state = environmentLocalFileState(
      text,
      { ...dev, name: 'prod', values: { ENV: 'prod', RP_APPS: [] } },
      'partner.auth0-oidc.json',
    );
    assert.equal(state.kind, 'errors');
    if (state.kind !== 'errors') return;
    assert.equal(state.count, 1);
    assert.match(state.firstMessage, /^prod: ##PROVIDER_DOMAIN## has no value/);
    assert.equal(state.firstLine, text.split('\n').findIndex((l) => l.includes('##PROVIDER_DOMAIN##')) + 1);
  });

  it('names the environment for a value Auth0 would refuse, and for a provider that is not its providerTenant', () => {
    const refused = environmentLocalFileState(text, { ...dev, values: { ...dev.values, ENV: 'bad name!' } });
    assert.equal(refused.kind, 'errors');
    assert.match(refused.kind === 'errors' ? refused.firstMessage : '', /^dev: /);
    const elsewhere = environmentLocalFileState(text, { ...dev, providerTenant: 'partner.eu.auth0.com' });
    assert.equal(elsewhere.kind, 'errors');
    assert.match(
      elsewhere.kind === 'errors' ? elsewhere.firstMessage : '',
      /^dev: the file resolves to provider partner-dev\.eu\.auth0\.com, but the environment's providerTenant is partner\.eu\.auth0\.com/,
    );
  });
});
