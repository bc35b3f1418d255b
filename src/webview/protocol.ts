// Messages between the login view's host (src/login/loginPanel.ts) and its browser app
// (src/webview/app/main.ts). Both sides import these types; nothing here is a value.
//
// The raw tokens are never part of a model: the host keeps them and sends one only in a
// `revealed` message, after the person clicked "Show". Copying happens in the host.
import type { ExplainedParameter } from '../core/login/authorizeUrl';
import type { ClaimCheck } from '../core/login/tokens';
import type { ParsedUserId } from '../core/login/userId';

export type TokenKind = 'id' | 'access';

export interface LabelledValue {
  readonly label: string;
  readonly value: string;
}

export interface TokenView {
  readonly kind: TokenKind;
  readonly label: string;
  /** Decoded header and payload; absent when `problem` says why (opaque, encrypted, malformed). */
  readonly header?: Record<string, unknown>;
  readonly payload?: Record<string, unknown>;
  readonly problem?: string;
  readonly checks: readonly ClaimCheck[];
  /** NumericDate seconds, for the live countdown. */
  readonly exp?: number;
  readonly iat?: number;
  /** Characters in the raw token: there is something to show or copy. */
  readonly length: number;
}

export interface TokensModel {
  readonly view: 'tokens';
  readonly title: string;
  readonly source: 'login' | 'decode';
  /** Tenant, connection, application, redirect URI… */
  readonly context: readonly LabelledValue[];
  readonly tokens: readonly TokenView[];
  readonly userinfo?: Record<string, unknown>;
  readonly userinfoError?: string;
  readonly user?: ParsedUserId;
  /** What is off about the user id (unreadable, another strategy or connection); absent when all is well. */
  readonly userNotice?: string;
  readonly notes: readonly string[];
}

export interface AuthorizeLinkModel {
  readonly view: 'authorize';
  readonly title: string;
  readonly url: string;
  readonly parameters: readonly ExplainedParameter[];
  readonly context: readonly LabelledValue[];
  readonly notes: readonly string[];
}

export type ViewModel = TokensModel | AuthorizeLinkModel;

/** Host → app. */
export type HostMessage =
  | { readonly type: 'show'; readonly model: ViewModel }
  | { readonly type: 'revealed'; readonly token: TokenKind; readonly value: string }
  | { readonly type: 'notice'; readonly text: string };

/** App → host. */
export type AppMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'reveal'; readonly token: TokenKind }
  | { readonly type: 'copyToken'; readonly token: TokenKind }
  | { readonly type: 'copyLink' }
  | { readonly type: 'openLink' };

export function isAppMessage(value: unknown): value is AppMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as { type?: unknown; token?: unknown };
  switch (message.type) {
    case 'ready':
    case 'copyLink':
    case 'openLink':
      return true;
    case 'reveal':
    case 'copyToken':
      return message.token === 'id' || message.token === 'access';
    default:
      return false;
  }
}
