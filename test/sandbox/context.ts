// What the parts of a tenant (OIDC configuration, token route, login route, federation) see of it.
import type * as http from 'node:http';
import type { Federation } from './federation';
import type { SigningKey } from './jwt';
import type { OidcProvider } from './oidc';
import type { RateLimitSpec } from './rateLimit';
import type { TenantState } from './records';
import type { TenantName } from './seed';

export interface TenantOptions {
  name: TenantName;
  signingKey: SigningKey;
  tls?: { key: string; cert: string; ca: string } | undefined;
  testShortcuts: boolean;
  rejectEnabledClientsInBody: boolean;
  tokenLifetimeSeconds: number;
  autoLogin?: string | undefined;
  rateLimitPerSecond: number;
  /** When set, the Management API enforces this token bucket with real 429s (rateLimit.ts). */
  rateLimit?: RateLimitSpec;
}

export interface TenantContext {
  readonly name: TenantName;
  readonly options: TenantOptions;
  readonly state: TenantState;
  /** Profiles of users who logged in through a federated (auth0-oidc) connection, by user_id. */
  readonly federatedUsers: Map<string, Record<string, unknown>>;
  readonly autoLogin: string | undefined;
  /** The canonical domain's base URL (http://127.0.0.1:PORT); the Management API is only here. */
  readonly baseUrl: string;
  readonly issuer: string;
  /** The custom domain's base URL (http://localhost:PORT): logins and OIDC endpoints, no Management API. */
  readonly customBaseUrl: string;
  /** The base URL a request came in on (canonical or custom domain), from its Host header. */
  baseUrlFor(req: http.IncomingMessage): string;
  readonly managementAudience: string;
  readonly federation: Federation;
  /**
   * The oidc-provider instance of the domain `req` came in on (canonical without it); throws before startProvider().
   */
  requireProvider(req?: http.IncomingMessage): OidcProvider;
  /** Hands a request to oidc-provider (503 before startProvider()). */
  handleOidc(req: http.IncomingMessage, res: http.ServerResponse): Promise<void>;
}

export const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/**
 * Auth0's "non-verifiable" callback URIs: a custom scheme (com.example.app://cb) or a loopback
 * address (127.0.0.1, [::1], localhost). Subdomains of .localhost count as verifiable.
 * https://auth0.com/docs/secure/security-guidance/measures-against-app-impersonation
 */
export function isNonVerifiableCallback(uri: string): boolean {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return true;
  return LOOPBACK_HOSTS.has(url.hostname);
}
