// Reads what the provider check needs from the provider tenant, and applies its fixes. The rules
// themselves are pure, in src/core/providerCheck/providerCheck.ts.
import { checkProvider, fixesFor, type ProviderCheckInput, type ProviderCheckReport, type ProviderClientFacts, type ProviderFix, type ProviderSettingsFacts } from '../core/providerCheck/providerCheck';
import { Auth0ApiError, MissingCredentialsError } from './errors';
import type { CallOptions, ManagementClient } from './managementClient';

export interface ProviderFacts {
  readonly client?: ProviderClientFacts;
  readonly clientUnknownReason?: string;
  readonly settings?: ProviderSettingsFacts;
  readonly settingsUnknownReason?: string;
}

const CLIENT_FIELDS = ['client_id', 'name', 'app_type', 'callbacks', 'oidc_conformant'];

/**
 * The provider application and the tenant's flags. A refusal the person can act on (403, 404,
 * 401, missing credentials) becomes an "unknown" reason, so the check turns into a manual
 * checklist; anything else (network, 5xx after retries) is thrown.
 */
export async function readProviderFacts(client: ManagementClient, clientId: string, options: CallOptions = {}): Promise<ProviderFacts> {
  const [app, settings] = await Promise.allSettled([
    client.getClient(clientId, { ...options, fields: CLIENT_FIELDS }),
    client.getTenantSettings({ ...options, fields: ['flags'] }),
  ]);
  const facts: { -readonly [K in keyof ProviderFacts]: ProviderFacts[K] } = {};
  if (app.status === 'fulfilled') {
    const c = app.value;
    facts.client = {
      client_id: c.client_id,
      ...(typeof c.name === 'string' ? { name: c.name } : {}),
      ...(typeof c.app_type === 'string' ? { app_type: c.app_type } : {}),
      ...(Array.isArray(c.callbacks) ? { callbacks: c.callbacks.filter((x): x is string => typeof x === 'string') } : {}),
      ...(typeof c.oidc_conformant === 'boolean' ? { oidc_conformant: c.oidc_conformant } : {}),
    };
  } else {
    facts.clientUnknownReason = reasonFor(app.reason, `the application ${clientId}`);
  }
  if (settings.status === 'fulfilled') {
    const flags = settings.value.flags;
    facts.settings = { flags: typeof flags?.enable_legacy_profile === 'boolean' ? { enable_legacy_profile: flags.enable_legacy_profile } : {} };
  } else {
    facts.settingsUnknownReason = reasonFor(settings.reason, 'the tenant settings');
  }
  return facts;
}

function reasonFor(error: unknown, what: string): string {
  if (error instanceof Auth0ApiError) {
    if (error.status === 404) return `The provider tenant has no ${what.replace(/^the /, '')} (404): check options.client_id.`;
    if (error.status === 403) return `Not allowed to read ${what} (403${error.missingScopes.length > 0 ? `, needs ${error.missingScopes.join(' or ')}` : ''}): check it by hand.`;
    if (error.status === 401) return `The provider tenant refused the credentials (401): check it by hand, or fix the tenant's credentials.`;
    throw error;
  }
  if (error instanceof MissingCredentialsError) return 'No Management API credentials for the provider tenant: check it by hand.';
  throw error;
}

/** Reads the facts and runs the rules. */
export async function runProviderCheck(client: ManagementClient, input: Omit<ProviderCheckInput, keyof ProviderFacts>, options: CallOptions = {}): Promise<ProviderCheckReport> {
  const facts = await readProviderFacts(client, input.clientId, options);
  return checkProvider({ ...input, ...facts });
}

/** Applies the chosen fixes (true: every failing one), one PATCH per target; returns what was sent. */
export async function applyProviderFixes(client: ManagementClient, report: ProviderCheckReport, which: boolean | readonly string[], options: CallOptions = {}): Promise<ProviderFix[]> {
  const fixes = fixesFor(report, which);
  for (const fix of fixes) {
    if (fix.target === 'client') await client.updateClient(report.clientId, { ...fix.body }, options);
    else await client.updateTenantSettings({ ...fix.body }, options);
  }
  return fixes;
}
