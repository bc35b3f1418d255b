// Typed errors of the Auth0 client. Every error carries a `userMessage` that says what to do.
// No error text ever contains a token or a client secret: messages are built from status
// codes, Auth0's error codes and messages (redacted), host names and client ids only.

import { trimEndOf } from '../core/linearText';
import { Auth0ClientError, type ErrorContext } from '../core/auth0Api/errors';

// The base class and the error src/core throws live in src/core (core imports nothing of ours).
export {
  Auth0ClientError,
  MissingConnectionOptionsError,
  requireConnectionOptions,
  type ErrorContext,
} from '../core/auth0Api/errors';

export interface RequestInfo {
  readonly method: string;
  /** Path with query values redacted (see http.ts `loggablePath`). */
  readonly path: string;
  /** Retries made before this error was thrown. */
  readonly retries: number;
}

export class InvalidTenantDomainError extends Auth0ClientError {
  constructor(readonly reason: string) {
    // The input is not echoed: users sometimes paste a secret into the wrong field.
    super(
      `Invalid tenant domain: ${reason}.`,
      `The tenant domain is not valid: ${reason}. Enter a host name such as acme.eu.auth0.com.`,
    );
  }
}

/** An Auth0 error response: `{statusCode, error, message, errorCode}` or an OAuth `{error, error_description}`. */
export class Auth0ApiError extends Auth0ClientError {
  readonly status: number;
  /** Auth0's `error` (e.g. `Forbidden`, or the OAuth `access_denied`). */
  readonly error: string | undefined;
  /** Auth0's `errorCode` (e.g. `insufficient_scope`, `inexistent_connection`). */
  readonly errorCode: string | undefined;
  /** Auth0's `message` / `error_description`, with known secrets redacted. */
  readonly apiMessage: string | undefined;
  readonly method: string;
  readonly path: string;
  readonly retries: number;
  readonly context: ErrorContext;
  /** Seconds until the rate limit resets, when Auth0 said so (429 only). */
  readonly retryAfterSeconds: number | undefined;

  constructor(init: {
    status: number;
    error?: string;
    errorCode?: string;
    apiMessage?: string;
    request: RequestInfo;
    context: ErrorContext;
    retryAfterSeconds?: number;
  }) {
    const summary = `${init.request.method} ${init.request.path} → ${init.status}${init.errorCode ? ` ${init.errorCode}` : init.error ? ` ${init.error}` : ''}${init.apiMessage ? `: ${init.apiMessage}` : ''}`;
    super(summary, describeApiError(init));
    this.status = init.status;
    this.error = init.error;
    this.errorCode = init.errorCode;
    this.apiMessage = init.apiMessage;
    this.method = init.request.method;
    this.path = init.request.path;
    this.retries = init.request.retries;
    this.context = init.context;
    this.retryAfterSeconds = init.retryAfterSeconds;
  }

  /** Scopes named by a 403 `insufficient_scope` ("expected any of: a, b"). */
  get missingScopes(): string[] {
    return parseMissingScopes(this.apiMessage);
  }

  get isTokenEndpoint(): boolean {
    return this.path.startsWith('/oauth/token');
  }
}

export function parseMissingScopes(message: string | undefined): string[] {
  const match = /expected (?:any|all) of:?\s*(.+)$/i.exec(message ?? '');
  if (!match?.[1]) {
    return [];
  }
  return match[1]
    .split(/[\s,]+/)
    .map((s) => trimEndOf(s, '.;'))
    .filter((s) => /^[a-z_]+:[a-z_:]+$/i.test(s));
}

