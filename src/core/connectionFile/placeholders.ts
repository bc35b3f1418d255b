/**
 * Secrets stay out of connection files: the file holds `##NAME##` and the value lives in
 * VS Code's SecretStorage (or an environment variable for the CLI), filled in at deploy time.
 */
import { isSecretKey } from '../secrets';

import { trimEndOf, trimStartOf } from '../linearText';
import { singleProviderHost } from './providerHosts';

const PLACEHOLDER_PATTERN = /^##([A-Z0-9_]+)##$/;

export function isPlaceholder(value: string): boolean {
  return PLACEHOLDER_PATTERN.test(value);
}

/** The key inside `##KEY##`, or undefined when the value is not a placeholder. */
export function placeholderKey(value: string): string | undefined {
  return PLACEHOLDER_PATTERN.exec(value)?.[1];
}

/** Looks like an attempt at a placeholder, but is not one (`##partner##`, `#SECRET#`, `${SECRET}`). */
export function isMalformedPlaceholder(value: string): boolean {
  if (isPlaceholder(value)) return false;
  // Linear scans for `/^#+[^#]*#*$/` and `/^\$\{[^}]*\}$/`: the first regex backtracks
  // quadratically on a long run of `#` (5 s for 80,000), freezing the editor on a hostile file.
  if (value.startsWith('#')) return !trimEndOf(trimStartOf(value, '#'), '#').includes('#');
  return value.length >= 3 && value.startsWith('${') && value.indexOf('}') === value.length - 1;
}

/** `partner-corp` → `##PARTNER_CORP_CLIENT_SECRET##`. */
export function clientSecretPlaceholder(connectionName: string): string {
  const stem = connectionName
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return `##${stem.length > 0 ? stem + '_' : ''}CLIENT_SECRET##`;
}

/**
 * The options of a connection body that hold a placeholder to fill in. Only secret options
 * count: a placeholder anywhere else is reported by the validator and never filled, so a stored
 * secret cannot be made to travel in an option that diffs, curl and the tree show in clear.
 */
export function secretPlaceholders(options: Readonly<Record<string, unknown>>): { option: string; key: string }[] {
  const found: { option: string; key: string }[] = [];
  for (const [option, value] of Object.entries(options)) {
    const key = typeof value === 'string' && isSecretKey(option) ? placeholderKey(value) : undefined;
    if (key) found.push({ option, key });
  }
  return found;
}

/**
 * Fills each secret option's `##KEY##` with `valueOf(KEY)`: the one filling rule for deploy, the
 * Connection Files view and the CLI, whatever the values come from (SecretStorage, what a person
 * typed, environment variables). A placeholder with no value (undefined or blank) is left as it
 * is and listed in `unresolved`.
 */
export function fillPlaceholders<B extends { readonly options: Readonly<Record<string, unknown>> }>(
  body: B,
  valueOf: (key: string) => string | undefined,
): { readonly body: B; readonly unresolved: readonly { readonly option: string; readonly key: string }[] } {
  const options: Record<string, unknown> = { ...body.options };
  const unresolved: { option: string; key: string }[] = [];
  for (const { option, key } of secretPlaceholders(options)) {
    const value = valueOf(key);
    if (value === undefined || value.trim() === '') unresolved.push({ option, key });
    else options[option] = value;
  }
  return { body: { ...body, options }, unresolved };
}

/** The CLI reads `##KEY##` from `AUTH0_OIDC_KEY`: a prefix, so a file cannot name any other variable of the CI job. */
export const CLI_PLACEHOLDER_PREFIX = 'AUTH0_OIDC_';

/**
 * What a stored placeholder value was created for: the provider tenant (its domain) and its
 * application (client id). A value is filled only into a file that names the same two, so a
 * repository cannot write `##OTHER_PROJECT_CLIENT_SECRET##` and send that secret elsewhere.
 */
export interface PlaceholderBinding {
  readonly domain: string;
  readonly clientId: string;
}

/**
 * The binding a connection body asks for: the one provider host every option that names one
 * agrees on (`options.domain`, each oidc URL option and `oidc_metadata`'s endpoints: see
 * providerHosts.ts), and `options.client_id`. Undefined when the body does not name both, or
 * when its options name two hosts: a decoy `domain` beside a `token_endpoint` elsewhere would
 * otherwise get the bound tenant's secret sent to the other host at the next login (issue 23.1).
 */
export function bindingOf(options: Readonly<Record<string, unknown>>): PlaceholderBinding | undefined {
  const clientId = typeof options.client_id === 'string' ? options.client_id.trim() : '';
  const domain = singleProviderHost(options);
  return domain && clientId ? { domain, clientId } : undefined;
}

/** `https://Acme.EU.auth0.com/` and `acme.eu.auth0.com` are the same tenant; undefined when empty. */
export function normalizeDomain(value: string): string | undefined {
  const text = value.trim().toLowerCase();
  if (text === '') return undefined;
  try {
    return new URL(text.includes('://') ? text : `https://${text}`).host || undefined;
  } catch {
    return text;
  }
}

/** Which of the two differ between a stored value's binding and what a file asks for (empty: none). */
export function bindingMismatch(
  stored: PlaceholderBinding,
  asked: PlaceholderBinding | undefined,
): ('domain' | 'client_id')[] {
  if (!asked) return ['domain', 'client_id'];
  const differ: ('domain' | 'client_id')[] = [];
  if (normalizeDomain(stored.domain) !== normalizeDomain(asked.domain)) differ.push('domain');
  if (stored.clientId !== asked.clientId) differ.push('client_id');
  return differ;
}

/** A binding as kept in storage, or undefined when the text is not one (absent, corrupt). */
export function parseBinding(text: string | undefined): PlaceholderBinding | undefined {
  if (!text) return undefined;
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value !== 'object' || value === null) return undefined;
    const { domain, clientId } = value as Record<string, unknown>;
    return typeof domain === 'string' && typeof clientId === 'string' ? { domain, clientId } : undefined;
  } catch {
    return undefined;
  }
}
