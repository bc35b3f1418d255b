// The provider's OpenID discovery document (`/.well-known/openid-configuration`), read once for
// Move to OIDC so that the new connection names the provider's endpoints: the Management API has
// refused oidc connections without them (see src/core/toOidc/toOidcConnection.ts).
import { TenantHttpClient, type TenantTransportOptions } from './http';
import { tenantBaseUrl } from './tenantUrl';

export const DISCOVERY_PATH = '/.well-known/openid-configuration';

export interface DiscoveryReadOptions extends Pick<TenantTransportOptions, 'proxy' | 'ca' | 'onRequest'> {
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
  options: DiscoveryReadOptions = {},
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