function describeApiError(init: {
  status: number;
  errorCode?: string;
  error?: string;
  apiMessage?: string;
  request: RequestInfo;
  context: ErrorContext;
  retryAfterSeconds?: number;
}): string {
  const { status, errorCode, apiMessage, context } = init;
  const tenant = context.tenant;
  const isToken = init.request.path.startsWith('/oauth/token');
  const grantWhere = context.clientId
    ? `grant it to the application ${context.clientId} under APIs → Auth0 Management API → Machine to Machine Applications in the tenant's dashboard`
    : `issue a Management API token that includes it (APIs → Auth0 Management API → API Explorer in the tenant's dashboard)`;

  if (isToken) {
    if (status === 401 || (status === 403 && init.error === 'invalid_client')) {
      return `Tenant ${tenant} rejected the client ID or client secret${context.clientId ? ` of application ${context.clientId}` : ''}. Re-enter the tenant's Management API credentials.`;
    }
    if (status === 403 && /^Service not found/i.test(apiMessage ?? '')) {
      // Auth0 issues Management API tokens only for https://CANONICAL/api/v2/; a custom domain's
      // /api/v2/ is no API ("Service not found"). https://auth0.com/docs/customize/custom-domains
      return `${tenant} answered "${apiMessage ?? 'Service not found'}": the Management API is only served at the tenant's canonical domain (such as acme.eu.auth0.com), with the audience https://CANONICAL/api/v2/, never at a custom domain. Enter the canonical domain as the tenant's domain, and the custom domain in its own field (used for logins and authorize links).`;
    }
    if (status === 403) {
      return `Application ${context.clientId ?? '(unknown)'} may not call the Management API of ${tenant}: authorize it under APIs → Auth0 Management API → Machine to Machine Applications in the tenant's dashboard.${apiMessage ? ` Auth0 said: ${apiMessage}` : ''}`;
    }
  }
  switch (status) {
    case 400:
      return `Auth0 (${tenant}) rejected the request: ${apiMessage ?? 'invalid request'}. Correct the connection file and try again.`;
    case 401:
      return context.credentialKind === 'pasted-token'
        ? `The Management API token for ${tenant} is invalid or expired. Paste a new token for this tenant.`
        : `The Management API credentials for ${tenant} are invalid or expired. Re-enter them for this tenant.`;
    case 403: {
      const scopes = parseMissingScopes(apiMessage);
      if (errorCode === 'insufficient_scope' || scopes.length > 0) {
        const named =
          scopes.length === 0
            ? 'a scope it needs'
            : scopes.length === 1
              ? `the scope ${scopes[0]}`
              : `one of the scopes ${scopes.join(', ')}`;
        return `The Management API ${context.clientId ? `application ${context.clientId}` : 'token'} lacks ${named} on ${tenant}: ${grantWhere}.`;
      }
      return `Auth0 (${tenant}) refused the request (403${errorCode ? ` ${errorCode}` : ''})${apiMessage ? `: ${apiMessage}` : ''}.`;
    }
    case 404:
      if (errorCode === 'inexistent_connection') {
        return `The connection no longer exists on ${tenant}. Refresh the tenant's connections.`;
      }
      return `Not found on ${tenant}${apiMessage ? `: ${apiMessage}` : ''}. Refresh and try again.`;
    case 409:
      if (errorCode === 'connection_conflict') {
        return `A connection with the same name already exists on ${tenant}. Deploy updates it only when it is found by name; rename the connection or update the existing one.`;
      }
      return `Conflict on ${tenant}${apiMessage ? `: ${apiMessage}` : ''}.`;
    case 429: {
      const wait =
        init.retryAfterSeconds !== undefined ? `about ${Math.max(1, Math.ceil(init.retryAfterSeconds))} s` : 'a minute';
      return `Auth0 rate limit reached on ${tenant}${init.request.retries > 0 ? ` (still limited after ${init.request.retries} retries)` : ''}. Wait ${wait} and try again.`;
    }
    default:
      if (status >= 500) {
        return `Auth0 (${tenant}) had a server error (${status})${init.request.retries > 0 ? ` after ${init.request.retries} retries` : ''}. Try again later; check status.auth0.com if it persists.`;
      }
      return `Auth0 (${tenant}) answered ${status}${apiMessage ? `: ${apiMessage}` : ''}.`;
  }
}

