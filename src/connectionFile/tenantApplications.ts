import * as vscode from 'vscode';
import { APPLICATION_SUMMARY_FIELDS, type ApplicationSummary } from '../core/connectionFile/applicationChoices';
import type { Tenant, TenantRegistry } from '../tenants/tenantRegistry';
import type { Log } from '../vscode/log';
import { namedProviderHost, type KnownTenant } from '../core/connectionFile/clientTenant';
import { normalizeDomain } from '../core/connectionFile/placeholders';

/** How long a tenant's application list is reused (pickers, completions, hovers) before it is read again. */
const FRESH_MS = 60_000;
/** A failed read is not retried on every keystroke: completions wait this long before asking again. */
const RETRY_AFTER_FAILURE_MS = 15_000;

export type ApplicationsResult =
  | { readonly kind: 'loaded'; readonly apps: readonly ApplicationSummary[] }
  | { readonly kind: 'failed'; readonly reason: string }
  | { readonly kind: 'timeout' };

interface Entry {
  at: number;
  apps?: readonly ApplicationSummary[];
  failure?: string;
  pending?: Promise<readonly ApplicationSummary[]>;
}

/**
 * The configured tenants' applications, read once (one paged GET /clients with only the fields
 * shown) and shared by the New Connection File pickers and the editor's completions and hovers.
 * A caller says how long it can wait: a slow or unreachable tenant answers `timeout` or `failed`
 * in time, while the read goes on in the background and fills the cache for the next caller.
 */
