// One Auth0-like tenant: an http(s) server on 127.0.0.1 (OS-chosen port) that routes
//   /api/v2/...        -> the Management API emulator (management.ts)
//   /u/login           -> the login page (form) behind oidc-provider's interactions
//   /login/callback    -> the end of an auth0-oidc federation (code exchange at the provider)
//   /oauth/token       -> oidc-provider, after Auth0-style normalization (JSON bodies, audience)
//   everything else    -> oidc-provider, its routes mapped onto Auth0's paths
// with faults, rate-limit headers and the request log applied in front of all of it.
import { randomBytes, type JsonWebKeyInput } from 'node:crypto';
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { Readable } from 'node:stream';
import { Agent, fetch } from 'undici';
import { FaultController, type FaultSpec } from './faults';
import { randomAlphanumeric, signJwt, verifyJwt, type SigningKey } from './jwt';
import { apiError, ManagementApi, type ApiResponse } from './management';
import type { KoaContext, OidcClient, OidcInteraction, OidcModule, OidcProvider } from './oidc';
import { loadOidcProvider } from './oidc';
import { errorPage, loggedOutPage, loginPage, logoutPage } from './pages';
import { profileClaims, type ClientRecord, type ConnectionRecord, type TenantState, type UserRecord } from './records';
import { ALL_MANAGEMENT_SCOPES, clientRecord, DATABASE_CONNECTION, tenantSeed, userRecord, type TenantName } from './seed';

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

export interface TenantOptions {
  name: TenantName;
  signingKey: SigningKey;
  tls?: { key: string; cert: string; ca: string };
  testShortcuts: boolean;
  rejectEnabledClientsInBody: boolean;
  tokenLifetimeSeconds: number;
  autoLogin?: string;
  rateLimitPerSecond: number;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);
const MAX_BODY = 1024 * 1024;

interface PendingFederation {
  uid: string;
  connectionId: string;
  nonce: string;
  domain: string;
  discovery: Discovery;
  createdAt: number;
}

interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  userinfo_endpoint: string;
  jwks_uri: string;
}

/** Thrown inside the federation steps; becomes an error redirect to the application. */
class FederationError extends Error {
  constructor(
    readonly error: string,
    description: string,
  ) {
    super(description);
  }
}

export class Tenant {
  readonly name: TenantName;
  readonly faults = new FaultController();
  readonly requestLog: RequestLogEntry[] = [];
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

  private readonly options: TenantOptions;
  private readonly server: http.Server;
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Map<NodeJS.Timeout, () => void>();
  private readonly pending = new Map<string, PendingFederation>();
  private readonly dispatcher: Agent;
  private provider: OidcProvider | undefined;
  private oidcCallback: ((req: http.IncomingMessage, res: http.ServerResponse) => void | Promise<void>) | undefined;
  private management: ManagementApi | undefined;
  private port = 0;
  private rateWindow = 0;
  private rateCount = 0;
  private closed = false;

