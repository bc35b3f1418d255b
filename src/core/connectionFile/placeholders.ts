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

/** Options whose value is a secret: the only ones a `##KEY##` placeholder is filled into. */
export const SECRET_OPTION = /secret|password|private_key|token/i;

/**
 * The options of a connection body that hold a placeholder to fill in. Only secret options
 * count: a placeholder anywhere else is reported by the validator and never filled, so a stored
 * secret cannot be made to travel in an option that diffs, curl and the tree show in clear.
 */
export function secretPlaceholders(options: Readonly<Record<string, unknown>>): { option: string; key: string }[] {
  const found: { option: string; key: string }[] = [];
  for (const [option, value] of Object.entries(options)) {
    const key = typeof value === 'string' && SECRET_OPTION.test(option) ? placeholderKey(value) : undefined;
    if (key) found.push({ option, key });
  }
  return found;
}

/** The CLI reads `##KEY##` from `AUTH0_OIDC_KEY`: a prefix, so a file cannot name any other variable of the CI job. */
export const CLI_PLACEHOLDER_PREFIX = 'AUTH0_OIDC_';
