// A provider's OpenID discovery document (`/.well-known/openid-configuration`): public, no token.
// Auth0 serves it at https://TENANT/.well-known/openid-configuration (Auth0 docs: "Configure
// Applications with OIDC Discovery"). Two readers: Move to OIDC reads it once with a client of its
// own, so the new connection names the provider's endpoints (the Management API has refused oidc
// connections without them: src/core/toOidc/toOidcConnection.ts); the provider check reads it with
// the provider tenant's HTTP client (its proxy, CA and timeouts) and compares the file with it.
import { DISCOVERY_PATH } from '../core/providerCheck/discovery';
import type { DiscoveryFacts } from '../core/providerCheck/types';
import { Auth0ClientError, CancelledError } from './errors';
import { TenantHttpClient, type RetryEvent, type TenantTransportOptions } from './http';
import { tenantBaseUrl } from './tenantUrl';

export { DISCOVERY_PATH };

export interface DiscoveryDocumentReadOptions extends Pick<TenantTransportOptions, 'proxy' | 'ca' | 'onRequest'> {
  readonly signal?: AbortSignal;
  /** Default 10 s: the move waits for it, and Auth0's fixed paths are a good answer without it. */
  readonly timeoutMs?: number;
}

/**
 * GETs the discovery document of the provider at `providerHost` (a bare host, `host:port`): over
 * https, or plain http for a loopback host only (the local sandbox), as tenant URLs are. One
 * attempt, no token sent, no redirect followed. Resolves to the parsed JSON; throws the errors of
 * errors.ts (CancelledError when `signal` aborts, Auth0TimeoutError, Auth0ApiError, ...).
 */
export async function readDiscoveryDocument(
  providerHost: string,
  options: DiscoveryDocumentReadOptions = {},
): Promise<unknown> {
  const client = new TenantHttpClient({
    baseUrl: tenantBaseUrl(providerHost),
    timeoutMs: options.timeoutMs ?? 10_000,
    retry: { maxRetries: 0 },
    pacing: false,
    connections: 1,
    ...(options.proxy !== undefined ? { proxy: options.proxy } : {}),
    ...(options.ca !== undefined ? { ca: options.ca } : {}),
    ...(options.onRequest !== undefined ? { onRequest: options.onRequest } : {}),
  });
  try {
    const response = await client.request<unknown>({
      method: 'GET',
      path: DISCOVERY_PATH,
      retry: 'never',
      ...(options.signal ? { signal: options.signal } : {}),
    });
    return response.body;
  } finally {
    await client.close();
  }
}

/** The whole read, retries included, gives up after this long. */
export const DISCOVERY_TIMEOUT_MS = 10_000;

export interface DiscoveryReadOptions {
  readonly signal?: AbortSignal;
  /** Told of each retry and wait for the rate limit, for a progress message. */
  readonly onRetry?: (event: RetryEvent) => void;
  readonly timeoutMs?: number;
}

/** The document's fields the provider check compares, or why it could not be read (in words). */
export async function readDiscoveryFacts(
  http: TenantHttpClient,
  options: DiscoveryReadOptions = {},
): Promise<{ readonly discovery: DiscoveryFacts } | { readonly discoveryUnknownReason: string }> {
  const url = new URL(DISCOVERY_PATH, http.baseUrl).href;
  const timeoutMs = options.timeoutMs ?? DISCOVERY_TIMEOUT_MS;
  const deadline = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
  try {
    const response = await http.request<unknown>({
      method: 'GET',
      path: DISCOVERY_PATH,
      retry: 'idempotent',
      signal,
      ...(options.onRetry ? { onRetry: options.onRetry } : {}),
    });
    const body = response.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      return { discoveryUnknownReason: `${url} did not return a JSON object.` };
    const doc = body as Record<string, unknown>;
    const discovery: { -readonly [K in keyof DiscoveryFacts]: DiscoveryFacts[K] } = { url };
    for (const field of [
      'issuer',
      'authorization_endpoint',
      'token_endpoint',
      'jwks_uri',
      'userinfo_endpoint',
    ] as const)
      if (typeof doc[field] === 'string') discovery[field] = doc[field];
    return { discovery };
  } catch (error) {
    if (options.signal?.aborted) throw error instanceof CancelledError ? error : new CancelledError();
    if (deadline.aborted)
      return { discoveryUnknownReason: `${url} did not answer within ${Math.round(timeoutMs / 1000)} s.` };
    if (error instanceof Auth0ClientError)
      return { discoveryUnknownReason: `${url} could not be read: ${error.userMessage}` };
    throw error;
  }
}
