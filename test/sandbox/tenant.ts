// One Auth0-like tenant: an http(s) server on 127.0.0.1 (OS-chosen port) that routes
//   /api/v2/...        -> the Management API emulator (management.ts)
//   /u/login           -> the login page (form) behind oidc-provider's interactions (loginRoute.ts)
//   /login/callback    -> the end of an auth0-oidc federation (federation.ts)
//   /oauth/token       -> oidc-provider, after Auth0-style normalization (tokenRoute.ts)
//   everything else    -> oidc-provider, its routes mapped onto Auth0's paths (oidcConfig.ts)
// with faults, rate-limit headers and the request log applied in front of all of it (this file).
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { TenantContext, TenantOptions } from './context';
import { FaultController, type FaultSpec } from './faults';
import { Federation } from './federation';
import { signJwt } from './jwt';
import { loginRoute, ownOriginForForwardedLogin } from './loginRoute';
import { apiError, ManagementApi } from './management';
import type { OidcProvider } from './oidc';
import { loadOidcProvider } from './oidc';
import { createOidcProvider } from './oidcConfig';
import { randomAlphanumeric } from './random';
import { TokenBucket } from './rateLimit';
import type { TenantState } from './records';
import { drainRequest, redirect, sendApi, withErrorDescriptions } from './respond';
import {
  ALL_MANAGEMENT_SCOPES,
  clientRecord,
  DATABASE_CONNECTION,
  tenantSeed,
  userRecord,
  type TenantName,
} from './seed';
import { tokenRoute } from './tokenRoute';

export type { TenantOptions } from './context';

export interface SandboxApp {
  name: string;
  clientId: string;
  clientSecret: string;
  appType: 'regular_web' | 'non_interactive' | 'spa' | 'native';
  callbacks: string[];
}

export interface SandboxUser {
  email: string;
  password: string;
  /** e.g. auth0|5f7c8ec7c33c6c004bbafe82 */
  userId: string;
  name: string;
}

export interface M2mCredentials {
  clientId: string;
  clientSecret: string;
  scopes: string[];
}

export interface RequestLogEntry {
  method: string;
  /** Path without the query string. */
  path: string;
  /** The query string ('' or '?...'). */
  query: string;
  /** The status sent; 0 when a fault dropped or reset the connection. */
  status: number;
}

export class Tenant implements TenantContext {
  readonly name: TenantName;
  readonly faults = new FaultController();
  readonly requestLog: RequestLogEntry[] = [];
  /** Every request on any path (Management API, token, login pages, OIDC), as `METHOD /path`. */
  readonly allRequests: string[] = [];
  readonly state: TenantState = {
    connections: new Map(),
    clients: new Map(),
    tenantSettings: { friendly_name: '', support_email: '', flags: {} },
    clientGrants: new Map(),
    users: new Map(),
  };
  /** Profiles of users who logged in through a federated (auth0-oidc) connection, by user_id. */
  readonly federatedUsers = new Map<string, Record<string, unknown>>();
  /** Email of a user to log in without a form on every login page of this tenant (tests, demos). */
  autoLogin: string | undefined;

  readonly options: TenantOptions;
  readonly federation: Federation;
  private readonly server: http.Server;
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Map<NodeJS.Timeout, () => void>();
  private readonly providers = new Map<
    string,
    { provider: OidcProvider; callback: (req: http.IncomingMessage, res: http.ServerResponse) => void | Promise<void> }
  >();
  private management: ManagementApi | undefined;
  private port = 0;
  private rateWindow = 0;
  private rateCount = 0;
  /** The enforced Management API limit, when the tenant runs with one. */
  readonly rateLimiter: TokenBucket | undefined;
  private closed = false;

  constructor(options: TenantOptions) {
    this.options = options;
    this.name = options.name;
    this.autoLogin = options.autoLogin;
    const handler = (req: http.IncomingMessage, res: http.ServerResponse): void => {
      this.onRequest(req, res).catch((err: unknown) => this.internalError(res, err));
    };
    this.server = options.tls
      ? https.createServer({ key: options.tls.key, cert: options.tls.cert }, handler)
      : http.createServer(handler);
    this.server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    this.federation = new Federation(this);
    this.rateLimiter = options.rateLimit ? new TokenBucket(options.rateLimit) : undefined;
  }

  get baseUrl(): string {
    return `${this.options.tls ? 'https' : 'http'}://127.0.0.1:${this.port}`;
  }

  get domain(): string {
    return `127.0.0.1:${this.port}`;
  }

