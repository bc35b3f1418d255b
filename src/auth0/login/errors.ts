import { Auth0ClientError } from '../errors';
import { isWhitespace, trimEndOf } from '../../core/linearText';

// Typed endings of a test login. Messages name tenants, client ids and OAuth error codes only;
// never a code, a token, a verifier or a secret.

export type LoginFailure = 'state-mismatch' | 'error-redirect' | 'timeout' | 'listen' | 'token-exchange' | 'userinfo';

export abstract class LoginError extends Auth0ClientError {
  abstract readonly failure: LoginFailure;
}

export class LoginStateMismatchError extends LoginError {
  readonly failure = 'state-mismatch';
  constructor() {
    super(
      'The login callback carried a state that this login did not send.',
      'The login was stopped: the browser came back with a state value this login did not send, so the answer may belong to another login (or to a forged request). Start the test login again.',
    );
  }
}

/** What Test Login may know beside the browser's answer: the provider application's callbacks. */
export interface ProviderCallbackFacts {
  /** The callback the provider application must list: `https://RP_DOMAIN/login/callback`. */
  readonly expected: string;
  /** The provider application's Allowed Callback URLs, read from its (configured) tenant. */
  readonly callbacks: readonly string[];
}

export class LoginRedirectError extends LoginError {
  readonly failure = 'error-redirect';
  constructor(
    readonly tenant: string,
    readonly error: string,
    readonly description: string | undefined,
    readonly providerCallbacks?: ProviderCallbackFacts,
  ) {
    super(
      `The login ended with an error redirect: ${error}${description ? `: ${description}` : ''}`,
      // The error code and description arrive through the browser's address bar: any page could
      // have written them. They are quoted as what the browser passed, never worded as the tenant's.
      `The login with ${tenant} ended with an error. The browser passed back error ${JSON.stringify(error)}${description ? ` and the description ${JSON.stringify(trimEndOf(description, (c) => c === '.' || isWhitespace(c)))}` : ''}.${hintFor(error, description, providerCallbacks)}`,
    );
  }

  /** The advice would be about the provider application's callback: worth reading its callbacks for. */
  get blamesCallback(): boolean {
    return hintKind(this.error, this.description) === 'callback';
  }

  /** The provider refused the connection's client id or secret (a wrong stored secret, issue 21.3). */
  get refusedConnectionCredentials(): boolean {
    return hintKind(this.error, this.description) === 'credentials';
  }

  /** The same answer, its advice based on the provider application's actual callbacks (issue 21.9). */
  withProviderCallbacks(facts: ProviderCallbackFacts): LoginRedirectError {
    return new LoginRedirectError(this.tenant, this.error, this.description, facts);
  }
}

export class LoginTimeoutError extends LoginError {
  readonly failure = 'timeout';
  constructor(readonly timeoutMs: number) {
    super(
      `No login callback within ${Math.round(timeoutMs / 1000)} s`,
      `The browser did not come back within ${describeSeconds(timeoutMs)}. Finish the login in the browser sooner, or start again.`,
    );
  }
}

export class LoopbackListenError extends LoginError {
  readonly failure = 'listen';
  constructor(
    readonly port: number,
    readonly code: string | undefined,
    cause?: unknown,
  ) {
    super(
      `Could not listen on 127.0.0.1:${port}${code ? ` (${code})` : ''}`,
      code === 'EADDRINUSE'
        ? `Port ${port} on 127.0.0.1 is in use, so the login cannot receive the browser's answer there. Close what uses it or choose another port in the setting auth0Oidc.testLogin.redirectPort.`
        : `Could not listen on 127.0.0.1:${port}${code ? ` (${code})` : ''} for the browser's answer.`,
      { cause },
    );
  }
}