export class Auth0NetworkError extends Auth0ClientError {
  constructor(
    readonly tenant: string,
    /** Node/undici error code, e.g. ECONNREFUSED, UND_ERR_SOCKET, DEPTH_ZERO_SELF_SIGNED_CERT. */
    readonly code: string | undefined,
    readonly isTlsError: boolean,
    readonly request: RequestInfo,
    cause?: unknown,
    /** Replaces the default text (Auth0ProxyError names the proxy). */
    userMessage?: string,
  ) {
    super(
      `${request.method} ${request.path} failed: ${isTlsError ? 'TLS' : 'network'} error${code ? ` ${code}` : ''}`,
      userMessage ??
        (isTlsError
          ? `The TLS certificate of ${tenant} could not be verified${code ? ` (${code})` : ''}. Check the tenant domain and any proxy that intercepts HTTPS.`
          : code === 'ECONNREFUSED'
            ? `Nothing answered at ${tenant} (ECONNREFUSED): check the domain and port; for the local sandbox, start it (npm start or npm run sandbox) and try again.`
            : code === 'ENOTFOUND'
              ? `${tenant} does not resolve (ENOTFOUND): check the tenant domain for a typo, and your DNS or network.`
              : `Could not reach ${tenant}${code ? ` (${code})` : ''}${request.retries > 0 ? ` after ${request.retries} retries` : ''}. Check the domain and your network, then try again.`),
      { cause },
    );
  }
}

/** The proxy setting or variable is not an http(s) proxy URL. Its value is never echoed (it can hold a password). */
export class ProxyConfigError extends Auth0ClientError {
  constructor(
    readonly source: string,
    reason: string,
  ) {
    super(
      `Invalid proxy in ${source}: ${reason}`,
      `The proxy set in ${source} is not valid: ${reason}. Use the form http://host:port.`,
    );
  }
}

/**
 * A request through a forward proxy failed: the proxy is unreachable, refused the tunnel
 * (`proxyStatus`, e.g. 407 when it wants credentials), or the TLS behind it failed. The message
 * names the proxy (without credentials) and the setting or variable it came from.
 */
export class Auth0ProxyError extends Auth0NetworkError {
  constructor(
    tenant: string,
    /** `http://proxy.corp:3128`, never with credentials. */
    readonly proxy: string,
    /** `http.proxy`, `HTTPS_PROXY`, ... */
    readonly proxySource: string,
    /** The proxy's answer to CONNECT when it refused the tunnel. */
    readonly proxyStatus: number | undefined,
    code: string | undefined,
    isTlsError: boolean,
    request: RequestInfo,
    cause?: unknown,
  ) {
    super(
      tenant,
      code,
      isTlsError,
      request,
      cause,
      proxyUserMessage(tenant, proxy, proxySource, proxyStatus, code, isTlsError, request.retries),
    );
  }

  /** A refusal by the proxy (other than a 5xx) is not worth repeating. */
  get retryable(): boolean {
    return this.proxyStatus === undefined || this.proxyStatus >= 500;
  }
}

function proxyUserMessage(
  tenant: string,
  proxy: string,
  source: string,
  status: number | undefined,
  code: string | undefined,
  isTlsError: boolean,
  retries: number,
): string {
  const via = `the proxy ${proxy} (from ${source})`;
  const after = retries > 0 ? ` after ${retries} retries` : '';
  if (status === 407) {
    return `The proxy ${proxy} (from ${source}) refused the request to ${tenant}: proxy authentication required (407). Set http.proxyAuthorization, or user:password in the proxy URL.`;
  }
  if (status !== undefined) {
    return `The proxy ${proxy} (from ${source}) refused to connect to ${tenant} (it answered ${status})${after}. Check that the proxy allows this host, or list the host in http.noProxy / NO_PROXY.`;
  }
  if (isTlsError) {
    return `The TLS certificate of ${tenant} could not be verified through ${via}${code ? ` (${code})` : ''}. If the proxy inspects HTTPS, trust its CA certificate (NODE_EXTRA_CA_CERTS or the system store); setting http.proxyStrictSSL to false turns the check off.`;
  }
  return `Could not reach ${tenant} through ${via}${code ? ` (${code})` : ''}${after}. Check the proxy settings (http.proxy, HTTPS_PROXY) and that the proxy is running.`;
}

