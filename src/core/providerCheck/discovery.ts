/**
 * An `oidc` connection's issuer and endpoints against the provider's discovery document. Auth0
 * serves it publicly at `https://TENANT/.well-known/openid-configuration` with `issuer`
 * `https://TENANT/` (trailing slash), `authorization_endpoint` `/authorize`, `token_endpoint`
 * `/oauth/token`, `jwks_uri` `/.well-known/jwks.json`, `userinfo_endpoint` `/userinfo`
 * (https://auth0.com/docs/get-started/applications/configure-applications-with-oidc-discovery).
 * The connection's options of the same names (ConnectionOptionsCommonOIDC in the Management API's
 * OpenAPI document) are what Auth0 uses at login, so a stale or mistyped one breaks the login.
 */
import type { DiscoveryFacts } from './types';

export const DISCOVERY_PATH = '/.well-known/openid-configuration';

/** The file options compared, each with the discovery document's field it must equal. */
export const ENDPOINT_OPTIONS: readonly { readonly option: string; readonly field: keyof DiscoveryFacts }[] = [
  { option: 'issuer', field: 'issuer' },
  { option: 'discovery_url', field: 'url' },
  { option: 'authorization_endpoint', field: 'authorization_endpoint' },
  { option: 'token_endpoint', field: 'token_endpoint' },
  { option: 'jwks_uri', field: 'jwks_uri' },
  { option: 'userinfo_endpoint', field: 'userinfo_endpoint' },
];

/** The issuer and endpoint options a file has (non-empty strings only). */
export function fileEndpointsOf(options: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof options !== 'object' || options === null) return out;
  for (const { option } of ENDPOINT_OPTIONS) {
    const value = (options as Record<string, unknown>)[option];
    if (typeof value === 'string' && value.trim() !== '') out[option] = value.trim();
  }
  return out;
}

export interface EndpointMismatch {
  readonly option: string;
  readonly file: string;
  /** The discovery document's value; undefined when it has none. */
  readonly provider: string | undefined;
}

/**
 * The file's options that differ from the document. The issuer is compared as an exact string, as
 * an ID token's `iss` is (OpenID Connect Core 1.0, 3.1.3.7: "MUST exactly match"), so a missing
 * trailing slash counts; URLs are compared after parsing (host case, a default port), path and all.
 */
export function compareWithDiscovery(
  fileEndpoints: Readonly<Record<string, string>>,
  discovery: DiscoveryFacts,
): EndpointMismatch[] {
  const mismatches: EndpointMismatch[] = [];
  for (const { option, field } of ENDPOINT_OPTIONS) {
    const file = fileEndpoints[option];
    if (file === undefined) continue;
    const provider = discovery[field];
    const same = provider !== undefined && (option === 'issuer' ? file === provider : sameUrl(file, provider));
    if (!same) mismatches.push({ option, file, provider });
  }
  return mismatches;
}

function sameUrl(a: string, b: string): boolean {
  try {
    return new URL(a).href === new URL(b).href;
  } catch {
    return a === b;
  }
}