  get issuer(): string {
    return `${this.baseUrl}/`;
  }

  /**
   * The tenant's custom domain, 'localhost:PORT': the same server under a second host name, as an
   * Auth0 custom domain is. Logins and the OIDC endpoints answer there with their own issuer
   * (https://auth0.com/docs/customize/custom-domains: tokens from a custom domain name it as
   * issuer); the Management API does not (it is only served at the canonical domain).
   */
  get customDomain(): string {
    return `localhost:${this.port}`;
  }

  get customBaseUrl(): string {
    return `${this.options.tls ? 'https' : 'http'}://${this.customDomain}`;
  }

  baseUrlFor(req: http.IncomingMessage): string {
    return this.isCustomDomain(req) ? this.customBaseUrl : this.baseUrl;
  }

  private isCustomDomain(req: http.IncomingMessage): boolean {
    return (req.headers.host ?? '').toLowerCase() === this.customDomain;
  }

  get managementAudience(): string {
    return `${this.baseUrl}/api/v2/`;
  }

  get m2m(): M2mCredentials {
    return this.m2mFor(`${this.name}M2mAllScopes`);
  }

  get m2mReadOnly(): M2mCredentials {
    return this.m2mFor(`${this.name}M2mReadOnly`);
  }

  /** All scopes but read:connections_options / update:connections_options. */
  get m2mNoOptions(): M2mCredentials {
    return this.m2mFor(`${this.name}M2mNoOptions`);
  }

  get apps(): SandboxApp[] {
    return [...this.state.clients.values()].map((c) => ({
      name: c.name,
      clientId: c.client_id,
      clientSecret: c.client_secret,
      appType: c.app_type,
      callbacks: [...c.callbacks],
    }));
  }

  get users(): SandboxUser[] {
    return [...this.state.users.values()]
      .filter((u) => u.password !== undefined)
      .map((u) => ({ email: u.email, password: u.password ?? '', userId: u.user_id, name: u.name }));
  }

  /** Finds a seeded application by its name (e.g. 'RP Web App'); throws when there is none. */
  app(name: string): SandboxApp {
    const found = this.apps.find((a) => a.name === name);
    if (!found) throw new Error(`no application named ${name} on ${this.name}`);
    return found;
  }

  private m2mFor(label: string): M2mCredentials {
    const client = [...this.state.clients.values()].find((c) => c.client_id.startsWith(label));
    if (!client) throw new Error(`${this.name}: machine-to-machine application ${label} missing`);
    return {
      clientId: client.client_id,
      clientSecret: client.client_secret,
      scopes: [...(this.state.clientGrants.get(client.client_id) ?? [])],
    };
  }

  /**
   * Empties the logs. A request is logged when its response closes; one that arrived before the
   * reset is left out even if it closes after it, so the log holds exactly what arrived since.
   */
  resetRequestLog(): void {
    this.requestLog.length = 0;
    this.allRequests.length = 0;
    this.logGeneration++;
  }

  private logGeneration = 0;