export class TenantApplications implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly subscription: vscode.Disposable;
  private readonly loaded = new vscode.EventEmitter<void>();
  /** A tenant's list was read: what knownTenantsFor gives may have grown. */
  readonly onDidLoad = this.loaded.event;

  constructor(
    private readonly tenants: TenantRegistry,
    private readonly log: Log,
    private readonly now: () => number = Date.now,
  ) {
    // New credentials or settings may change what a tenant lets us read.
    this.subscription = tenants.onDidChange(() => this.entries.clear());
  }

  /**
   * The configured tenants' applications as far as they are known now, for the diagnostic of a
   * client id that belongs to another tenant than the file names (issue 21.5). Reads the tenants
   * not read yet in the background (onDidLoad tells) only when the file names a host that is no
   * configured tenant's, the case that diagnostic is about: a file naming its configured provider
   * costs no request. Never reads from an untrusted workspace.
   */
  knownTenantsFor(text: string): KnownTenant[] {
    const tenants = this.tenants.list();
    const hostsOf = (tenant: Tenant) => [...new Set([tenant.origin, tenant.loginOrigin].map((o) => new URL(o).host))];
    const named = namedProviderHost(text);
    const unknownHost =
      named !== undefined && !tenants.some((t) => hostsOf(t).some((h) => normalizeDomain(h) === named));
    const known: KnownTenant[] = [];
    for (const tenant of tenants) {
      const entry = this.entries.get(tenant.origin);
      if (!entry && unknownHost && vscode.workspace.isTrusted && this.tenants.isUseConfirmed(tenant))
        this.read(tenant).catch(() => undefined);
      const [host, ...otherHosts] = hostsOf(tenant);
      if (entry?.apps && host) known.push({ host, otherHosts, apps: entry.apps });
    }
    return known;
  }

  /** What is known now, without any request (for hovers and completions that must not wait). */
  cached(tenant: Tenant): readonly ApplicationSummary[] | undefined {
    return this.entries.get(tenant.origin)?.apps;
  }

  /**
   * The tenant's applications within `timeoutMs` (or until `token` is cancelled): a fresh cached
   * list at once (unless `fresh`), else the read's outcome, else `timeout` while the read carries on.
   */
  async load(
    tenant: Tenant,
    timeoutMs: number,
    options: {
      readonly token?: vscode.CancellationToken;
      readonly fresh?: boolean;
      /**
       * A command the person started (a picker, Test Login): a workspace tenant may be confirmed
       * now. Without it (hover, completion) such a tenant is not read until confirmed elsewhere.
       */
      readonly interactive?: boolean;
    } = {},
  ): Promise<ApplicationsResult> {
    const token = options.token;
    // Completions and hovers run without a command to explain trust: an untrusted workspace asks nothing.
    if (!vscode.workspace.isTrusted)
      return { kind: 'failed', reason: vscode.l10n.t('This workspace is not trusted: no tenant is contacted.') };
    if (options.interactive !== true && !this.tenants.isUseConfirmed(tenant))
      return {
        kind: 'failed',
        reason: vscode.l10n.t(
          "{0} is listed by this workspace's settings and not confirmed yet: run a command on it (e.g. Deploy) to confirm it.",
          tenant.displayName,
        ),
      };
    const entry = this.entries.get(tenant.origin);
    const age = entry ? this.now() - entry.at : Infinity;
    // A picker reads again (an application may have just been created); completions reuse the list.
    if (entry?.apps && age < FRESH_MS && options.fresh !== true) return { kind: 'loaded', apps: entry.apps };
    if (entry?.failure !== undefined && !entry.pending && age < RETRY_AFTER_FAILURE_MS && token)
      return { kind: 'failed', reason: entry.failure };
    const pending = entry?.pending ?? this.read(tenant);
    let timer: NodeJS.Timeout | undefined;
    let cancelled: vscode.Disposable | undefined;
    const limit = new Promise<ApplicationsResult>((resolve) => {
      timer = setTimeout(() => resolve({ kind: 'timeout' }), timeoutMs);
      cancelled = token?.onCancellationRequested(() => resolve({ kind: 'timeout' }));
    });
    try {
      return await Promise.race([
        pending.then(
          (apps): ApplicationsResult => ({ kind: 'loaded', apps }),
          (error: unknown): ApplicationsResult => ({ kind: 'failed', reason: reasonOf(error) }),
        ),
        limit,
      ]);
    } finally {
      clearTimeout(timer);
      cancelled?.dispose();
    }
  }

  private read(tenant: Tenant): Promise<readonly ApplicationSummary[]> {
    const previous = this.entries.get(tenant.origin);
    const entry: Entry = { at: this.now(), ...(previous?.apps ? { apps: previous.apps } : {}) };
    const pending = (async () => {
      const client = await this.tenants.client(tenant);
      const apps: ApplicationSummary[] = [];
      for await (const page of client.listClients({ fields: APPLICATION_SUMMARY_FIELDS })) {
        for (const app of page) apps.push(summaryOf(app));
      }
      return apps;
    })();
    entry.pending = pending;
    this.entries.set(tenant.origin, entry);
    pending.then(
      (apps) => {
        if (this.entries.get(tenant.origin) !== entry) return;
        this.entries.set(tenant.origin, { at: this.now(), apps });
        this.loaded.fire();
      },
      (error: unknown) => {
        this.log.info(`Applications of ${tenant.displayName} could not be read: ${reasonOf(error)}`);
        if (this.entries.get(tenant.origin) !== entry) return;
        this.entries.set(tenant.origin, {
          at: this.now(),
          failure: reasonOf(error),
          ...(previous?.apps ? { apps: previous.apps } : {}),
        });
      },
    );
    return pending;
  }

  dispose(): void {
    this.subscription.dispose();
    this.loaded.dispose();
    this.entries.clear();
  }
}

function summaryOf(app: {
  client_id: string;
  name?: unknown;
  app_type?: unknown;
  callbacks?: unknown;
}): ApplicationSummary {
  return {
    client_id: app.client_id,
    ...(typeof app.name === 'string' ? { name: app.name } : {}),
    ...(typeof app.app_type === 'string' ? { app_type: app.app_type } : {}),
    ...(Array.isArray(app.callbacks)
      ? { callbacks: app.callbacks.filter((c): c is string => typeof c === 'string') }
      : {}),
  };
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : vscode.l10n.t('unknown error');
}