  constructor(options: TenantOptions) {
    this.options = options;
    this.name = options.name;
    this.autoLogin = options.autoLogin;
    const handler = (req: http.IncomingMessage, res: http.ServerResponse): void => {
      this.onRequest(req, res).catch((err: unknown) => this.internalError(res, err));
    };
    this.server = options.tls ? https.createServer({ key: options.tls.key, cert: options.tls.cert }, handler) : http.createServer(handler);
    this.server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    // Outbound calls (federation to another tenant) trust the sandbox CA in TLS mode.
    this.dispatcher = new Agent(options.tls ? { connect: { ca: options.tls.ca } } : {});
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

  get managementAudience(): string {
    return `${this.baseUrl}/api/v2/`;
  }

  get m2m(): M2mCredentials {
    return this.m2mFor(`${this.name}M2mAllScopes`);
  }

  get m2mReadOnly(): M2mCredentials {
    return this.m2mFor(`${this.name}M2mReadOnly`);
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
    return { clientId: client.client_id, clientSecret: client.client_secret, scopes: [...(this.state.clientGrants.get(client.client_id) ?? [])] };
  }

  resetRequestLog(): void {
    this.requestLog.length = 0;
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
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
    const interactive = [...this.state.clients.values()].filter((c) => c.app_type !== 'non_interactive').map((c) => c.client_id);
    this.management.insertConnection({ name: DATABASE_CONNECTION, strategy: 'auth0', options: { brute_force_protection: true }, enabled_clients: interactive });
  }

  /** Bulk-inserts `count` connections (fast, no HTTP) for paging tests and benchmarks. */
  seedConnections(count: number, strategy = 'auth0-oidc'): void {
    const m = this.requireManagement();
    const taken = new Set([...this.state.connections.values()].map((c) => c.name.toLowerCase()));
    let n = 0;
    for (let created = 0; created < count; ) {
      const name = `seed-${strategy}-${++n}`;
      if (taken.has(name.toLowerCase())) continue;
      const options =
        strategy === 'auth0-oidc'
          ? { client_id: `seed${n}`.padEnd(32, '0'), client_secret: 'seed-secret', domain: 'provider.example.invalid', scope: 'openid profile email' }
          : {};
      m.insertConnection({ name, strategy, options });
      created++;
    }
  }

  /** Signs a Management API token directly (no client credentials round trip). */
  issueManagementToken(scopes: string[] = [...ALL_MANAGEMENT_SCOPES], opts: { expiresInSeconds?: number } = {}): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const m2m = this.m2m;
    return Promise.resolve(
      signJwt(
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
      ),
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
    await this.dispatcher.destroy();
  }

  // ------------------------------------------------------------------ oidc-provider

  async startProvider(): Promise<void> {
    const mod = await loadOidcProvider();
    const Provider = mod.default;
    const provider = new Provider(this.issuer, this.providerConfiguration(mod));
    // RFC 8252 section 7.3: a loopback redirect registered without a port matches any port.
    const allowed = provider.Client.prototype.redirectUriAllowed;
    provider.Client.prototype.redirectUriAllowed = function redirectUriAllowed(this: OidcClient & { redirectUris?: string[] }, value: string): boolean {
      if (allowed.call(this, value)) return true;
      let parsed: URL;
      try {
        parsed = new URL(value);
      } catch {
        return false;
      }
      if (parsed.protocol !== 'http:' || !LOOPBACK_HOSTS.has(parsed.hostname) || parsed.port === '') return false;
      parsed.port = '';
      return (this.redirectUris ?? []).some((registered) => {
        try {
          const r = new URL(registered);
          return r.port === '' && r.protocol === 'http:' && r.href === parsed.href;
        } catch {
          return false;
        }
      });
    };
    this.provider = provider;
    this.oidcCallback = provider.callback();
  }

  private providerConfiguration(mod: OidcModule): Record<string, unknown> {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- oidc-provider calls these helpers with its own `this`
    const tenant = this;
    const ttl = this.options.tokenLifetimeSeconds;
    const { Check, base } = mod.interactionPolicy;
    const policy = base();
    // Auth0 does not silently reuse a session from another connection when `connection` is given.
    policy.get('login')?.checks.add(
      new Check('connection_switch', 'the session belongs to another connection', (ctx: KoaContext) => {
        const wanted = ctx.oidc?.params?.connection;
        const accountId = ctx.oidc?.session?.accountId;
        if (typeof wanted !== 'string' || !wanted || !accountId) return Check.NO_NEED_TO_PROMPT;
        return tenant.connectionOfAccount(accountId) === wanted ? Check.NO_NEED_TO_PROMPT : Check.REQUEST_PROMPT;
      }),
    );
    return {
      adapter: this.adapterClass(),
      clients: [],
      jwks: { keys: [this.options.signingKey.privateJwk] },
      cookies: {
        keys: [randomBytes(32).toString('base64url')],
        // Browsers share cookies across ports of one host: distinct names keep the tenants apart.
        names: { session: `_${this.name}_session`, interaction: `_${this.name}_interaction`, resume: `_${this.name}_resume` },
        long: { httpOnly: true, sameSite: 'lax' },
        short: { httpOnly: true, sameSite: 'lax' },
      },
      claims: {
        openid: ['sub'],
        email: ['email', 'email_verified'],
        profile: ['name', 'nickname', 'picture', 'given_name', 'family_name', 'updated_at'],
      },
      scopes: ['openid', 'offline_access', 'profile', 'email'],
      extraParams: ['connection', 'sandbox_login', 'audience', 'screen_hint', 'organization', 'invitation'],
      conformIdTokenClaims: false,
      responseTypes: ['code'],
      pkce: { required: (_ctx: unknown, client: { tokenEndpointAuthMethod?: string }) => client.tokenEndpointAuthMethod === 'none' },
      routes: {
        authorization: '/authorize',
        token: '/oauth/token',
        userinfo: '/userinfo',
        jwks: '/.well-known/jwks.json',
        end_session: '/v2/logout',
        revocation: '/oauth/revoke',
        introspection: '/oauth/introspect',
        registration: '/oidc/register',
        pushed_authorization_request: '/oauth/par',
        code_verification: '/activate',
        device_authorization: '/oauth/device/code',
        backchannel_authentication: '/bc-authorize',
      },
      ttl: {
        AccessToken: ttl,
        ClientCredentials: ttl,
        IdToken: 36000,
        AuthorizationCode: 600,
        Interaction: 3600,
        Session: 86400,
        Grant: 86400,
        RefreshToken: 30 * 86400,
      },
      features: {
        devInteractions: { enabled: false },
        clientCredentials: { enabled: true },
        revocation: { enabled: true },
        introspection: { enabled: false },
        userinfo: { enabled: true },
        rpInitiatedLogout: {
          enabled: true,
          logoutSource: (ctx: KoaContext, form: string) => {
            ctx.type = 'html';
            ctx.body = logoutPage(tenant.name, form);
          },
          postLogoutSuccessSource: (ctx: KoaContext) => {
            ctx.type = 'html';
            ctx.body = loggedOutPage(tenant.name);
          },
        },
        resourceIndicators: {
          enabled: true,
          defaultResource: (_ctx: unknown, _client: unknown, oneOf?: string[]) => oneOf,
          useGrantedResource: () => false,
          getResourceServerInfo: (_ctx: unknown, resource: string, client: { clientId: string }) => {
            if (resource !== tenant.managementAudience) {
              const InvalidTarget = mod.errors.InvalidTarget ?? Error;
              throw new InvalidTarget(`Service not found: ${resource}`);
            }
            return {
              scope: (tenant.state.clientGrants.get(client.clientId) ?? []).join(' '),
              audience: resource,
              accessTokenTTL: ttl,
              accessTokenFormat: 'jwt',
              jwt: { sign: { alg: 'RS256' } },
            };
          },
        },
      },
      extraTokenClaims: (_ctx: unknown, token: { kind?: string; clientId?: string }) =>
        token.kind === 'ClientCredentials' ? { gty: 'client-credentials', azp: token.clientId } : undefined,
      findAccount: (_ctx: unknown, sub: string) => {
        const claims = tenant.accountClaims(sub);
        if (!claims) return undefined;
        return { accountId: sub, claims: () => claims };
      },
      loadExistingGrant: async (ctx: KoaContext) => {
        // First-party applications: no consent screen; every requested scope is granted.
        const oidc = ctx.oidc;
        if (!oidc?.client || !oidc.session?.accountId) return undefined;
        const grant = new oidc.provider.Grant({ clientId: oidc.client.clientId, accountId: oidc.session.accountId });
        const scope = typeof oidc.params?.scope === 'string' ? oidc.params.scope : 'openid';
        grant.addOIDCScope(scope);
        await grant.save();
        return grant;
      },
      interactions: {
        url: (_ctx: unknown, interaction: { uid: string }) => `/u/login?state=${interaction.uid}`,
        policy,
      },
      renderError: (ctx: KoaContext, out: { error: string; error_description?: string }) => {
        const q = ctx.query;
        let title = 'Something went wrong';
        let description = out.error_description ?? '';
        let hint: string | undefined;
        if (out.error === 'invalid_redirect_uri') {
          title = 'Callback URL mismatch';
          description = `${String(q.redirect_uri ?? '(none)')} is not in the list of allowed callback URLs.`;
          hint = `Add it to the Allowed Callback URLs of application ${String(q.client_id ?? '')} on tenant ${tenant.name}.`;
        } else if (out.error === 'invalid_client' && q.client_id) {
          title = 'Unknown client';
          description = `Unknown client: ${String(q.client_id)}`;
        }
        ctx.type = 'html';
        ctx.body = errorPage({ tenant: tenant.name, title, error: out.error, description, hint });
      },
    };
  }

  /** An oidc-provider storage adapter: clients come from the Management state, the rest lives in memory. */
  private adapterClass(): new (model: string) => unknown {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- used inside the adapter class, whose `this` is the adapter
    const tenant = this;
    const store = new Map<string, { payload: Record<string, unknown>; expiresAt: number }>();
    const grants = new Map<string, string[]>();
    const now = (): number => Math.floor(Date.now() / 1000);
    return class SandboxAdapter {
      constructor(private readonly model: string) {}
      private key(id: string): string {
        return `${this.model}:${id}`;
      }
      upsert(id: string, payload: Record<string, unknown>, expiresIn: number): Promise<void> {
        const key = this.key(id);
        store.set(key, { payload, expiresAt: expiresIn ? now() + expiresIn : Infinity });
        if (typeof payload.grantId === 'string') grants.set(payload.grantId, [...(grants.get(payload.grantId) ?? []), key]);
        if (this.model === 'Session' && typeof payload.uid === 'string') store.set(`SessionUid:${payload.uid}`, { payload: { id }, expiresAt: now() + expiresIn });
        return Promise.resolve();
      }
      find(id: string): Promise<Record<string, unknown> | undefined> {
        if (this.model === 'Client') {
          const client = tenant.state.clients.get(id);
          return Promise.resolve(client ? oidcClientMetadata(client) : undefined);
        }
        const entry = store.get(this.key(id));
        if (!entry) return Promise.resolve(undefined);
        if (entry.expiresAt < now()) {
          store.delete(this.key(id));
          return Promise.resolve(undefined);
        }
        return Promise.resolve(entry.payload);
      }
      async findByUid(uid: string): Promise<Record<string, unknown> | undefined> {
        const ref = store.get(`SessionUid:${uid}`);
        return ref ? this.find(String(ref.payload.id)) : undefined;
      }
      findByUserCode(): Promise<undefined> {
        return Promise.resolve(undefined);
      }
      consume(id: string): Promise<void> {
        const entry = store.get(this.key(id));
        if (entry) entry.payload.consumed = now();
        return Promise.resolve();
      }
      destroy(id: string): Promise<void> {
        store.delete(this.key(id));
        return Promise.resolve();
      }
      revokeByGrantId(grantId: string): Promise<void> {
        for (const key of grants.get(grantId) ?? []) store.delete(key);
        grants.delete(grantId);
        return Promise.resolve();
      }
    };
  }

  private accountClaims(accountId: string): Record<string, unknown> | undefined {
    const user = this.state.users.get(accountId);
    if (user) return profileClaims(user);
    const federated = this.federatedUsers.get(accountId);
    return federated ? { ...federated, sub: accountId } : undefined;
  }

  private connectionOfAccount(accountId: string): string | undefined {
    if (accountId.startsWith('auth0-oidc|')) return accountId.split('|')[1];
    return this.state.users.get(accountId)?.connection;
  }

  // ------------------------------------------------------------------ request pipeline

  private async onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.baseUrl);
    const method = (req.method ?? 'GET').toUpperCase();
    const path = url.pathname;
    const isManagement = path === '/api/v2' || path.startsWith('/api/v2/');
    this.setRateLimitHeaders(res);

