import { createHash, randomBytes } from 'node:crypto';

// Random values and PKCE (RFC 7636) for the login flows.

/** `bytes` crypto-random bytes as base64url (32 bytes → 43 characters). */
export function randomUrlSafe(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** The S256 code challenge of a verifier: base64url(SHA-256(ASCII(verifier))). */
export function pkceChallenge(verifier: string): string {
  if (!/^[A-Za-z0-9\-._~]{43,128}$/.test(verifier)) {
    throw new RangeError('A PKCE code verifier is 43 to 128 characters of A-Z a-z 0-9 - . _ ~');
  }
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

export interface Pkce {
  readonly verifier: string;
  readonly challenge: string;
  readonly method: 'S256';
}

export function createPkce(): Pkce {
  const verifier = randomUrlSafe(32);
  return { verifier, challenge: pkceChallenge(verifier), method: 'S256' };
}

/** A fresh state value for an authorize request. */
export function createState(): string {
  return randomUrlSafe(24);
}

export function createNonce(): string {
  return randomUrlSafe(24);
}
