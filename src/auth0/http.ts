import type { Dispatcher } from 'undici';
import {
  Auth0ApiError,
  Auth0ClientError,
  Auth0NetworkError,
  Auth0ProxyError,
  Auth0TimeoutError,
  CancelledError,
  UnexpectedRedirectError,
  UnexpectedResponseError,
  redactSecrets,
  type ErrorContext,
  type RequestInfo,
} from './errors';
import { createTenantDispatcher, proxyFailure, type ProxyConfig, type ProxyRoute } from './proxy';

// HTTP for one tenant origin: one keep-alive undici Pool, per-request timeout, cancellation,
// retries with Retry-After / x-ratelimit-reset / full-jitter backoff, and a log hook.
// The Pool is bound to the tenant origin and redirects are never followed, so a bearer token
// given to `request` can only ever travel to that origin.

export interface RetryOptions {
  /** Retries after the first attempt. Default 5. */
  readonly maxRetries: number;
  /** Base of the exponential backoff. Default 250 ms. */
  readonly baseDelayMs: number;
  /** Cap for any single wait, including Retry-After. Default 10 s. */
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { maxRetries: 5, baseDelayMs: 250, maxDelayMs: 10_000 };
export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * - `idempotent`: retry on 429, 408, 5xx, network errors and timeouts (GET, DELETE, same-body PATCH).
 * - `unprocessed-only`: retry only on 429, which means the request was not processed (POST).
 * - `never`.
 */
export type RetryMode = 'idempotent' | 'unprocessed-only' | 'never';

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
}

export interface HttpResponse<T> {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: T;
  readonly retries: number;
}

export interface TenantHttpOptions {
  readonly baseUrl: URL;
  readonly timeoutMs?: number;
  readonly retry?: Partial<RetryOptions>;
  readonly onRequest?: (entry: RequestLogEntry) => void;
  /** Extra CA certificate(s) in PEM, e.g. the sandbox's. */
  readonly ca?: string;
  /** Proxy settings (VS Code's); without them HTTPS_PROXY / NO_PROXY decide. See proxy.ts. */
  readonly proxy?: ProxyConfig;
  /** Keep-alive connections per tenant. Default 4. */
  readonly connections?: number;
  /** Filled into error messages. */
  readonly context?: Omit<ErrorContext, 'tenant'>;
  /** For tests: replaces the cancellable wait between retries. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly random?: () => number;
  readonly now?: () => number;
}

/** Query parameters whose values are shown in logs and errors; all others show as `***`. */
const LOGGABLE_QUERY_PARAMS = new Set(['from', 'take', 'page', 'per_page', 'include_totals', 'fields', 'include_fields', 'strategy', 'name', 'app_type', 'is_global', 'is_first_party']);

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
    for (let retries = 0; ; retries++) {
      if (request.signal?.aborted) {
        throw new CancelledError();
      }
      const info: RequestInfo = { method: request.method, path: loggedPath, retries };
      const started = now();
      let outcome: HttpResponse<T> | Error;
      let headers: Readonly<Record<string, string | string[] | undefined>> = {};
      try {
        outcome = await this.attempt<T>(request, path, info);
        headers = outcome.headers;
      } catch (error) {
        outcome = error instanceof Error ? error : new Error(String(error));
        if (outcome instanceof Auth0ApiError) {
          headers = apiErrorHeaders.get(outcome) ?? {};
        }
      }
      const durationMs = Math.max(0, now() - started);
      const status = outcome instanceof Error ? (outcome instanceof Auth0ApiError ? outcome.status : undefined) : outcome.status;
      const rateLimitRemaining = numericHeader(headers['x-ratelimit-remaining']);
      const canRetry = retries < this.retryOptions.maxRetries && outcome instanceof Error && isRetryable(outcome, request.retry);
      const retryInMs = canRetry ? computeRetryDelay({ retries, ...(status !== undefined ? { status } : {}), headers }, this.retryOptions, now(), this.options.random ?? Math.random) : undefined;
      this.log({
        method: request.method,
        path: loggedPath,
        ...(status !== undefined ? { status } : {}),
        durationMs,
        ...(rateLimitRemaining !== undefined ? { rateLimitRemaining } : {}),
        retries,
        ...(retryInMs !== undefined ? { retryInMs } : {}),
        ...(outcome instanceof Error ? { error: describeForLog(outcome) } : {}),
      });
      if (!(outcome instanceof Error)) {
        return { ...outcome, retries };
      }
      if (retryInMs === undefined) {
        throw outcome;
      }
      await (this.options.sleep ?? cancellableSleep)(retryInMs, request.signal);
    }
  }

  async close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      await this.pool.close();
    }
  }

  private async attempt<T>(request: HttpRequest, path: string, info: RequestInfo): Promise<HttpResponse<T>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    let body: string | undefined;
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

    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.timeoutMs);
    const onCallerAbort = (): void => controller.abort();
    request.signal?.addEventListener('abort', onCallerAbort, { once: true });
    try {
      let response: Dispatcher.ResponseData;
      let text: string;
      try {
        response = await this.pool.request({ origin: this.baseUrl.origin, method: request.method, path, headers, body, signal: controller.signal });
        text = await response.body.text();
      } catch (error) {
        if (request.signal?.aborted) {
          throw new CancelledError();
        }
        if (timedOut) {
          throw new Auth0TimeoutError(this.tenant, this.timeoutMs, info);
        }
        const code = errorCode(error);
        throw proxyFailure(this.proxyRoute, this.tenant, code, isTlsCode(code), info, error) ?? new Auth0NetworkError(this.tenant, code, isTlsCode(code), info, error);
      }
      const status = response.statusCode;
      if (status >= 300 && status < 400) {
        throw new UnexpectedRedirectError(this.tenant, status, locationOrigin(response.headers.location, this.baseUrl), info);
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
    } finally {
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onCallerAbort);
    }
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

