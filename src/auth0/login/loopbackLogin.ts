import { timingSafeEqual } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildAuthorizeUrl, DEFAULT_LOGIN_SCOPE } from '../../core/login/authorizeUrl';
import { Auth0ApiError, Auth0ClientError, CancelledError } from '../errors';
import { TenantHttpClient, type RequestLogEntry } from '../http';
import type { ProxyConfig } from '../proxy';
import { isLoopbackHost, tenantBaseUrl } from '../tenantUrl';
import {
  LoginRedirectError,
  LoginTimeoutError,
  LoopbackListenError,
  TokenExchangeError,
  UserInfoError,
} from './errors';
import { createNonce, createPkce, createState, type Pkce } from './pkce';

// A real login through an auth0-oidc connection, as a native app does it (RFC 8252): a listener on
// 127.0.0.1 receives the browser's redirect; PKCE S256, state and nonce protect the flow; the code
// is exchanged at the RP's /oauth/token and the profile read from /userinfo. Requests go only to
// the RP's origin (https, or http on loopback), through TenantHttpClient, which never follows
// redirects. The listener closes on every ending: the code, a wrong state, an error redirect, the
// timeout, cancellation or close().

export const DEFAULT_CALLBACK_PATH = '/callback';
export const DEFAULT_LOGIN_TIMEOUT_MS = 5 * 60_000;

export interface LoopbackLoginOptions {
  /** The RP tenant's domain or origin (see tenantBaseUrl). */
  readonly rpDomain: string;
  /** The RP application the login is for. */
  readonly clientId: string;
  /** The auth0-oidc connection's name. */
  readonly connection: string;
  readonly scope?: string;
  /** Port on 127.0.0.1; 0 (default) lets the system pick a free one. */
  readonly port?: number;
  /** A pre-registered loopback redirect URI, e.g. `http://127.0.0.1:53682/callback`: its port and path are used. */
  readonly redirectUri?: string;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  /** More authorize parameters (e.g. `prompt=login`); they cannot replace the flow's own. */
  readonly extraAuthorizeParams?: Readonly<Record<string, string>>;
}

export interface LoginTokens {
  readonly accessToken: string;
  readonly idToken?: string;
  readonly tokenType?: string;
  readonly expiresIn?: number;
  readonly scope?: string;
}

export interface LoginResult {
  readonly tokens: LoginTokens;
  /** The profile from /userinfo, or undefined with `userinfoError` when it could not be read. */
  readonly userinfo?: Record<string, unknown>;
  readonly userinfoError?: string;
  /** What the ID token's nonce must equal. */
  readonly nonce: string;
  readonly redirectUri: string;
  readonly issuer: string;
}

export interface CompleteOptions {
  /** The RP application's secret; absent for public applications (PKCE alone). */
  readonly clientSecret?: string;
  readonly ca?: string;
  /** Proxy settings (VS Code's `http.*`); without them HTTPS_PROXY / NO_PROXY decide. */
  readonly proxy?: ProxyConfig;
  readonly timeoutMs?: number;
  readonly onRequest?: (entry: RequestLogEntry) => void;
}

/** One test login: start() listens; open `authorizeUrl` in a browser; complete() ends it. */
export class LoopbackLogin {
  readonly authorizeUrl: string;
  readonly redirectUri: string;
  /**
   * `http://127.0.0.1:PORT/`: redirects to `authorizeUrl` until the login ends. Opened instead of
   * the authorize URL when that is itself a loopback URL, which remote workbenches (code-server)
   * turn into a port-forwarding URL without its path and query.
   */
  readonly startUrl: string;
  readonly port: number;
  readonly state: string;
  readonly nonce: string;
  /** The RP origin, e.g. `https://acme.eu.auth0.com`. */
  readonly rpOrigin: string;
  private readonly pkce: Pkce;
  private readonly codePromise: Promise<string>;
  private settle!: (outcome: { code: string } | { error: Error }) => void;
  private settled = false;
  private closing: Promise<void> | undefined;
  private readonly timer: NodeJS.Timeout;
  private readonly onAbort: () => void;

