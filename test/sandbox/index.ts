// The sandbox: two local Auth0-like tenants ('provider' and 'rp') that federate for real.
// Start it in-process with startSandbox(); from a shell with `npm run sandbox` (cli.ts).
// See README.md in this folder for what is seeded, the fault API and the test shortcut.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FaultController } from './faults';
import { generateSigningKey, type SigningKey } from './jwt';
import { loadOidcProvider } from './oidc';
import type { ClientRecord, ConnectionRecord, TenantSettingsRecord } from './records';
import { Tenant, type M2mCredentials, type RequestLogEntry, type SandboxApp, type SandboxUser } from './tenant';
import { createSandboxTls } from './tls';
import { FREE_PLAN_RATE_LIMIT, type RateLimitSpec, type TokenBucket } from './rateLimit';
import { contractViolations } from './management';
import { describeViolation, type ContractViolation } from './schema';
import { Agent, fetch } from 'undici';

export type { FaultHandle, FaultKind, FaultSpec } from './faults';
export { FaultController } from './faults';
export { FREE_PLAN_RATE_LIMIT, parseRateLimit, type RateLimitSpec } from './rateLimit';
export type { ClientRecord, ConnectionRecord, TenantSettingsRecord, UserRecord } from './records';
export type { ContractViolation } from './schema';
export type { M2mCredentials, RequestLogEntry, SandboxApp, SandboxUser } from './tenant';

export interface SandboxOptions {
  /** Serve both tenants over https with a CA made at start (see caCertPem / caCertPath). */
  tls?: boolean;
  /** Honour the `sandbox_login=EMAIL` authorize parameter (log in without the form). Default true. */
  testShortcuts?: boolean;
  /**
   * Answer 400 to `enabled_clients` in connection bodies, as tenants created from 2026-01-07 do.
   * Default true; `false` is the old behaviour (older tenants still accept it, and show it in the
   * answers about one connection; lists never carry it).
   */
  rejectEnabledClientsInBody?: boolean;
  /** Lifetime of access tokens (Management API and user) in seconds. Default 86400. */
  tokenLifetimeSeconds?: number;
  /** Email of a user logged in without the form on every login page (both tenants). */
  autoLogin?: string | undefined;
  /** The x-ratelimit-limit advertised per second when `rateLimit` is not set. Default 50 (headers only). */
  rateLimitPerSecond?: number;
  /**
   * Enforce a Management API rate limit with real 429s: `'free'` is Auth0's free plan (burst 10,
   * 2 requests/s), or give `{ perSecond, burst }`. Default: none enforced (headers only).
   */
  rateLimit?: 'free' | RateLimitSpec;
  /**
   * Ports to listen on, each taken only when it is free (else the OS picks one, as without it):
   * `npm start` asks for the ports of its last sandbox so that the workspace keeps working.
   */
  ports?: { provider?: number | undefined; rp?: number | undefined };
}

export interface SandboxTenant {
  readonly name: 'provider' | 'rp';
  /** 'http://127.0.0.1:PORT' (https in TLS mode), no trailing slash. */
  readonly baseUrl: string;
  /** '127.0.0.1:PORT': what goes in a connection's options.domain. */
  readonly domain: string;
  /** 'localhost:PORT': the tenant's custom domain (logins and OIDC endpoints; no Management API). */
  readonly customDomain: string;
  /** 'http://localhost:PORT' (https in TLS mode). */
  readonly customBaseUrl: string;
  /** `${baseUrl}/api/v2/`: the audience of Management API tokens. */
  readonly managementAudience: string;
  /** All Management scopes the sandbox knows. */
  readonly m2m: M2mCredentials;
  /** read:* scopes only, for 403 tests. */
  readonly m2mReadOnly: M2mCredentials;
  /** Every scope but the connection options ones (read:/update:connections_options). */
  readonly m2mNoOptions: M2mCredentials;
  /** The enforced Management API rate limit (option rateLimit), with its counters. */
  readonly rateLimiter: TokenBucket | undefined;
  readonly apps: SandboxApp[];
  readonly users: SandboxUser[];
  readonly faults: FaultController;
  /** Management API requests (/api/v2/...) in arrival order. */
  readonly requestLog: RequestLogEntry[];
  /** Every request on any path (Management API, token, login, OIDC) as `METHOD /path`, in arrival order. */
  readonly allRequests: string[];
  /** Email of a user to log in without the form (both this tenant's login page and federation). */
  autoLogin: string | undefined;
  resetRequestLog(): void;
  /** Finds a seeded application by name; throws when absent. */
  app(name: string): SandboxApp;
  issueManagementToken(scopes?: string[], opts?: { expiresInSeconds?: number }): Promise<string>;
  /** Fast bulk seeding (no HTTP), e.g. 10,000 connections for paging benchmarks. Default strategy auth0-oidc. */
  seedConnections(count: number, strategy?: string): void;
  /** Direct access for assertions. */
  readonly state: {
    connections: Map<string, ConnectionRecord>;
    clients: Map<string, ClientRecord>;
    tenantSettings: TenantSettingsRecord;
    clientGrants: Map<string, string[]>;
  };
  /** Profiles of users who logged in through an auth0-oidc connection, by user_id. */
  readonly federatedUsers: Map<string, Record<string, unknown>>;
}

