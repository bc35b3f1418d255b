// RS256 JSON Web Tokens with node:crypto only: the tenant's signing key (shared with oidc-provider,
// published at /.well-known/jwks.json), signing for test tokens, and verification for the
// Management API's bearer tokens.
import { createPublicKey, generateKeyPair, KeyObject, randomBytes, sign, verify, type JsonWebKeyInput } from 'node:crypto';

export interface SigningKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  /** Private JWK with kid/alg/use, the form oidc-provider's `jwks` configuration takes. */
  readonly privateJwk: Record<string, unknown>;
}

export async function generateSigningKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await new Promise<{ privateKey: KeyObject; publicKey: KeyObject }>((resolve, reject) => {
    generateKeyPair('rsa', { modulusLength: 2048 }, (err, pub, priv) => (err ? reject(err) : resolve({ publicKey: pub, privateKey: priv })));
  });
  const kid = randomBytes(12).toString('base64url');
  const privateJwk = { ...privateKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' };
  return { kid, privateKey, publicKey, privateJwk };
}

const b64json = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

export function signJwt(payload: Record<string, unknown>, key: SigningKey, typ = 'JWT'): string {
  const input = `${b64json({ alg: 'RS256', typ, kid: key.kid })}.${b64json(payload)}`;
  const signature = sign('sha256', Buffer.from(input), key.privateKey).toString('base64url');
  return `${input}.${signature}`;
}

export type VerifyResult =
  | { ok: true; header: Record<string, unknown>; payload: Record<string, unknown> }
  | { ok: false; reason: 'malformed' | 'algorithm' | 'signature' | 'expired' };

/** Verifies an RS256 JWT's signature with `publicKey` and its `exp`/`nbf` against the clock. */
export function verifyJwt(token: string, publicKey: KeyObject | JsonWebKeyInput['key'], nowSeconds = Math.floor(Date.now() / 1000)): VerifyResult {
  const [h, p, s, ...rest] = token.split('.');
  if (h === undefined || p === undefined || s === undefined || rest.length) return { ok: false, reason: 'malformed' };
  let header: Record<string, unknown>;
  let payload: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as Record<string, unknown>;
    payload = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (typeof header !== 'object' || header === null || typeof payload !== 'object' || payload === null) {
    return { ok: false, reason: 'malformed' };
  }
  if (header.alg !== 'RS256') return { ok: false, reason: 'algorithm' };
  const key = publicKey instanceof KeyObject ? publicKey : createPublicKey({ key: publicKey, format: 'jwk' });
  const valid = verify('sha256', Buffer.from(`${h}.${p}`), key, Buffer.from(s, 'base64url'));
  if (!valid) return { ok: false, reason: 'signature' };
  if (typeof payload.exp !== 'number' || payload.exp <= nowSeconds) return { ok: false, reason: 'expired' };
  if (typeof payload.nbf === 'number' && payload.nbf > nowSeconds + 5) return { ok: false, reason: 'expired' };
  return { ok: true, header, payload };
}

export function randomAlphanumeric(length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = randomBytes(length * 2);
  let out = '';
  for (let i = 0; i < bytes.length && out.length < length; i++) {
    // 248 = 4 * 62: rejection sampling keeps the distribution uniform.
    const b = bytes[i] ?? 255;
    if (b < 248) out += alphabet[b % 62];
  }
  return out.length === length ? out : out + randomAlphanumeric(length - out.length);
}