  private constructor(
    private readonly server: http.Server,
    private readonly options: LoopbackLoginOptions,
    private readonly callbackPath: string,
    port: number,
    pkce: Pkce,
  ) {
    const base = tenantBaseUrl(options.rpDomain);
    this.rpOrigin = base.origin;
    this.port = port;
    this.redirectUri = `http://127.0.0.1:${port}${callbackPath}`;
    this.startUrl = `http://127.0.0.1:${port}/`;
    this.state = createState();
    this.nonce = createNonce();
    this.pkce = pkce;
    this.authorizeUrl = buildAuthorizeUrl({
      rpOrigin: this.rpOrigin,
      clientId: options.clientId,
      redirectUri: this.redirectUri,
      state: this.state,
      connection: options.connection,
      scope: options.scope ?? DEFAULT_LOGIN_SCOPE,
      nonce: this.nonce,
      codeChallenge: this.pkce.challenge,
      ...(options.extraAuthorizeParams ? { extra: options.extraAuthorizeParams } : {}),
    });
    this.codePromise = new Promise<string>((resolve, reject) => {
      this.settle = (outcome) => {
        if (this.settled) return;
        this.settled = true;
        clearTimeout(this.timer);
        options.signal?.removeEventListener('abort', this.onAbort);
        void this.close();
        if ('code' in outcome) resolve(outcome.code);
        else reject(outcome.error);
      };
    });
    // Nobody may be waiting yet; the rejection is observed by waitForCode().
    this.codePromise.catch(() => undefined);
    const timeoutMs = options.timeoutMs ?? DEFAULT_LOGIN_TIMEOUT_MS;
    this.timer = setTimeout(() => this.settle({ error: new LoginTimeoutError(timeoutMs) }), timeoutMs);
    this.onAbort = () => this.settle({ error: new CancelledError() });
    options.signal?.addEventListener('abort', this.onAbort, { once: true });
    server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => this.handle(req, res));
  }

  /** Listens on 127.0.0.1 and prepares the authorize URL. */
  static async start(options: LoopbackLoginOptions): Promise<LoopbackLogin> {
    if (options.signal?.aborted) throw new CancelledError();
    let port = options.port ?? 0;
    let callbackPath = DEFAULT_CALLBACK_PATH;
    if (options.redirectUri !== undefined) {
      const fixed = parseLoopbackRedirectUri(options.redirectUri);
      port = fixed.port;
      callbackPath = fixed.path;
    }
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new Auth0ClientError(`Port ${port} is not a valid port.`);
    tenantBaseUrl(options.rpDomain); // fails early on a domain that may not receive the code
    // Before listening, so that nothing is left open if it fails (Web Crypto's digest is async).
    const pkce = await createPkce();
    const server = http.createServer();
    server.keepAliveTimeout = 1000;
    await new Promise<void>((resolve, reject) => {
      const onError = (error: NodeJS.ErrnoException): void => reject(new LoopbackListenError(port, error.code, error));
      server.once('error', onError);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', onError);
        resolve();
      });
    });
    const actual = (server.address() as AddressInfo).port;
    return new LoopbackLogin(server, options, callbackPath, actual, pkce);
  }

  /** The authorization code, once the browser returns; rejects with a LoginError or CancelledError. */
  waitForCode(): Promise<string> {
    return this.codePromise;
  }

  /** Waits for the code, exchanges it and reads /userinfo. */
  async complete(options: CompleteOptions = {}): Promise<LoginResult> {
    const code = await this.waitForCode();
    const http = new TenantHttpClient({
      baseUrl: new URL(`${this.rpOrigin}/`),
      timeoutMs: options.timeoutMs ?? 30_000,
      retry: { maxRetries: 2 },
      ...(options.onRequest ? { onRequest: options.onRequest } : {}),
      ...(options.ca !== undefined ? { ca: options.ca } : {}),
      ...(options.proxy !== undefined ? { proxy: options.proxy } : {}),
      context: { clientId: this.options.clientId },
    });
    try {
      const tokens = await exchangeCode(http, {
        clientId: this.options.clientId,
        code,
        codeVerifier: this.pkce.verifier,
        redirectUri: this.redirectUri,
        ...(options.clientSecret ? { clientSecret: options.clientSecret } : {}),
        ...(this.options.signal ? { signal: this.options.signal } : {}),
      });
      let userinfo: Record<string, unknown> | undefined;
      let userinfoError: string | undefined;
      try {
        userinfo = await fetchUserInfo(http, tokens.accessToken, this.options.signal);
      } catch (error) {
        if (error instanceof CancelledError) throw error;
        userinfoError = error instanceof Auth0ClientError ? error.userMessage : 'the request failed';
      }
      return {
        tokens,
        ...(userinfo ? { userinfo } : {}),
        ...(userinfoError ? { userinfoError } : {}),
        nonce: this.nonce,
        redirectUri: this.redirectUri,
        issuer: `${this.rpOrigin}/`,
      };
    } finally {
      await http.close();
    }
  }

  /** Stops listening (also ends a pending wait with CancelledError). Safe to call more than once. */
  close(): Promise<void> {
    if (!this.settled) this.settle({ error: new CancelledError() });
    this.closing ??= new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      // Idle keep-alive sockets go now; a page being sent ends its connection itself
      // (`connection: close`), and anything still open after a grace period is cut.
      this.server.closeIdleConnections();
      setTimeout(() => this.server.closeAllConnections(), 2000).unref();
    });
    return this.closing;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    // DNS rebinding: a page on evil.example whose name now resolves to 127.0.0.1 reaches this
    // port with its own name in Host, and could read the start redirect (the authorize URL with
    // state and PKCE challenge). Only loopback names are answered. Any port: browser-based VS Code
    // (code-server's /proxy/PORT/, a remote's port forwarding) relays the start URL with its own
    // loopback host:port in Host, and a rebinding page cannot put a loopback name there.
    if (!isLoopbackHostHeader(req.headers.host)) {
      respond(res, 421, 'Wrong address', 'This address only receives the login redirect at 127.0.0.1.');
      return;
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      respond(res, 405, 'Not allowed', 'This address only receives the login redirect.');
      return;
    }
    if (url.pathname === '/' && this.callbackPath !== '/' && !this.settled) {
      res.writeHead(302, {
        location: this.authorizeUrl,
        'cache-control': 'no-store',
        'referrer-policy': 'no-referrer',
        'content-length': 0,
        connection: 'close',
      });
      res.end();
      return;
    }
    if (url.pathname !== this.callbackPath) {
      respond(res, 404, 'Not found', 'This address only receives the login redirect.');
      return;
    }
    if (this.settled) {
      respond(res, 400, 'Login already finished', 'This login has already ended. You may close this window.');
      return;
    }
    const params = url.searchParams;
    const state = params.get('state');
    const error = params.get('error');
    // Any page that finds the port can send the browser here. Only an answer carrying this
    // login's state (which Auth0 returns on errors too) can end the login: one without it, or
    // with another, is answered 400 and ignored, so it can neither stop the login nor put its
    // words in VS Code.
    if (state === null || state === '' || !this.stateMatches(state)) {
      respond(
        res,
        400,
        'Not this login',
        `The ${state === null || state === '' ? 'state parameter is missing' : 'state does not belong to the login that VS Code started'}; this answer was ignored. This address only receives the login redirect.`,
      );
      return;
    }
    if (error !== null) {
      const description = params.get('error_description') ?? undefined;
      respond(
        res,
        200,
        'Login failed',
        'The login ended with an error; VS Code shows what the browser passed back. You may close this window.',
      );
      this.settle({
        error: new LoginRedirectError(new URL(this.rpOrigin).host, error.slice(0, 100), description?.slice(0, 500)),
      });
      return;
    }
    const code = params.get('code');
    if (code === null || code === '') {
      respond(res, 400, 'Bad request', 'The code parameter is missing. This address only receives the login redirect.');
      return;
    }
    respond(res, 200, 'Login complete', 'VS Code received the answer and shows the result. You may close this window.');
    this.settle({ code });
  }

  private stateMatches(state: string): boolean {
    const a = Buffer.from(state);
    const b = Buffer.from(this.state);
    return a.length === b.length && timingSafeEqual(a, b);
  }
}

