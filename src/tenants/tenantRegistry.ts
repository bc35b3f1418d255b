import * as vscode from 'vscode';
import { sandboxClientSecret } from './sandboxSeed';
import type { ManagementClient, RequestLogEntry } from '../auth0';
import { auth0 } from '../vscode/lazyAuth0';
import type { Log } from '../vscode/log';
import { affectsProxy, proxyConfig } from '../vscode/proxySettings';
import { SecretKeys, type SecretStore } from '../vscode/secretStore';
import { CONFIG_SECTION, TENANTS_SETTING, originOf } from './tenantSettings';

export { CONFIG_SECTION, originOf } from './tenantSettings';
const CLOSE_REPLACED_CLIENTS_AFTER_MS = 5 * 60_000;

/** A tenant as the settings hold it: no secret is ever here. */
export interface TenantConfig {
  /** The tenant's canonical domain (acme.eu.auth0.com): the Management API and its audience are only here. */
  readonly domain: string;
  readonly label?: string;
  /** Client ID of the machine-to-machine application; its secret is in SecretStorage. */
  readonly clientId?: string;
  /**
   * An optional custom domain (login.acme.com) that logins and authorize links use instead. Kept in
   * the extension's global state, never read from settings: a workspace cannot redirect where Test
   * Login sends an application's client secret.
   */
  readonly customDomain?: string;
}

export interface Tenant extends TenantConfig {
  /** `https://host` (or `http://127.0.0.1:port` for the sandbox): the only place its token goes. */
  readonly origin: string;
  /** Where logins go: the custom domain's origin when one is set, else `origin`. Never gets a Management token. */
  readonly loginOrigin: string;
  readonly displayName: string;
}

export type TenantCredentials =
  | { readonly kind: 'client-credentials'; readonly clientSecret: string }
  | { readonly kind: 'token'; readonly token: string };

/**
 * The configured tenants and one Management API client each. Secrets are keyed by the tenant's
 * origin, so a token or client secret stored for one tenant can only ever be sent to that origin,
 * whatever a workspace's settings later say about client ids or labels.
 */
/** No tenant is contacted from an untrusted workspace. */
export class UntrustedWorkspaceError extends Error {
  override readonly name = 'UntrustedWorkspaceError';
  constructor(tenant: string) {
    super(
      vscode.l10n.t(
        '{0} is not contacted: this workspace is not trusted. Trust it to talk to Auth0 tenants; validation works either way.',
        tenant,
      ),
    );
  }
}

