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
  tls?: { key: string; cert: string; ca: string };
  testShortcuts: boolean;
  rejectEnabledClientsInBody: boolean;
  tokenLifetimeSeconds: number;
  autoLogin?: string;
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
  readonly baseUrl: string;
  readonly issuer: string;
  readonly managementAudience: string;
  readonly federation: Federation;
  /** The oidc-provider instance; throws before startProvider(). */
  requireProvider(): OidcProvider;
  /** Hands a request to oidc-provider (503 before startProvider()). */
  handleOidc(req: http.IncomingMessage, res: http.ServerResponse): Promise<void>;
}

export const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);
