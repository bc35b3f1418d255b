/**
 * Secrets stay out of connection files: the file holds `##NAME##` and the value lives in
 * VS Code's SecretStorage (or an environment variable for the CLI), filled in at deploy time.
 */
import { isSecretKey } from '../secrets';

import { trimEndOf, trimStartOf } from '../linearText';

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
