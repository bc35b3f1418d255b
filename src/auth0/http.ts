import type { Dispatcher } from 'undici';
import {
  Auth0ApiError,
  Auth0ClientError,
  Auth0NetworkError,
  Auth0TimeoutError,
  CancelledError,
  UnexpectedRedirectError,
  UnexpectedResponseError,
  type ErrorContext,
  type RequestInfo,
} from './errors';
import { describeForLog, errorCode, isTlsCode, locationOrigin, parseApiError } from './responseErrors';
import {
  DEFAULT_MAX_TIMEOUT_RETRIES,
  DEFAULT_RETRY,
  cancellableSleep,
  computeRetryDelay,
  isRetryable,
  numericHeader,
  retryReasonOf,
  type RetryEvent,
  type RetryMode,
  type RetryOptions,
  type RetryReason,
} from './retryPolicy';
import { attemptSignal } from './signals';
import { RequestPacer, type PacingOptions } from './pacing';
import { createTenantDispatcher, proxyFailure, type ProxyConfig, type ProxyRoute } from './proxy';

// HTTP for one tenant origin: one keep-alive undici Pool, per-request timeout, cancellation,
// retries (retryPolicy.ts), typed errors from the responses (responseErrors.ts), and a log hook.
// The Pool is bound to the tenant origin and redirects are never followed, so a bearer token
// given to `request` can only ever travel to that origin.

export const DEFAULT_TIMEOUT_MS = 30_000;
export { DEFAULT_RETRY, type RetryEvent, type RetryMode, type RetryOptions, type RetryReason };

/** One line of the request log. Never holds headers, bodies, tokens or query values that could be secret. */
export interface RequestLogEntry {
  readonly method: string;
  /** Path with query values redacted except for known-harmless parameters. */
  readonly path: string;
  /** HTTP status, absent when no response arrived. */
  readonly status?: number;
  readonly durationMs: number;
  readonly rateLimitRemaining?: number;
  /** Retries made before this attempt (0 for the first attempt). */
  readonly retries: number;
  /** Set when another attempt follows after this many milliseconds. */
  readonly retryInMs?: number;
  /** Set when the pacer held this attempt back to stay under the tenant's rate limit. */
  readonly pacedMs?: number;
  /** Error class and code, e.g. `Auth0NetworkError UND_ERR_SOCKET`; never a message with secrets. */
  readonly error?: string;
}

export type QueryValue = string | number | boolean | readonly string[] | undefined;

export interface HttpRequest {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Absolute path on the tenant origin, starting with a single `/`. */
  readonly path: string;
  readonly query?: Readonly<Record<string, QueryValue>>;
  readonly json?: unknown;
  readonly form?: Readonly<Record<string, string>>;
  readonly bearerToken?: string;
  readonly signal?: AbortSignal;
  readonly retry: RetryMode;
  /** Secret values to scrub from any text the server echoes back into an error. */
  readonly redact?: readonly (string | undefined)[];
  /** Told of every wait (a retry, or pacing under the rate limit), for a command's progress. */
  readonly onRetry?: (event: RetryEvent) => void;
}

export interface HttpResponse<T> {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: T;
  readonly retries: number;
}

/** How requests reach a tenant: what the Management API client passes through to its HTTP client. */
export interface TenantTransportOptions {
  /** Per-attempt timeout. Default 30 s. */
  readonly timeoutMs?: number;
  readonly retry?: Partial<RetryOptions>;
  /** Called once per HTTP attempt, for the extension's LogOutputChannel. */
  readonly onRequest?: (entry: RequestLogEntry) => void;
  /** Extra CA certificate(s) in PEM, e.g. the TLS sandbox's. */
  readonly ca?: string | undefined;
  /** Proxy settings (VS Code's `http.*`); without them HTTPS_PROXY / NO_PROXY decide. See proxy.ts. */
  readonly proxy?: ProxyConfig;
  /** For tests: replaces the cancellable wait between retries. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /**
   * Pacing of Management API requests (/api/v2/...) from the tenant's x-ratelimit-* headers and a
   * concurrency limit (pacing.ts). On by default; `false` turns it off.
   */
  readonly pacing?: PacingOptions | false;
}

export interface TenantHttpOptions extends TenantTransportOptions {
  readonly baseUrl: URL;
  /** Keep-alive connections per tenant. Default 4. */
  readonly connections?: number;
  /** Filled into error messages. */
  readonly context?: Omit<ErrorContext, 'tenant'>;
  readonly random?: () => number;
  readonly now?: () => number;
}

/** Query parameters whose values are shown in logs and errors; all others show as `***`. */
const LOGGABLE_QUERY_PARAMS = new Set([
  'from',
  'take',
  'page',
  'per_page',
  'include_totals',
  'fields',
  'include_fields',
  'strategy',
  'name',
  'app_type',
  'is_global',
  'is_first_party',
]);

