// Token decoding (jwt-decode: no signature check; the token came straight from the tenant over
// TLS, or the user pasted it to look inside) and the claim checks shown next to the claims.
// Error messages never quote the token or any part of it.
import { jwtDecode } from 'jwt-decode';
import { describeExpiry, describeIssued } from './time';
import { trimEndOf, trimStartOf } from '../linearText';

export type JwtClaims = Record<string, unknown>;

export interface DecodedJwt {
  readonly header: JwtClaims;
  readonly payload: JwtClaims;
}

export class MalformedTokenError extends Error {
  constructor(readonly reason: string) {
    super(`This is not a token that can be decoded: ${reason}.`);
    this.name = 'MalformedTokenError';
  }
}

/** Removes what people paste around a token: whitespace, quotes, a `Bearer ` prefix. */
export function cleanTokenInput(text: string): string {
  let token = trimEndOf(trimStartOf(text.trim(), '"\'`'), '"\'`').trim();
  token = token.replace(/^bearer\s+/i, '');
  return token.replace(/\s+/g, '');
}

/** Header and payload of a JWS compact token; throws MalformedTokenError with a reason otherwise. */
export function decodeJwt(text: string): DecodedJwt {
  const token = cleanTokenInput(text);
  if (token === '') throw new MalformedTokenError('it is empty');
  const parts = token.split('.');
  if (parts.length === 5)
    throw new MalformedTokenError('it is an encrypted token (JWE, five parts), which only its audience can read');
  if (parts.length !== 3)
    throw new MalformedTokenError(
      `a JWT has three parts separated by dots, this has ${parts.length}${parts.length === 1 ? ' (an opaque token, not a JWT)' : ''}`,
    );
  if (parts.some((p, i) => i < 2 && !/^[A-Za-z0-9_-]+={0,2}$/.test(p)))
    throw new MalformedTokenError('a part contains characters that are not base64url');
  let header: unknown;
  let payload: unknown;
  try {
    header = jwtDecode(token, { header: true });
  } catch {
    throw new MalformedTokenError('its header is not base64url-encoded JSON');
  }
  try {
    payload = jwtDecode(token);
  } catch {
    throw new MalformedTokenError('its payload is not base64url-encoded JSON');
  }
  if (!isRecord(header)) throw new MalformedTokenError('its header is not a JSON object');
  if (!isRecord(payload)) throw new MalformedTokenError('its payload is not a JSON object');
  return { header, payload };
}

/** Whether a text looks like a JWT at all (three base64url parts), without decoding it. */
export function looksLikeJwt(text: string): boolean {
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(cleanTokenInput(text));
}

export type CheckStatus = 'pass' | 'fail' | 'warn' | 'info';

export interface ClaimCheck {
  readonly claim: string;
  readonly status: CheckStatus;
  /** One sentence saying what was checked and what was found. */
  readonly message: string;
}

export interface IdTokenExpectations {
  /** `<RP origin>/`, Auth0's issuer. */
  readonly issuer?: string;
  readonly clientId?: string;
  /** The nonce sent in the authorize request; absent for a pasted token. */
  readonly nonce?: string;
  readonly nowMs: number;
  /** Allowed clock difference. Default 60 s. */
  readonly leewaySeconds?: number;
}

/** The issuer Auth0 puts in tokens: the tenant origin with a trailing slash. */
export function expectedIssuer(origin: string): string {
  return `${new URL(origin).origin}/`;
}