    let dropped = false;
    if (isManagement) {
      res.on('close', () => {
        this.requestLog.push({ method, path, query: url.search, status: dropped || !res.writableFinished ? 0 : res.statusCode });
      });
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
          return sendApi(res, apiError(status, status === 503 ? 'The service is temporarily unavailable (sandbox fault)' : 'Internal server error (sandbox fault)', status === 503 ? 'service_unavailable' : 'internal_error'));
        }
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

    if (isManagement) {
      const response = this.management ? await this.management.handle(req, url) : apiError(503, 'tenant is starting');
      return sendApi(res, response);
    }
    if (path === '/u/login') return this.loginRoute(req, res, url);
    if (path === '/login/callback') return this.federationCallback(res, url);
    if (path === '/oauth/token' && method === 'POST') return this.tokenRoute(req, res);
    if (path === '/v2/logout' && method === 'GET') {
      // Auth0's parameters onto OpenID Connect RP-initiated logout's.
      const returnTo = url.searchParams.get('returnTo');
      if (returnTo && !url.searchParams.has('post_logout_redirect_uri')) {
        url.searchParams.set('post_logout_redirect_uri', returnTo);
        url.searchParams.delete('returnTo');
        req.url = `${url.pathname}${url.search}`;
      }
    }
    if (!this.oidcCallback) return sendApi(res, apiError(503, 'tenant is starting'));
    await this.oidcCallback(req, res);
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

