/**
 * Between the extension's connection files and auth0-deploy-cli (a0deploy) entries: the same
 * connection, except that a0deploy's `enabled_clients` lists application names (its
 * convertClientNameToId / convertClientIdToName, src/tools/utils.ts) where the extension's lists
 * client ids. Placeholders (`##KEY##`) are kept both ways: a0deploy replaces them from its
 * AUTH0_KEYWORD_REPLACE_MAPPINGS, the extension from secret storage.
 *
 * Stricter than a0deploy: a name no application has, or several applications share, is refused
 * (a0deploy sends an unknown name on as it is, and takes the first of several).
 */
import { findA0DeployKeywords } from './a0deployKeywords';
import { isSecretKey } from '../secrets';

/** What the mapping needs of an application. */
export interface NamedApplication {
  readonly client_id: string;
  readonly name?: string | undefined;
}

export interface NamesToIds {
  readonly ids: readonly string[];
  /** Values that are neither a name nor a client id of the tenant. */
  readonly unknown: readonly string[];
  /** Names that several applications of the tenant have. */
  readonly ambiguous: readonly string[];
}

/** a0deploy's enabled_clients (names, or ids as a0deploy also accepts) as client ids. */
export function namesToIds(values: readonly unknown[], apps: readonly NamedApplication[]): NamesToIds {
  const ids: string[] = [];
  const unknown: string[] = [];
  const ambiguous: string[] = [];
  for (const value of values) {
    const text = String(value);
    const named = apps.filter((app) => app.name === text);
    if (named.length > 1) ambiguous.push(text);
    else if (named.length === 1) ids.push(named[0]!.client_id);
    else if (apps.some((app) => app.client_id === text)) ids.push(text);
    else unknown.push(text);
  }
  return { ids: [...new Set(ids)], unknown, ambiguous };
}

export interface IdsToNames {
  readonly names: readonly string[];
  /** Ids no application of the tenant has (kept as ids: a0deploy accepts them). */
  readonly unknown: readonly string[];
  /** Ids whose application's name another application shares (kept as ids: a name would be ambiguous). */
  readonly ambiguous: readonly string[];
}

/** The extension's enabled_clients (client ids) as a0deploy writes them: application names. */
export function idsToNames(ids: readonly unknown[], apps: readonly NamedApplication[]): IdsToNames {
  const names: string[] = [];
  const unknown: string[] = [];
  const ambiguous: string[] = [];
  for (const value of ids) {
    const id = String(value);
    const app = apps.find((a) => a.client_id === id);
    if (!app?.name) {
      unknown.push(id);
      names.push(id);
    } else if (apps.filter((a) => a.name === app.name).length > 1) {
      ambiguous.push(id);
      names.push(id);
    } else names.push(app.name);
  }
  return { names, unknown, ambiguous };
}

/** Properties of the extension's files that are no part of the connection a0deploy sends. */
const EXTENSION_ONLY = new Set(['$schema']);

/** An extension connection file's body as a0deploy's `connections/NAME.json` entry. */
export function toA0DeployEntry(
  body: Readonly<Record<string, unknown>>,
  apps: readonly NamedApplication[],
): { entry: Record<string, unknown>; mapping: IdsToNames } {
  const entry = Object.fromEntries(Object.entries(body).filter(([key]) => !EXTENSION_ONLY.has(key)));
  const enabled = Array.isArray(body['enabled_clients']) ? body['enabled_clients'] : [];
  const mapping = idsToNames(enabled, apps);
  if (Array.isArray(body['enabled_clients'])) entry['enabled_clients'] = [...mapping.names];
  return { entry, mapping };
}

/** An a0deploy entry (keywords already replaced) as the extension's connection file body. */
export function fromA0DeployEntry(
  connection: Readonly<Record<string, unknown>>,
  apps: readonly NamedApplication[],
): { body: Record<string, unknown>; mapping: NamesToIds } {
  const body: Record<string, unknown> = { ...connection };
  const enabled = Array.isArray(connection['enabled_clients']) ? connection['enabled_clients'] : [];
  const mapping = namesToIds(enabled, apps);
  if (Array.isArray(connection['enabled_clients'])) body['enabled_clients'] = [...mapping.ids];
  return { body, mapping };
}

/**
 * The first keyword still in a value that is no secret option (after a0deploy's replacement: a
 * key its config.json does not map), or undefined. Secret options keep their placeholder.
 */
export function keywordLeft(value: unknown, key = ''): string | undefined {
  if (typeof value === 'string') return isSecretKey(key) ? undefined : findA0DeployKeywords(value)[0]?.key;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = keywordLeft(item);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (typeof value === 'object' && value !== null)
    for (const [k, v] of Object.entries(value)) {
      const found = keywordLeft(v, k);
      if (found !== undefined) return found;
    }
  return undefined;
}