/** Port and path of a pre-registered loopback redirect URI; throws when it is not one. */
export function parseLoopbackRedirectUri(uri: string): { port: number; path: string } {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw new Auth0ClientError(`The redirect URI for the test login is not a URL.`);
  }
  if (
    url.protocol !== 'http:' ||
    !isLoopbackHost(url.hostname) ||
    url.hostname === 'localhost' ||
    url.port === '' ||
    url.search !== '' ||
    url.hash !== ''
  ) {
    throw new Auth0ClientError(
      'The redirect URI for the test login must be http://127.0.0.1:PORT/PATH (a loopback address with a port, no query).',
    );
  }
  if (url.hostname !== '127.0.0.1')
    throw new Auth0ClientError(
      'The test login listens on 127.0.0.1; use http://127.0.0.1:PORT/PATH as the redirect URI.',
    );
  return { port: Number(url.port), path: url.pathname };
}

/** POST /oauth/token with the authorization code (never retried: a code works once). */
export async function exchangeCode(
  http: TenantHttpClient,
  input: {
    clientId: string;
    clientSecret?: string;
    code: string;
    codeVerifier: string;
    redirectUri: string;
    signal?: AbortSignal;
  },
): Promise<LoginTokens> {
  const form: Record<string, string> = {
    grant_type: 'authorization_code',
    client_id: input.clientId,
    code: input.code,
    code_verifier: input.codeVerifier,
    redirect_uri: input.redirectUri,
  };
  if (input.clientSecret) form.client_secret = input.clientSecret;
  let body: unknown;
  try {
    const response = await http.request<unknown>({
      method: 'POST',
      path: '/oauth/token',
      form,
      retry: 'never',
      redact: [input.clientSecret, input.code, input.codeVerifier],
      ...(input.signal ? { signal: input.signal } : {}),
    });
    body = response.body;
  } catch (error) {
    if (error instanceof Auth0ApiError) {
      throw new TokenExchangeError(
        http.tenant,
        input.clientId,
        error.status,
        error.error ?? error.errorCode,
        error.apiMessage,
      );
    }
    throw error;
  }
  if (!isRecord(body) || typeof body.access_token !== 'string') {
    throw new TokenExchangeError(http.tenant, input.clientId, 200, undefined, 'the answer holds no access_token');
  }
  return {
    accessToken: body.access_token,
    ...(typeof body.id_token === 'string' ? { idToken: body.id_token } : {}),
    ...(typeof body.token_type === 'string' ? { tokenType: body.token_type } : {}),
    ...(typeof body.expires_in === 'number' ? { expiresIn: body.expires_in } : {}),
    ...(typeof body.scope === 'string' ? { scope: body.scope } : {}),
  };
}