  // ------------------------------------------------------------------ /oauth/token

  /**
   * Auth0 accepts JSON and form bodies, client credentials in the body or in Basic auth, and names
   * the API with `audience`; oidc-provider takes form bodies and `resource`. This translates, and
   * answers the client-credentials errors Auth0 answers itself (unknown API, no client grant,
   * scopes not granted) before oidc-provider issues the JWT.
   */
  private async tokenRoute(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const raw = await readRaw(req);
    if (!raw) return sendJson(res, 413, { error: 'invalid_request', error_description: 'request body too large' });
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    let params: URLSearchParams;
    if (type === 'application/json') {
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw.toString('utf8'));
      } catch {
        return sendJson(res, 400, { error: 'invalid_request', error_description: 'Invalid JSON body' });
      }
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
        return sendJson(res, 400, { error: 'invalid_request', error_description: 'Invalid JSON body' });
      }
      params = new URLSearchParams();
      for (const [k, v] of Object.entries(parsed as Record<string, unknown>)) {
        if (v !== undefined && v !== null) params.set(k, Array.isArray(v) ? v.join(' ') : typeof v === 'string' ? v : JSON.stringify(v));
      }
    } else {
      params = new URLSearchParams(raw.toString('utf8'));
    }
    const headers = { ...req.headers };
    const basic = /^Basic\s+(\S+)$/i.exec(headers.authorization ?? '')?.[1];
    if (basic) {
      const decoded = Buffer.from(basic, 'base64').toString('utf8');
      const i = decoded.indexOf(':');
      if (i > 0 && !params.has('client_id')) {
        params.set('client_id', decodeURIComponent(decoded.slice(0, i)));
        params.set('client_secret', decodeURIComponent(decoded.slice(i + 1)));
        delete headers.authorization;
      }
    }
    if (params.get('grant_type') === 'client_credentials') {
      const refusal = this.checkClientCredentials(params);
      if (refusal) return sendJson(res, refusal.status, refusal.body);
    } else {
      params.delete('audience');
    }
    const body = Buffer.from(params.toString());
    headers['content-type'] = 'application/x-www-form-urlencoded';
    headers['content-length'] = String(body.length);
    delete headers['transfer-encoding'];
    const replay = new Readable({ read() {} });
    replay.push(body);
    replay.push(null);
    Object.assign(replay, {
      headers,
      method: req.method,
      url: req.url,
      httpVersion: req.httpVersion,
      httpVersionMajor: req.httpVersionMajor,
      httpVersionMinor: req.httpVersionMinor,
      socket: req.socket,
      connection: req.socket,
      rawHeaders: req.rawHeaders,
    });
    if (!this.oidcCallback) return sendApi(res, apiError(503, 'tenant is starting'));
    await this.oidcCallback(replay as unknown as http.IncomingMessage, res);
  }

  private checkClientCredentials(params: URLSearchParams): { status: number; body: Record<string, string> } | undefined {
    const client = this.state.clients.get(params.get('client_id') ?? '');
    if (!client) return undefined; // oidc-provider answers invalid_client
    if (client.client_secret !== params.get('client_secret')) {
      return { status: 401, body: { error: 'access_denied', error_description: 'Unauthorized' } };
    }
    const audience = params.get('audience') ?? params.get('resource');
    if (!audience) {
      return { status: 403, body: { error: 'access_denied', error_description: 'No audience parameter was provided, and no default audience has been configured' } };
    }
    if (audience !== this.managementAudience) {
      return { status: 403, body: { error: 'access_denied', error_description: `Service not found: ${audience}` } };
    }
    const granted = this.state.clientGrants.get(client.client_id);
    if (!granted || !client.grant_types.includes('client_credentials')) {
      return {
        status: 403,
        body: {
          error: 'unauthorized_client',
          error_description: `Client is not authorized to access "${audience}". You need to create a "client-grant" associated to this API.`,
        },
      };
    }
    const requested = (params.get('scope') ?? '').split(' ').filter(Boolean);
    const missing = requested.filter((s) => !granted.includes(s));
    if (missing.length) {
      return { status: 403, body: { error: 'access_denied', error_description: `Client has not been granted scopes: ${missing.join(', ')}` } };
    }
    params.set('scope', (requested.length ? requested : granted).join(' '));
    params.set('resource', audience);
    params.delete('audience');
    return undefined;
  }

  // ------------------------------------------------------------------ login page

  private async loginRoute(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const provider = this.requireProvider();
    let form: URLSearchParams | undefined;
    if (req.method === 'POST') {
      const raw = await readRaw(req);
      form = new URLSearchParams(raw?.toString('utf8') ?? '');
    } else if (req.method !== 'GET') {
      return sendHtml(res, 405, errorPage({ tenant: this.name, title: 'Method not allowed', error: 'invalid_request', description: `${req.method} /u/login` }));
    }
    const uid = form?.get('state') ?? url.searchParams.get('state') ?? '';
    const interaction = uid ? await provider.Interaction.find(uid) : undefined;
    if (!interaction) {
      return sendHtml(res, 400, errorPage({ tenant: this.name, title: 'Login session not found', error: 'invalid_request', description: 'The login transaction expired or does not exist. Start again from the application.' }));
    }
    const params = interaction.params as Record<string, string | undefined>;
    const client = this.state.clients.get(params.client_id ?? '');
    if (interaction.prompt.name !== 'login') {
      // consent (first-party apps only here): grant what was asked and continue.
      const accountId = interaction.session?.accountId;
      if (!accountId || !client) return this.finishInteraction(res, interaction, { error: 'access_denied', error_description: 'consent could not be obtained' });
      const grant = new provider.Grant({ clientId: client.client_id, accountId });
      grant.addOIDCScope(params.scope ?? 'openid');
      return this.finishInteraction(res, interaction, { consent: { grantId: await grant.save() } });
    }

    let connection: ConnectionRecord | undefined;
    if (params.connection) {
      connection = [...this.state.connections.values()].find((c) => c.name === params.connection);
      if (!connection) return this.finishInteraction(res, interaction, { error: 'invalid_request', error_description: 'the connection was not found' });
      if (!client || !connection.enabled_clients.includes(client.client_id)) {
        return this.finishInteraction(res, interaction, { error: 'invalid_request', error_description: 'the connection is not enabled' });
      }
      if (connection.strategy === 'auth0-oidc' || connection.strategy === 'oidc') {
        if (form) return sendHtml(res, 400, errorPage({ tenant: this.name, title: 'Wrong login page', error: 'invalid_request', description: 'this connection logs in at its identity provider' }));
        return this.startFederation(res, interaction, connection);
      }
      if (connection.strategy !== 'auth0') {
        return this.finishInteraction(res, interaction, { error: 'invalid_request', error_description: `the sandbox cannot log in with strategy ${connection.strategy}` });
      }
    }
    const connectionName = connection?.name ?? DATABASE_CONNECTION;
    const findUser = (email: string | null | undefined): UserRecord | undefined =>
      [...this.state.users.values()].find((u) => u.connection === connectionName && u.email.toLowerCase() === (email ?? '').toLowerCase());

    const shortcut = (this.options.testShortcuts ? params.sandbox_login : undefined) ?? this.autoLogin;
    if (!form && shortcut) {
      const user = findUser(shortcut);
      if (user) return this.finishInteraction(res, interaction, { login: { accountId: user.user_id } });
      return this.renderLogin(res, interaction, client, connectionName, shortcut, `Auto-login: no user ${shortcut} in ${connectionName}.`);
    }
    if (!form) return this.renderLogin(res, interaction, client, connectionName, params.login_hint);
    const user = findUser(form.get('email'));
    if (!user || user.password === undefined || user.password !== form.get('password')) {
      return this.renderLogin(res, interaction, client, connectionName, form.get('email') ?? '', 'Wrong email or password.', 401);
    }
    return this.finishInteraction(res, interaction, { login: { accountId: user.user_id } });
  }

  private renderLogin(res: http.ServerResponse, interaction: OidcInteraction, client: ClientRecord | undefined, connection: string, email?: string, error?: string, status = 200): void {
    sendHtml(res, status, loginPage({ tenant: this.name, state: interaction.uid, clientName: client?.name ?? 'the application', connection, email, error }));
  }

  private async finishInteraction(res: http.ServerResponse, interaction: OidcInteraction, result: Record<string, unknown>): Promise<void> {
    interaction.result = result;
    await interaction.save(Math.max(1, interaction.exp - Math.floor(Date.now() / 1000)));
    res.statusCode = 303;
    res.setHeader('location', interaction.returnTo);
    res.setHeader('content-length', '0');
    res.end();
  }

  // ------------------------------------------------------------------ federation (auth0-oidc)

  private providerUrl(domain: string, path: string): string {
    const host = domain.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
    const scheme = LOOPBACK_HOSTS.has(host) && !this.options.tls ? 'http' : 'https';
    return `${scheme}://${domain}${path}`;
  }

  private async fetchJson(url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; json: Record<string, unknown> }> {
    const response = await fetch(url, { ...init, dispatcher: this.dispatcher, signal: AbortSignal.timeout(10_000), redirect: 'manual' });
    const text = await response.text();
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      json = { error: 'invalid_response', error_description: text.slice(0, 200) };
    }
    return { status: response.status, json };
  }

  private async startFederation(res: http.ServerResponse, interaction: OidcInteraction, connection: ConnectionRecord): Promise<void> {
    const options = connection.options;
    const domain = typeof options.domain === 'string' ? options.domain : typeof options.discovery_url === 'string' ? new URL(options.discovery_url).host : '';
    const clientId = typeof options.client_id === 'string' ? options.client_id : '';
    if (!domain || !clientId) {
      return this.finishInteraction(res, interaction, { error: 'invalid_request', error_description: `connection ${connection.name} has no options.domain or options.client_id` });
    }
    let discovery: Discovery;
    try {
      const url = this.providerUrl(domain, '/.well-known/openid-configuration');
      const { status, json } = await this.fetchJson(url);
      if (status !== 200 || typeof json.authorization_endpoint !== 'string') throw new Error(`GET ${url} answered ${status}`);
      discovery = json as unknown as Discovery;
    } catch (err) {
      return this.finishInteraction(res, interaction, { error: 'access_denied', error_description: `Could not reach the identity provider at ${domain}: ${describeError(err)}` });
    }
    const scopes = new Set(typeof options.scope === 'string' ? options.scope.split(/\s+/).filter(Boolean) : []);
    scopes.add('openid');
    const state = randomBytes(24).toString('base64url');
    const nonce = randomBytes(16).toString('base64url');
    this.prunePending();
    this.pending.set(state, { uid: interaction.uid, connectionId: connection.id, nonce, domain, discovery, createdAt: Date.now() });
    const target = new URL(discovery.authorization_endpoint);
    target.searchParams.set('client_id', clientId);
    target.searchParams.set('response_type', 'code');
    target.searchParams.set('redirect_uri', `${this.baseUrl}/login/callback`);
    target.searchParams.set('scope', [...scopes].join(' '));
    target.searchParams.set('state', state);
    target.searchParams.set('nonce', nonce);
    const params = interaction.params as Record<string, string | undefined>;
    if (this.options.testShortcuts && params.sandbox_login) target.searchParams.set('sandbox_login', params.sandbox_login);
    if (params.login_hint) target.searchParams.set('login_hint', params.login_hint);
    res.statusCode = 302;
    res.setHeader('location', target.href);
    res.setHeader('content-length', '0');
    res.end();
  }

  private prunePending(): void {
    const cutoff = Date.now() - 3600_000;
    for (const [state, p] of this.pending) if (p.createdAt < cutoff) this.pending.delete(state);
  }

  private async federationCallback(res: http.ServerResponse, url: URL): Promise<void> {
    const provider = this.requireProvider();
    const state = url.searchParams.get('state') ?? '';
    const pending = this.pending.get(state);
    if (!pending) {
      return sendHtml(res, 400, errorPage({ tenant: this.name, title: 'Invalid state', error: 'invalid_request', description: 'Invalid state: this login callback does not belong to a login in progress.' }));
    }
    this.pending.delete(state);
    const interaction = await provider.Interaction.find(pending.uid);
    if (!interaction) {
      return sendHtml(res, 400, errorPage({ tenant: this.name, title: 'Login session not found', error: 'invalid_request', description: 'The login transaction expired. Start again from the application.' }));
    }
    try {
      const upstreamError = url.searchParams.get('error');
      if (upstreamError) {
        throw new FederationError('access_denied', `The identity provider at ${pending.domain} answered ${upstreamError}: ${url.searchParams.get('error_description') ?? ''}`.trim());
      }
      const connection = this.state.connections.get(pending.connectionId);
      if (!connection) throw new FederationError('access_denied', 'the connection was deleted during the login');
      const accountId = await this.completeFederation(connection, pending, url.searchParams.get('code') ?? '');
      return await this.finishInteraction(res, interaction, { login: { accountId } });
    } catch (err) {
      const error = err instanceof FederationError ? err.error : 'access_denied';
      return this.finishInteraction(res, interaction, { error, error_description: err instanceof FederationError ? err.message : `Federation failed: ${describeError(err)}` });
    }
  }

  /** Code exchange, ID token check and /userinfo at the provider; returns the RP user_id. */
  private async completeFederation(connection: ConnectionRecord, pending: PendingFederation, code: string): Promise<string> {
    const { discovery, domain } = pending;
    const clientId = typeof connection.options.client_id === 'string' ? connection.options.client_id : '';
    const form = new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: `${this.baseUrl}/login/callback`,
      client_id: clientId,
      client_secret: typeof connection.options.client_secret === 'string' ? connection.options.client_secret : '',
    });
    let exchange: { status: number; json: Record<string, unknown> };
    try {
      exchange = await this.fetchJson(discovery.token_endpoint, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() });
    } catch (err) {
      throw new FederationError('access_denied', `Could not reach the identity provider's token endpoint at ${domain}: ${describeError(err)}`);
    }
    if (exchange.status !== 200 || typeof exchange.json.access_token !== 'string') {
      const e = exchange.json;
      throw new FederationError(
        'access_denied',
        `The identity provider at ${domain} refused the code exchange for client ${clientId} (${exchange.status} ${JSON.stringify(e.error ?? '')}: ${JSON.stringify(e.error_description ?? '')}); check the connection's client_id and client_secret.`,
      );
    }
    const idToken = exchange.json.id_token;
    if (typeof idToken !== 'string') throw new FederationError('access_denied', `The identity provider at ${domain} returned no ID token (is openid in the scope?)`);
    const jwks = await this.fetchJson(discovery.jwks_uri);
    const header = JSON.parse(Buffer.from(idToken.split('.')[0] ?? '', 'base64url').toString('utf8') || '{}') as { kid?: string };
    const keys = (jwks.json.keys as (JsonWebKeyInput['key'] & { kid?: string })[] | undefined) ?? [];
    const key = keys.find((k) => k.kid === header.kid) ?? keys[0];
    if (!key) throw new FederationError('access_denied', `The identity provider at ${domain} publishes no signing key`);
    const verified = verifyJwt(idToken, key);
    if (!verified.ok) throw new FederationError('access_denied', `The ID token from ${domain} failed verification (${verified.reason})`);
    const claims = verified.payload;
    const aud = Array.isArray(claims.aud) ? (claims.aud as unknown[]) : [claims.aud];
    if (claims.iss !== discovery.issuer || !aud.includes(clientId) || claims.nonce !== pending.nonce) {
      throw new FederationError('access_denied', `The ID token from ${domain} has the wrong issuer, audience or nonce`);
    }
    const userinfo = await this.fetchJson(discovery.userinfo_endpoint, { headers: { authorization: `Bearer ${exchange.json.access_token}` } });
    if (userinfo.status !== 200 || userinfo.json.sub !== claims.sub) {
      throw new FederationError('access_denied', `The identity provider at ${domain} did not return the user's profile (${userinfo.status})`);
    }
    const profile: Record<string, unknown> = {};
    for (const field of ['email', 'email_verified', 'name', 'nickname', 'picture', 'given_name', 'family_name', 'updated_at']) {
      if (userinfo.json[field] !== undefined) profile[field] = userinfo.json[field];
    }
    const userId = `auth0-oidc|${connection.name}|${String(claims.sub)}`;
    this.federatedUsers.set(userId, profile);
    return userId;
  }

  private requireProvider(): OidcProvider {
    if (!this.provider) throw new Error(`${this.name}: oidc-provider not started`);
    return this.provider;
  }

  private requireManagement(): ManagementApi {
    if (!this.management) throw new Error(`${this.name}: not seeded`);
    return this.management;
  }
}

