import {
  Auth0ApiError,
  Auth0NetworkError,
  Auth0TimeoutError,
  UnexpectedResponseError,
  InvalidManagementTokenError,
  requireConnectionOptions,
  type ErrorContext,
} from './errors';
import {
  TenantHttpClient,
  type HttpRequest,
  type HttpResponse,
  type QueryValue,
  type RetryEvent,
  type TenantTransportOptions,
} from './http';
import { tenantBaseUrl } from './tenantUrl';
import { collectSecrets } from '../core/secrets';
import type { Connection, ConnectionCreateBody, ConnectionUpdateBody } from '../core/auth0Api/connection';
import {
  ClientCredentialsTokenProvider,
  StaticTokenProvider,
  managementTokenTenantProblem,
  type SecretSource,
  type TokenProvider,
} from './tokens';

// Typed Auth0 Management API v2 operations for one tenant, on top of TenantHttpClient.

// The connection shapes are shared with the pure deploy planner, so they live in src/core.
export type { Connection, ConnectionCreateBody, ConnectionUpdateBody } from '../core/auth0Api/connection';

export interface Client {
  readonly client_id: string;
  readonly name?: string;
  readonly app_type?: string;
  readonly callbacks?: string[];
  readonly oidc_conformant?: boolean;
  readonly [key: string]: unknown;
}

export interface TenantSettings {
  readonly flags?: { readonly enable_legacy_profile?: boolean; readonly [flag: string]: unknown };
  readonly friendly_name?: string;
  readonly [key: string]: unknown;
}

export interface EnabledClientChange {
  readonly client_id: string;
  readonly status: boolean;
}

export interface ConnectionsPage {
  readonly connections: Connection[];
  /** Checkpoint for the next page; absent on the last page. */
  readonly next?: string;
}

export interface ListConnectionsOptions extends CallOptions {
  readonly strategy?: readonly string[];
  readonly name?: string;
  /** Page size, 1..100. Default 100 (the API's maximum, fewest requests). */
  readonly take?: number;
  /** Only these fields (sent as `fields` + `include_fields=true`). */
  readonly fields?: readonly string[];
}

export interface CallOptions {
  readonly signal?: AbortSignal;
  /** Told of each wait of the call's requests (retries, rate-limit pacing), for a progress display. */
  readonly onRetry?: (event: RetryEvent) => void;
}

export type ManagementCredentials =
  | { readonly kind: 'client-credentials'; readonly clientId: string; readonly clientSecret: SecretSource }
  | { readonly kind: 'token'; readonly token: string }
  | { readonly kind: 'provider'; readonly create: (http: TenantHttpClient) => TokenProvider };

export interface ManagementClientOptions extends TenantTransportOptions {
  /** The tenant's domain as the user entered it; see tenantBaseUrl for the rules. */
  readonly domain: string;
  readonly credentials: ManagementCredentials;
}

const MAX_CONNECTIONS_TAKE = 100;
const MAX_ENABLED_CLIENTS_TAKE = 1000;
/** Entries per PATCH /connections/{id}/clients: Auth0 refuses more than 50. */
export const MAX_ENABLED_CLIENT_CHANGES = 50;
const MAX_CLIENTS_PER_PAGE = 100;
/** A bound on page/per_page listing (100,000 applications), against tenants that never say "last page". */
const MAX_CLIENT_PAGES = 1000;
const CONNECTIONS = '/api/v2/connections';

/** A pasted token, refused when it belongs to another tenant: it is never sent anywhere else. */
function staticTokenFor(token: string, baseUrl: URL): StaticTokenProvider {
  const provider = new StaticTokenProvider(token);
  const problem = managementTokenTenantProblem(provider.info, baseUrl);
  if (problem !== undefined) throw new InvalidManagementTokenError('other-tenant', undefined, problem);
  return provider;
}

