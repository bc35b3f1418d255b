import { jwtDecode } from 'jwt-decode';
import { InvalidManagementTokenError, MissingCredentialsError, UnexpectedResponseError } from './errors';
import type { TenantHttpClient } from './http';
import { raceWithSignal } from './signals';

/** Supplies Management API tokens for one tenant. The VS Code side may implement its own. */
export interface TokenProvider {
  /** A valid token; concurrent callers share one request. Cancelling only stops this caller's wait. */
  getToken(signal?: AbortSignal): Promise<string>;
  /**
   * Forgets the cached token (after a 401). With `rejectedToken`, only when it is still the
   * cached one, so many parallel 401s cause a single new token request.
   */
  invalidate(rejectedToken?: string): void;
  /** For error messages: which application to grant scopes to. */
  readonly description?: TokenProviderDescription;
}

export type TokenProviderDescription =
  { readonly kind: 'client-credentials'; readonly clientId: string } | { readonly kind: 'pasted-token' };

/** A secret, or a function reading it on demand (e.g. from SecretStorage). */
export type SecretSource = string | (() => Promise<string | undefined>);

export interface ClientCredentialsOptions {
  readonly clientId: string;
  readonly clientSecret: SecretSource;
  /** Defaults to `<base>/api/v2/`. */
  readonly audience?: string;
  readonly now?: () => number;
}

/** How long before expiry a cached token is replaced: 60 s, or 10 % of the lifetime for short tokens. */
export function refreshMarginMs(lifetimeMs: number): number {
  return Math.min(60_000, lifetimeMs * 0.1);
}

interface CachedToken {
  readonly token: string;
  readonly refreshAtMs: number;
}

/** Client-credentials grant against `<base>/oauth/token`, cached and single-flight. */
export class ClientCredentialsTokenProvider implements TokenProvider {
  readonly description: TokenProviderDescription;
  private cached: CachedToken | undefined;
  private inFlight: Promise<CachedToken> | undefined;
  private readonly now: () => number;

  constructor(
    private readonly http: TenantHttpClient,
    private readonly options: ClientCredentialsOptions,
  ) {
    this.description = { kind: 'client-credentials', clientId: options.clientId };
    this.now = options.now ?? Date.now;
  }

  getToken(signal?: AbortSignal): Promise<string> {
    if (this.cached && this.now() < this.cached.refreshAtMs) {
      return Promise.resolve(this.cached.token);
    }
    if (!this.inFlight) {
      // The shared request is not tied to any one caller's signal; each caller races its own.
      const request: Promise<CachedToken> = this.fetchToken()
        .then((token) => {
          this.cached = token;
          return token;
        })
        .finally(() => {
          if (this.inFlight === request) {
            this.inFlight = undefined;
          }
        });
      this.inFlight = request;
    }
    return raceWithSignal(
      this.inFlight.then((t) => t.token),
      signal,
    );
  }

  invalidate(rejectedToken?: string): void {
    if (rejectedToken === undefined || this.cached?.token === rejectedToken) {
      this.cached = undefined;
    }
  }

  private async fetchToken(): Promise<CachedToken> {
    const secret =
      typeof this.options.clientSecret === 'string' ? this.options.clientSecret : await this.options.clientSecret();
    if (!secret) {
      throw new MissingCredentialsError(this.http.tenant, 'client secret');
    }
    const audience = this.options.audience ?? new URL('/api/v2/', this.http.baseUrl).href;
    const started = this.now();
    const response = await this.http.request<{ access_token?: unknown; expires_in?: unknown }>({
      method: 'POST',
      path: '/oauth/token',
      form: { grant_type: 'client_credentials', client_id: this.options.clientId, client_secret: secret, audience },
      // Asking for a token twice is harmless, so transient failures are retried.
      retry: 'idempotent',
      redact: [secret],
    });
    const token = response.body?.access_token;
    if (typeof token !== 'string' || token === '') {
      throw new UnexpectedResponseError(
        this.http.tenant,
        { method: 'POST', path: '/oauth/token', retries: response.retries },
        'no access_token',
      );
    }
    const expiresInSeconds =
      typeof response.body.expires_in === 'number' ? response.body.expires_in : expiryFromJwt(token, started);
    const lifetimeMs = Math.max(0, expiresInSeconds * 1000);
    return { token, refreshAtMs: started + lifetimeMs - refreshMarginMs(lifetimeMs) };
  }
}

