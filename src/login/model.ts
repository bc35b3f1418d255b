// Builds what the login view shows from decoded tokens. Pure (no vscode), so plain-Node tests can
// check that no raw token ever reaches a model. Only decoded parts and lengths go in.
import { checkAccessToken, checkIdToken, decodeJwt, MalformedTokenError, type ClaimCheck } from '../core/login/tokens';
import { parseUserId, userIdNotice, type ExpectedConnection, type ParsedUserId } from '../core/login/userId';
import type { LabelledValue, TokenKind, TokenView, TokensModel } from '../webview/protocol';

export interface TokenInput {
  readonly kind: TokenKind;
  readonly raw: string;
}

export interface Expectations {
  readonly issuer?: string;
  readonly clientId?: string;
  readonly nonce?: string;
}

function tokenView(input: TokenInput, expect: Expectations, nowMs: number): TokenView {
  const label = input.kind === 'id' ? 'ID token' : 'Access token';
  try {
    const { header, payload } = decodeJwt(input.raw);
    const checks: ClaimCheck[] =
      input.kind === 'id'
        ? checkIdToken(payload, { ...expect, nowMs })
        : checkAccessToken(payload, { ...(expect.issuer !== undefined ? { issuer: expect.issuer } : {}), nowMs });
    return {
      kind: input.kind,
      label,
      header,
      payload,
      checks,
      ...(typeof payload.exp === 'number' ? { exp: payload.exp } : {}),
      ...(typeof payload.iat === 'number' ? { iat: payload.iat } : {}),
      length: input.raw.length,
    };
  } catch (error) {
    const problem =
      error instanceof MalformedTokenError
        ? input.kind === 'access' && !input.raw.includes('.')
          ? 'An opaque access token: Auth0 issues one when no audience is requested. It is only good for /userinfo, and cannot be decoded.'
          : error.message
        : 'The token could not be decoded.';
    return { kind: input.kind, label, problem, checks: [], length: input.raw.length };
  }
}

export interface LoginModelInput {
  readonly title: string;
  readonly context: readonly LabelledValue[];
  readonly idToken?: string;
  readonly accessToken?: string;
  readonly userinfo?: Record<string, unknown>;
  readonly userinfoError?: string;
  readonly expect: Expectations;
  readonly nowMs: number;
  readonly notes?: readonly string[];
  /** The connection logged in with: the user id is read and checked against its strategy and name. */
  readonly connection?: ExpectedConnection;
}

/** The user part of a model: the split user id and, when something is off, what to say about it. */
function userParts(sub: unknown, expected?: ExpectedConnection): { user: ParsedUserId; userNotice?: string } {
  const user = parseUserId(sub);
  const notice = userIdNotice(user, expected);
  return notice !== undefined ? { user, userNotice: notice } : { user };
}

/** The view of a finished test login. */
export function loginModel(input: LoginModelInput): TokensModel {
  const tokens: TokenView[] = [];
  if (input.idToken !== undefined)
    tokens.push(tokenView({ kind: 'id', raw: input.idToken }, input.expect, input.nowMs));
  if (input.accessToken !== undefined)
    tokens.push(tokenView({ kind: 'access', raw: input.accessToken }, input.expect, input.nowMs));
  const idPayload = tokens.find((t) => t.kind === 'id')?.payload;
  const sub = input.userinfo?.sub ?? idPayload?.sub;
  const notes = [...(input.notes ?? [])];
  if (input.idToken === undefined) notes.push('No ID token came back: is openid in the scope?');
  return {
    view: 'tokens',
    title: input.title,
    source: 'login',
    context: input.context,
    tokens,
    ...(input.userinfo ? { userinfo: input.userinfo } : {}),
    ...(input.userinfoError ? { userinfoError: input.userinfoError } : {}),
    ...(sub !== undefined ? userParts(sub, input.connection) : {}),
    notes,
  };
}

/** The view of a pasted or selected token. Throws MalformedTokenError when it is not a JWT. */
export function decodedModel(raw: string, nowMs: number): TokensModel {
  const { payload } = decodeJwt(raw);
  const kind: TokenKind =
    payload.nonce !== undefined ||
    (typeof payload.aud === 'string' && !payload.aud.includes('/') && payload.scope === undefined)
      ? 'id'
      : 'access';
  const view = tokenView({ kind, raw }, {}, nowMs);
  return {
    view: 'tokens',
    title: 'Decoded token',
    source: 'decode',
    context: [
      {
        label: 'Looks like',
        value: kind === 'id' ? 'an ID token (for an application)' : 'an access token (for an API)',
      },
    ],
    tokens: [view],
    ...(payload.sub !== undefined ? userParts(payload.sub) : {}),
    notes: ['The signature is not verified: decoding only shows what the token says.'],
  };
}