export class TenantRegistry implements vscode.Disposable {
  private readonly clients = new Map<string, Promise<ManagementClient>>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(
    private readonly secrets: SecretStore,
    private readonly log: Log,
    secretChanges: vscode.Event<vscode.SecretStorageChangeEvent>,
    /** Where the custom domains live (the extension's global state), keyed by the canonical origin. */
    private readonly loginDomains: vscode.Memento,
  ) {
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        // A proxy change takes effect on the next request: clients are rebuilt with the new route.
        if (e.affectsConfiguration(`${CONFIG_SECTION}.${TENANTS_SETTING}`) || affectsProxy(e)) this.reset();
      }),
      secretChanges((e) => {
        if (e.key.startsWith('auth0Oidc.tenant.')) this.reset();
      }),
    );
  }

  /** Tenants from the settings, in order; entries with an unusable domain are skipped and logged. */
  list(): Tenant[] {
    const configs = vscode.workspace.getConfiguration(CONFIG_SECTION).get<TenantConfig[]>(TENANTS_SETTING, []);
    const tenants: Tenant[] = [];
    for (const config of Array.isArray(configs) ? configs : []) {
      if (typeof config?.domain !== 'string') continue;
      const tenant = toTenant(config, this.customDomainOf(config.domain));
      if (tenant) tenants.push(tenant);
      else
        this.log.warn(
          'Ignoring a tenant in settings whose domain is not usable (not echoed: it may hold a pasted secret).',
        );
    }
    return tenants;
  }

  find(originOrDomain: string): Tenant | undefined {
    const origin = originOf(originOrDomain);
    return this.list().find((t) => t.origin === origin);
  }

  async hasCredentials(tenant: Tenant): Promise<boolean> {
    return (await this.credentials(tenant)) !== undefined;
  }

  async credentials(tenant: Tenant): Promise<TenantCredentials | undefined> {
    const token = await this.secrets.get(SecretKeys.tenantToken(tenant.origin));
    if (token) return { kind: 'token', token };
    if (!tenant.clientId) return undefined;
    const key = SecretKeys.tenantClientSecret(tenant.origin);
    let clientSecret = await this.secrets.get(key);
    const seeded = clientSecret ? undefined : sandboxClientSecret(process.env, tenant.origin, tenant.clientId);
    if (seeded) {
      // `npm start`'s local sandbox: its credentials, stored as if the person had entered them.
      await this.secrets.store(key, seeded);
      this.log.info(`Stored the sandbox credentials of ${tenant.origin} given by npm start.`);
      clientSecret = seeded;
    }
    return clientSecret ? { kind: 'client-credentials', clientSecret } : undefined;
  }

  /** The tenant's Management API client; throws MissingCredentialsError when none are stored. */
  client(tenant: Tenant): Promise<ManagementClient> {
    // The trust gate for every Management API request, whichever command or view asks: commands
    // also call requireTrust to explain and offer to manage trust, but this is where it holds.
    if (!vscode.workspace.isTrusted) return Promise.reject(new UntrustedWorkspaceError(tenant.displayName));
    let client = this.clients.get(tenant.origin);
    if (!client) {
      client = this.createClient(tenant);
      this.clients.set(tenant.origin, client);
      client.catch(() => this.clients.delete(tenant.origin));
    }
    return client;
  }

  /** Adds or replaces a tenant in the user's settings and its secret in SecretStorage. */
  async save(config: TenantConfig, credentials: TenantCredentials | undefined, previous?: Tenant): Promise<Tenant> {
    const custom = config.customDomain?.trim() ? config.customDomain.trim() : undefined;
    const tenant = toTenant(config, custom);
    if (!tenant)
      throw new Error(
        vscode.l10n.t('"{0}" is not a tenant domain. Enter a host such as acme.eu.auth0.com.', config.domain),
      );
    if (credentials?.kind === 'token') {
      await this.secrets.store(SecretKeys.tenantToken(tenant.origin), credentials.token);
      await this.secrets.delete(SecretKeys.tenantClientSecret(tenant.origin));
    } else if (credentials?.kind === 'client-credentials') {
      await this.secrets.store(SecretKeys.tenantClientSecret(tenant.origin), credentials.clientSecret);
      await this.secrets.delete(SecretKeys.tenantToken(tenant.origin));
    }
    const others = this.rawConfigs().filter(
      (c) => originOf(c.domain) !== (previous?.origin ?? tenant.origin) && originOf(c.domain) !== tenant.origin,
    );
    const entry: TenantConfig = {
      domain: config.domain,
      ...(config.label ? { label: config.label } : {}),
      ...(config.clientId ? { clientId: config.clientId } : {}),
    };
    await this.loginDomains.update(customDomainKey(tenant.origin), custom);
    await this.writeConfigs([...others, entry]);
    if (previous && previous.origin !== tenant.origin) await this.forgetSecrets(previous);
    this.reset();
    return tenant;
  }

  async remove(tenant: Tenant): Promise<void> {
    await this.loginDomains.update(customDomainKey(tenant.origin), undefined);
    await this.writeConfigs(this.rawConfigs().filter((c) => originOf(c.domain) !== tenant.origin));
    await this.forgetSecrets(tenant);
    this.reset();
  }

  dispose(): void {
    this.reset();
    for (const d of this.disposables) d.dispose();
  }

  private async createClient(tenant: Tenant): Promise<ManagementClient> {
    const credentials = await this.credentials(tenant);
    if (!credentials) {
      throw new (auth0().MissingCredentialsError)(tenant.displayName, 'Management API client secret or token');
    }
    const onRequest = (entry: RequestLogEntry): void => this.log.info(formatRequest(tenant, entry));
    return auth0().createManagementClient({
      domain: tenant.origin,
      credentials:
        credentials.kind === 'token'
          ? { kind: 'token', token: credentials.token }
          : {
              kind: 'client-credentials',
              clientId: tenant.clientId ?? '',
              clientSecret: () => this.secrets.get(SecretKeys.tenantClientSecret(tenant.origin)),
            },
      onRequest,
      proxy: proxyConfig(),
    });
  }

  private reset(): void {
    const old = [...this.clients.values()];
    this.clients.clear();
    // A deploy may still hold an old client (a secret change can come from another window), so
    // its pool is closed only once such work is surely over, not in the middle of it.
    const timer = setTimeout(() => {
      for (const client of old)
        client
          .then(
            (c) => c.close(),
            () => undefined,
          )
          .catch(() => undefined);
    }, CLOSE_REPLACED_CLIENTS_AFTER_MS);
    timer.unref?.();
    this.changed.fire();
  }

  private customDomainOf(domain: string): string | undefined {
    const origin = originOf(domain);
    const value = origin ? this.loginDomains.get<unknown>(customDomainKey(origin)) : undefined;
    return typeof value === 'string' && value !== '' ? value : undefined;
  }

  private async forgetSecrets(tenant: Tenant): Promise<void> {
    await this.secrets.delete(SecretKeys.tenantClientSecret(tenant.origin));
    await this.secrets.delete(SecretKeys.tenantToken(tenant.origin));
  }

  private rawConfigs(): TenantConfig[] {
    const configs = vscode.workspace.getConfiguration(CONFIG_SECTION).get<TenantConfig[]>(TENANTS_SETTING, []);
    return Array.isArray(configs) ? configs.filter((c) => typeof c?.domain === 'string') : [];
  }

  /** Writes where the tenants are defined now: the workspace if it defines them, else the user. */
  private async writeConfigs(configs: TenantConfig[]): Promise<void> {
    const configuration = vscode.workspace.getConfiguration(CONFIG_SECTION);
    const inspected = configuration.inspect<TenantConfig[]>(TENANTS_SETTING);
    const target =
      inspected?.workspaceFolderValue !== undefined || inspected?.workspaceValue !== undefined
        ? vscode.ConfigurationTarget.Workspace
        : vscode.ConfigurationTarget.Global;
    await configuration.update(TENANTS_SETTING, configs, target);
  }
}

