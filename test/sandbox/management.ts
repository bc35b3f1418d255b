// The Management API v2 emulator: stateful, in memory, checking requests the way Auth0 does
// (bearer JWT signature/expiry/audience -> 401, scopes from the OpenAPI `security` -> 403,
// query and body against the OpenAPI schemas -> 400, then the operation's own rules).
import type { KeyObject } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { verifyJwt } from './jwt';
import { randomAlphanumeric } from './random';
import type { ClientRecord, ConnectionRecord, TenantState } from './records';
import { subsetValidatorInstance, type ContractViolation, type OpenApiValidator } from './schema';
import { readRaw } from './respond';
import { LOOPBACK_HOSTS } from './context';

export interface ApiResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface ManagementContext {
  readonly baseUrl: string;
  readonly state: TenantState;
  readonly publicKey: KeyObject;
  readonly rejectEnabledClientsInBody: boolean;
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** Auth0's error body: {statusCode, error, message, errorCode}. */
export function apiError(status: number, message: string, errorCode?: string): ApiResponse {
  const body: Record<string, unknown> = { statusCode: status, error: STATUS_TEXT[status] ?? 'Error', message };
  if (errorCode) body.errorCode = errorCode;
  return { status, body };
}

/**
 * The Management API's 401: `{statusCode, error, message, attributes: {error}}`, the message
 * repeated under `attributes.error` and no `errorCode`. Auth0 documents no 401 body (its OpenAPI
 * error statuses have no content). The shape is the one quoted verbatim from an Auth0-hosted API in
 * auth0/auth0-authorization-extension #231 (`{"statusCode":401,"error":"Unauthorized","message":
 * "Invalid token","attributes":{"error":"Invalid token"}}`); node-auth0 #831 shows a Management API
 * 401 opening the same way (`{"statusCode":401,...`).
 */
export function unauthorized(message: string): ApiResponse {
  return {
    status: 401,
    body: { statusCode: 401, error: STATUS_TEXT[401], message, attributes: { error: message } },
  };
}

/**
 * Answers that broke the OpenAPI contract, per tenant (keyed by its state, which the tenant and
 * `SandboxTenant.state` share). startSandbox's close() fails when any is recorded.
 */
const violationsByState = new WeakMap<TenantState, ContractViolation[]>();
export function contractViolations(state: TenantState): ContractViolation[] {
  let list = violationsByState.get(state);
  if (!list) {
    list = [];
    violationsByState.set(state, list);
  }
  return list;
}

/**
 * Auth0's connection ids: `con_` and 16 letters or digits (the OpenAPI's example
 * `con_0000000000000001`; every id Auth0 issues). A path id of another form is refused before
 * any lookup with 400 `invalid_uri` "Path validation error: ..." (the message format of Auth0's
 * request validator, as its query and body errors; the exact text for path parameters is not in
 * Auth0's documents).
 */
export const CONNECTION_ID_PATTERN = '^con_[A-Za-z0-9]{16}$';
const CONNECTION_ID = new RegExp(CONNECTION_ID_PATTERN);

interface Route {
  method: string;
  /** The OpenAPI path template (relative to /api/v2). */
  template: string;
  pattern: RegExp;
  handler: (ctx: RequestContext) => ApiResponse;
}

interface RequestContext {
  params: Record<string, string>;
  query: Record<string, unknown>;
  body: unknown;
  /** The scopes of the bearer token. */
  scopes: ReadonlySet<string>;
}

/**
 * Auth0's options scopes ("Migrate to Management API Connection Options Scopes",
 * auth0.com/docs/troubleshoot/product-lifecycle/past-migrations/migrate-connection-options-scope):
 * GET connection(s) and the PATCH answer leave `options` out without read:connections_options, and
 * a PATCH whose body holds `options` fails without update:connections_options.
 */
export const READ_OPTIONS_SCOPE = 'read:connections_options';
export const UPDATE_OPTIONS_SCOPE = 'update:connections_options';
export const READ_CLIENT_KEYS_SCOPE = 'read:client_keys';
const CLIENT_KEY_FIELDS = ['client_secret', 'signing_keys', 'encryption_key'] as const;
/**
 * Auth0 API docs and auth0-deploy-cli (connections handler, batches of 50): PATCH /connections/{id}/clients takes at
 * most 50 entries.
 */
export const MAX_ENABLED_CLIENT_CHANGES = 50;

export class ManagementApi {
  private readonly routes: Route[];
  /** Shared by all tenants of the process; built on the first request, not at start. */
  private get validator(): OpenApiValidator {
    return subsetValidatorInstance();
  }
  /** Creation order of connections, for checkpoint paging cursors that survive deletions. */
  private readonly seq = new Map<string, number>();
  private nextSeq = 1;