/** Builds a client for one tenant. Call `close()` when the tenant is removed. */
export function createManagementClient(options: ManagementClientOptions): ManagementClient {
  const baseUrl = tenantBaseUrl(options.domain);
  // Checked before any connection pool exists, so a refused token leaves nothing open.
  const pasted = options.credentials.kind === 'token' ? staticTokenFor(options.credentials.token, baseUrl) : undefined;
  const http = new TenantHttpClient({
    baseUrl,
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.retry !== undefined ? { retry: options.retry } : {}),
    ...(options.onRequest !== undefined ? { onRequest: options.onRequest } : {}),
    ...(options.ca !== undefined ? { ca: options.ca } : {}),
    ...(options.proxy !== undefined ? { proxy: options.proxy } : {}),
    ...(options.sleep !== undefined ? { sleep: options.sleep } : {}),
    ...(options.pacing !== undefined ? { pacing: options.pacing } : {}),
  });
  const credentials = options.credentials;
  const tokens =
    credentials.kind === 'client-credentials'
      ? new ClientCredentialsTokenProvider(http, {
          clientId: credentials.clientId,
          clientSecret: credentials.clientSecret,
        })
      : credentials.kind === 'token'
        ? pasted!
        : credentials.create(http);
  return new ManagementClient(http, tokens);
}

export class ManagementClient {
  constructor(
    readonly http: TenantHttpClient,
    readonly tokens: TokenProvider,
  ) {
    const description = tokens.description;
    const context: ErrorContext = {
      tenant: http.tenant,
      ...(description?.kind === 'client-credentials'
        ? { clientId: description.clientId, credentialKind: 'client-credentials' as const }
        : {}),
      ...(description?.kind === 'pasted-token' ? { credentialKind: 'pasted-token' as const } : {}),
    };
    http.context = context;
  }

  /** The tenant origin, e.g. `https://acme.eu.auth0.com/`. */
  get baseUrl(): URL {
    return this.http.baseUrl;
  }

  close(): Promise<void> {
    return this.http.close();
  }

  /**
   * The connection with its options, or MissingConnectionOptionsError naming this tenant and its
   * credentials: for Deploy and Pull, which must not act on a connection read without options.
   */
  requireOptions(connection: Connection): Connection & { readonly options: Record<string, unknown> } {
    return requireConnectionOptions(connection, this.http.context);
  }

  // ---- connections ----

  /** Async iterator over pages of connections (checkpoint paging). */
  async *listConnections(options: ListConnectionsOptions = {}): AsyncGenerator<Connection[], void, undefined> {
    let from: string | undefined;
    do {
      const page = await this.listConnectionsPage({ ...options, ...(from !== undefined ? { from } : {}) });
      yield page.connections;
      // A tenant that hands back the checkpoint it was given would keep this loop going forever.
      from = page.next !== from ? page.next : undefined;
    } while (from !== undefined);
  }

  /** One page, for a tree's "Load more": pass the previous page's `next` as `from`. */
  async listConnectionsPage(
    options: ListConnectionsOptions & { readonly from?: string } = {},
  ): Promise<ConnectionsPage> {
    const take = clampTake(options.take ?? MAX_CONNECTIONS_TAKE, MAX_CONNECTIONS_TAKE);
    const response = await this.send<unknown>({
      method: 'GET',
      path: CONNECTIONS,
      query: {
        take,
        from: options.from,
        strategy: options.strategy,
        name: options.name,
        ...fieldsQuery(options.fields),
      },
      retry: 'idempotent',
      ...signalOf(options),
    });
    const body = response.body;
    // Older tenants may answer a plain array: that is the whole (last) page.
    if (Array.isArray(body)) {
      return { connections: body.map((c) => this.asConnection(c, response)) };
    }
    if (!isRecord(body) || !Array.isArray(body.connections)) {
      throw this.unexpected(response, 'GET', CONNECTIONS, 'no connections array');
    }
    const connections = body.connections.map((c) => this.asConnection(c, response));
    const next = typeof body.next === 'string' && body.next !== '' && connections.length > 0 ? body.next : undefined;
    return next !== undefined ? { connections, next } : { connections };
  }