  /** Listens on `preferredPort` when it is free, else on a port the OS picks. */
  async listen(preferredPort?: number): Promise<void> {
    const listenOn = (port: number): Promise<void> =>
      new Promise<void>((resolve, reject) => {
        this.server.once('error', reject);
        this.server.listen(port, '127.0.0.1', () => {
          this.server.off('error', reject);
          resolve();
        });
      });
    try {
      await listenOn(preferredPort ?? 0);
    } catch (err) {
      if (!preferredPort || (err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
      await listenOn(0);
    }
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** Seeds applications, grants, users, settings and the database connection. */
  seed(rpBaseUrl: string): void {
    const seed = tenantSeed(this.name, rpBaseUrl);
    for (const app of seed.apps) {
      const record = clientRecord(app, this.name, this.options.tokenLifetimeSeconds);
      this.state.clients.set(record.client_id, record);
      if (app.grants) this.state.clientGrants.set(record.client_id, [...app.grants]);
    }
    for (const user of seed.users) this.state.users.set(user.user_id, userRecord(user));
    this.state.tenantSettings = seed.settings;
    this.management = new ManagementApi({
      baseUrl: this.baseUrl,
      state: this.state,
      publicKey: this.options.signingKey.publicKey,
      rejectEnabledClientsInBody: this.options.rejectEnabledClientsInBody,
    });
    const interactive = [...this.state.clients.values()]
      .filter((c) => c.app_type !== 'non_interactive')
      .map((c) => c.client_id);
    this.management.insertConnection({
      name: DATABASE_CONNECTION,
      strategy: 'auth0',
      options: { brute_force_protection: true },
      enabled_clients: interactive,
    });
  }

  /** Bulk-inserts `count` connections (fast, no HTTP) for paging tests and benchmarks. */
  seedConnections(count: number, strategy = 'auth0-oidc'): void {
    const m = this.requireManagement();
    const taken = new Set([...this.state.connections.values()].map((c) => c.name.toLowerCase()));
    let n = 0;
    for (let created = 0; created < count;) {
      const name = `seed-${strategy}-${++n}`;
      if (taken.has(name.toLowerCase())) continue;
      const options =
        strategy === 'auth0-oidc'
          ? {
              client_id: `seed${n}`.padEnd(32, '0'),
              client_secret: 'seed-secret',
              domain: 'provider.example.invalid',
              scope: 'openid profile email',
            }
          : {};
      m.insertConnection({ name, strategy, options });
      created++;
    }
  }

  /** Signs a Management API token directly (no client credentials round trip). */
  issueManagementToken(
    scopes: string[] = [...ALL_MANAGEMENT_SCOPES],
    opts: { expiresInSeconds?: number } = {},
  ): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const m2m = this.m2m;
    return signJwt(
      {
        iss: this.issuer,
        sub: `${m2m.clientId}@clients`,
        aud: this.managementAudience,
        iat: now,
        exp: now + (opts.expiresInSeconds ?? this.options.tokenLifetimeSeconds),
        scope: scopes.join(' '),
        gty: 'client-credentials',
        azp: m2m.clientId,
        jti: randomAlphanumeric(21),
      },
      this.options.signingKey,
      'at+jwt',
    );
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const [timer, release] of this.timers) {
      clearTimeout(timer);
      release();
    }
    this.timers.clear();
    const closing = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closing;
    await this.federation.close();
  }

  // ------------------------------------------------------------------ oidc-provider

  async startProvider(): Promise<void> {
    const mod = await loadOidcProvider();
    // One authorization server per domain: each has its own issuer, sessions and codes, as a
    // code issued through the custom domain must be redeemed there.
    for (const base of [this.baseUrl, this.customBaseUrl]) {
      const provider = createOidcProvider(this, mod, `${base}/`);
      this.providers.set(base, { provider, callback: provider.callback() });
    }
  }

  async handleOidc(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const site = this.providers.get(this.baseUrlFor(req));
    if (!site) return sendApi(res, apiError(503, 'tenant is starting'));
    await site.callback(req, res);
  }

  // ------------------------------------------------------------------ request pipeline

  private async onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.baseUrlFor(req));
    const method = (req.method ?? 'GET').toUpperCase();
    const path = url.pathname;
    const isManagement = path === '/api/v2' || path.startsWith('/api/v2/');
    this.allRequests.push(`${method} ${path}`);
    const decision = isManagement ? this.rateLimiter?.take() : undefined;
    if (decision) {
      for (const [name, value] of Object.entries(decision.headers)) res.setHeader(name, value);
    } else {
      this.setRateLimitHeaders(res);
    }

    let dropped = false;
    if (isManagement) {
      const generation = this.logGeneration;
      res.on('close', () => {
        if (generation !== this.logGeneration) return;
        this.requestLog.push({
          method,
          path,
          query: url.search,
          status: dropped || !res.writableFinished ? 0 : res.statusCode,
        });
      });
    }
    if (decision && !decision.allowed) {
      // Auth0's answer when the bucket is empty; nothing is processed.
      await drainRequest(req);
      return sendApi(res, apiError(429, 'Global limit has been reached', 'too_many_requests'));
    }

    const fault = this.faults.take(method, path);
    if (fault) {
      switch (fault.kind) {
        case 'reset':
          dropped = true;
          resetSocket(req.socket);
          return;
        case 'rate-limit':
          await drainRequest(req);
          return this.sendFaultRateLimit(res, fault);
        case 'server-error': {
          await drainRequest(req);
          const status = fault.status ?? 503;
          return sendApi(
            res,
            apiError(
              status,
              status === 503
                ? 'The service is temporarily unavailable (sandbox fault)'
                : 'Internal server error (sandbox fault)',
              status === 503 ? 'service_unavailable' : 'internal_error',
            ),
          );
        }
        case 'stop-answering':
          // Read, never processed, never answered: the client's timeout (or Cancel) ends it;
          // closing the tenant destroys the socket.
          dropped = true;
          await drainRequest(req);
          return;
        case 'latency':
          await this.delay(fault.latencyMs ?? 200);
          if (this.closed) return;
          break;
        case 'drop-after-commit':
          dropped = true;
          interceptResponse(res, () => req.socket.destroy());
          break;
      }
    }