  constructor(private readonly ctx: ManagementContext) {
    const route = (method: string, template: string, handler: (c: RequestContext) => ApiResponse): Route => ({
      method,
      template,
      pattern: new RegExp(`^/api/v2${template.replace(/\{(\w+)\}/g, '(?<$1>[^/]+)')}/?$`),
      handler,
    });
    this.routes = [
      route('GET', '/connections', (c) => this.listConnections(c)),
      route('POST', '/connections', (c) => this.createConnection(c)),
      route('GET', '/connections/{id}/clients', (c) => this.listEnabledClients(c)),
      route('PATCH', '/connections/{id}/clients', (c) => this.updateEnabledClients(c)),
      route('GET', '/connections/{id}', (c) => this.getConnection(c)),
      route('PATCH', '/connections/{id}', (c) => this.updateConnection(c)),
      route('DELETE', '/connections/{id}', (c) => this.deleteConnection(c)),
      route('GET', '/clients', (c) => this.listClients(c)),
      route('GET', '/clients/{id}', (c) => this.getClient(c)),
      route('PATCH', '/clients/{id}', (c) => this.updateClient(c)),
      route('GET', '/tenants/settings', (c) => this.getSettings(c)),
      route('PATCH', '/tenants/settings', (c) => this.updateSettings(c)),
    ];
    for (const id of ctx.state.connections.keys()) this.seq.set(id, this.nextSeq++);
  }

  get audience(): string {
    return `${this.ctx.baseUrl}/api/v2/`;
  }

  /**
   * Handles one /api/v2 request. Never throws: every failure is an Auth0-shaped response. Every
   * answer of a known operation is checked against its OpenAPI response schema; a mismatch is
   * recorded (contractViolations) and fails the test run at close().
   */
  async handle(req: IncomingMessage, url: URL): Promise<ApiResponse> {
    const { response, template } = await this.answer(req, url);
    if (template) {
      const violation = this.validator.validateResponse(template, req.method ?? 'GET', response.status, response.body);
      if (violation) contractViolations(this.ctx.state).push(violation);
    }
    return response;
  }

  private async answer(req: IncomingMessage, url: URL): Promise<{ response: ApiResponse; template?: string }> {
    const method = (req.method ?? 'GET').toUpperCase();
    let matched: { route: Route; params: Record<string, string> } | undefined;
    let pathKnown = false;
    for (const route of this.routes) {
      const m = route.pattern.exec(url.pathname);
      if (!m) continue;
      pathKnown = true;
      if (route.method === method) {
        matched = {
          route,
          params: Object.fromEntries(Object.entries(m.groups ?? {}).map(([k, v]) => [k, decodeURIComponent(v)])),
        };
        break;
      }
    }
    if (!matched) return { response: apiError(404, pathKnown ? `Cannot ${method} ${url.pathname}` : 'Not Found') };
    const template = matched.route.template;
    const response = await this.checkedAnswer(req, url, method, matched.route, matched.params);
    return { response, template };
  }