function expiryFromJwt(token: string, nowMs: number): number {
  try {
    const exp = jwtDecode(token).exp;
    return typeof exp === 'number' ? exp - nowMs / 1000 : 0;
  } catch {
    return 0;
  }
}

export interface ManagementTokenInfo {
  readonly expiresAt: Date | undefined;
  readonly audience: string[];
  readonly scopes: string[];
  readonly issuer: string | undefined;
}

/** Reads a pasted Management API token (no signature check: the tenant checks it). */
export function inspectManagementToken(token: string): ManagementTokenInfo {
  let claims: { exp?: unknown; aud?: unknown; scope?: unknown; iss?: unknown };
  try {
    claims = jwtDecode(token.trim());
  } catch {
    throw new InvalidManagementTokenError('malformed');
  }
  const audience = Array.isArray(claims.aud)
    ? claims.aud.filter((a): a is string => typeof a === 'string')
    : typeof claims.aud === 'string'
      ? [claims.aud]
      : [];
  return {
    expiresAt: typeof claims.exp === 'number' ? new Date(claims.exp * 1000) : undefined,
    audience,
    scopes: typeof claims.scope === 'string' ? claims.scope.split(' ').filter(Boolean) : [],
    issuer: typeof claims.iss === 'string' ? claims.iss : undefined,
  };
}

/**
 * Why a pasted Management API token does not belong to the tenant at `tenantBaseUrl`, or
 * undefined when it does: its issuer (`iss`) must be that tenant's origin and one of its audiences
 * (`aud`) that tenant's `/api/v2/` (Auth0 issues Management API tokens with
 * iss https://TENANT/ and aud https://TENANT/api/v2/: auth0.com/docs/secure/tokens/access-tokens/management-api-access-tokens).
 * A repository's settings can list a look-alike domain; a token for the real tenant pasted there
 * is refused before it is stored or sent (issue 12).
 */
export function managementTokenTenantProblem(info: ManagementTokenInfo, tenantBaseUrl: URL): string | undefined {
  const want = tenantBaseUrl.host.toLowerCase();
  const hostOf = (value: string): string | undefined => {
    try {
      return new URL(value).host.toLowerCase();
    } catch {
      return undefined;
    }
  };
  if (info.issuer === undefined) return 'it names no issuer (iss)';
  const issuerHost = hostOf(info.issuer);
  if (issuerHost !== want) return `it was issued by ${JSON.stringify(info.issuer.slice(0, 200))}, not by ${want}`;
  if (!info.audience.some((a) => hostOf(a) === want && new URL(a).pathname.startsWith('/api/v2'))) {
    return `its audience (aud) is ${info.audience.length > 0 ? info.audience.map((a) => JSON.stringify(a.slice(0, 200))).join(', ') : 'missing'}, not ${tenantBaseUrl.origin}/api/v2/`;
  }
  return undefined;
}

/** A pasted Management API token: used as is until its `exp`. */
export class StaticTokenProvider implements TokenProvider {
  readonly description: TokenProviderDescription = { kind: 'pasted-token' };
  readonly info: ManagementTokenInfo;
  private readonly token: string;

  constructor(
    token: string,
    private readonly now: () => number = Date.now,
  ) {
    this.token = token.trim();
    this.info = inspectManagementToken(this.token);
    this.assertNotExpired();
  }

  getToken(signal?: AbortSignal): Promise<string> {
    return raceWithSignal(
      new Promise<string>((resolve) => {
        this.assertNotExpired();
        resolve(this.token);
      }),
      signal,
    );
  }

  invalidate(): void {
    // A pasted token cannot be renewed; the 401 reaches the user, who pastes a new one.
  }

  private assertNotExpired(): void {
    const expiresAt = this.info.expiresAt;
    if (expiresAt && expiresAt.getTime() <= this.now()) {
      throw new InvalidManagementTokenError('expired', expiresAt);
    }
  }
}