export interface Sandbox {
  provider: SandboxTenant;
  rp: SandboxTenant;
  /** PEM of the CA that signed both tenants' certificate (TLS mode only). */
  caCertPem?: string | undefined;
  /** A file holding caCertPem, for NODE_EXTRA_CA_CERTS (TLS mode only; removed by close()). */
  caCertPath?: string | undefined;
  /**
   * Management API answers of either tenant that broke Auth0's OpenAPI contract (operation,
   * status, schema path), in order.
   */
  readonly contractViolations: readonly ContractViolation[];
  /** Forgets the recorded violations and returns them: for a test that provokes one on purpose. */
  takeContractViolations(): ContractViolation[];
  /** Throws, naming each, when any answer broke the contract (close() does the same). */
  assertContract(): void;
  /** Ends every socket and timer, then fails (rejects) when any answer broke the contract. */
  close(): Promise<void>;
  /** The facts `npm run sandbox -- --json` prints. */
  toJSON(): SandboxFacts;
}

export interface SandboxFacts {
  tls: boolean;
  caCertPath?: string;
  tenants: Record<
    'provider' | 'rp',
    {
      baseUrl: string;
      domain: string;
      customDomain: string;
      managementAudience: string;
      m2m: M2mCredentials;
      m2mReadOnly: M2mCredentials;
      apps: SandboxApp[];
      users: SandboxUser[];
    }
  >;
}

// RSA key generation is the slowest part of a start (and very slow on a loaded machine): each
// tenant name keeps one key per process. Tenants of one sandbox still have different keys, and a
// token from another sandbox fails on its issuer and audience (other port).
const signingKeys = new Map<string, Promise<SigningKey>>();
function signingKey(tenant: 'provider' | 'rp'): Promise<SigningKey> {
  let key = signingKeys.get(tenant);
  if (!key) {
    key = generateSigningKey();
    key.catch(() => signingKeys.delete(tenant));
    signingKeys.set(tenant, key);
  }
  return key;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const tls = options.tls ? createSandboxTls() : undefined;
  const [providerKey, rpKey] = await Promise.all([signingKey('provider'), signingKey('rp'), loadOidcProvider()]);
  const common = {
    tls: tls ? { key: tls.keyPem, cert: tls.certPem, ca: tls.caCertPem } : undefined,
    testShortcuts: options.testShortcuts ?? true,
    rejectEnabledClientsInBody: options.rejectEnabledClientsInBody ?? true,
    tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 86400,
    autoLogin: options.autoLogin,
    rateLimitPerSecond: options.rateLimitPerSecond ?? 50,
    ...(options.rateLimit
      ? { rateLimit: options.rateLimit === 'free' ? FREE_PLAN_RATE_LIMIT : options.rateLimit }
      : {}),
  };
  const provider = new Tenant({ ...common, name: 'provider', signingKey: providerKey });
  const rp = new Tenant({ ...common, name: 'rp', signingKey: rpKey });
  let caDir: string | undefined;
  try {
    await Promise.all([provider.listen(options.ports?.provider), rp.listen(options.ports?.rp)]);
    provider.seed(rp.baseUrl);
    rp.seed(rp.baseUrl);
    await Promise.all([provider.startProvider(), rp.startProvider()]);
    let caCertPath: string | undefined;
    if (tls) {
      caDir = mkdtempSync(join(tmpdir(), 'auth0-sandbox-ca-'));
      caCertPath = join(caDir, 'ca.pem');
      writeFileSync(caCertPath, tls.caCertPem);
    }
    const dir = caDir;
    const providerViolations = contractViolations(provider.state);
    const rpViolations = contractViolations(rp.state);
    const sandbox: Sandbox = {
      provider,
      rp,
      caCertPem: tls?.caCertPem,
      caCertPath,
      get contractViolations() {
        return [...providerViolations, ...rpViolations];
      },
      takeContractViolations() {
        return [...providerViolations.splice(0), ...rpViolations.splice(0)];
      },
      assertContract() {
        const all = [
          ...providerViolations.map((v) => `provider: ${describeViolation(v)}`),
          ...rpViolations.map((v) => `rp: ${describeViolation(v)}`),
        ];
        if (all.length > 0)
          throw new Error(
            `The sandbox sent ${all.length} Management API answer(s) that Auth0's OpenAPI contract does not allow:\n  ${all.join('\n  ')}`,
          );
      },
      async close() {
        await Promise.all([provider.close(), rp.close()]);
        if (dir) rmSync(dir, { recursive: true, force: true });
        sandbox.assertContract();
      },
      toJSON() {
        const facts = (t: Tenant): SandboxFacts['tenants']['rp'] => ({
          baseUrl: t.baseUrl,
          domain: t.domain,
          customDomain: t.customDomain,
          managementAudience: t.managementAudience,
          m2m: t.m2m,
          m2mReadOnly: t.m2mReadOnly,
          apps: t.apps,
          users: t.users,
        });
        return {
          tls: Boolean(tls),
          ...(caCertPath ? { caCertPath } : {}),
          tenants: { provider: facts(provider), rp: facts(rp) },
        };
      },
    };
    return sandbox;
  } catch (err) {
    await Promise.all([provider.close(), rp.close()]);
    if (caDir) rmSync(caDir, { recursive: true, force: true });
    throw err;
  }
}