  async getConnection(id: string, options: CallOptions = {}): Promise<Connection> {
    const response = await this.send<unknown>({
      method: 'GET',
      path: connectionPath(id),
      retry: 'idempotent',
      ...signalOf(options),
    });
    return this.asConnection(response.body, response);
  }

  /** The connection with exactly this name, or undefined. */
  async findConnectionByName(name: string, options: CallOptions = {}): Promise<Connection | undefined> {
    const page = await this.listConnectionsPage({ name, take: MAX_CONNECTIONS_TAKE, ...signalOf(options) });
    return page.connections.find((c) => c.name === name);
  }

  /**
   * Creates a connection. Never retried blindly: after an unclear failure (network error,
   * timeout, 5xx) it looks the name up and returns the connection the lost request created;
   * only when there is none does it send the POST once more. 429 is retried (not processed).
   */
  async createConnection(body: ConnectionCreateBody, options: CallOptions = {}): Promise<Connection> {
    const post = async (): Promise<Connection> => {
      const response = await this.send<unknown>({
        method: 'POST',
        path: CONNECTIONS,
        json: body,
        retry: 'unprocessed-only',
        ...signalOf(options),
      });
      return this.asConnection(response.body, response);
    };
    const findOurs = async (): Promise<Connection | undefined> => {
      const found = await this.findConnectionByName(body.name, options);
      return found && found.strategy === body.strategy ? found : undefined;
    };
    try {
      return await post();
    } catch (firstError) {
      if (!isUnclearFailure(firstError)) {
        throw firstError;
      }
      const created = await findOurs();
      if (created) {
        return created;
      }
      try {
        return await post();
      } catch (secondError) {
        // A conflict now, or another unclear failure, may mean one of our POSTs landed after all.
        if (isUnclearFailure(secondError) || (secondError instanceof Auth0ApiError && secondError.status === 409)) {
          const landed = await findOurs();
          if (landed) {
            return landed;
          }
        }
        throw secondError;
      }
    }
  }

  async updateConnection(id: string, body: ConnectionUpdateBody, options: CallOptions = {}): Promise<Connection> {
    // Retrying the same PATCH body gives the same result, so it is treated as idempotent.
    const response = await this.send<unknown>({
      method: 'PATCH',
      path: connectionPath(id),
      json: body,
      retry: 'idempotent',
      ...signalOf(options),
    });
    return this.asConnection(response.body, response);
  }

  async deleteConnection(id: string, options: CallOptions = {}): Promise<void> {
    try {
      await this.send<unknown>({
        method: 'DELETE',
        path: connectionPath(id),
        retry: 'idempotent',
        ...signalOf(options),
      });
    } catch (error) {
      // A 404 on a retry means an earlier attempt, whose answer was lost, deleted it.
      if (error instanceof Auth0ApiError && error.status === 404 && error.retries > 0) {
        return;
      }
      throw error;
    }
  }

  /** Client ids of the applications enabled for a connection (all pages). */
  async listEnabledClients(
    connectionId: string,
    options: CallOptions & { readonly take?: number } = {},
  ): Promise<string[]> {
    const ids: string[] = [];
    let from: string | undefined;
    const path = `${connectionPath(connectionId)}/clients`;
    do {
      const response = await this.send<unknown>({
        method: 'GET',
        path,
        query: { take: clampTake(options.take ?? MAX_ENABLED_CLIENTS_TAKE, MAX_ENABLED_CLIENTS_TAKE), from },
        retry: 'idempotent',
        ...signalOf(options),
      });
      const body = response.body;
      if (!isRecord(body) || !Array.isArray(body.clients)) {
        throw this.unexpected(response, 'GET', path, 'no clients array');
      }
      const page = body.clients
        .map((c) => (isRecord(c) && typeof c.client_id === 'string' ? c.client_id : undefined))
        .filter((c): c is string => c !== undefined);
      ids.push(...page);
      from =
        typeof body.next === 'string' && body.next !== '' && body.next !== from && page.length > 0
          ? body.next
          : undefined;
    } while (from !== undefined);
    return ids;
  }

