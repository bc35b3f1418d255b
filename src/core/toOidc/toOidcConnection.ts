/**
 * The move from `auth0-oidc` (deprecated) to the OIDC enterprise connection (strategy `oidc`):
 * the same provider application, reached through the provider tenant's discovery document.
 * Field names follow Auth0's CreateConnectionRequestContentOIDC / ConnectionOptionsOIDC.
 */
import {
  CONNECTION_NAME_MAX_LENGTH,
  DEFAULT_SCOPE,
  OIDC_CONNECTION_FILE_SUFFIX,
  OIDC_STRATEGY,
  connectionNameProblem,
} from '../connectionFile/connectionModel';

export { isOidcConnectionFileName, OIDC_STRATEGY } from '../connectionFile/connectionModel';
import { bareHostFrom } from '../connectionFile/host';
import { clientSecretPlaceholder, isPlaceholder } from '../connectionFile/placeholders';
import { fileNameFor } from '../connectionFile/safeFileName';
import { trimEndOf } from '../linearText';
import { isLoopbackHost } from '../auth0Api/loopbackHost';
import { hostKey } from '../deploy/deployTargets';

const OIDC_NAME_SUFFIX = '-oidc';

export interface OidcConnectionBody {
  $schema?: string;
  name: string;
  strategy: typeof OIDC_STRATEGY;
  display_name?: string;
  options: {
    type: 'back_channel';
    discovery_url: string;
    issuer: string;
    authorization_endpoint: string;
    token_endpoint: string;
    jwks_uri: string;
    userinfo_endpoint: string;
    client_id: string;
    client_secret: string;
    scope: string;
  };
  enabled_clients?: string[];
}

export interface OidcConversion {
  readonly body: OidcConnectionBody;
  /** `NAME.oidc-connection.json`. */
  readonly fileName: string;
  /**
   * Set when the source file held the secret itself: the new file gets this placeholder instead,
   * and the caller must store `value` under `key` (the extension's secret storage) first.
   */
  readonly secretToStore?: { readonly key: string; readonly value: string };
  /** What changes on the provider side, one item per line. */
  readonly providerNotes: readonly string[];
  /** The provider's host (`options.domain` of the source), whose discovery document may be read. */
  readonly providerHost: string;
  /** Where the endpoints came from: the provider's discovery document, or Auth0's fixed paths. */
  readonly endpointsSource: 'discovery' | 'auth0-paths';
  /** The same in words, for the notes. */
  readonly endpointsNote: string;
}

/**
 * What reading the provider's discovery document gave: its parsed JSON, or why it could not be
 * read (a sentence, no secret in it). Absent: it was not tried.
 */
export type ProviderDiscovery =
  { readonly kind: 'read'; readonly document: unknown } | { readonly kind: 'unavailable'; readonly reason: string };

type Endpoints = Pick<
  OidcConnectionBody['options'],
  'authorization_endpoint' | 'token_endpoint' | 'jwks_uri' | 'userinfo_endpoint'
>;

/** The endpoints every Auth0 tenant serves, at the same paths (Auth0's own discovery document). */
const AUTH0_ENDPOINT_PATHS: Endpoints = {
  authorization_endpoint: '/authorize',
  token_endpoint: '/oauth/token',
  jwks_uri: '/.well-known/jwks.json',
  userinfo_endpoint: '/userinfo',
};
const ENDPOINT_OPTIONS = Object.keys(AUTH0_ENDPOINT_PATHS) as (keyof Endpoints)[];

/**
 * The provider's endpoints for the new connection. The Management API has answered 400 for an oidc
 * connection created with only `discovery_url` and `issuer`, asking for `authorization_endpoint`
 * and `jwks_uri` (terraform-provider-auth0 issues #238, 2022, and #969, 2024: "supplying only the
 * discovery_url ... as of today" fails), so the file names them. They come from the discovery
 * document when it was read and names all four on the provider's own origin; otherwise from
 * Auth0's fixed paths, which every Auth0 tenant serves. A URL on another host is never taken: the
 * secret placeholder is bound to the provider host, and every URL option must stay on it.
 */
