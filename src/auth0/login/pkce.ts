import { randomUrlSafe, sha256Base64Url } from '../../core/webCrypto';

// Random values and PKCE (RFC 7636) for the login flows, through Web Crypto (src/core/webCrypto.ts)
// so that the same code runs in Node and in the browser's web worker extension host.

export { randomUrlSafe };

/** The S256 code challenge of a verifier: base64url(SHA-256(ASCII(verifier))). */
export async function pkceChallenge(verifier: string): Promise<string> {
  if (!/^[A-Za-z0-9\-._~]{43,128}$/.test(verifier)) {
    throw new RangeError('A PKCE code verifier is 43 to 128 characters of A-Z a-z 0-9 - . _ ~');
  }
  // The verifier is ASCII only (checked above), so its UTF-8 bytes are its ASCII bytes.
  return sha256Base64Url(verifier);
}

export interface Pkce {
  readonly verifier: string;
  readonly challenge: string;
  readonly method: 'S256';
}

export async function createPkce(): Promise<Pkce> {
  const verifier = randomUrlSafe(32);
  return { verifier, challenge: await pkceChallenge(verifier), method: 'S256' };
}

/** A fresh state value for an authorize request. */
export function createState(): string {
  return randomUrlSafe(24);
}

export function createNonce(): string {
  return randomUrlSafe(24);
}
