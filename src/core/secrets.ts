/**
 * Secrets in one place: which keys hold one, the mask shown in their place, masking a value,
 * collecting the secrets in a request body, and redacting text before it is logged or shown.
 * Pure: the extension, the Auth0 client and the CLI all use these.
 */

/** Shows that a secret is there without showing it: for diffs, previews, the tree, curl and logs. */
export const SECRET_MASK = '••••';

/**
 * Keys whose values are secrets: masked wherever a value is shown, collected for redaction, and
 * the only options a `##KEY##` placeholder is filled into. A token is a key that ends in "token"
 * (access_token, id_token, managementToken): an oidc connection's `token_endpoint` and
 * `token_endpoint_auth_method` are URLs and settings the user must see, and a `##KEY##` there
 * would send a secret's value to a URL.
 */
const SECRET_KEY = /secret|password|private_key|token$/i;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/** A deep copy with every non-empty string under a secret key replaced by the mask. */
export function maskSecrets<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v: unknown) => maskSecrets(v)) as T;
  if (typeof value !== 'object' || value === null) return value;
  const result: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    result[key] = isSecretKey(key) && typeof inner === 'string' && inner.length > 0 ? SECRET_MASK : maskSecrets(inner);
  }
  return result as T;
}

/** String values under secret keys, to scrub from anything the server echoes back. */
export function collectSecrets(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) {
    value.forEach((item) => collectSecrets(item, found));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (typeof item === 'string' && isSecretKey(key)) {
        found.push(item);
      } else {
        collectSecrets(item, found);
      }
    }
  }
  return found;
}

/** Replaces every occurrence of each known secret (4 characters or more) by the mask. */
export function redactSecrets(text: string, secrets: Iterable<string | undefined>): string {
  let result = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) result = result.split(secret).join(SECRET_MASK);
  }
  return result;
}

const PATTERNS: readonly RegExp[] = [
  /\b(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi,
  /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, // a JWT
  /("?(?:client_secret|access_token|id_token|refresh_token|code_verifier|password|token)"?\s*[:=]\s*"?)([^"&\s,}]+)/gi,
];

/**
 * Removes secrets from text before it is logged or shown. Known secrets are replaced wherever they
 * appear; anything shaped like a token or a secret field is replaced even when nobody registered it.
 */
export class Redactor {
  private readonly known = new Set<string>();

  /** Registers a secret so that every later `redact` hides it. Short values are ignored as too common. */
  add(secret: string | undefined): void {
    if (secret !== undefined && secret.length >= 6) this.known.add(secret);
  }

  redact(text: string): string {
    let result = redactSecrets(text, this.known);
    for (const pattern of PATTERNS) {
      result = result.replace(
        pattern,
        (_match, prefix: string | undefined) => `${typeof prefix === 'string' ? prefix : ''}${SECRET_MASK}`,
      );
    }
    return result;
  }
}
