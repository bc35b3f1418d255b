/**
 * Every host a connection will contact for its provider. Auth0 sends the client secret to the
 * token endpoint and the browser to the authorization endpoint, so a check that reads one option
 * (say `options.domain`) while Auth0 uses another (`token_endpoint`) can be walked around. The
 * placeholder binding, the validator and the pickers all read the hosts from here.
 */

/**
 * The URL options of an `oidc` connection (Auth0's ConnectionOptionsOIDC in the Management API's
 * OpenAPI document) that point at the provider. `icon_url` is left out: it is shown, never sent a
 * secret or a user.
 */
export const OIDC_URL_OPTIONS: readonly string[] = [
  'discovery_url',
  'issuer',
  'authorization_endpoint',
  'token_endpoint',
  'jwks_uri',
  'userinfo_endpoint',
];

/** Where a provider host was read: `domain`, `token_endpoint` or `oidc_metadata.token_endpoint`. */
export interface ProviderHost {
  readonly option: string;
  /** Lower-case `host[:port]`; undefined when the value is not a URL (so it names no host we can trust). */
  readonly host: string | undefined;
}

/**
 * The provider hosts an options object names: `options.domain`, each oidc URL option and the
 * endpoints of `options.oidc_metadata` (ConnectionOptionsOIDCMetadata: `issuer`, `*_endpoint`,
 * `*_uri`), in that order. Blank and non-string values are skipped: the validator reports them.
 */
export function providerHostsOf(options: unknown): ProviderHost[] {
  if (!isRecord(options)) return [];
  const found: ProviderHost[] = [];
  if (typeof options.domain === 'string' && options.domain.trim() !== '')
    found.push({ option: 'domain', host: hostOfDomain(options.domain) });
  for (const option of OIDC_URL_OPTIONS) {
    const value = options[option];
    if (typeof value === 'string' && value.trim() !== '') found.push({ option, host: hostOfUrl(value) });
  }
  const metadata = options.oidc_metadata;
  if (isRecord(metadata)) {
    for (const [key, value] of Object.entries(metadata)) {
      if (!(key === 'issuer' || key.endsWith('_endpoint') || key.endsWith('_uri'))) continue;
      if (typeof value === 'string' && value.trim() !== '')
        found.push({ option: `oidc_metadata.${key}`, host: hostOfUrl(value) });
    }
  }
  return found;
}

/**
 * The one host every provider option agrees on; undefined when none is named, when one is not a
 * URL, or when two differ (a decoy `domain` beside a `token_endpoint` elsewhere binds nothing).
 */
export function singleProviderHost(options: unknown): string | undefined {
  const hosts = providerHostsOf(options);
  const first = hosts[0]?.host;
  if (first === undefined) return undefined;
  return hosts.every((h) => h.host === first) ? first : undefined;
}

/** The options whose host differs from the first one named (empty when they agree). */
export function strayProviderHosts(options: unknown): ProviderHost[] {
  const hosts = providerHostsOf(options);
  const first = hosts.find((h) => h.host !== undefined)?.host;
  return first === undefined ? [] : hosts.filter((h) => h.host !== undefined && h.host !== first);
}

function hostOfDomain(value: string): string | undefined {
  const text = value.trim().toLowerCase();
  return hostOfUrl(text.includes('://') ? text : `https://${text}`);
}

function hostOfUrl(value: string): string | undefined {
  try {
    return new URL(value.trim()).host.toLowerCase() || undefined;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