  /**
   * Enables (`status: true`) or disables applications for a connection, in requests of at most
   * MAX_ENABLED_CLIENT_CHANGES entries (Auth0 answers 400 beyond; auth0-deploy-cli's connections
   * handler sends batches of 50 too). No-op for an empty list. A batch that fails stops the rest;
   * the ones before it are applied (each PATCH is idempotent, so running it again completes it).
   */
  async updateEnabledClients(
    connectionId: string,
    changes: readonly EnabledClientChange[],
    options: CallOptions = {},
  ): Promise<void> {
    for (let start = 0; start < changes.length; start += MAX_ENABLED_CLIENT_CHANGES) {
      await this.send<unknown>({
        method: 'PATCH',
        path: `${connectionPath(connectionId)}/clients`,
        json: changes
          .slice(start, start + MAX_ENABLED_CLIENT_CHANGES)
          .map((c) => ({ client_id: c.client_id, status: c.status })),
        retry: 'idempotent',
        ...signalOf(options),
      });
    }
  }

  // ---- clients (applications) ----

  /** Async iterator over pages of applications (page/per_page paging until exhausted). */
  async *listClients(
    options: CallOptions & { readonly fields?: readonly string[]; readonly perPage?: number } = {},
  ): AsyncGenerator<Client[], void, undefined> {
    const perPage = clampTake(options.perPage ?? MAX_CLIENTS_PER_PAGE, MAX_CLIENTS_PER_PAGE);
    let seen = 0;
    let previousFirst: string | undefined;
    for (let page = 0; page < MAX_CLIENT_PAGES; page++) {
      const response = await this.send<unknown>({
        method: 'GET',
        path: '/api/v2/clients',
        query: { page, per_page: perPage, include_totals: true, ...fieldsQuery(options.fields) },
        retry: 'idempotent',
        ...signalOf(options),
      });
      const body = response.body;
      const rawClients: unknown[] | undefined = Array.isArray(body)
        ? body
        : isRecord(body) && Array.isArray(body.clients)
          ? body.clients
          : undefined;
      if (!rawClients) {
        throw this.unexpected(response, 'GET', '/api/v2/clients', 'no clients array');
      }
      const clients = rawClients.map((c) => this.asClient(c, response));
      // A tenant that ignores `page` answers the same page again: stop instead of looping.
      if (clients.length > 0 && clients[0]!.client_id === previousFirst) return;
      previousFirst = clients[0]?.client_id;
      seen += clients.length;
      if (clients.length > 0) {
        yield clients;
      }
      const total = isRecord(body) && typeof body.total === 'number' ? body.total : undefined;
      if (clients.length < perPage || (total !== undefined && seen >= total)) {
        return;
      }
    }
  }

  async getClient(
    clientId: string,
    options: CallOptions & { readonly fields?: readonly string[] } = {},
  ): Promise<Client> {
    const response = await this.send<unknown>({
      method: 'GET',
      path: `/api/v2/clients/${encodeURIComponent(clientId)}`,
      query: fieldsQuery(options.fields),
      retry: 'idempotent',
      ...signalOf(options),
    });
    return this.asClient(response.body, response);
  }

  async updateClient(clientId: string, patch: Record<string, unknown>, options: CallOptions = {}): Promise<Client> {
    const response = await this.send<unknown>({
      method: 'PATCH',
      path: `/api/v2/clients/${encodeURIComponent(clientId)}`,
      json: patch,
      retry: 'idempotent',
      ...signalOf(options),
    });
    return this.asClient(response.body, response);
  }