  private async checkedAnswer(
    req: IncomingMessage,
    url: URL,
    method: string,
    route: Route,
    params: Record<string, string>,
  ): Promise<ApiResponse> {
    const matched = { route, params };

    // 1. authentication
    const auth = await this.authenticate(req);
    if ('status' in auth) {
      await drain(req);
      return auth;
    }
    // 2. scope, from the operation's security entry
    const required = this.validator.requiredScopes(matched.route.template, method);
    if (required.length > 0 && !required.some((s) => auth.scopes.has(s))) {
      await drain(req);
      return apiError(403, `Insufficient scope, expected any of: ${required.join(',')}`, 'insufficient_scope');
    }
    // 3. path parameters: a connection id of the wrong form is a 400, not a 404
    if (matched.route.template.startsWith('/connections/{id}') && !CONNECTION_ID.test(matched.params.id ?? '')) {
      await drain(req);
      return apiError(
        400,
        `Path validation error: 'String does not match pattern ${CONNECTION_ID_PATTERN}: ${matched.params.id ?? ''}' on property id.`,
        'invalid_uri',
      );
    }
    // 4. query string
    const query = parseQuery(url.searchParams);
    const queryError = this.validator.validateQuery(matched.route.template, method, query);
    if (queryError) {
      await drain(req);
      return apiError(400, queryError, 'invalid_query_string');
    }
    // 5. body
    let body: unknown;
    if (method === 'POST' || method === 'PATCH' || method === 'PUT') {
      const parsed = await readBody(req);
      if ('status' in parsed) return parsed;
      body = parsed.value;
      const bodyError = this.validator.validateBody(matched.route.template, method, body);
      if (bodyError) return apiError(400, bodyError, 'invalid_body');
    } else {
      await drain(req);
    }
    try {
      return matched.route.handler({ params: matched.params, query, body, scopes: auth.scopes });
    } catch (err) {
      return apiError(500, `sandbox error: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private async authenticate(req: IncomingMessage): Promise<{ scopes: Set<string> } | ApiResponse> {
    const header = req.headers.authorization;
    if (!header) return unauthorized('Missing authentication');
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m) return unauthorized('Bad HTTP authentication header format');
    const result = await verifyJwt(m[1] ?? '', this.ctx.publicKey);
    if (!result.ok) {
      if (result.reason === 'expired') return unauthorized('Expired token received for JSON Web Token validation');
      if (result.reason === 'signature') return unauthorized('Invalid token');
      return unauthorized('Bad token format');
    }
    const { payload } = result;
    const aud = Array.isArray(payload.aud) ? (payload.aud as unknown[]) : [payload.aud];
    if (!aud.includes(this.audience)) return unauthorized(`Bad audience: ${aud.map(String).join(' ')}`);
    if (payload.iss !== `${this.ctx.baseUrl}/`) return unauthorized('Invalid token issuer');
    const scope = typeof payload.scope === 'string' ? payload.scope : '';
    return { scopes: new Set(scope.split(' ').filter(Boolean)) };
  }

  // ---------------------------------------------------------------- connections

  /** Creates a connection without going through HTTP (seeding). */
  insertConnection(input: Partial<ConnectionRecord> & { name: string; strategy: string }): ConnectionRecord {
    const record: ConnectionRecord = {
      id: `con_${randomAlphanumeric(16)}`,
      options: input.options ?? {},
      strategy: input.strategy,
      name: input.name,
      is_domain_connection: input.is_domain_connection ?? false,
      realms: input.realms ?? [input.name],
      enabled_clients: input.enabled_clients ?? [],
      display_name: input.display_name ?? input.name,
    };
    for (const key of ['show_as_button', 'metadata', 'authentication', 'connected_accounts'] as const) {
      if (input[key] !== undefined) (record as unknown as Record<string, unknown>)[key] = input[key];
    }
    this.ctx.state.connections.set(record.id, record);
    this.seq.set(record.id, this.nextSeq++);
    return record;
  }

  private findByName(name: string): ConnectionRecord | undefined {
    const lower = name.toLowerCase();
    for (const c of this.ctx.state.connections.values()) if (c.name.toLowerCase() === lower) return c;
    return undefined;
  }

  private connection(id: string): ConnectionRecord | ApiResponse {
    return (
      this.ctx.state.connections.get(id) ?? apiError(404, 'The connection does not exist', 'inexistent_connection')
    );
  }

  private unknownClients(ids: string[]): ApiResponse | undefined {
    const unknown = ids.filter((id) => !this.ctx.state.clients.has(id));
    return unknown.length
      ? apiError(
          400,
          `Payload validation error: 'Client not found: ${unknown.join(', ')}' on property enabled_clients.`,
          'invalid_body',
        )
      : undefined;
  }

  /**
   * Tenants created from 2026-01-07 refuse `enabled_clients` in connection bodies with exactly this
   * message (Auth0's "migrate-dedicated-connection-endpoints" guide; /work/shared/auth0/README.md).
   */
  private enabledClientsInBodyRejected(): ApiResponse {
    return apiError(
      400,
      "Payload validation error: 'Additional properties not allowed: enabled_clients'.",
      'invalid_body',
    );
  }

  /**
   * The connection as this caller may see it: without `options` unless it holds
   * read:connections_options, and without `enabled_clients`. Auth0 deprecated that field on
   * 2026-01-13 and removed it from Get All Connections, Get a Connection and Update a Connection at
   * end of life on 2026-07-13 ("Migrate Enabled Client Management to Dedicated Connection
   * Endpoints", auth0.com/docs/troubleshoot/product-lifecycle/deprecations-and-migrations/
   * migrate-dedicated-connection-endpoints); the list schema (ConnectionForList) has no such
   * property at all. Only a legacy tenant (rejectEnabledClientsInBody: false) still shows it, on a
   * single connection, as its OpenAPI schemas allow there.
   */
  private visible(
    c: ConnectionRecord,
    query: Record<string, unknown>,
    scopes: ReadonlySet<string>,
    inList = false,
  ): Record<string, unknown> {
    const shaped = project(c, query);
    if (!scopes.has(READ_OPTIONS_SCOPE)) delete shaped.options;
    if (inList || this.ctx.rejectEnabledClientsInBody) delete shaped.enabled_clients;
    return shaped;
  }

  private createConnection({ body, scopes }: RequestContext): ApiResponse {
    const b = body as Record<string, unknown> & { name: string; strategy: string };
    // Creating with options needs create:connections (the operation's own scope, checked before).
    if ('options' in b && !scopes.has('create:connections')) return insufficientScope('create:connections');
    if (b.enabled_clients !== undefined && this.ctx.rejectEnabledClientsInBody)
      return this.enabledClientsInBodyRejected();
    if (b.strategy === 'oidc') {
      const refused = oidcOptionsRefused(b.options);
      if (refused) return refused;
    }
    if (this.findByName(b.name))
      return apiError(409, 'A connection with the same name already exists', 'connection_conflict');
    const enabled = (b.enabled_clients as string[] | undefined) ?? [];
    const bad = this.unknownClients(enabled);
    if (bad) return bad;
    const record = this.insertConnection({
      ...(b as Partial<ConnectionRecord> & { name: string; strategy: string }),
      enabled_clients: [...new Set(enabled)],
    });
    return { status: 201, body: this.visible(record, {}, scopes) };
  }

  private listConnections({ query, scopes }: RequestContext): ApiResponse {
    let items = [...this.ctx.state.connections.values()];
    const strategies = query.strategy as string[] | undefined;
    if (strategies?.length) items = items.filter((c) => strategies.includes(c.strategy));
    if (typeof query.name === 'string') items = items.filter((c) => c.name === query.name);
    const shape = (list: ConnectionRecord[]): Record<string, unknown>[] =>
      list.map((c) => this.visible(c, query, scopes, true));

    if (query.from !== undefined || query.take !== undefined) {
      const take = (query.take as number | undefined) ?? 50;
      let after = 0;
      if (query.from !== undefined && query.from !== '') {
        const decoded = decodeCheckpoint(query.from);
        if (decoded === undefined) return invalidCheckpoint();
        after = decoded;
      }
      const rest = items.filter((c) => (this.seq.get(c.id) ?? 0) > after);
      const page = rest.slice(0, take);
      const body: Record<string, unknown> = { connections: shape(page) };
      const last = page[page.length - 1];
      if (rest.length > take && last) body.next = Buffer.from(String(this.seq.get(last.id))).toString('base64url');
      return { status: 200, body };
    }
    const perPage = (query.per_page as number | undefined) ?? 50;
    const pageNo = (query.page as number | undefined) ?? 0;
    const start = pageNo * perPage;
    // Offset paging reaches only the first 1000 results, as on Auth0; past that use from/take.
    const page = start >= 1000 ? [] : items.slice(start, Math.min(start + perPage, 1000));
    if (query.include_totals === true) {
      return { status: 200, body: { connections: shape(page), start, limit: perPage, total: items.length } };
    }
    return { status: 200, body: shape(page) };
  }

  private getConnection({ params, query, scopes }: RequestContext): ApiResponse {
    const c = this.connection(params.id ?? '');
    return 'status' in c ? c : { status: 200, body: this.visible(c, query, scopes) };
  }

  private updateConnection({ params, body, scopes }: RequestContext): ApiResponse {
    const c = this.connection(params.id ?? '');
    if ('status' in c) return c;
    const b = body as Record<string, unknown>;
    if ('options' in b && !scopes.has(UPDATE_OPTIONS_SCOPE)) return insufficientScope(UPDATE_OPTIONS_SCOPE);
    // name and strategy are not in UpdateConnectionRequestContent (additionalProperties: false), so
    // the schema already answered 400 for them.
    if (b.enabled_clients !== undefined && this.ctx.rejectEnabledClientsInBody)
      return this.enabledClientsInBodyRejected();
    if (Array.isArray(b.enabled_clients)) {
      const bad = this.unknownClients(b.enabled_clients as string[]);
      if (bad) return bad;
    }
    // The options replace the old ones whole, so they must stand on their own as on a create.
    if (c.strategy === 'oidc' && 'options' in b) {
      const refused = oidcOptionsRefused(b.options);
      if (refused) return refused;
    }
    if ('options' in b) c.options = (b.options as Record<string, unknown> | null) ?? {}; // replaced whole
    c.display_name = typeof b.display_name === 'string' ? b.display_name : c.name; // omitted -> reset to name
    if ('enabled_clients' in b) c.enabled_clients = [...new Set((b.enabled_clients as string[] | null) ?? [])];
    if (typeof b.is_domain_connection === 'boolean') c.is_domain_connection = b.is_domain_connection;
    if (Array.isArray(b.realms)) c.realms = b.realms as string[];
    for (const key of ['show_as_button', 'metadata', 'authentication', 'connected_accounts'] as const) {
      if (key in b) (c as unknown as Record<string, unknown>)[key] = b[key];
    }
    return { status: 200, body: this.visible(c, {}, scopes) };
  }

  private deleteConnection({ params }: RequestContext): ApiResponse {
    const c = this.connection(params.id ?? '');
    if ('status' in c) return c;
    this.ctx.state.connections.delete(c.id);
    this.seq.delete(c.id);
    return { status: 202 };
  }

  private listEnabledClients({ params, query }: RequestContext): ApiResponse {
    const c = this.connection(params.id ?? '');
    if ('status' in c) return c;
    const take = (query.take as number | undefined) ?? 50;
    let start = 0;
    if (query.from !== undefined && query.from !== '') {
      const decoded = decodeCheckpoint(query.from);
      if (decoded === undefined) return invalidCheckpoint();
      start = decoded;
    }
    const page = c.enabled_clients.slice(start, start + take);
    const body: Record<string, unknown> = { clients: page.map((client_id) => ({ client_id })) };
    if (start + take < c.enabled_clients.length) body.next = Buffer.from(String(start + take)).toString('base64url');
    return { status: 200, body };
  }

  private updateEnabledClients({ params, body }: RequestContext): ApiResponse {
    const c = this.connection(params.id ?? '');
    if ('status' in c) return c;
    const changes = body as { client_id: string; status: boolean }[];
    if (changes.length > MAX_ENABLED_CLIENT_CHANGES) {
      return apiError(
        400,
        `Payload validation error: 'Array is too long (${changes.length}), maximum ${MAX_ENABLED_CLIENT_CHANGES}'.`,
        'invalid_body',
      );
    }
    const bad = this.unknownClients(changes.map((x) => x.client_id));
    if (bad) return bad;
    const enabled = new Set(c.enabled_clients);
    for (const change of changes) {
      if (change.status) enabled.add(change.client_id);
      else enabled.delete(change.client_id);
    }
    c.enabled_clients = [...enabled];
    return { status: 204 };
  }

  // ---------------------------------------------------------------- clients

  private static readonly NO_CLIENT = apiError(404, 'The client does not exist', 'inexistent_client');

  /**
   * Auth0 returns an application's keys (`client_secret`, `signing_keys`, `encryption_key`) only to
   * a token with read:client_keys; read:clients alone gets the application without them, even
   * with `fields=client_secret` (terraform-provider-auth0 #795: asking for client_secret is what
   * needs read:client_keys; Auth0's scope list for the Management API: "read:client_keys").
   */
  private static withoutKeys(shaped: Record<string, unknown>, scopes: ReadonlySet<string>): Record<string, unknown> {
    if (scopes.has(READ_CLIENT_KEYS_SCOPE)) return shaped;
    for (const key of CLIENT_KEY_FIELDS) delete shaped[key];
    return shaped;
  }

  private listClients({ query, scopes }: RequestContext): ApiResponse {
    let items = [...this.ctx.state.clients.values()];
    if (typeof query.app_type === 'string') {
      const types = query.app_type.split(',');
      items = items.filter((c) => types.includes(c.app_type));
    }
    if (typeof query.is_first_party === 'boolean')
      items = items.filter((c) => c.is_first_party === query.is_first_party);
    const shape = (list: ClientRecord[]): Record<string, unknown>[] =>
      list.map((c) => ManagementApi.withoutKeys(project(c, query), scopes));
    if (query.from !== undefined || query.take !== undefined) {
      const take = (query.take as number | undefined) ?? 50;
      let start = 0;
      if (query.from !== undefined && query.from !== '') {
        const decoded = decodeCheckpoint(query.from);
        if (decoded === undefined) return invalidCheckpoint();
        start = decoded;
      }
      const page = items.slice(start, start + take);
      const body: Record<string, unknown> = { clients: shape(page) };
      if (start + take < items.length) body.next = Buffer.from(String(start + take)).toString('base64url');
      return { status: 200, body };
    }
    const perPage = (query.per_page as number | undefined) ?? 50;
    const pageNo = (query.page as number | undefined) ?? 0;
    const page = items.slice(pageNo * perPage, pageNo * perPage + perPage);
    if (query.include_totals === true) {
      return {
        status: 200,
        body: { clients: shape(page), start: pageNo * perPage, limit: perPage, total: items.length },
      };
    }
    return { status: 200, body: shape(page) };
  }

  private getClient({ params, query, scopes }: RequestContext): ApiResponse {
    const c = this.ctx.state.clients.get(params.id ?? '');
    return c ? { status: 200, body: ManagementApi.withoutKeys(project(c, query), scopes) } : ManagementApi.NO_CLIENT;
  }

  private updateClient({ params, body, scopes }: RequestContext): ApiResponse {
    const c = this.ctx.state.clients.get(params.id ?? '');
    if (!c) return ManagementApi.NO_CLIENT;
    for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
      if (key === 'client_id') continue;
      c[key] = value;
    }
    return { status: 200, body: ManagementApi.withoutKeys(structuredClone(c), scopes) };
  }

  // ---------------------------------------------------------------- tenant settings

  private getSettings({ query }: RequestContext): ApiResponse {
    return { status: 200, body: project(this.ctx.state.tenantSettings, query) };
  }

  private updateSettings({ body }: RequestContext): ApiResponse {
    const settings = this.ctx.state.tenantSettings;
    for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
      if (key === 'flags' && value && typeof value === 'object')
        settings.flags = { ...settings.flags, ...(value as Record<string, boolean>) };
      else settings[key] = value;
    }
    return { status: 200, body: settings };
  }
}

/**
 * An oidc connection must name the provider's authorization_endpoint and jwks_uri itself: the
 * Management API has answered 400 for a POST with only `discovery_url` and `issuer`, "saying that
 * both are required" (terraform-provider-auth0 issue #238, 2022), and again after a spell of
 * filling them from the discovery document (issue #969, 2024). Auth0's OpenAPI document does not
 * list them as required, so those issues are the source; the strict side is emulated. The wording
 * follows the same endpoint's "options.client_id is required" for oidc (terraform-provider-auth0
 * (alexkappa) issue #212).
 */
function oidcEndpointsMissing(record: Record<string, unknown>): ApiResponse | undefined {
  const missing = ['authorization_endpoint', 'jwks_uri'].filter(
    (key) => typeof record[key] !== 'string' || record[key] === '',
  );
  return missing.length > 0
    ? apiError(400, missing.map((key) => `options.${key} is required`).join('; '), 'invalid_body')
    : undefined;
}

/**
 * The URL options of an oidc connection that point at the provider. Auth0's OpenAPI document types
 * each as ConnectionHttpsUrlWithHttpFallback(255): a string with the pattern `^https:\/\/.*`.
 */
const OIDC_URL_OPTIONS = [
  'discovery_url',
  'issuer',
  'authorization_endpoint',
  'token_endpoint',
  'jwks_uri',
  'userinfo_endpoint',
] as const;
const HTTPS_PATTERN = '^https:\\/\\/.*';

/**
 * The one exception to https, and the sandbox's own: a provider on a loopback host (127.0.0.1,
 * localhost, [::1]: the hosts the federation also reaches over http), as the sandbox provider
 * listens on http://127.0.0.1:PORT without --tls. Auth0 could never reach such a host, so
 * allowing it lets nothing through that would work on Auth0; any other http URL is refused.
 */
function isLoopbackHttp(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname.toLowerCase());
  } catch {
    return false;
  }
}

/**
 * The oidc strategy's own rules on `options`, checked on POST and on a PATCH with options (which
 * replace the old ones whole), first failure wins, 400 `invalid_body` naming the option:
 * - `authorization_endpoint` and `jwks_uri` present (oidcEndpointsMissing above);
 * - `type` one of `back_channel`, `front_channel` (OpenAPI ConnectionTypeEnumOIDC, default
 *   `front_channel`); the message is the one Auth0's request validator gives for an enum;
 * - every URL option https (OpenAPI ConnectionHttpsUrlWithHttpFallback: `^https:\/\/.*`), loopback
 *   http excepted (isLoopbackHttp); the message is the validator's for a pattern;
 * - `client_secret` when `type` is `back_channel`: Auth0's "Connect to OpenID Connect Identity
 *   Provider" page (auth0.com/docs/authenticate/identity-providers/enterprise-identity-providers/oidc)
 *   says the back channel uses the authorization code flow and the front channel is the one that
 *   "does not require a client secret" (auth0/docs #8071). Auth0 does not document the API's answer:
 *   the strict side is a 400, worded like "options.client_id is required" (alexkappa/
 *   terraform-provider-auth0 #212);
 * - `scope` containing `openid` when given: the same page, "You are required to include at least the
 *   'openid' scope". The API's answer is not documented either; the sandbox's wording is its own.
 */
function oidcOptionsRefused(options: unknown): ApiResponse | undefined {
  const record = typeof options === 'object' && options !== null ? (options as Record<string, unknown>) : {};
  const missing = oidcEndpointsMissing(record);
  if (missing) return missing;
  const payloadError = (text: string, option: string): ApiResponse =>
    apiError(400, `Payload validation error: '${text}' on property options.${option}.`, 'invalid_body');
  const type = record.type ?? 'front_channel';
  if (type !== 'back_channel' && type !== 'front_channel')
    return payloadError(`No enum match for: ${JSON.stringify(type)}`, 'type');
  for (const option of OIDC_URL_OPTIONS) {
    const value = record[option];
    if (typeof value !== 'string' || new RegExp(HTTPS_PATTERN).test(value) || isLoopbackHttp(value)) continue;
    return payloadError(`String does not match pattern ${HTTPS_PATTERN}: ${JSON.stringify(value)}`, option);
  }
  if (type === 'back_channel' && (typeof record.client_secret !== 'string' || record.client_secret === ''))
    return apiError(400, 'options.client_secret is required when options.type is back_channel', 'invalid_body');
  if (typeof record.scope === 'string' && !record.scope.split(/\s+/).includes('openid'))
    return apiError(400, 'options.scope must include openid', 'invalid_body');
  return undefined;
}

/**
 * A `from` checkpoint is opaque and only valid as the sandbox issued it (base64url of a decimal
 * position); anything else is a 400, never read as "from the start". Auth0 documents `from` only as
 * "Optional Id from which to start selection" (OpenAPI) and the `next` value to pass back; what it
 * answers to a forged one is not documented: the strict side is a 400 `invalid_query_string`.
 */
function decodeCheckpoint(from: unknown): number | undefined {
  if (typeof from !== 'string') return undefined;
  const text = Buffer.from(from, 'base64url').toString('utf8');
  if (!/^\d{1,15}$/.test(text) || Buffer.from(text).toString('base64url') !== from) return undefined;
  return Number(text);
}

function invalidCheckpoint(): ApiResponse {
  return apiError(400, "Query validation error: 'Invalid checkpoint' on property from.", 'invalid_query_string');
}

function insufficientScope(scope: string): ApiResponse {
  return apiError(403, `Insufficient scope, expected any of: ${scope}`, 'insufficient_scope');
}

/** `fields` + `include_fields` (default true) projection. */
function project(record: object, query: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(record) as Record<string, unknown>;
  if (typeof query.fields !== 'string' || query.fields === '') return copy;
  const fields = new Set(query.fields.split(','));
  const include = query.include_fields !== false;
  return Object.fromEntries(Object.entries(copy).filter(([k]) => fields.has(k) === include));
}

function parseQuery(params: URLSearchParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    // Repeatable parameters (strategy) are arrays; the coercing validator unwraps scalars.
    out[key] = key === 'strategy' ? values : values[values.length - 1];
  }
  return out;
}

async function drain(req: IncomingMessage): Promise<void> {
  if (req.readableEnded) return;
  for await (const _ of req) {
    // discard
  }
}

async function readBody(req: IncomingMessage): Promise<{ value: unknown } | ApiResponse> {
  const raw = await readRaw(req);
  if (!raw) return apiError(413, 'Payload content length greater than maximum allowed: 1048576');
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const text = raw.toString('utf8');
  if (type === 'application/x-www-form-urlencoded') return { value: parseForm(text) };
  if (type !== '' && type !== 'application/json' && !type.endsWith('+json')) {
    return apiError(415, `Unsupported Media Type: ${type}`, 'unsupported_media_type');
  }
  if (text.trim() === '') return { value: {} };
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return apiError(400, 'Invalid request payload JSON format', 'invalid_body');
  }
}

/** Form bodies with bracket nesting: options[client_id]=x&enabled_clients[]=y. */
export function parseForm(text: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const parts = key.split(/\[|\]\[|\]$/).filter((p, i) => i === 0 || p !== '' || key.endsWith('[]'));
    let target: Record<string, unknown> | unknown[] = out;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i] ?? '';
      const last = i === parts.length - 1;
      if (Array.isArray(target)) {
        if (last) target.push(value);
        break;
      }
      if (last) {
        target[part] = value;
      } else {
        const nextIsArray = parts[i + 1] === '';
        target[part] ??= nextIsArray ? [] : {};
        target = target[part] as Record<string, unknown> | unknown[];
      }
    }
  }
  return out;
}