/** GET /userinfo with the access token. */
export async function fetchUserInfo(
  http: TenantHttpClient,
  accessToken: string,
  signal?: AbortSignal,
): Promise<Record<string, unknown>> {
  let body: unknown;
  try {
    const response = await http.request<unknown>({
      method: 'GET',
      path: '/userinfo',
      bearerToken: accessToken,
      retry: 'idempotent',
      redact: [accessToken],
      ...(signal ? { signal } : {}),
    });
    body = response.body;
  } catch (error) {
    if (error instanceof Auth0ApiError)
      throw new UserInfoError(
        http.tenant,
        `${error.status}${error.error ? ` ${error.error}` : ''}${error.apiMessage ? `: ${error.apiMessage}` : ''}`,
      );
    throw error;
  }
  if (!isRecord(body)) throw new UserInfoError(http.tenant, 'the answer is not a JSON object');
  return body;
}

function respond(res: http.ServerResponse, status: number, title: string, text: string): void {
  const body = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(title)}</title></head>
<body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p><p>Auth0 OIDC Connections (VS Code)</p></body></html>
`;
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'content-security-policy': "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    connection: 'close',
  });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `127.0.0.1:PORT`, `localhost:PORT` or `[::1]:PORT` (a port is required): the names a loopback listener answers. */
function isLoopbackHostHeader(header: string | undefined): boolean {
  const match = /^(127\.0\.0\.1|localhost|\[::1\]):(\d{1,5})$/.exec((header ?? '').toLowerCase());
  return match !== null;
}