function providerEndpoints(
  origin: string,
  discovery: ProviderDiscovery | undefined,
): { endpoints: Endpoints; source: OidcConversion['endpointsSource']; note: string } {
  const fixed = (why: string) => ({
    endpoints: Object.fromEntries(
      ENDPOINT_OPTIONS.map((option) => [option, `${origin}${AUTH0_ENDPOINT_PATHS[option]}`]),
    ) as unknown as Endpoints,
    source: 'auth0-paths' as const,
    note: `The endpoints (${ENDPOINT_OPTIONS.join(', ')}) are Auth0's fixed paths on ${origin}: ${why}`,
  });
  const discoveryUrl = `${origin}/.well-known/openid-configuration`;
  if (!discovery) return fixed(`the discovery document ${discoveryUrl} was not read.`);
  if (discovery.kind === 'unavailable')
    return fixed(`the discovery document ${discoveryUrl} could not be read (${discovery.reason}).`);
  const document = discovery.document;
  if (!isRecord(document)) return fixed(`the discovery document ${discoveryUrl} is not a JSON object.`);
  const wanted = new URL(origin);
  const endpoints: Partial<Endpoints> = {};
  for (const option of ENDPOINT_OPTIONS) {
    const value = document[option];
    if (typeof value !== 'string') return fixed(`the discovery document ${discoveryUrl} has no ${option}.`);
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return fixed(`the discovery document's ${option} is not a URL.`);
    }
    if (url.protocol !== wanted.protocol || hostKey(url.host) !== hostKey(wanted.host) || url.username !== '')
      return fixed(`the discovery document's ${option} is not on ${origin}.`);
    endpoints[option] = url.toString();
  }
  return {
    endpoints: endpoints as Endpoints,
    source: 'discovery',
    note: `The endpoints (${ENDPOINT_OPTIONS.join(', ')}) were read from the provider's discovery document ${discoveryUrl}.`,
  };
}

export class ConversionError extends Error {}

/** `partner` → `partner-oidc`, shortened to stay within the 128 characters a name may have. */
export function oidcConnectionName(name: string): string {
  if (name.endsWith(OIDC_NAME_SUFFIX)) return name;
  return `${trimEndOf(name.slice(0, CONNECTION_NAME_MAX_LENGTH - OIDC_NAME_SUFFIX.length), '-')}${OIDC_NAME_SUFFIX}`;
}

/**
 * Converts an `auth0-oidc` connection body (as parsed from a file) to an `oidc` one. Throws
 * ConversionError, with words that say what to fix, when the source lacks what is needed.
 */
