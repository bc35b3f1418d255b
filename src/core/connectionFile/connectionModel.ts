/**
 * The body of an `auth0-oidc-connection.json` file: what POST /api/v2/connections takes for the
 * `auth0-oidc` strategy. Field meanings are in design.md and the shipped JSON schema.
 */

export const AUTH0_OIDC_STRATEGY = 'auth0-oidc';
/** The OIDC enterprise connection, what Move to OIDC writes (`*.oidc-connection.json`). */
export const OIDC_STRATEGY = 'oidc';
/** The strategies a connection file may have. */
export const FILE_STRATEGIES: readonly string[] = [AUTH0_OIDC_STRATEGY, OIDC_STRATEGY];

/** The connection file names the extension recognises (also in package.json's jsonValidation). */
export const CONNECTION_FILE_NAME = 'auth0-oidc-connection.json';
export const CONNECTION_FILE_SUFFIX = '.auth0-oidc.json';
export const OIDC_CONNECTION_FILE_SUFFIX = '.oidc-connection.json';
/** Every connection file, for findFiles and file watchers. */
export const CONNECTION_FILES_GLOB = '**/{auth0-oidc-connection.json,*.auth0-oidc.json,*.oidc-connection.json}';

/** An `auth0-oidc` connection file: `auth0-oidc-connection.json` or `NAME.auth0-oidc.json`. */
export function isAuth0OidcConnectionFileName(fileName: string): boolean {
  const base = baseName(fileName);
  return (
    base === CONNECTION_FILE_NAME ||
    (base.endsWith(CONNECTION_FILE_SUFFIX) && base.length > CONNECTION_FILE_SUFFIX.length)
  );
}

/** An `oidc` connection file: `NAME.oidc-connection.json`. */
export function isOidcConnectionFileName(fileName: string): boolean {
  const base = baseName(fileName);
  return base.endsWith(OIDC_CONNECTION_FILE_SUFFIX) && base.length > OIDC_CONNECTION_FILE_SUFFIX.length;
}

/** Any connection file the extension validates, deploys and logs in with (either strategy). */
export function isConnectionFileName(fileName: string): boolean {
  return isAuth0OidcConnectionFileName(fileName) || isOidcConnectionFileName(fileName);
}

/** The strategy a connection file's name promises, if it is one. */
export function strategyOfFileName(fileName: string): string | undefined {
  if (isOidcConnectionFileName(fileName)) return OIDC_STRATEGY;
  return isAuth0OidcConnectionFileName(fileName) ? AUTH0_OIDC_STRATEGY : undefined;
}

function baseName(fileName: string): string {
  return fileName.split(/[\\/]/).pop() ?? fileName;
}

export interface Auth0OidcOptions {
  client_id: string;
  client_secret: string;
  /** `auth0-oidc` only; an `oidc` connection has discovery_url, issuer and type instead. */
  domain?: string;
  scope?: string;
  /** Auth0 keeps any further option it is given; an update must not drop them. */
  [option: string]: unknown;
}

export interface Auth0OidcConnectionFile {
  /** For editors only; never sent to Auth0. */
  $schema?: string;
  name: string;
  strategy: typeof AUTH0_OIDC_STRATEGY | typeof OIDC_STRATEGY;
  display_name?: string;
  options: Auth0OidcOptions;
  /** Absent: leave the enabled applications as they are. Present: make them exactly this. */
  enabled_clients?: string[];
  is_domain_connection?: boolean;
  show_as_button?: boolean;
  realms?: string[];
  metadata?: Record<string, string | null>;
  authentication?: { active: boolean };
  connected_accounts?: { active: boolean; cross_app_access?: boolean };
}

/** Top-level properties Auth0's CreateConnectionRequestContent accepts (additionalProperties: false). */
export const API_TOP_LEVEL_PROPERTIES: readonly string[] = [
  'authentication',
  'connected_accounts',
  'display_name',
  'enabled_clients',
  'is_domain_connection',
  'metadata',
  'name',
  'options',
  'realms',
  'show_as_button',
  'strategy',
];

/** Properties a file may hold beyond the API's: editor-only, removed before anything is sent. */
export const FILE_ONLY_PROPERTIES: readonly string[] = ['$schema'];

export const DEFAULT_SCOPE = 'openid profile email';

/** Scopes an `auth0-oidc` connection can request from an Auth0 provider tenant. */
export const KNOWN_SCOPES: readonly string[] = [
  'openid',
  'profile',
  'email',
  'identities',
  'address',
  'phone',
  'offline_access',
];

/** The name rule from Auth0's ConnectionName schema. */
const CONNECTION_NAME_PATTERN = /^[a-zA-Z0-9](-[a-zA-Z0-9]|[a-zA-Z0-9])*$/;
export const CONNECTION_NAME_MAX_LENGTH = 128;

/** Why a connection name is invalid, in words that say what to do; undefined when it is fine. */
export function connectionNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'Enter a name: letters, digits and single hyphens.';
  if (name.length > CONNECTION_NAME_MAX_LENGTH)
    return `Use at most ${CONNECTION_NAME_MAX_LENGTH} characters (this name has ${name.length}).`;
  if (CONNECTION_NAME_PATTERN.test(name)) return undefined;
  if (/^-|-$/.test(name)) return 'Start and end the name with a letter or digit, not a hyphen.';
  if (name.includes('--')) return 'Use single hyphens only: "--" is not allowed.';
  const bad = [...new Set(name.replace(/[a-zA-Z0-9-]/g, ''))].map((c) => JSON.stringify(c)).join(' ');
  return `Use only letters, digits and hyphens; remove ${bad}.`;
}

/** A valid name made from any text: "Partner Corp!" becomes "Partner-Corp". */
export function toValidConnectionName(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[^a-zA-Z0-9]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, CONNECTION_NAME_MAX_LENGTH)
    .replace(/-$/, '');
  return slug.length > 0 ? slug : 'connection';
}

/**
 * The provider tenant's domain a file names: `options.domain` (auth0-oidc), else the host of
 * `options.discovery_url` (oidc). Undefined when neither gives one.
 */
export function providerDomainOf(options: unknown): string | undefined {
  if (typeof options !== 'object' || options === null) return undefined;
  const { domain, discovery_url: discovery } = options as { domain?: unknown; discovery_url?: unknown };
  if (typeof domain === 'string' && domain.trim() !== '') return domain.trim();
  if (typeof discovery !== 'string') return undefined;
  try {
    return new URL(discovery).host || undefined;
  } catch {
    return undefined;
  }
}
