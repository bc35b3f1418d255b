/**
 * The provider check's rules, one table per strategy. Each row says what must hold (title,
 * expected), where a person sets it, how it is evaluated from the facts read, and its fix (a PATCH,
 * built by `evaluate` when the facts allow it). checkProvider() in providerCheck.ts runs the table
 * of the file's strategy.
 */
import type { DiagnosticCode } from '../connectionFile/diagnostic';
import { sameCallback } from './callbacks';
import { DISCOVERY_PATH, compareWithDiscovery } from './discovery';
import type { CheckStrategy, ProviderCheckInput, ProviderFix, RequirementId, RequirementStatus } from './types';

/** What a rule sees: the input, and what every rule derives from it. */
export interface RuleContext {
  readonly input: ProviderCheckInput;
  readonly expectedCallbacks: readonly string[];
  /** `/api/v2/clients/{clientId}`. */
  readonly clientPath: string;
  /** The Dashboard path to the application, for `where`. */
  readonly appWhere: string;
  /** Why the application is not known (it was not read). */
  readonly clientReason: string;
  readonly settingsReason: string;
}

export interface Evaluation {
  readonly status: RequirementStatus;
  readonly actual: string;
  readonly fix?: ProviderFix;
  /** The file's options a failure is about, for the diagnostics (see RequirementResult). */
  readonly fileOptions?: readonly string[];
}

export interface RuleDefinition {
  readonly id: RequirementId;
  /** The diagnostic code of a failure. */
  readonly code: DiagnosticCode;
  /** Where a failure shows in the file: on `options.client_id` (the application) or the provider option. */
  readonly anchor: 'application' | 'tenant';
  /** The problem, for the diagnostic's message. */
  readonly problem: string;
  readonly title: (ctx: RuleContext) => string;
  readonly expected: (ctx: RuleContext) => string;
  readonly where: (ctx: RuleContext) => string;
  readonly evaluate: (ctx: RuleContext) => Evaluation;
}

const APP_TYPE_LABELS: Record<string, string> = {
  regular_web: 'Regular Web Application',
  spa: 'Single Page Application',
  native: 'Native',
  non_interactive: 'Machine to Machine',
};

// ---------------------------------------------------------------- rows shared by both tables

const appType: RuleDefinition = {
  id: 'app-type',
  code: 'provider-app-type',
  anchor: 'application',
  problem: 'the provider application is not a Regular Web Application, so the code exchange fails.',
  title: () => 'The provider application is a Regular Web Application',
  expected: () => 'Application Type: Regular Web Application (app_type "regular_web")',
  where: (ctx) => `${ctx.appWhere} → Settings → Application Properties → Application Type`,
  evaluate: ({ input, clientPath, clientReason }) => {
    const client = input.client;
    if (!client) return { status: 'unknown', actual: clientReason };
    if (client.app_type === 'regular_web') return { status: 'pass', actual: 'Regular Web Application' };
    return {
      status: 'fail',
      actual:
        client.app_type === undefined
          ? 'no application type'
          : `${APP_TYPE_LABELS[client.app_type] ?? client.app_type} (app_type "${client.app_type}")`,
      fix: {
        target: 'client',
        path: clientPath,
        body: { app_type: 'regular_web' },
        summary: `Set the application type of ${input.clientId} to Regular Web Application (app_type: "regular_web")`,
      },
    };
  },
};

