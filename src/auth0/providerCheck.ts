// Reads what the provider check needs from the provider tenant, and applies its fixes. The rules
// themselves are pure, in src/core/providerCheck/providerCheck.ts.
import {
  checkProvider,
  fixesFor,
  type ProviderCheckInput,
  type ProviderCheckReport,
  type ProviderClientFacts,
  type ProviderFix,
  type PlannedFix,
  type ProviderSettingsFacts,
} from '../core/providerCheck/providerCheck';
import type { DiscoveryFacts } from '../core/providerCheck/types';
import { readDiscoveryFacts } from './discovery';
import { Auth0ApiError, MissingCredentialsError, isCancellation } from './errors';
import type { CallOptions, ManagementClient } from './managementClient';

export interface ProviderFacts {
  readonly client?: ProviderClientFacts;
  readonly clientUnknownReason?: string;
  readonly settings?: ProviderSettingsFacts;
  readonly settingsUnknownReason?: string;
  /** The application answered 404. */
  readonly clientNotFound?: boolean;
  /** `oidc` only: the provider's discovery document. */
  readonly discovery?: DiscoveryFacts;
  readonly discoveryUnknownReason?: string;
}

// GetClientResponseContent in the Management API's OpenAPI document has each of these.
const CLIENT_FIELDS = [
  'client_id',
  'name',
  'app_type',
  'callbacks',
  'oidc_conformant',
  'grant_types',
  'token_endpoint_auth_method',
];

/**
 * The provider application and the tenant's flags. A refusal the person can act on (403, 404,
 * 401, missing credentials) becomes an "unknown" reason, so the check turns into a manual
 * checklist; anything else (network, 5xx after retries) is thrown.
 */
export async function readProviderFacts(
  client: ManagementClient,
  clientId: string,
  options: CallOptions = {},
): Promise<ProviderFacts> {
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
      ...(Array.isArray(c.callbacks)
        ? { callbacks: c.callbacks.filter((x): x is string => typeof x === 'string') }
        : {}),
      ...(typeof c.oidc_conformant === 'boolean' ? { oidc_conformant: c.oidc_conformant } : {}),
      ...(Array.isArray(c.grant_types)
        ? { grant_types: c.grant_types.filter((x): x is string => typeof x === 'string') }
        : {}),
      ...(typeof c.token_endpoint_auth_method === 'string'
        ? { token_endpoint_auth_method: c.token_endpoint_auth_method }
        : {}),
    };
  } else {
    facts.clientUnknownReason = reasonFor(app.reason, `the application ${clientId}`);
    if (app.reason instanceof Auth0ApiError && app.reason.status === 404) facts.clientNotFound = true;
  }
  if (settings.status === 'fulfilled') {
    const flags = settings.value.flags;
    facts.settings = {
      flags:
        typeof flags?.enable_legacy_profile === 'boolean' ? { enable_legacy_profile: flags.enable_legacy_profile } : {},
    };
  } else {
    facts.settingsUnknownReason = reasonFor(settings.reason, 'the tenant settings');
  }
  return facts;
}

function reasonFor(error: unknown, what: string): string {
  if (error instanceof Auth0ApiError) {
    if (error.status === 404)
      return `The provider tenant has no ${what.replace(/^the /, '')} (404): check options.client_id.`;
    if (error.status === 403)
      return `Not allowed to read ${what} (403${error.missingScopes.length > 0 ? `, needs ${error.missingScopes.join(' or ')}` : ''}): check it by hand.`;
    if (error.status === 401)
      return `The provider tenant refused the credentials (401): check it by hand, or fix the tenant's credentials.`;
    throw error;
  }
  if (error instanceof MissingCredentialsError)
    return 'No Management API credentials for the provider tenant: check it by hand.';
  throw error;
}

/**
 * Reads the facts and runs the rules of the input's strategy; for `oidc` also the provider's
 * discovery document (public, same origin as the Management API), whose failure is a reason.
 */
export async function runProviderCheck(
  client: ManagementClient,
  input: Omit<ProviderCheckInput, keyof ProviderFacts>,
  options: CallOptions = {},
): Promise<ProviderCheckReport> {
  const [facts, discovery] = await Promise.all([
    readProviderFacts(client, input.clientId, options),
    input.strategy === 'oidc' ? readDiscoveryFacts(client.http, options) : undefined,
  ]);
  return checkProvider({ ...input, ...facts, ...discovery });
}

export interface ApplyFixesOptions extends CallOptions {
  /** Asked before each PATCH; a fix it declines is not sent. Absent: every chosen fix is sent. */
  readonly confirm?: (fix: ProviderFix) => Promise<boolean>;
  /** Runs each PATCH (`send`), e.g. inside a progress notification with its own cancellation. */
  readonly around?: (fix: ProviderFix, send: (call?: CallOptions) => Promise<void>) => Promise<void>;
}

export interface FixesOutcome {
  /** The check read again after the fixes (or the fresh one when nothing was sent). */
  readonly report: ProviderCheckReport;
  readonly fixed: readonly PlannedFix[];
  /** Fixes whose PATCH failed; the others were still tried. */
  readonly failed: readonly { readonly fix: ProviderFix; readonly error: unknown }[];
}

/**
 * The provider check as one flow, for the command and the CLI alike: `run` reads the provider
 * application and the tenant's flags and applies the rules; `applyFixes` reads again right before
 * writing (so the callbacks PATCH keeps anything added meanwhile), sends the chosen fixes (each
 * after `confirm`, when given), and reads once more to report the result.
 */
export class ProviderCheckFlow {
  constructor(
    private readonly client: ManagementClient,
    readonly input: Omit<ProviderCheckInput, keyof ProviderFacts>,
  ) {}

  run(options: CallOptions = {}): Promise<ProviderCheckReport> {
    return runProviderCheck(this.client, this.input, options);
  }

  /** `which`: true for every failing requirement, or their ids. */
  async applyFixes(which: boolean | readonly string[], options: ApplyFixesOptions = {}): Promise<FixesOutcome> {
    // Cancel and the retry listener reach every request, so a 429's wait shows in the progress.
    const call: CallOptions = {
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onRetry ? { onRetry: options.onRetry } : {}),
    };
    const fresh = await this.run(call);
    const fixes = fixesFor(fresh, which);
    const fixed: PlannedFix[] = [];
    const failed: { fix: ProviderFix; error: unknown }[] = [];
    for (const fix of fixes) {
      if (options.confirm && !(await options.confirm(fix))) continue;
      const send = async (around?: CallOptions): Promise<void> => {
        const sendCall = around ?? call;
        if (fix.target === 'client') await this.client.updateClient(fresh.clientId, { ...fix.body }, sendCall);
        else await this.client.updateTenantSettings({ ...fix.body }, sendCall);
      };
      try {
        await (options.around ? options.around(fix, send) : send());
        fixed.push(fix);
      } catch (error) {
        if (isCancellation(error)) throw error;
        failed.push({ fix, error });
      }
    }
    return { report: fixed.length > 0 ? await this.run(call) : fresh, fixed, failed };
  }
}
