/** The shapes of the provider check: its input (the facts read from the provider), its results and fixes. */
import type { DiagnosticCode } from '../connectionFile/diagnostic';

/** The strategies whose provider side can be checked; each has its own rule table (rules.ts). */
export type CheckStrategy = 'auth0-oidc' | 'oidc';

export type RequirementId =
  // both strategies
  | 'app-type'
  | 'callback'
  | 'oidc-conformant'
  | 'legacy-profile'
  // oidc only
  | 'app-exists'
  | 'grant-types'
  | 'token-auth-method'
  | 'endpoints';

/**
 * `info`: shown in the report, never counted as a failure, never a fix or a diagnostic (the
 * settings an `oidc` connection no longer needs).
 */
export type RequirementStatus = 'pass' | 'fail' | 'unknown' | 'info';

/** A PATCH that makes a requirement pass: on the application or on the tenant settings. */
export interface ProviderFix {
  readonly target: 'client' | 'tenant-settings';
  /** `PATCH /api/v2/clients/{clientId}` or `PATCH /api/v2/tenants/settings`. */
  readonly path: string;
  readonly body: Readonly<Record<string, unknown>>;
  /** One line naming the change, for the confirmation. */
  readonly summary: string;
}

export interface RequirementResult {
  readonly id: RequirementId;
  readonly code: DiagnosticCode;
  readonly status: RequirementStatus;
  /** What must hold, e.g. "Application type is Regular Web Application". */
  readonly title: string;
  /** What was found ("Single Page Application"), or why it is unknown. */
  readonly actual: string;
  /** The exact value to set. */
  readonly expected: string;
  /** Where to set it: the provider tenant's Dashboard, or the file. */
  readonly where: string;
  /** Present when the requirement fails and the facts needed to build the PATCH are known. */
  readonly fix?: ProviderFix;
  /**
   * The file's options a failure is about (e.g. `issuer`, `token_endpoint`), for the diagnostics;
   * absent: the application (`client_id`) or the tenant (`domain`), as the rule's table says.
   */
  readonly fileOptions?: readonly string[];
}

/** What a provider application looks like through `GET /api/v2/clients/{id}`. */
export interface ProviderClientFacts {
  readonly client_id: string;
  readonly name?: string;
  readonly app_type?: string;
  readonly callbacks?: readonly string[];
  readonly oidc_conformant?: boolean;
  readonly grant_types?: readonly string[];
  /** `none`, `client_secret_post`, `client_secret_basic`; null (absent here) with private key JWT or mTLS. */
  readonly token_endpoint_auth_method?: string;
}

export interface ProviderSettingsFacts {
  readonly flags?: { readonly enable_legacy_profile?: boolean };
}

/** The fields of the provider's discovery document (`/.well-known/openid-configuration`) the check compares. */
export interface DiscoveryFacts {
  /** The URL the document was read from. */
  readonly url: string;
  readonly issuer?: string;
  readonly authorization_endpoint?: string;
  readonly token_endpoint?: string;
  readonly jwks_uri?: string;
  readonly userinfo_endpoint?: string;
}

export interface ProviderCheckInput {
  /** Whose rules apply; default `auth0-oidc`. */
  readonly strategy?: CheckStrategy;
  /** The provider tenant: the file's `options.domain`, or the host of its `discovery_url` / `issuer`. */
  readonly providerDomain: string;
  /** The file's `options.client_id`: the application in the provider tenant. */
  readonly clientId: string;
  /** Domains or origins of the Relying Party tenant(s) the connection lives on. */
  readonly rpDomains: readonly string[];
  /** The application, when it could be read. */
  readonly client?: ProviderClientFacts | undefined;
  /** Why the application could not be read (shown as the "actual" of its requirements). */
  readonly clientUnknownReason?: string;
  /** The provider tenant answered 404 for the application: it does not exist. */
  readonly clientNotFound?: boolean;
  readonly settings?: ProviderSettingsFacts | undefined;
  readonly settingsUnknownReason?: string;
  /** `oidc`: the file's `issuer` and endpoint options (only those it has, as strings). */
  readonly fileEndpoints?: Readonly<Record<string, string>>;
  /** `oidc`: the provider's discovery document, when it was read. */
  readonly discovery?: DiscoveryFacts | undefined;
  readonly discoveryUnknownReason?: string;
}

export interface ProviderCheckReport {
  /** Whose rules were applied. */
  readonly strategy: CheckStrategy;
  readonly providerDomain: string;
  readonly clientId: string;
  readonly rpDomains: readonly string[];
  /** The callbacks the provider application must list, one per RP tenant. */
  readonly expectedCallbacks: readonly string[];
  readonly results: readonly RequirementResult[];
  /** True when no requirement fails or is unknown (`info` rows do not count). */
  readonly passed: boolean;
  /** True when everything the rules need was read (not a manual checklist). */
  readonly verified: boolean;
}