function customDomainKey(origin: string): string {
  return `auth0Oidc.customDomain.${origin.toLowerCase()}`;
}

function toTenant(config: TenantConfig, customDomain: string | undefined): Tenant | undefined {
  const origin = originOf(config.domain);
  if (!origin) return undefined;
  const host = new URL(origin).host;
  const { customDomain: _ignored, ...rest } = config;
  const custom = customDomain !== undefined ? originOf(customDomain) : undefined;
  return {
    ...rest,
    ...(customDomain !== undefined && custom ? { customDomain } : {}),
    origin,
    loginOrigin: custom ?? origin,
    displayName: config.label ? `${config.label} (${host})` : host,
  };
}

function formatRequest(tenant: Tenant, e: RequestLogEntry): string {
  const parts = [
    `${new URL(tenant.origin).host} ${e.method} ${e.path}`,
    e.status !== undefined ? String(e.status) : (e.error ?? 'failed'),
    `${Math.round(e.durationMs)}ms`,
  ];
  if (e.rateLimitRemaining !== undefined) parts.push(`rate-limit-remaining=${e.rateLimitRemaining}`);
  if (e.pacedMs !== undefined) parts.push(`paced=${e.pacedMs}ms`);
  if (e.retries > 0) parts.push(`retries=${e.retries}`);
  return parts.join(' ');
}
