import * as vscode from 'vscode';
import { sandboxClientSecret } from './sandboxSeed';
import type { ManagementClient, RequestLogEntry } from '../auth0';
import { auth0 } from '../vscode/lazyAuth0';
import { Disposable } from '../vscode/lifecycle';
import type { Log } from '../vscode/log';
import { affectsProxy, proxyConfig } from '../vscode/proxySettings';
import { SecretKeys, type SecretStore } from '../vscode/secretStore';
import { hostEnvironment } from '../vscode/nodeHost';
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

/** Where a tenant is listed: the user's settings (every workspace) or this workspace's settings. */
export type TenantScope = 'user' | 'workspace';

export interface Tenant extends TenantConfig {
  /**
   * 'workspace' when this workspace's settings list it (a repository can pre-list a look-alike
   * domain): marked in the tree and pickers, and its first use here is confirmed (issue 12.4).
   */
  readonly scope: TenantScope;
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

/** The person declined to use a tenant that this workspace's settings list. */
export class WorkspaceTenantDeclinedError extends Error {
  override readonly name = 'WorkspaceTenantDeclinedError';
  constructor(host: string) {
    super(
      vscode.l10n.t(
        'Nothing was sent to {0}: you declined to use this tenant from the workspace\'s settings. Add it with "Auth0 OIDC: Add Tenant" to use it.',
        host,
      ),
    );
  }
}

export class TenantRegistry extends Disposable {
  private readonly clients = new Map<string, Promise<ManagementClient>>();
  /**
   * Settles when the save under way has written the secret and the settings. A save writes them
   * one after the other, and each write makes views ask for a client: built in between, it would
   * pair the new secret with the old client id (401 on the token request).
   */
  private saving: Promise<unknown> = Promise.resolve();
  /** One question at a time per tenant, and a refusal holds for this session. */
  private readonly confirmations = new Map<string, Promise<boolean>>();
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly secrets: SecretStore,
    private readonly log: Log,
    secretChanges: vscode.Event<vscode.SecretStorageChangeEvent>,
    /** Where the custom domains live (the extension's global state), keyed by the canonical origin. */
    private readonly loginDomains: vscode.Memento,
    /** Where this workspace's answers about its settings' tenants are kept (workspace state). */
    private readonly workspaceApprovals: vscode.Memento,
  ) {
    super();
    this.register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        // A proxy change takes effect on the next request: clients are rebuilt with the new route.
        if (e.affectsConfiguration(`${CONFIG_SECTION}.${TENANTS_SETTING}`) || affectsProxy(e)) this.reset();
      }),
      secretChanges((e) => {
        if (e.key.startsWith('auth0Oidc.tenant.')) this.reset();
      }),
    );
  }

  /**
   * Tenants from the user's settings, then those only this workspace's settings list (a workspace
   * value would hide the user's list, as settings arrays do not merge: both are read). Entries with
   * an unusable domain are skipped and logged.
   */
  list(): Tenant[] {
    const tenants: Tenant[] = [];
    const seen = new Set<string>();
    for (const scope of ['user', 'workspace'] as const) {
      for (const config of this.scopeConfigs(scope)) {
        const tenant = toTenant(config, this.customDomainOf(config.domain), scope);
        if (!tenant)
          this.log.warn(
            'Ignoring a tenant in settings whose domain is not usable (not echoed: it may hold a pasted secret).',
          );
        else if (!seen.has(tenant.origin)) {
          seen.add(tenant.origin);
          tenants.push(tenant);
        }
      }
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
    const seeded = clientSecret ? undefined : sandboxClientSecret(hostEnvironment(), tenant.origin, tenant.clientId);
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
    // The trust gate for every Management API request, whichever command or view asks; the command
    // table (src/commands.ts) refuses the commands that talk to a tenant before they start.
    if (!vscode.workspace.isTrusted) return Promise.reject(new UntrustedWorkspaceError(tenant.displayName));
    let client = this.clients.get(tenant.origin);
    if (!client) {
      // Built from the settings as they are once any save is done: a Tenant object taken before
      // Edit Tenant may name the old client id.
      client = this.saving.then(async () => {
        const current = this.find(tenant.origin) ?? tenant;
        await this.confirmUse(current);
        return this.createClient(current);
      });
      this.clients.set(tenant.origin, client);
      client.catch(() => this.clients.delete(tenant.origin));
    }
    return client;
  }

  /**
   * True when a request to the tenant would not ask first: a user's tenant, or a workspace tenant
   * the person already approved here. Passive features (hover, completion, diagnostics) read only
   * such tenants, so that a modal appears only for an action the person started (issue 23.5).
   */
  isUseConfirmed(tenant: Tenant): boolean {
    return tenant.scope !== 'workspace' || this.workspaceApprovals.get<boolean>(approvalKey(tenant.origin)) === true;
  }

  /**
   * A tenant that this workspace's settings list is used (a request sent, credentials asked for)
   * only after the person said yes once, modally, naming its domain; the answer is kept per
   * workspace and domain (a refusal for this session only, so that it can be reconsidered).
   * Rejects with WorkspaceTenantDeclinedError, having sent nothing, when they say no.
   */
  async confirmUse(tenant: Tenant): Promise<void> {
    if (tenant.scope !== 'workspace') return;
    const key = approvalKey(tenant.origin);
    if (this.workspaceApprovals.get<boolean>(key) === true) return;
    let asking = this.confirmations.get(key);
    if (!asking) {
      asking = this.ask(tenant, key);
      this.confirmations.set(key, asking);
      // Only a refusal is remembered here (for the session); an approval lives in workspace state.
      void asking.then((yes) => {
        if (yes) this.confirmations.delete(key);
      });
    }
    if (!(await asking)) throw new WorkspaceTenantDeclinedError(new URL(tenant.origin).host);
  }

  private async ask(tenant: Tenant, key: string): Promise<boolean> {
    const host = new URL(tenant.origin).host;
    const use = vscode.l10n.t('Use {0}', host);
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t("Use the tenant {0} from this workspace's settings?", host),
      {
        modal: true,
        detail: vscode.l10n.t(
          "This workspace's settings (not yours) list {0}. A repository can list a look-alike domain to collect a token or a client secret. Continue only if {0} is your tenant; nothing is sent to it otherwise.",
          host,
        ),
      },
      use,
    );
    if (answer !== use) return false;
    await this.workspaceApprovals.update(key, true);
    return true;
  }

  /**
   * Proves credentials entered for a tenant before anything is stored: a token request (for a
   * client secret) and one cheap GET (one connection, three fields), with a client that is not
   * kept. Throws the API's error (what is wrong: domain, secret, scope).
   */
  async probe(config: TenantConfig, credentials: TenantCredentials, signal?: AbortSignal): Promise<void> {
    const tenant = toTenant(config, undefined, this.find(config.domain)?.scope ?? 'user');
    if (!tenant) throw new Error(vscode.l10n.t('"{0}" is not a tenant domain.', config.domain));
    if (!vscode.workspace.isTrusted) throw new UntrustedWorkspaceError(tenant.displayName);
    const client = this.buildClient(tenant, credentials, () =>
      Promise.resolve(credentials.kind === 'client-credentials' ? credentials.clientSecret : undefined),
    );
    try {
      await client.listConnectionsPage({ take: 1, fields: ['id', 'name', 'strategy'], ...(signal ? { signal } : {}) });
    } finally {
      await client.close().catch(() => undefined);
    }
  }

  /**
   * Adds or replaces a tenant and its secret in SecretStorage: in `scope`'s settings (default: where
   * `previous` is listed, else where the tenants are listed now, else the user's).
   */
  save(
    config: TenantConfig,
    credentials: TenantCredentials | undefined,
    previous?: Tenant,
    scope?: TenantScope,
  ): Promise<Tenant> {
    const saved = this.saving.then(() => this.write(config, credentials, previous, scope));
    this.saving = saved.catch(() => undefined);
    return saved;
  }

  private async write(
    config: TenantConfig,
    credentials: TenantCredentials | undefined,
    previous?: Tenant,
    scope?: TenantScope,
  ): Promise<Tenant> {
    const custom = config.customDomain?.trim() ? config.customDomain.trim() : undefined;
    const target = scope ?? previous?.scope ?? this.defaultScope();
    const tenant = toTenant(config, custom, target);
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
    const replaced = (c: TenantConfig): boolean =>
      originOf(c.domain) === (previous?.origin ?? tenant.origin) || originOf(c.domain) === tenant.origin;
    const entry: TenantConfig = {
      domain: config.domain,
      ...(config.label ? { label: config.label } : {}),
      ...(config.clientId ? { clientId: config.clientId } : {}),
    };
    await this.loginDomains.update(customDomainKey(tenant.origin), custom);
    // Entered here by the person: a workspace tenant they saved needs no further confirmation.
    if (target === 'workspace') await this.workspaceApprovals.update(approvalKey(tenant.origin), true);
    const other: TenantScope = target === 'user' ? 'workspace' : 'user';
    if (this.scopeConfigs(other).some(replaced))
      await this.writeConfigs(
        other,
        this.scopeConfigs(other).filter((c) => !replaced(c)),
      );
    await this.writeConfigs(target, [...this.scopeConfigs(target).filter((c) => !replaced(c)), entry]);
    if (previous && previous.origin !== tenant.origin) await this.forgetSecrets(previous);
    this.reset();
    return tenant;
  }

  async remove(tenant: Tenant): Promise<void> {
    await this.loginDomains.update(customDomainKey(tenant.origin), undefined);
    for (const scope of ['user', 'workspace'] as const) {
      const configs = this.scopeConfigs(scope);
      if (configs.some((c) => originOf(c.domain) === tenant.origin))
        await this.writeConfigs(
          scope,
          configs.filter((c) => originOf(c.domain) !== tenant.origin),
        );
    }
    await this.forgetSecrets(tenant);
    this.reset();
  }

  override dispose(): void {
    this.reset();
    super.dispose();
  }

  private async createClient(tenant: Tenant): Promise<ManagementClient> {
    const credentials = await this.credentials(tenant);
    if (!credentials) {
      throw new (auth0().MissingCredentialsError)(tenant.displayName, 'Management API client secret or token');
    }
    return this.buildClient(tenant, credentials, () => this.secrets.get(SecretKeys.tenantClientSecret(tenant.origin)));
  }

  private buildClient(
    tenant: Tenant,
    credentials: TenantCredentials,
    clientSecret: () => Promise<string | undefined>,
  ): ManagementClient {
    const onRequest = (entry: RequestLogEntry): void => this.log.info(formatRequest(tenant, entry));
    return auth0().createManagementClient({
      domain: tenant.origin,
      credentials:
        credentials.kind === 'token'
          ? { kind: 'token', token: credentials.token }
          : { kind: 'client-credentials', clientId: tenant.clientId ?? '', clientSecret },
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

  /** The tenants one scope's settings list (the workspace: its folder's or its .code-workspace's). */
  private scopeConfigs(scope: TenantScope): TenantConfig[] {
    const inspected = vscode.workspace.getConfiguration(CONFIG_SECTION).inspect<TenantConfig[]>(TENANTS_SETTING);
    const lists =
      scope === 'user' ? [inspected?.globalValue] : [inspected?.workspaceValue, inspected?.workspaceFolderValue];
    return lists.flatMap((configs) =>
      Array.isArray(configs) ? configs.filter((c) => typeof c?.domain === 'string') : [],
    );
  }

  /** Where a new tenant goes by default: the workspace if its settings list tenants, else the user. */
  defaultScope(): TenantScope {
    const inspected = vscode.workspace.getConfiguration(CONFIG_SECTION).inspect<TenantConfig[]>(TENANTS_SETTING);
    return inspected?.workspaceFolderValue !== undefined || inspected?.workspaceValue !== undefined
      ? 'workspace'
      : 'user';
  }

  private async writeConfigs(scope: TenantScope, configs: TenantConfig[]): Promise<void> {
    await vscode.workspace
      .getConfiguration(CONFIG_SECTION)
      .update(
        TENANTS_SETTING,
        configs,
        scope === 'user' ? vscode.ConfigurationTarget.Global : vscode.ConfigurationTarget.Workspace,
      );
  }
}

function approvalKey(origin: string): string {
  return `auth0Oidc.workspaceTenantApproved.${origin.toLowerCase()}`;
}

function customDomainKey(origin: string): string {
  return `auth0Oidc.customDomain.${origin.toLowerCase()}`;
}

function toTenant(config: TenantConfig, customDomain: string | undefined, scope: TenantScope): Tenant | undefined {
  const origin = originOf(config.domain);
  if (!origin) return undefined;
  const host = new URL(origin).host;
  const { customDomain: _ignored, ...rest } = config;
  const custom = customDomain !== undefined ? originOf(customDomain) : undefined;
  return {
    ...rest,
    scope,
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