    if (isManagement && this.isCustomDomain(req)) {
      // Auth0 serves the Management API only at the tenant's canonical domain.
      // https://auth0.com/docs/customize/custom-domains/configure-features-to-use-custom-domains
      return sendApi(res, apiError(404, 'Not Found'));
    }
    if (isManagement) {
      const response = this.management ? await this.management.handle(req, url) : apiError(503, 'tenant is starting');
      return sendApi(res, response);
    }
    if (path === '/u/login') return loginRoute(this, req, res, url);
    if (path === '/login/callback') return this.federation.callback(req, res, url);
    if (path === '/oauth/token' && method === 'POST') return tokenRoute(this, req, res);
    // Reached through a port forwarder (code-server's /proxy/PORT/): the login starts on the
    // tenant's own origin (loginRoute.ts says why).
    const ownOrigin = ownOriginForForwardedLogin(this, req);
    if (ownOrigin) return redirect(res, 302, ownOrigin);
    if (path === '/authorize' || path.startsWith('/authorize/')) {
      // Auth0 logs in an /authorize request without `scope` (the OIDC `openid` scope is taken as
      // the default, OAuth 2.0 section 3.3 lets a server define one); oidc-provider would deny it.
      if (path === '/authorize' && method === 'GET' && !url.searchParams.has('scope')) {
        url.searchParams.set('scope', 'openid');
        req.url = `${url.pathname}${url.search}`;
      }
      withErrorDescriptions(res);
    }
    if (path === '/v2/logout' && method === 'GET') {
      // Auth0's parameters onto OpenID Connect RP-initiated logout's.
      const returnTo = url.searchParams.get('returnTo');
      if (returnTo && !url.searchParams.has('post_logout_redirect_uri')) {
        url.searchParams.set('post_logout_redirect_uri', returnTo);
        url.searchParams.delete('returnTo');
        req.url = `${url.pathname}${url.search}`;
      }
    }
    await this.handleOidc(req, res);
  }

  private setRateLimitHeaders(res: http.ServerResponse, remaining?: number, reset?: number): void {
    const nowSeconds = Math.floor(Date.now() / 1000);
    if (this.rateWindow !== nowSeconds) {
      this.rateWindow = nowSeconds;
      this.rateCount = 0;
    }
    this.rateCount += 1;
    const limit = this.options.rateLimitPerSecond;
    res.setHeader('x-ratelimit-limit', String(limit));
    res.setHeader('x-ratelimit-remaining', String(remaining ?? Math.max(0, limit - this.rateCount)));
    res.setHeader('x-ratelimit-reset', String(reset ?? nowSeconds + 1));
  }

  private sendFaultRateLimit(res: http.ServerResponse, fault: FaultSpec): void {
    const retryAfter = fault.retryAfterSeconds ?? 1;
    const reset = Math.floor(Date.now() / 1000) + retryAfter;
    res.setHeader('x-ratelimit-remaining', '0');
    res.setHeader('x-ratelimit-reset', String(reset));
    res.setHeader('retry-after', String(retryAfter));
    sendApi(res, apiError(429, 'Global limit has been reached', 'too_many_requests'));
  }

  private delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.set(timer, resolve);
    });
  }

  private internalError(res: http.ServerResponse, err: unknown): void {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    sendApi(res, apiError(500, `sandbox error: ${err instanceof Error ? err.message : String(err)}`));
  }

  requireProvider(req?: http.IncomingMessage): OidcProvider {
    const site = this.providers.get(req ? this.baseUrlFor(req) : this.baseUrl);
    if (!site) throw new Error(`${this.name}: oidc-provider not started`);
    return site.provider;
  }

  private requireManagement(): ManagementApi {
    if (!this.management) throw new Error(`${this.name}: not seeded`);
    return this.management;
  }
}

function resetSocket(socket: Socket): void {
  if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
  else socket.destroy();
}

/** Makes the response never reach the client: the first write destroys the socket instead. */
function interceptResponse(res: http.ServerResponse, destroy: () => void): void {
  const swallow = function (this: unknown): http.ServerResponse {
    destroy();
    return res;
  };
  res.writeHead = swallow;
  res.write = () => {
    destroy();
    return false;
  };
  res.end = swallow;
}