const callback: RuleDefinition = {
  id: 'callback',
  code: 'provider-callback-missing',
  anchor: 'application',
  problem:
    'the provider application does not list this tenant\'s callback, so the provider refuses the login ("Callback URL mismatch").',
  title: ({ expectedCallbacks }) =>
    expectedCallbacks.length === 1
      ? `The provider application allows the callback ${expectedCallbacks[0]}`
      : 'The provider application allows the callback of each Relying Party tenant',
  expected: ({ expectedCallbacks }) =>
    expectedCallbacks.length > 0
      ? `Allowed Callback URLs include ${expectedCallbacks.join(', ')}`
      : "Allowed Callback URLs include https://RP_DOMAIN/login/callback (RP_DOMAIN: the Relying Party tenant's domain)",
  where: (ctx) => `${ctx.appWhere} → Settings → Application URIs → Allowed Callback URLs`,
  evaluate: ({ input, expectedCallbacks, clientPath, clientReason }) => {
    if (expectedCallbacks.length === 0)
      return {
        status: 'unknown',
        actual: 'The Relying Party tenant is not known: deploy the file, configure the tenant, or name it.',
      };
    const client = input.client;
    if (!client) return { status: 'unknown', actual: clientReason };
    const callbacks = client.callbacks ?? [];
    const missing = expectedCallbacks.filter((cb) => !callbacks.some((c) => sameCallback(c, cb)));
    if (missing.length === 0)
      return {
        status: 'pass',
        actual: `listed (${callbacks.length} callback${callbacks.length === 1 ? '' : 's'} in all)`,
      };
    return {
      status: 'fail',
      actual:
        callbacks.length === 0 ? 'no callback URLs' : `missing ${missing.join(', ')}; listed: ${callbacks.join(', ')}`,
      fix: {
        target: 'client',
        path: clientPath,
        body: { callbacks: [...callbacks, ...missing] },
        summary: `Add ${missing.join(', ')} to the Allowed Callback URLs of ${input.clientId} (the ${callbacks.length} listed stay)`,
      },
    };
  },
};

const oidcConformantWhere = (ctx: RuleContext): string =>
  `${ctx.appWhere} → Settings → Advanced Settings → OAuth → OIDC Conformant`;
const legacyProfileWhere = (ctx: RuleContext): string =>
  `Dashboard of ${ctx.input.providerDomain} → Settings → Advanced → Migrations → Legacy User Profile`;

// ---------------------------------------------------------------- auth0-oidc

/**
 * `auth0-oidc` reads the provider's user through the legacy profile: the provider application must
 * not be OIDC-conformant and the provider tenant must have the legacy user profile on
 * (auth0/docs articles/connections/social/auth0-oidc.md).
 */
export const AUTH0_OIDC_RULES: readonly RuleDefinition[] = [
  appType,
  callback,
  {
    id: 'oidc-conformant',
    code: 'provider-oidc-conformant',
    anchor: 'application',
    problem: 'the provider application is OIDC-conformant, which auth0-oidc does not support.',
    title: () => 'The provider application is not OIDC-conformant',
    expected: () => 'OIDC Conformant: off (oidc_conformant false)',
    where: oidcConformantWhere,
    evaluate: ({ input, clientPath, clientReason }) => {
      const client = input.client;
      if (!client) return { status: 'unknown', actual: clientReason };
      if (client.oidc_conformant !== true) return { status: 'pass', actual: 'off' };
      return {
        status: 'fail',
        actual: 'on',
        fix: {
          target: 'client',
          path: clientPath,
          body: { oidc_conformant: false },
          summary: `Turn OIDC Conformant off for ${input.clientId} (oidc_conformant: false)`,
        },
      };
    },
  },
  {
    id: 'legacy-profile',
    code: 'provider-legacy-profile',
    anchor: 'tenant',
    problem: 'the provider tenant has the legacy user profile turned off, which auth0-oidc needs.',
    title: () => 'The provider tenant has the legacy user profile enabled',
    expected: () => 'Legacy User Profile: on (flags.enable_legacy_profile true)',
    where: legacyProfileWhere,
    evaluate: ({ input, settingsReason }) => {
      const flag = input.settings?.flags?.enable_legacy_profile;
      if (!input.settings) return { status: 'unknown', actual: settingsReason };
      if (flag === true) return { status: 'pass', actual: 'on' };
      return {
        status: 'fail',
        actual: flag === false ? 'off' : 'not set (off)',
        fix: {
          target: 'tenant-settings',
          path: '/api/v2/tenants/settings',
          body: { flags: { enable_legacy_profile: true } },
          summary: `Turn the legacy user profile on for the whole provider tenant ${input.providerDomain}, which changes the user profile of every application and login on that tenant, not only this connection (flags.enable_legacy_profile: true)`,
        },
      };
    },
  },
];

