/**
 * Removes secrets from text before it is logged or shown. Known secrets are replaced wherever they
 * appear; anything shaped like a token or a secret field is replaced even when nobody registered it.
 */

const MASK = '••••';

const PATTERNS: readonly RegExp[] = [
  /\b(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi,
  /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, // a JWT
  /("?(?:client_secret|access_token|id_token|refresh_token|code_verifier|password|token)"?\s*[:=]\s*"?)([^"&\s,}]+)/gi,
];

export class Redactor {
  private readonly known = new Set<string>();

  /** Registers a secret so that every later `redact` hides it. Short values are ignored as too common. */
  add(secret: string | undefined): void {
    if (secret !== undefined && secret.length >= 6) this.known.add(secret);
  }

  redact(text: string): string {
    let result = text;
    for (const secret of this.known) result = result.split(secret).join(MASK);
    for (const pattern of PATTERNS) {
      result = result.replace(pattern, (_match, prefix: string | undefined) => `${typeof prefix === 'string' ? prefix : ''}${MASK}`);
    }
    return result;
  }
}