export class Auth0TimeoutError extends Auth0ClientError {
  constructor(
    readonly tenant: string,
    readonly timeoutMs: number,
    readonly request: RequestInfo,
  ) {
    super(
      `${request.method} ${request.path} timed out after ${timeoutMs} ms`,
      `${tenant} did not answer within ${Math.round(timeoutMs / 1000)} s${request.retries > 0 ? ` (${request.retries} retries)` : ''}. Try again; if it persists, check your network.`,
    );
  }
}

/** The caller cancelled (AbortSignal). `code` matches DOM AbortError so generic checks work too. */
export class CancelledError extends Auth0ClientError {
  readonly code = 'ABORT_ERR';
  constructor() {
    super('The operation was cancelled.');
  }
}

export function isCancellation(error: unknown): boolean {
  return error instanceof CancelledError || (error instanceof Error && error.name === 'AbortError');
}

/** The tenant answered with a redirect. The client never follows one, so the token stays with the tenant. */
export class UnexpectedRedirectError extends Auth0ClientError {
  constructor(
    readonly tenant: string,
    readonly status: number,
    readonly locationOrigin: string | undefined,
    readonly request: RequestInfo,
  ) {
    super(
      `${request.method} ${request.path} → ${status} redirect${locationOrigin ? ` to ${locationOrigin}` : ''} (not followed)`,
      `${tenant} answered with a redirect${locationOrigin ? ` to ${locationOrigin}` : ''}, which is not followed so the Management API token is only sent to the tenant. Check that the domain is the tenant's own domain (e.g. acme.eu.auth0.com).`,
    );
  }
}

/** A 2xx answer that is not the JSON the API documents. */
export class UnexpectedResponseError extends Auth0ClientError {
  constructor(
    readonly tenant: string,
    readonly request: RequestInfo,
    detail: string,
  ) {
    super(
      `${request.method} ${request.path}: unexpected response: ${detail}`,
      `${tenant} sent an unexpected answer (${detail}). Check that the domain points to an Auth0 tenant.`,
    );
  }
}

export class InvalidManagementTokenError extends Auth0ClientError {
  constructor(
    readonly reason: 'malformed' | 'expired' | 'other-tenant',
    readonly expiredAt?: Date,
    readonly detail?: string,
  ) {
    super(
      reason === 'expired'
        ? `Management API token expired at ${expiredAt?.toISOString() ?? '?'}`
        : reason === 'other-tenant'
          ? `Management API token for another tenant: ${detail ?? ''}`
          : 'Management API token is not a JWT',
      reason === 'other-tenant'
        ? `The pasted Management API token was not issued for this tenant: ${detail ?? ''}. Copy a token from this tenant's Dashboard (APIs → Auth0 Management API → API Explorer).`
        : reason === 'expired'
          ? `The pasted Management API token expired${expiredAt ? ` at ${expiredAt.toISOString()}` : ''}. Paste a new one (APIs → Auth0 Management API → API Explorer) or use client credentials.`
          : 'The pasted Management API token is not a valid JWT. Copy it again from APIs → Auth0 Management API → API Explorer.',
    );
  }
}

export class MissingCredentialsError extends Auth0ClientError {
  constructor(
    readonly tenant: string,
    what: string,
  ) {
    super(`No ${what} for ${tenant}`, `No ${what} is stored for ${tenant}. Edit the tenant and enter it.`);
  }
}