export class TokenExchangeError extends LoginError {
  readonly failure = 'token-exchange';
  constructor(
    readonly tenant: string,
    readonly clientId: string,
    readonly status: number | undefined,
    readonly error: string | undefined,
    readonly description: string | undefined,
  ) {
    const said = `${error ?? `status ${status ?? '?'}`}${description ? `: ${description}` : ''}`;
    super(
      `Code exchange at ${tenant}/oauth/token failed: ${said}`,
      error === 'invalid_client' || status === 401
        ? `${tenant} refused the credentials of application ${clientId} at /oauth/token (${said}). Check its client secret: Test Login asks for it again next time.`
        : error === 'invalid_grant'
          ? `${tenant} refused the authorization code (${said}). The code is single-use and short-lived, and the redirect URI must match: start the login again.`
          : `The code exchange at ${tenant} failed (${said}).`,
    );
  }
}

export class UserInfoError extends LoginError {
  readonly failure = 'userinfo';
  constructor(
    readonly tenant: string,
    detail: string,
  ) {
    super(
      `GET /userinfo at ${tenant} failed: ${detail}`,
      `${tenant} did not return the profile from /userinfo (${detail}).`,
    );
  }
}

type HintKind = 'non-verifiable' | 'not-enabled' | 'not-found' | 'grant-type' | 'credentials' | 'callback';

function hintKind(error: string, description: string | undefined): HintKind | undefined {
  const text = `${error} ${description ?? ''}`.toLowerCase();
  // Auth0's confirmation page for a non-verifiable (loopback) callback, answered with Cancel.
  if (text.includes('non-verifiable') || text.includes('did not confirm')) return 'non-verifiable';
  // Auth0's own descriptions at /authorize (it documents no list; these are its words as users quote
  // them): "the connection was disabled" for a connection the application does not have enabled
  // (auth0/Lock.swift #259), "no connections enabled for the client" for an application with none
  // (auth0-samples/auth0-vue-samples #185), "the connection was not found" (auth0/auth0.js #822).
  if (text.includes('the connection was disabled') || text.includes('no connections enabled')) return 'not-enabled';
  if (text.includes('connection') && text.includes('not found')) return 'not-found';
  // unauthorized_client "Grant type 'authorization_code' not allowed for the client." (auth0/auth0-spa-js #51).
  if (text.includes('grant type') && text.includes('not allowed')) return 'grant-type';
  if (
    text.includes('client_id') ||
    text.includes('client_secret') ||
    text.includes('invalid_client') ||
    text.includes('code exchange')
  )
    return 'credentials';
  if (text.includes('callback')) return 'callback';
  return undefined;
}

function hintFor(error: string, description: string | undefined, callbacks?: ProviderCallbackFacts): string {
  switch (hintKind(error, description)) {
    case 'non-verifiable':
      return " The login was cancelled on the tenant's confirmation page for a login to a loopback address; if you started it, run Test Login again and choose Continue there.";
    case 'not-enabled':
      return " Enable the connection for this application (the connection's enabled applications).";
    case 'not-found':
      return ' Deploy the connection to this tenant first.';
    case 'grant-type':
      return " Turn on the application's Authorization Code grant: Applications → the application → Advanced Settings → Grant Types.";
    case 'credentials':
      return " Check the client ID and client secret in the connection's options (those of the application in the provider tenant).";
    case 'callback':
      // Suggest registering the callback only when it is really missing (issue 21.9).
      if (!callbacks)
        return ' Check the callback URL of the application in the provider tenant: https://RP_DOMAIN/login/callback.';
      if (!callbacks.callbacks.includes(callbacks.expected))
        return ` The application in the provider tenant does not list ${callbacks.expected} among its Allowed Callback URLs: add it (Check Provider Application can).`;
      return ` The application in the provider tenant already lists ${callbacks.expected}, so its callback is not the cause. Check that the connection's options.domain and client_id name that application and its tenant, that the deployed connection is the file's latest (deploy again), and the provider's other settings (Check Provider Application).`;
    default:
      return '';
  }
}

function describeSeconds(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds >= 120 && seconds % 60 === 0 ? `${seconds / 60} minutes` : `${seconds} seconds`;
}