export class TenantHttpClient {
  readonly baseUrl: URL;
  readonly tenant: string;
  readonly retryOptions: RetryOptions;
  readonly timeoutMs: number;
  context: ErrorContext;
  private readonly pool: Dispatcher;
  /** The proxy requests go through, when one applies to this origin. */
  readonly proxyRoute: ProxyRoute | undefined;
  private readonly options: TenantHttpOptions;
  /** Paces Management API requests to this tenant; undefined when pacing is off. */
  readonly pacer: RequestPacer | undefined;
  private closed = false;

  constructor(options: TenantHttpOptions) {
    if (options.baseUrl.pathname !== '/' || options.baseUrl.search !== '' || options.baseUrl.username !== '') {
      throw new Auth0ClientError('TenantHttpClient needs an origin; build it with tenantBaseUrl()');
    }
    this.options = options;
    this.baseUrl = options.baseUrl;
    this.tenant = options.baseUrl.host;
    this.retryOptions = { ...DEFAULT_RETRY, ...options.retry };
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.context = { tenant: this.tenant, ...options.context };
    this.pacer = options.pacing === false ? undefined : new RequestPacer(options.pacing ?? {});
    const { dispatcher, route } = createTenantDispatcher(options.baseUrl, {
      connections: options.connections ?? 4,
      keepAliveTimeout: 30_000,
      ...(options.ca !== undefined ? { ca: options.ca } : {}),
      ...(options.proxy !== undefined ? { proxy: options.proxy } : {}),
    });
    this.pool = dispatcher;
    this.proxyRoute = route;
  }

  /** Sends a request, retrying as its `retry` mode allows. Throws the errors of errors.ts only. */
  async request<T>(request: HttpRequest): Promise<HttpResponse<T>> {
    assertSafePath(request.path);
    const path = buildPath(request.path, request.query);
    const loggedPath = loggablePath(request.path, request.query);
    const now = this.options.now ?? Date.now;
    let lastStatus: number | undefined;
    /** Retries made after timeouts: they have a budget of their own (RetryOptions.maxTimeoutRetries). */
    let timeoutRetries = 0;
    const attempts = this.retryOptions.maxRetries + 1;
    const maxTimeoutRetries = this.retryOptions.maxTimeoutRetries ?? DEFAULT_MAX_TIMEOUT_RETRIES;
    for (let retries = 0; ; retries++) {
      if (request.signal?.aborted) {
        throw new CancelledError();
      }
      const info: RequestInfo = { method: request.method, path: loggedPath, retries };
      // The hook for pacing: Management API requests wait here for a slot and a rate-limit token.
      const onPacedWait = (waitMs: number): void =>
        this.report(request, { attempt: retries + 1, of: attempts, reason: { kind: 'paced' }, waitMs });
      const ticket =
        this.pacer && isManagementPath(request.path)
          ? await this.pacer.acquire(request.signal, lastStatus === 429, onPacedWait)
          : undefined;
      const started = now();
      let outcome: HttpResponse<T> | Error;
      let headers: Readonly<Record<string, string | string[] | undefined>> = {};
      try {
        // The pacer takes the rate-limit headers as they arrive: the tenant counted this request
        // before answering, so its refill is counted from then, not from the end of the body.
        outcome = await this.attempt<T>(request, path, info, ticket ? (s, h) => ticket.observe(s, h) : undefined);
        headers = outcome.headers;
      } catch (error) {
        outcome = error instanceof Error ? error : new Error(String(error));
        if (outcome instanceof Auth0ApiError) {
          headers = apiErrorHeaders.get(outcome) ?? {};
        }
      }
      const durationMs = Math.max(0, now() - started);
      const status =
        outcome instanceof Error ? (outcome instanceof Auth0ApiError ? outcome.status : undefined) : outcome.status;
      ticket?.observe(status, headers); // no-op when the headers were observed already
      ticket?.release();
      lastStatus = status;
      const pacedMs = ticket && ticket.waitedMs > 0 ? Math.round(ticket.waitedMs) : undefined;
      const rateLimitRemaining = numericHeader(headers['x-ratelimit-remaining']);
      const timedOut = outcome instanceof Auth0TimeoutError;
      const canRetry =
        retries < this.retryOptions.maxRetries &&
        outcome instanceof Error &&
        isRetryable(outcome, request.retry) &&
        (!timedOut || timeoutRetries < maxTimeoutRetries);
      const retryInMs = canRetry
        ? computeRetryDelay(
            { retries, ...(status !== undefined ? { status } : {}), headers },
            this.retryOptions,
            now(),
            this.options.random ?? Math.random,
          )
        : undefined;
      this.log({
        method: request.method,
        path: loggedPath,
        ...(status !== undefined ? { status } : {}),
        durationMs,
        ...(rateLimitRemaining !== undefined ? { rateLimitRemaining } : {}),
        retries,
        ...(retryInMs !== undefined ? { retryInMs } : {}),
        ...(pacedMs !== undefined ? { pacedMs } : {}),
        ...(outcome instanceof Error ? { error: describeForLog(outcome) } : {}),
      });
      if (!(outcome instanceof Error)) {
        return { ...outcome, retries };
      }
      if (retryInMs === undefined) {
        throw outcome;
      }
      const retry = {
        attempt: retries + 2,
        // Timeouts end sooner than the other failures: what is left of their own budget.
        of: timedOut
          ? Math.min(this.retryOptions.maxRetries, retries - timeoutRetries + maxTimeoutRetries) + 1
          : attempts,
        reason: retryReasonOf(outcome, this.timeoutMs),
      };
      if (timedOut) timeoutRetries++;
      this.report(request, { ...retry, waitMs: retryInMs });
      await (this.options.sleep ?? cancellableSleep)(retryInMs, request.signal);
      this.report(request, { ...retry, waitMs: 0, started: true });
    }
  }

