// Reads a provider tenant's OpenID Connect discovery document: public, no token. Auth0 serves it at
// https://TENANT/.well-known/openid-configuration (Auth0 docs: "Configure Applications with OIDC
// Discovery"), on the same origin as the Management API, so the tenant's HTTP client (its proxy,
// CA and timeouts) is reused.
import { DISCOVERY_PATH } from '../core/providerCheck/discovery';
import type { DiscoveryFacts } from '../core/providerCheck/types';
import { Auth0ClientError, CancelledError } from './errors';
import type { TenantHttpClient } from './http';

/** The whole read, retries included, gives up after this long. */
export const DISCOVERY_TIMEOUT_MS = 10_000;

export interface DiscoveryReadOptions {
  readonly signal?: AbortSignal;
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
    const response = await http.request<unknown>({ method: 'GET', path: DISCOVERY_PATH, retry: 'idempotent', signal });
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
