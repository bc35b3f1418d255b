/**
 * Secrets stay out of connection files: the file holds `##NAME##` and the value lives in
 * VS Code's SecretStorage (or an environment variable for the CLI), filled in at deploy time.
 */

export const PLACEHOLDER_PATTERN = /^##([A-Z0-9_]+)##$/;

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
  return /^#+[^#]*#*$/.test(value) || /^\$\{[^}]*\}$/.test(value);
}

/** `partner-corp` → `##PARTNER_CORP_CLIENT_SECRET##`. */
export function clientSecretPlaceholder(connectionName: string): string {
  const stem = connectionName.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return `##${stem.length > 0 ? stem + '_' : ''}CLIENT_SECRET##`;
}