/**
 * The auth0-oidc connection body that federates `sandbox.rp` to `sandbox.provider` through the
 * provider's 'Provider App for RP'. Overrides are shallow (pass `options` whole to change one
 * option). It holds no `enabled_clients` (the strict default refuses it in bodies): enable
 * applications with PATCH /connections/{id}/clients, or create it with `createFederatedConnection`.
 */
export function federationConnectionBody(
  sandbox: Sandbox,
  name = 'provider-tenant',
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const app = sandbox.provider.app('Provider App for RP');
  return {
    name,
    strategy: 'auth0-oidc',
    options: {
      client_id: app.clientId,
      client_secret: app.clientSecret,
      domain: sandbox.provider.domain,
      scope: 'openid profile email',
    },
    ...overrides,
  };
}

/**
 * Creates `federationConnectionBody(sandbox, name, overrides)` on the RP through its Management
 * API, then enables `enabledClients` (default: the RP's 'RP Web App') through
 * PATCH /connections/{id}/clients, as a client of a strict tenant must. Returns the connection.
 */
export async function createFederatedConnection(
  sandbox: Sandbox,
  name = 'provider-tenant',
  overrides: Record<string, unknown> = {},
  enabledClients: readonly string[] = [sandbox.rp.app('RP Web App').clientId],
): Promise<ConnectionRecord> {
  const rp = sandbox.rp;
  const token = await rp.issueManagementToken();
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const dispatcher = new Agent(sandbox.caCertPem ? { connect: { ca: sandbox.caCertPem } } : {});
  try {
    const created = await fetch(`${rp.baseUrl}/api/v2/connections`, {
      method: 'POST',
      headers,
      body: JSON.stringify(federationConnectionBody(sandbox, name, overrides)),
      dispatcher,
    });
    const text = await created.text();
    if (created.status !== 201) throw new Error(`createFederatedConnection: ${created.status} ${text}`);
    const record = JSON.parse(text) as ConnectionRecord;
    for (let i = 0; i < enabledClients.length; i += 50) {
      const batch = enabledClients.slice(i, i + 50).map((client_id) => ({ client_id, status: true }));
      const patched = await fetch(`${rp.baseUrl}/api/v2/connections/${record.id}/clients`, {
        method: 'PATCH',
        headers,
        body: JSON.stringify(batch),
        dispatcher,
      });
      if (patched.status !== 204)
        throw new Error(`createFederatedConnection: enabling clients: ${patched.status} ${await patched.text()}`);
    }
    return rp.state.connections.get(record.id) ?? record;
  } finally {
    await dispatcher.close();
  }
}
