/**
 * "Pull into a file": a connection as the tenant has it, turned into the body of a connection
 * file that deploys back to the same thing. The secret becomes a `##NAME_CLIENT_SECRET##`
 * placeholder, server-owned fields go, and defaults are left out so the file stays short.
 */
import {
  API_TOP_LEVEL_PROPERTIES,
  AUTH0_OIDC_STRATEGY,
  CONNECTION_FILE_SUFFIX,
  type Auth0OidcConnectionFile,
} from '../connectionFile/connectionModel';
import { clientSecretPlaceholder } from '../connectionFile/placeholders';
import { fileNameFor } from '../connectionFile/safeFileName';

/** The parts of a Management API connection this needs (src/auth0's Connection fits). */
export interface RemoteConnection {
  readonly name: string;
  readonly strategy: string;
  readonly options?: Readonly<Record<string, unknown>>;
  readonly [key: string]: unknown;
}

export function canPull(connection: { readonly strategy: string }): boolean {
  return connection.strategy === AUTH0_OIDC_STRATEGY;
}

/** Throws UnsafeFileNameError for a name the validator rejects: the tenant chooses it. */
export function pulledFileName(connectionName: string): string {
  return fileNameFor(connectionName, CONNECTION_FILE_SUFFIX);
}

/**
 * The file body. `enabledClientIds` are the applications enabled now (from
 * /connections/{id}/clients), so deploying the file back keeps exactly those.
 */
export function pulledConnectionFile(
  remote: RemoteConnection,
  enabledClientIds: readonly string[],
): Auth0OidcConnectionFile {
  const options: Record<string, unknown> = { ...remote.options };
  // Always the placeholder, whatever the tenant returned: the secret never lands in the file.
  options.client_secret = clientSecretPlaceholder(remote.name);
  const file: Record<string, unknown> = { name: remote.name, strategy: remote.strategy };
  if (typeof remote.display_name === 'string' && remote.display_name !== '' && remote.display_name !== remote.name) {
    file.display_name = remote.display_name;
  }
  file.options = options;
  file.enabled_clients = [...new Set(enabledClientIds)];
  for (const key of API_TOP_LEVEL_PROPERTIES) {
    if (key in file || key === 'enabled_clients') continue;
    const value = keptValue(key, remote[key], remote.name);
    if (value !== undefined) file[key] = value;
  }
  return file as unknown as Auth0OidcConnectionFile;
}

export function pulledConnectionText(remote: RemoteConnection, enabledClientIds: readonly string[]): string {
  return JSON.stringify(pulledConnectionFile(remote, enabledClientIds), undefined, 2) + '\n';
}

/** The value to keep for a top-level field, or undefined when it is absent, a default or unusable. */
function keptValue(key: string, value: unknown, name: string): unknown {
  if (value === undefined || value === null) return undefined;
  switch (key) {
    case 'is_domain_connection':
      return value === true ? true : undefined;
    case 'show_as_button':
      return typeof value === 'boolean' ? value : undefined;
    case 'realms':
      if (!Array.isArray(value) || !value.every((r) => typeof r === 'string')) return undefined;
      return value.length === 0 || (value.length === 1 && value[0] === name) ? undefined : [...value];
    case 'metadata': {
      if (typeof value !== 'object' || Array.isArray(value)) return undefined;
      const entries = Object.entries(value as Record<string, unknown>).filter(
        ([, v]) => typeof v === 'string' || v === null,
      );
      return entries.length === 0 ? undefined : Object.fromEntries(entries);
    }
    case 'authentication':
    case 'connected_accounts': {
      if (typeof value !== 'object' || Array.isArray(value)) return undefined;
      const record = value as Record<string, unknown>;
      if (typeof record.active !== 'boolean') return undefined;
      // Only the fields the API accepts back; anything else the tenant echoes would be rejected.
      return key === 'connected_accounts' && typeof record.cross_app_access === 'boolean'
        ? { active: record.active, cross_app_access: record.cross_app_access }
        : { active: record.active };
    }
    default:
      return undefined;
  }
}

const LEADING_KEYS = ['name', 'strategy', 'display_name', 'options', 'enabled_clients'];
const NEVER_COMPARED = new Set(['id', '$schema']);

/**
 * A connection body with a fixed key order (and sorted enabled_clients), so that a diff of the
 * tenant's version against a file shows real differences, not the order someone typed keys in.
 */
export function comparableConnection(body: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const keys = Object.keys(body).filter((k) => !NEVER_COMPARED.has(k));
  const rank = (k: string): number => (LEADING_KEYS.includes(k) ? LEADING_KEYS.indexOf(k) : LEADING_KEYS.length);
  keys.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const result: Record<string, unknown> = {};
  for (const key of keys) {
    const value = body[key];
    if (key === 'options' && typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const options = value as Record<string, unknown>;
      result[key] = Object.fromEntries(
        Object.keys(options)
          .sort()
          .map((k) => [k, options[k]]),
      );
    } else if (key === 'enabled_clients' && Array.isArray(value)) {
      result[key] = [...(value as unknown[])].map(String).sort();
    } else {
      result[key] = value;
    }
  }
  return result;
}
