// RS256 JSON Web Tokens on `jose`: the tenant's signing key (shared with oidc-provider, published
// at /.well-known/jwks.json), signing for test tokens, and verification for the Management API's
// bearer tokens and the ID tokens a federation receives.
import { randomBytes, type KeyObject } from 'node:crypto';
import { errors, exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT, type JWK, type KeyLike } from 'jose';

export interface SigningKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  /** Private JWK with kid/alg/use, the form oidc-provider's `jwks` configuration takes. */
  readonly privateJwk: Record<string, unknown>;
}

export async function generateSigningKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const kid = randomBytes(12).toString('base64url');
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' };
  // On Node, jose's keys are node:crypto KeyObjects.
  return { kid, privateKey: privateKey as KeyObject, publicKey: publicKey as KeyObject, privateJwk };
}

export function signJwt(payload: Record<string, unknown>, key: SigningKey, typ = 'JWT'): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ alg: 'RS256', typ, kid: key.kid }).sign(key.privateKey);
}

export type VerifyResult =
  | { ok: true; header: Record<string, unknown>; payload: Record<string, unknown> }
  | { ok: false; reason: 'malformed' | 'algorithm' | 'signature' | 'expired' };

/**
 * Verifies an RS256 JWT's signature with `publicKey` (a KeyObject or a public JWK) and its
 * `exp` (required) / `nbf` (5 s leeway) against the clock.
 */
export async function verifyJwt(token: string, publicKey: KeyObject | JWK, nowSeconds?: number): Promise<VerifyResult> {
  try {
    const key: KeyLike | Uint8Array =
      'kty' in publicKey && typeof publicKey.kty === 'string'
        ? await importJWK({ ...publicKey, alg: 'RS256' }, 'RS256')
        : (publicKey as KeyObject);
    const { payload, protectedHeader } = await jwtVerify(token, key, {
      algorithms: ['RS256'],
      requiredClaims: ['exp'],
      clockTolerance: 5, // for nbf; exp is checked strictly below
      ...(nowSeconds === undefined ? {} : { currentDate: new Date(nowSeconds * 1000) }),
    });
    const now = nowSeconds ?? Math.floor(Date.now() / 1000);
    if (typeof payload.exp !== 'number' || payload.exp <= now) return { ok: false, reason: 'expired' };
    return { ok: true, header: protectedHeader, payload };
  } catch (err) {
    return { ok: false, reason: failureReason(err) };
  }
}

function failureReason(err: unknown): 'malformed' | 'algorithm' | 'signature' | 'expired' {
  if (err instanceof errors.JWSSignatureVerificationFailed) return 'signature';
  if (err instanceof errors.JOSEAlgNotAllowed) return 'algorithm';
  if (err instanceof errors.JWTExpired) return 'expired';
  // A missing `exp` or an `nbf` in the future: the token is not (or no longer) valid now.
  if (err instanceof errors.JWTClaimValidationFailed && (err.claim === 'exp' || err.claim === 'nbf')) return 'expired';
  return 'malformed';
}