function isRetryable(error: Error, mode: RetryMode): boolean {
  if (mode === 'never' || error instanceof CancelledError) {
    return false;
  }
  if (error instanceof Auth0ApiError) {
    if (error.status === 429) {
      return true;
    }
    return mode === 'idempotent' && (error.status === 408 || error.status >= 500);
  }
  if (error instanceof Auth0ProxyError && !error.retryable) {
    return false;
  }
  return mode === 'idempotent' && (error instanceof Auth0NetworkError || error instanceof Auth0TimeoutError) && !(error instanceof Auth0NetworkError && error.isTlsError);
}

export interface FailedAttempt {
  /** Retries made before the failed attempt. */
  readonly retries: number;
  /** Status of the failed attempt; undefined for network errors and timeouts. */
  readonly status?: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

/**
 * Wait before the next attempt: Retry-After (seconds or HTTP date), else on a 429 the
 * x-ratelimit-reset (UNIX seconds), else full-jitter exponential backoff; always capped.
 * x-ratelimit-reset is ignored on other statuses: Auth0 sends it on every answer, where it
 * describes the rate-limit window, not when a failed request is worth repeating.
 */
export function computeRetryDelay(attempt: FailedAttempt, options: RetryOptions, nowMs: number, random: () => number = Math.random): number {
  const { retries, headers } = attempt;
  const retryAfter = firstHeader(headers['retry-after']);
  if (retryAfter !== undefined && retryAfter.trim() !== '') {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds) && seconds >= 0) {
      return Math.min(options.maxDelayMs, Math.round(seconds * 1000));
    }
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) {
      return clamp(date - nowMs, options.maxDelayMs);
    }
  }
  const reset = attempt.status === 429 ? numericHeader(headers['x-ratelimit-reset']) : undefined;
  if (reset !== undefined && reset > 0) {
    return clamp(reset * 1000 - nowMs, options.maxDelayMs);
  }
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** retries);
  return Math.floor(random() * ceiling);
}

function clamp(ms: number, max: number): number {
  return Math.min(max, Math.max(0, Math.round(ms)));
}

/** Resolves after `ms`, or rejects with CancelledError as soon as the signal aborts. */
export function cancellableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(new CancelledError());
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new CancelledError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Rejects with CancelledError when the signal aborts first; the promise itself keeps running. */
export function raceWithSignal<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) {
    return promise;
  }
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.reject(new CancelledError());
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new CancelledError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
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

function toSearchParams(query: Readonly<Record<string, QueryValue>> | undefined, showValue: (key: string) => boolean): URLSearchParams {
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

function parseApiError(
  text: string,
  status: number,
  headers: Readonly<Record<string, string | string[] | undefined>>,
  request: RequestInfo,
  context: ErrorContext,
  redact: readonly (string | undefined)[],
): Auth0ApiError {
  let error: string | undefined;
  let errorCode: string | undefined;
  let apiMessage: string | undefined;
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    if (body && typeof body === 'object') {
      error = stringField(body, 'error');
      errorCode = stringField(body, 'errorCode');
      apiMessage = stringField(body, 'message') ?? stringField(body, 'error_description');
    }
  } catch {
    // Not JSON (a proxy's HTML page, a plain text 502): keep a short, tag-free excerpt.
    const plain = text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
    apiMessage = plain === '' ? undefined : plain.slice(0, 200);
  }
  const retryAfterMs = status === 429 ? computeRetryDelay({ retries: 0, status, headers }, { maxRetries: 0, baseDelayMs: 0, maxDelayMs: 24 * 3600_000 }, Date.now(), () => 0) : 0;
  return new Auth0ApiError({
    status,
    ...(error !== undefined ? { error: redactSecrets(error, redact) } : {}),
    ...(errorCode !== undefined ? { errorCode } : {}),
    ...(apiMessage !== undefined ? { apiMessage: redactSecrets(apiMessage, redact) } : {}),
    request,
    context,
    ...(status === 429 && retryAfterMs > 0 ? { retryAfterSeconds: retryAfterMs / 1000 } : {}),
  });
}

function stringField(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  return typeof value === 'string' ? value : undefined;
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function numericHeader(value: string | string[] | undefined): number | undefined {
  const text = firstHeader(value);
  if (text === undefined || text.trim() === '') {
    return undefined;
  }
  const number = Number(text);
  return Number.isFinite(number) ? number : undefined;
}

function locationOrigin(location: string | string[] | undefined, base: URL): string | undefined {
  const text = firstHeader(location);
  if (!text) {
    return undefined;
  }
  try {
    return new URL(text, base).origin;
  } catch {
    return undefined;
  }
}

function errorCode(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR_SOCKET') {
      return code;
    }
    if (typeof code === 'string' && !(current as { cause?: unknown }).cause) {
      return code;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

const TLS_CODES = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|HOSTNAME_MISMATCH|EPROTO)/;

function isTlsCode(code: string | undefined): boolean {
  return code !== undefined && TLS_CODES.test(code);
}

function describeForLog(error: Error): string {
  if (error instanceof Auth0ApiError) {
    return `${error.name} ${error.status}${error.errorCode ? ` ${error.errorCode}` : ''}`;
  }
  if (error instanceof Auth0NetworkError) {
    return `${error.name}${error.code ? ` ${error.code}` : ''}`;
  }
  return error.name;
}