// ---------------------------------------------------------------- oidc

/**
 * An OIDC enterprise connection whose provider is an Auth0 tenant: a back-channel client that
 * sends the user to the provider's /authorize, gets a code at the RP's /login/callback and
 * exchanges it with its client secret at the provider's token endpoint.
 * https://auth0.com/docs/authenticate/identity-providers/enterprise-identity-providers/oidc
 * The application's fields are those of GetClientResponseContent in the Management API's OpenAPI
 * document (`app_type`, `grant_types`, `token_endpoint_auth_method`, `callbacks`, `oidc_conformant`).
 */
export const OIDC_RULES: readonly RuleDefinition[] = [
  {
    id: 'app-exists',
    code: 'provider-app-missing',
    anchor: 'application',
    problem: 'the provider tenant has no application with this client ID, so every login fails.',
    title: ({ input }) => `The provider tenant has the application ${input.clientId}`,
    expected: ({ input }) =>
      `An application whose Client ID is ${input.clientId} (or options.client_id set to an existing one)`,
    where: ({ input }) => `Dashboard of ${input.providerDomain} → Applications → Applications`,
    evaluate: ({ input, clientReason }) => {
      if (input.client) return { status: 'pass', actual: input.client.name ?? input.clientId };
      if (input.clientNotFound) return { status: 'fail', actual: 'no such application (404)' };
      return { status: 'unknown', actual: clientReason };
    },
  },
  appType,
  {
    // "Make sure your Application's Grant Types include the appropriate flows" (Auth0's OIDC
    // connection guide); grant_types lists the flows Auth0 lets the application use
    // (https://auth0.com/docs/get-started/applications/application-grant-types). An application
    // that lists none is left to its type's defaults, so only a list without it fails.
    id: 'grant-types',
    code: 'provider-grant-types',
    anchor: 'application',
    problem:
      'the provider application does not allow the Authorization Code grant, so the provider refuses the code exchange.',
    title: () => 'The provider application allows the Authorization Code grant',
    expected: () => 'Grant Types include Authorization Code (grant_types contains "authorization_code")',
    where: (ctx) => `${ctx.appWhere} → Settings → Advanced Settings → Grant Types`,
    evaluate: ({ input, clientPath, clientReason }) => {
      const client = input.client;
      if (!client) return { status: 'unknown', actual: clientReason };
      const grants = client.grant_types;
      if (grants === undefined) return { status: 'pass', actual: 'no grant types listed (the type’s defaults)' };
      if (grants.includes('authorization_code')) return { status: 'pass', actual: grants.join(', ') };
      return {
        status: 'fail',
        actual: grants.length === 0 ? 'no grant types' : grants.join(', '),
        fix: {
          target: 'client',
          path: clientPath,
          body: { grant_types: [...grants, 'authorization_code'] },
          summary: `Add the Authorization Code grant to ${input.clientId} (the ${grants.length} listed stay)`,
        },
      };
    },
  },
  {
    // The connection sends the client secret to the token endpoint; an application whose
    // Authentication Method is None is public and has no secret to check ("View application
    // type": None = public; Client Secret Post / Basic = confidential).
    // https://auth0.com/docs/get-started/applications/confidential-and-public-applications/view-application-type
    id: 'token-auth-method',
    code: 'provider-token-auth-method',
    anchor: 'application',
    problem: 'the provider application is public (Authentication Method: None), so the client secret is not accepted.',
    title: () => 'The provider application authenticates with its client secret',
    expected: () =>
      'Authentication Method: Client Secret (Post) or (Basic) (token_endpoint_auth_method "client_secret_post" or "client_secret_basic")',
    where: (ctx) => `${ctx.appWhere} → Credentials → Authentication Method`,
    evaluate: ({ input, clientPath, clientReason }) => {
      const client = input.client;
      if (!client) return { status: 'unknown', actual: clientReason };
      const method = client.token_endpoint_auth_method;
      if (method !== 'none') return { status: 'pass', actual: method ?? 'not set' };
      return {
        status: 'fail',
        actual: 'None (token_endpoint_auth_method "none")',
        fix: {
          target: 'client',
          path: clientPath,
          body: { token_endpoint_auth_method: 'client_secret_post' },
          summary: `Set the authentication method of ${input.clientId} to Client Secret (Post) (token_endpoint_auth_method: "client_secret_post")`,
        },
      };
    },
  },
  callback,
  {
    id: 'endpoints',
    code: 'provider-endpoint-mismatch',
    anchor: 'tenant',
    problem: "the file's issuer or endpoint differs from the provider's discovery document, so the login fails.",
    title: () => "The file's issuer and endpoints match the provider's discovery document",
    expected: ({ input }) =>
      input.discovery
        ? `issuer ${input.discovery.issuer ?? '(none in the document)'}; each endpoint option as in ${input.discovery.url}`
        : `issuer and endpoints as in ${discoveryUrlOf(input)}`,
    where: () =>
      'The connection file: options.issuer, options.discovery_url and any endpoint option (authorization_endpoint, token_endpoint, jwks_uri, userinfo_endpoint)',
    evaluate: ({ input }) => {
      const fileEndpoints = input.fileEndpoints ?? {};
      const named = Object.keys(fileEndpoints);
      if (!input.discovery)
        return {
          status: 'unknown',
          actual: input.discoveryUnknownReason ?? `The discovery document ${discoveryUrlOf(input)} was not read.`,
        };
      if (named.length === 0) return { status: 'pass', actual: 'the file names no issuer or endpoint' };
      const mismatches = compareWithDiscovery(fileEndpoints, input.discovery);
      if (mismatches.length === 0) return { status: 'pass', actual: `${named.join(', ')} match` };
      return {
        status: 'fail',
        actual: mismatches
          .map((m) => `${m.option} is ${m.file}, the provider says ${m.provider ?? '(nothing)'}`)
          .join('; '),
        fileOptions: mismatches.map((m) => m.option),
      };
    },
  },
  {
    id: 'oidc-conformant',
    code: 'provider-oidc-conformant',
    anchor: 'application',
    problem: '',
    title: () => 'OIDC Conformant: no longer needs to be off',
    expected: () => 'Either; an oidc connection works with OIDC Conformant on (which Auth0 recommends)',
    where: oidcConformantWhere,
    evaluate: ({ input, clientReason }) => ({
      status: 'info',
      actual: input.client ? (input.client.oidc_conformant === true ? 'on' : 'off') : clientReason,
    }),
  },
  {
    id: 'legacy-profile',
    code: 'provider-legacy-profile',
    anchor: 'tenant',
    problem: '',
    title: () => 'Legacy User Profile: no longer needed',
    expected: () =>
      'Not needed by an oidc connection; turn it off once no auth0-oidc connection uses this provider tenant',
    where: legacyProfileWhere,
    evaluate: ({ input, settingsReason }) => {
      if (!input.settings) return { status: 'info', actual: settingsReason };
      return { status: 'info', actual: input.settings.flags?.enable_legacy_profile === true ? 'on' : 'off' };
    },
  },
];

export const RULES: Readonly<Record<CheckStrategy, readonly RuleDefinition[]>> = {
  'auth0-oidc': AUTH0_OIDC_RULES,
  oidc: OIDC_RULES,
};

function discoveryUrlOf(input: ProviderCheckInput): string {
  return input.fileEndpoints?.discovery_url ?? `https://${input.providerDomain}${DISCOVERY_PATH}`;
}
