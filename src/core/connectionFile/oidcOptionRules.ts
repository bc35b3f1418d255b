/**
 * Rules Auth0 sets on an `oidc` connection's options that its OpenAPI schema does not say, so a file
 * that Deploy would send and Auth0 refuse is marked in the editor (and by the CLI) first. Pure: the
 * validator (validate.ts) hands over the options' values and places what comes back.
 *
 * The other rules of the oidc strategy stay where they were written before this file: the channel
 * `type` (back_channel | front_channel), https URLs (loopback http only, for the local sandbox),
 * `client_secret` unless the front channel, and `openid` in `scope` (validate.ts). The sandbox holds
 * Auth0's side of each (test/sandbox/management.ts, oidcOptionsRefused; sources there and in
 * test/sandbox/README.md).
 */
import type { DiagnosticCode, Severity } from './diagnostic';

export interface OidcOptionProblem {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  readonly message: string;
  /** The option whose value is at fault; absent when an option is missing (reported on "options"). */
  readonly option?: string;
}

/**
 * The endpoints Auth0 wants named in the body itself, with where an Auth0 provider serves them. The
 * Management API answered 400 to a create with only `discovery_url` and `issuer`, "saying that both
 * are required" (terraform-provider-auth0 #238, 2022), and again after a spell of filling them from
 * the discovery document (#969, 2024); the OpenAPI document does not mark them required.
 */
const REQUIRED_ENDPOINTS: readonly { readonly option: string; readonly auth0Path: string; readonly what: string }[] = [
  { option: 'authorization_endpoint', auth0Path: '/authorize', what: "the provider's authorization endpoint" },
  { option: 'jwks_uri', auth0Path: '/.well-known/jwks.json', what: "the provider's signing keys (JWKS)" },
];

/** Auth0's ConnectionScopeOIDC: a string of at most 255 characters. */
export const OIDC_SCOPE_MAX_LENGTH = 255;

const EXAMPLE_ORIGIN = 'https://partner.eu.auth0.com';

/**
 * Problems of an oidc connection's options, in a stable order.
 * @param options each option's value as the file holds it (objects and arrays may be undefined):
 *   only presence and string values are read.
 */
export function oidcOptionProblems(options: ReadonlyMap<string, unknown>): OidcOptionProblem[] {
  const problems: OidcOptionProblem[] = [];
  for (const endpoint of REQUIRED_ENDPOINTS) {
    if (options.has(endpoint.option)) continue;
    const example = auth0EndpointFor(endpoint.option, options) ?? `${EXAMPLE_ORIGIN}${endpoint.auth0Path}`;
    problems.push({
      code: 'missing-property',
      severity: 'error',
      message: `Add "options.${endpoint.option}": ${endpoint.what}, e.g. "${example}" on an Auth0 provider (its discovery document lists it). Auth0 refuses an oidc connection without it, even with a discovery_url.`,
    });
  }
  const scope = options.get('scope');
  if (typeof scope === 'string' && scope.length > OIDC_SCOPE_MAX_LENGTH)
    problems.push({
      code: 'value-too-long',
      severity: 'error',
      message: `"options.scope" is ${scope.length} characters long; Auth0 accepts at most ${OIDC_SCOPE_MAX_LENGTH} for an oidc connection.`,
      option: 'scope',
    });
  return problems;
}

/**
 * Where an Auth0 provider serves a required endpoint, on the origin the file's `discovery_url` (else
 * `issuer`) names: what the quick fix adds. Undefined for another option, or when neither names an
 * http(s) origin (the fix would be a guess).
 */
export function auth0EndpointFor(option: string, options: ReadonlyMap<string, unknown>): string | undefined {
  const endpoint = REQUIRED_ENDPOINTS.find((e) => e.option === option);
  const origin = originOf(options.get('discovery_url')) ?? originOf(options.get('issuer'));
  return endpoint && origin ? `${origin}${endpoint.auth0Path}` : undefined;
}

/** The origin of an https or http URL; undefined for anything else. */
function originOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}