/** oidc-provider's client metadata for an Auth0 application record. */
function oidcClientMetadata(client: ClientRecord): Record<string, unknown> {
  const redirectUris = client.callbacks.filter((c) => {
    if (c.includes('*') || c.includes('#')) return false;
    try {
      new URL(c);
      return true;
    } catch {
      return false;
    }
  });
  const isPublic = client.token_endpoint_auth_method === 'none';
  const interactive = client.app_type !== 'non_interactive';
  const grantTypes = client.grant_types.filter((g) => ['authorization_code', 'refresh_token', 'client_credentials'].includes(g));
  return {
    client_id: client.client_id,
    client_name: client.name,
    ...(isPublic ? {} : { client_secret: client.client_secret }),
    application_type: client.app_type === 'native' ? 'native' : 'web',
    redirect_uris: interactive ? redirectUris : [],
    post_logout_redirect_uris: client.allowed_logout_urls.filter((u) => /^https?:\/\//.test(u)),
    grant_types: interactive ? grantTypes.filter((g) => g !== 'client_credentials') : ['client_credentials'],
    response_types: interactive && grantTypes.includes('authorization_code') ? ['code'] : [],
    token_endpoint_auth_method: isPublic ? 'none' : client.token_endpoint_auth_method,
    id_token_signed_response_alg: 'RS256',
  };
}

function describeError(err: unknown): string {
  if (err instanceof Error) {
    const cause = (err as Error & { cause?: unknown }).cause;
    const causeText = cause instanceof Error ? `: ${(cause as Error & { code?: string }).code ?? cause.message}` : '';
    return `${err.message}${causeText}`;
  }
  return String(err);
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

async function readRaw(req: http.IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

async function drainRequest(req: http.IncomingMessage): Promise<void> {
  if (req.readableEnded) return;
  for await (const _ of req) {
    // discard
  }
}

function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.setHeader('content-length', String(Buffer.byteLength(text)));
  res.end(text);
}

function sendApi(res: http.ServerResponse, response: ApiResponse): void {
  if (response.body === undefined) {
    res.statusCode = response.status;
    for (const [k, v] of Object.entries(response.headers ?? {})) res.setHeader(k, v);
    res.setHeader('content-length', '0');
    res.end();
    return;
  }
  sendJson(res, response.status, response.body, response.headers);
}

function sendHtml(res: http.ServerResponse, status: number, html: string): void {
  res.statusCode = status;
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.setHeader('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; form-action 'self' http: https:");
  res.setHeader('content-length', String(Buffer.byteLength(html)));
  res.end(html);
}

