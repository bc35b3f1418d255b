/**
 * What the tree shows inside a connection: its options, with every secret masked, and its
 * enabled applications with the names the tenant gives them. Pure, so it is tested without VS Code.
 */
import { SECRET_MASK, isSecretKey } from '../secrets';

export interface OptionEntry {
  /** The key (or `[i]` for an array item). */
  readonly key: string;
  /** `options.upstream_params.screen_name.value`: unique within the connection. */
  readonly path: string;
  /** What to show beside the key: never a secret (`••••` in its place). */
  readonly display: string;
  readonly secret: boolean;
  /** For objects and arrays of objects. */
  readonly children?: readonly OptionEntry[];
}

/** The options people look for first, in this order; the rest follow alphabetically. */
const FIRST_OPTIONS = ['domain', 'client_id', 'client_secret', 'scope'];
const MAX_DISPLAY = 120;

export function optionEntries(options: Readonly<Record<string, unknown>> | undefined, path = 'options'): OptionEntry[] {
  if (!options) return [];
  const rank = (key: string): number => {
    const index = FIRST_OPTIONS.indexOf(key);
    return index < 0 ? FIRST_OPTIONS.length : index;
  };
  return Object.keys(options)
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
    .map((key) => entryFor(key, `${path}.${key}`, options[key], isSecretKey(key)));
}

function entryFor(key: string, path: string, value: unknown, secret: boolean): OptionEntry {
  if (secret) {
    // Whatever its type, a value under a secret-looking key is never shown, not even in part.
    const present = value !== undefined && value !== null && value !== '';
    return { key, path, display: present ? SECRET_MASK : describeEmpty(value), secret: true };
  }
  if (Array.isArray(value)) {
    if (value.some((v) => typeof v === 'object' && v !== null)) {
      const children = value.map((v, i) => entryFor(`[${i}]`, `${path}[${i}]`, v, false));
      return { key, path, display: `[${value.length}]`, secret: false, children };
    }
    return { key, path, display: truncate(value.map((v) => displayScalar(v)).join(', ')) || '[]', secret: false };
  }
  if (typeof value === 'object' && value !== null) {
    const children = optionEntries(value as Record<string, unknown>, path);
    return { key, path, display: children.length === 0 ? '{}' : '', secret: false, children };
  }
  return { key, path, display: displayScalar(value), secret: false };
}

function displayScalar(value: unknown): string {
  if (typeof value === 'string') return value === '' ? '""' : truncate(value);
  if (value === null) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return truncate(JSON.stringify(value) ?? '');
}

function describeEmpty(value: unknown): string {
  return value === '' ? '""' : value === null ? 'null' : '';
}

function truncate(text: string): string {
  return text.length > MAX_DISPLAY ? `${text.slice(0, MAX_DISPLAY - 1)}…` : text;
}

/** True when some entry, at any depth, would show `secret`: a last check before display. */
export function entriesReveal(entries: readonly OptionEntry[], secret: string): boolean {
  return entries.some(
    (e) => e.display.includes(secret) || (e.children !== undefined && entriesReveal(e.children, secret)),
  );
}

export interface ApplicationSummary {
  readonly clientId: string;
  /** Absent when the tenant's applications could not be read (e.g. no `read:clients`). */
  readonly name?: string;
  readonly appType?: string;
}

/** Enabled client ids with the tenant's names for them, named ones first, each group by name/id. */
export function enabledApplications(
  clientIds: readonly string[],
  known: ReadonlyMap<string, ApplicationSummary> | undefined,
): ApplicationSummary[] {
  const unique = [...new Set(clientIds)];
  return unique.map((clientId) => known?.get(clientId) ?? { clientId }).sort(compareApplications);
}

/** Applications as the tree lists them: by name, then id. */
export function sortApplications(apps: readonly ApplicationSummary[]): ApplicationSummary[] {
  return [...apps].sort(compareApplications);
}

function compareApplications(a: ApplicationSummary, b: ApplicationSummary): number {
  if (a.name !== undefined && b.name === undefined) return -1;
  if (a.name === undefined && b.name !== undefined) return 1;
  return (a.name ?? '').localeCompare(b.name ?? '') || a.clientId.localeCompare(b.clientId);
}

/** A Management API client object in the summary form the tree uses. */
export function toApplicationSummary(client: {
  readonly client_id: string;
  readonly name?: unknown;
  readonly app_type?: unknown;
}): ApplicationSummary {
  return {
    clientId: client.client_id,
    ...(typeof client.name === 'string' && client.name !== '' ? { name: client.name } : {}),
    ...(typeof client.app_type === 'string' ? { appType: client.app_type } : {}),
  };
}