export function toOidcConnection(
  source: unknown,
  options: {
    readonly schemaRef?: string;
    /** The Relying Party tenant's origin when known (e.g. where the file was deployed), for the notes. */
    readonly rpOrigin?: string;
    /** The provider's discovery document, when reading it was tried. */
    readonly discovery?: ProviderDiscovery;
  } = {},
): OidcConversion {
  if (!isRecord(source)) throw new ConversionError('The file must hold one JSON object (the connection).');
  const name = source.name;
  if (typeof name !== 'string' || name.length === 0) throw new ConversionError('The connection has no "name".');
  // The name makes the new file's name: one the validator rejects (`../../x`) could write anywhere.
  const nameProblem = connectionNameProblem(name);
  if (nameProblem !== undefined) throw new ConversionError(`"name" is not a valid connection name: ${nameProblem}`);
  const sourceOptions = source.options;
  if (!isRecord(sourceOptions)) throw new ConversionError('The connection has no "options".');
  const clientId = sourceOptions.client_id;
  if (typeof clientId !== 'string' || clientId.trim() === '')
    throw new ConversionError('"options.client_id" is missing or empty.');
  const domainValue = sourceOptions.domain;
  const host = typeof domainValue === 'string' ? bareHostFrom(domainValue) : undefined;
  if (!host) throw new ConversionError('"options.domain" is missing or not a host name.');

  const newName = oidcConnectionName(name);
  const secret = sourceOptions.client_secret;
  let clientSecret: string;
  let secretToStore: OidcConversion['secretToStore'];
  if (typeof secret === 'string' && isPlaceholder(secret)) {
    clientSecret = secret;
  } else {
    clientSecret = clientSecretPlaceholder(newName);
    if (typeof secret === 'string' && secret.trim() !== '')
      secretToStore = { key: clientSecret.slice(2, -2), value: secret };
  }

  const scopeTokens = (
    typeof sourceOptions.scope === 'string' && sourceOptions.scope.trim() !== '' ? sourceOptions.scope : DEFAULT_SCOPE
  )
    .split(' ')
    .filter((t) => t.length > 0);
  const scope = [...new Set(scopeTokens.includes('openid') ? scopeTokens : ['openid', ...scopeTokens])].join(' ');

  // Auth0 requires https URLs for an OIDC connection (ConnectionHttpsUrlWithHttpFallback in the
  // Management API's schema). The one exception is a provider on loopback, the local sandbox, which
  // serves plain http as the extension's tenant URLs do (src/auth0/tenantUrl.ts): an https URL there
  // could never be fetched.
  const origin = `${isLoopbackHost(new URL(`http://${host}`).hostname) ? 'http' : 'https'}://${host.toLowerCase()}`;
  const { endpoints, source: endpointsSource, note: endpointsNote } = providerEndpoints(origin, options.discovery);
  const callback = options.rpOrigin
    ? `${new URL(options.rpOrigin).origin}/login/callback`
    : "https://RP_DOMAIN/login/callback (RP_DOMAIN: the Relying Party tenant's domain)";
  const body: OidcConnectionBody = {
    ...(options.schemaRef ? { $schema: options.schemaRef } : {}),
    name: newName,
    strategy: OIDC_STRATEGY,
    ...(typeof source.display_name === 'string' && source.display_name !== ''
      ? { display_name: source.display_name }
      : {}),
    options: {
      type: 'back_channel',
      discovery_url: `${origin}/.well-known/openid-configuration`,
      issuer: `${origin}/`,
      ...endpoints,
      client_id: clientId,
      client_secret: clientSecret,
      scope,
    },
    ...(Array.isArray(source.enabled_clients)
      ? { enabled_clients: source.enabled_clients.filter((c): c is string => typeof c === 'string') }
      : {}),
  };
  return {
    body,
    fileName: fileNameFor(newName, OIDC_CONNECTION_FILE_SUFFIX),
    ...(secretToStore ? { secretToStore } : {}),
    providerHost: host.toLowerCase(),
    endpointsSource,
    endpointsNote,
    providerNotes: [
      `The provider application ${clientId} on ${host} stays as it is: keep ${callback} in its Allowed Callback URLs.`,
      'It may now be OIDC-conformant (Advanced Settings → OAuth → OIDC Conformant can be turned on).',
      `The provider tenant ${host} no longer needs the legacy user profile for this connection; turn it off once no auth0-oidc connection uses it.`,
      `Deploy ${newName} next to ${name} (their names differ), test a login with connection=${newName}, then move the applications over and delete ${name}.`,
      'User ids change: users of the new connection are "oidc|' +
        newName +
        '|…" instead of "auth0-oidc|' +
        name +
        '|…"; link or migrate accounts that must stay the same user.',
    ],
  };
}

/** The new file's text: two-space JSON with a final newline, like the scaffold writes. */
export function oidcConnectionText(body: OidcConnectionBody): string {
  return JSON.stringify(body, undefined, 2) + '\n';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