/** iss, aud, azp, nonce, exp, iat of an ID token, each with its result. */
export function checkIdToken(payload: JwtClaims, expect: IdTokenExpectations): ClaimCheck[] {
  const checks: ClaimCheck[] = [];
  checks.push(checkIssuer(payload, expect.issuer));
  const aud = audiences(payload.aud);
  if (expect.clientId === undefined) {
    checks.push({
      claim: 'aud',
      status: aud.length > 0 ? 'info' : 'warn',
      message: aud.length > 0 ? `For ${aud.join(', ')}.` : 'The token names no audience.',
    });
  } else if (aud.includes(expect.clientId)) {
    checks.push({ claim: 'aud', status: 'pass', message: `Contains the application's client ID ${expect.clientId}.` });
  } else {
    checks.push({
      claim: 'aud',
      status: 'fail',
      message: `Does not contain the application's client ID ${expect.clientId} (it is ${aud.join(', ') || 'missing'}).`,
    });
  }
  if (aud.length > 1 && expect.clientId !== undefined) {
    checks.push(
      payload.azp === expect.clientId
        ? { claim: 'azp', status: 'pass', message: 'Several audiences; the authorized party is the application.' }
        : {
            claim: 'azp',
            status: 'fail',
            message: `Several audiences, but azp is ${typeof payload.azp === 'string' ? payload.azp : 'missing'} instead of ${expect.clientId}.`,
          },
    );
  }
  if (expect.nonce !== undefined) {
    checks.push(
      payload.nonce === expect.nonce
        ? { claim: 'nonce', status: 'pass', message: 'Matches the nonce sent with the login.' }
        : {
            claim: 'nonce',
            status: 'fail',
            message:
              payload.nonce === undefined
                ? 'Missing, although the login sent one.'
                : 'Does not match the nonce sent with the login (a replayed or foreign token).',
          },
    );
  } else if (payload.nonce !== undefined) {
    checks.push({ claim: 'nonce', status: 'info', message: 'Present; there is no login here to compare it with.' });
  }
  checks.push(...checkTimes(payload, expect.nowMs, expect.leewaySeconds ?? 60));
  return checks;
}

/** iss, exp and iat of an access token (when it is a JWT). */
export function checkAccessToken(
  payload: JwtClaims,
  expect: { readonly issuer?: string; readonly nowMs: number; readonly leewaySeconds?: number },
): ClaimCheck[] {
  const aud = audiences(payload.aud);
  return [
    checkIssuer(payload, expect.issuer),
    {
      claim: 'aud',
      status: aud.length > 0 ? 'info' : 'warn',
      message: aud.length > 0 ? `For ${aud.join(', ')}.` : 'The token names no audience.',
    },
    ...checkTimes(payload, expect.nowMs, expect.leewaySeconds ?? 60),
  ];
}

function checkIssuer(payload: JwtClaims, issuer: string | undefined): ClaimCheck {
  const iss = payload.iss;
  if (typeof iss !== 'string') return { claim: 'iss', status: 'fail', message: 'The issuer is missing.' };
  if (issuer === undefined) return { claim: 'iss', status: 'info', message: `Issued by ${iss}.` };
  return iss === issuer
    ? { claim: 'iss', status: 'pass', message: `Issued by the RP tenant (${iss}).` }
    : { claim: 'iss', status: 'fail', message: `Issued by ${iss}, not by the RP tenant (${issuer}).` };
}

function checkTimes(payload: JwtClaims, nowMs: number, leewaySeconds: number): ClaimCheck[] {
  const checks: ClaimCheck[] = [];
  const exp = payload.exp;
  if (typeof exp !== 'number' || !Number.isFinite(exp)) {
    checks.push({ claim: 'exp', status: 'fail', message: 'The expiry time is missing or not a number.' });
  } else {
    checks.push({
      claim: 'exp',
      status: exp * 1000 > nowMs - leewaySeconds * 1000 ? 'pass' : 'fail',
      message: `${capitalize(describeExpiry(exp, nowMs))}.`,
    });
  }
  const iat = payload.iat;
  if (typeof iat !== 'number' || !Number.isFinite(iat)) {
    checks.push({ claim: 'iat', status: 'warn', message: 'The issue time is missing or not a number.' });
  } else if (iat * 1000 > nowMs + leewaySeconds * 1000) {
    checks.push({
      claim: 'iat',
      status: 'fail',
      message: `${capitalize(describeIssued(iat, nowMs))}: check the clocks.`,
    });
  } else if (typeof exp === 'number' && iat > exp) {
    checks.push({ claim: 'iat', status: 'fail', message: 'Issued after it expires.' });
  } else {
    checks.push({ claim: 'iat', status: 'pass', message: `${capitalize(describeIssued(iat, nowMs))}.` });
  }
  return checks;
}

export function audiences(aud: unknown): string[] {
  if (typeof aud === 'string') return [aud];
  return Array.isArray(aud) ? aud.filter((a): a is string => typeof a === 'string') : [];
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function isRecord(value: unknown): value is JwtClaims {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
