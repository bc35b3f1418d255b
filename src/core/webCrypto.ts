// Random values, base64url and SHA-256 through Web Crypto (`globalThis.crypto`), which both hosts
// have: Node 20's extension host and the browser's web worker extension host (vscode.dev,
// github.dev), where `node:crypto` and `Buffer` do not exist. Nothing here imports a Node module.

/** The bytes as base64url without padding (RFC 4648 section 5), as PKCE and JWTs write them. */
export function base64UrlOf(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** `bytes` crypto-random bytes as base64url (32 bytes → 43 characters). */
export function randomUrlSafe(bytes = 32): string {
  return base64UrlOf(globalThis.crypto.getRandomValues(new Uint8Array(bytes)));
}

/** base64url(SHA-256(UTF-8 of `text`)). */
export async function sha256Base64Url(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return base64UrlOf(new Uint8Array(digest));
}