  // ---- tenant settings ----

  async getTenantSettings(
    options: CallOptions & { readonly fields?: readonly string[] } = {},
  ): Promise<TenantSettings> {
    const response = await this.send<unknown>({
      method: 'GET',
      path: '/api/v2/tenants/settings',
      query: fieldsQuery(options.fields),
      retry: 'idempotent',
      ...signalOf(options),
    });
    if (!isRecord(response.body)) {
      throw this.unexpected(response, 'GET', '/api/v2/tenants/settings', 'not an object');
    }
    return response.body;
  }

  async updateTenantSettings(patch: Record<string, unknown>, options: CallOptions = {}): Promise<TenantSettings> {
    const response = await this.send<unknown>({
      method: 'PATCH',
      path: '/api/v2/tenants/settings',
      json: patch,
      retry: 'idempotent',
      ...signalOf(options),
    });
    return isRecord(response.body) ? response.body : {};
  }

  // ---- plumbing ----

  /** Sends with the tenant's token; on one 401 it drops the token, gets a new one and repeats once. */
  private async send<T>(request: Omit<HttpRequest, 'bearerToken'>): Promise<HttpResponse<T>> {
    const token = await this.tokens.getToken(request.signal);
    const redact = [token, ...collectSecrets(request.json)];
    try {
      return await this.http.request<T>({ ...request, bearerToken: token, redact });
    } catch (error) {
      if (!(error instanceof Auth0ApiError && error.status === 401)) {
        throw error;
      }
      this.tokens.invalidate(token);
      const renewed = await this.tokens.getToken(request.signal);
      if (renewed === token) {
        throw error;
      }
      return await this.http.request<T>({ ...request, bearerToken: renewed, redact: [renewed, ...redact] });
    }
  }

  private asConnection(value: unknown, response: HttpResponse<unknown>): Connection {
    if (
      !isRecord(value) ||
      typeof value.id !== 'string' ||
      typeof value.name !== 'string' ||
      typeof value.strategy !== 'string'
    ) {
      throw this.unexpected(response, 'GET', CONNECTIONS, 'a connection without id, name or strategy');
    }
    return value as Connection;
  }

  private asClient(value: unknown, response: HttpResponse<unknown>): Client {
    if (!isRecord(value) || typeof value.client_id !== 'string') {
      throw this.unexpected(response, 'GET', '/api/v2/clients', 'an application without client_id');
    }
    return value as Client;
  }

  private unexpected(
    response: HttpResponse<unknown>,
    method: string,
    path: string,
    detail: string,
  ): UnexpectedResponseError {
    return new UnexpectedResponseError(this.http.tenant, { method, path, retries: response.retries }, detail);
  }
}

/** Collects all pages of an async iterator of pages into one array. */
export async function collectPages<T>(pages: AsyncIterable<T[]>): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pages) {
    all.push(...page);
  }
  return all;
}

/** A failure after which the server may or may not have processed the request. */
function isUnclearFailure(error: unknown): boolean {
  return (
    error instanceof Auth0NetworkError ||
    error instanceof Auth0TimeoutError ||
    (error instanceof Auth0ApiError && (error.status >= 500 || error.status === 408))
  );
}

function connectionPath(id: string): string {
  if (id === '') {
    throw new TypeError('connection id is empty');
  }
  return `${CONNECTIONS}/${encodeURIComponent(id)}`;
}

function clampTake(take: number, max: number): number {
  return Math.max(1, Math.min(max, Math.floor(take)));
}

function fieldsQuery(fields: readonly string[] | undefined): Record<string, QueryValue> {
  return fields && fields.length > 0 ? { fields: fields.join(','), include_fields: true } : {};
}

/** What every request of a call carries: its cancellation and its retry listener. */
function signalOf(options: CallOptions): Pick<HttpRequest, 'signal' | 'onRetry'> {
  return {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onRetry ? { onRetry: options.onRetry } : {}),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