  private report(request: HttpRequest, event: RetryEvent): void {
    try {
      request.onRetry?.(event);
    } catch {
      // A failing progress display must not fail the request.
    }
  }

  async close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      await this.pool.close();
    }
  }

  private async attempt<T>(
    request: HttpRequest,
    path: string,
    info: RequestInfo,
    onHeaders?: (status: number, headers: Readonly<Record<string, string | string[] | undefined>>) => void,
  ): Promise<HttpResponse<T>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    let body: string | null = null;
    if (request.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(request.json);
    } else if (request.form !== undefined) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(request.form).toString();
    }
    if (request.bearerToken !== undefined) {
      headers.authorization = `Bearer ${request.bearerToken}`;
    }

    const attempt = attemptSignal(this.timeoutMs, request.signal);
    let response: Dispatcher.ResponseData;
    let text: string;
    try {
      response = await this.pool.request({
        origin: this.baseUrl.origin,
        method: request.method,
        path,
        headers,
        body,
        signal: attempt.signal,
      });
      onHeaders?.(response.statusCode, response.headers);
      text = await response.body.text();
    } catch (error) {
      if (request.signal?.aborted) {
        throw new CancelledError();
      }
      if (attempt.timedOut()) {
        throw new Auth0TimeoutError(this.tenant, this.timeoutMs, info);
      }
      const code = errorCode(error);
      throw (
        proxyFailure(this.proxyRoute, this.tenant, code, isTlsCode(code), info, error) ??
        new Auth0NetworkError(this.tenant, code, isTlsCode(code), info, error)
      );
    }
    const status = response.statusCode;
    if (status >= 300 && status < 400) {
      throw new UnexpectedRedirectError(
        this.tenant,
        status,
        locationOrigin(response.headers.location, this.baseUrl),
        info,
      );
    }
    if (status >= 400) {
      const error = parseApiError(text, status, response.headers, info, this.context, request.redact ?? []);
      apiErrorHeaders.set(error, response.headers);
      throw error;
    }
    let parsed: unknown;
    if (text.trim() === '') {
      parsed = undefined;
    } else {
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new UnexpectedResponseError(this.tenant, info, `status ${status} with a body that is not JSON`);
      }
    }
    return { status, headers: response.headers, body: parsed as T, retries: info.retries };
  }

  private log(entry: RequestLogEntry): void {
    try {
      this.options.onRequest?.(entry);
    } catch {
      // A failing logger must not fail the request.
    }
  }
}

// Headers of failed responses, for Retry-After handling, kept off the public error object.
const apiErrorHeaders = new WeakMap<Auth0ApiError, Readonly<Record<string, string | string[] | undefined>>>();

function isManagementPath(path: string): boolean {
  return path.startsWith('/api/v2/');
}

function assertSafePath(path: string): void {
  // Only paths on the tenant origin: an absolute URL or `//host` could smuggle the token elsewhere.
  if (!path.startsWith('/') || path.startsWith('//') || /[\s\\?#]/.test(path) || path.includes('://')) {
    throw new Auth0ClientError(`Refusing request path that is not a plain path on the tenant origin`);
  }
}

function buildPath(path: string, query: Readonly<Record<string, QueryValue>> | undefined): string {
  const params = toSearchParams(query, () => true);
  const search = params.toString();
  return search === '' ? path : `${path}?${search}`;
}

/** The path for logs and errors: query values shown only for known-harmless parameters. */
export function loggablePath(path: string, query?: Readonly<Record<string, QueryValue>>): string {
  const params = toSearchParams(query, (key) => LOGGABLE_QUERY_PARAMS.has(key));
  const search = decodeURIComponent(params.toString().replace(/\+/g, ' '));
  return search === '' ? path : `${path}?${search}`;
}

function toSearchParams(
  query: Readonly<Record<string, QueryValue>> | undefined,
  showValue: (key: string) => boolean,
): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined) {
      continue;
    }
    const values = Array.isArray(value) ? (value as readonly string[]) : [String(value)];
    for (const item of values) {
      params.append(key, showValue(key) ? item : '***');
    }
  }
  return params;
}
