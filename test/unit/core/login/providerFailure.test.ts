import assert from 'node:assert/strict';
import { describeRequirementFailures, failingRequirements } from '../../../../src/core/login/providerFailure';
import { checkProvider, type ProviderCheckInput } from '../../../../src/core/providerCheck/providerCheck';

describe("Test Login's explanation of a provider-step failure (pure)", () => {
  const input = (client: Partial<NonNullable<ProviderCheckInput['client']>>, legacy: boolean): ProviderCheckInput => ({
    strategy: 'auth0-oidc',
    providerDomain: 'provider.example.com',
    clientId: 'providerApp',
    rpDomains: ['rp.example.com'],
    client: {
      client_id: 'providerApp',
      app_type: 'regular_web',
      callbacks: ['https://rp.example.com/login/callback'],
      oidc_conformant: false,
      ...client,
    },
    settings: { flags: { enable_legacy_profile: legacy } },
  });

  it('names nothing when every requirement holds, so the original error stands', () => {
    assert.deepEqual(failingRequirements(checkProvider(input({}, true))), []);
  });

  it('names each failing requirement with what was found and the fix Check Provider Application offers', () => {
    const failing = failingRequirements(checkProvider(input({ oidc_conformant: true, app_type: 'spa' }, false)));
    assert.deepEqual(
      failing.map((r) => r.id),
      ['app-type', 'oidc-conformant', 'legacy-profile'],
    );
    const sentences = describeRequirementFailures(failing);
    assert.equal(
      sentences[0],
      'The provider application is a Regular Web Application: not met (found: Single Page Application (app_type "spa")). Fix: Set the application type of providerApp to Regular Web Application (app_type: "regular_web").',
    );
    assert.match(
      sentences[1] ?? '',
      /^The provider application is not OIDC-conformant: not met \(found: on\)\. Fix: Turn OIDC Conformant off for providerApp/,
    );
    assert.match(
      sentences[2] ?? '',
      /^The provider tenant has the legacy user profile enabled: not met \(found: off\)\. Fix: Turn the legacy user profile on/,
    );
  });

  it('names a missing callback with the exact URL to add', () => {
    const failing = failingRequirements(checkProvider(input({ callbacks: ['https://other.example/cb'] }, true)));
    assert.deepEqual(
      failing.map((r) => r.id),
      ['callback'],
    );
    assert.match(
      describeRequirementFailures(failing)[0] ?? '',
      /Fix: Add https:\/\/rp\.example\.com\/login\/callback to the Allowed Callback URLs of providerApp/,
    );
  });
});
