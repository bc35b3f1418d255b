import * as vscode from 'vscode';
import { UserFacingError } from '../vscode/errors';
import { invokedFile, toUri } from '../vscode/connectionFileArg';
import type { Client, Connection, ManagementClient } from '../auth0';
import { CONNECTION_FILES_GLOB, FILE_STRATEGIES, isConnectionFileName } from '../core/connectionFile/connectionModel';
import { readConnectionFile } from '../core/connectionFile/readConnectionFile';
import type { Services } from '../services';
import { pickTenant, requireTenant, tenantFromArg, tenantPickItem } from '../tenants/pickTenant';
import type { Tenant } from '../tenants/tenantRegistry';
import { pickRpTenant } from '../tenants/knownRp';
import { environmentForCommand } from '../environments/activeEnvironment';
import { environmentConnectionBody } from '../environments/environmentConnection';

// What Open Authorize Link and Test Login share: which tenant, which connection on it and which
// RP application (among the connection's enabled ones) the login is for.

/** Arguments that skip the prompts (integration tests, tasks). */
export interface LoginTargetArgs {
  /** A connection file: its name, and the tenant it was last deployed to unless `tenant` says. */
  readonly file?: vscode.Uri | string;
  /** The connection's name on the tenant (instead of a file). */
  readonly connectionName?: string;
  /** Origin or domain of a configured tenant. */
  readonly tenant?: string;
  /** The RP application; must be enabled for the connection. */
  readonly clientId?: string;
  /** For a file with environment keywords: the environment (else the active one, else asked). */
  readonly environment?: string;
}

export interface LoginTarget {
  readonly tenant: Tenant;
  readonly client: ManagementClient;
  readonly connection: Pick<Connection, 'id' | 'name' | 'strategy'>;
  /** The application with its name, type and callbacks. */
  readonly app: Client;
}

const APP_FIELDS = ['client_id', 'name', 'app_type', 'callbacks', 'token_endpoint_auth_method'];

export function isLoginTargetArgs(arg: unknown): arg is LoginTargetArgs {
  if (typeof arg !== 'object' || arg === null || arg instanceof vscode.Uri) return false;
  const a = arg as Record<string, unknown>;
  return (
    (typeof a.file === 'string' || a.file instanceof vscode.Uri || typeof a.connectionName === 'string') &&
    (a.tenant === undefined || typeof a.tenant === 'string')
  );
}

/**
 * Resolves the target from: argument object, a tree node (`{tenant|tenantNode, connection}`), a
 * file Uri (explorer, editor), the active connection file, or prompts. Undefined when cancelled.
 */
export async function resolveLoginTarget(
  services: Services,
  arg: unknown,
  purpose: string,
  signal?: AbortSignal,
): Promise<LoginTarget | undefined> {
  const args = isLoginTargetArgs(arg) ? arg : undefined;
  const node = nodeArg(services, arg);
  const uri = args?.file !== undefined ? toUri(args.file) : !node ? invokedFile(arg, isConnectionFileName) : undefined;

  // Nothing invoked on (palette, walkthrough): the workspace's deployed files come first.
  if (!uri && !node && !args) {
    const choice = await pickDeployedFileOrTenant(services, purpose);
    if (!choice) return undefined;
    if ('uri' in choice) return resolveLoginTarget(services, choice.uri, purpose, signal);
    return resolveOnTenant(services, choice.tenant, undefined, undefined, undefined, signal);
  }
  let connectionName = args?.connectionName ?? node?.connection.name;
  let knownId = node?.connection.id;
  let tenant = args?.tenant !== undefined ? requireTenant(services.tenants, args.tenant) : node?.tenant;
  if (uri) {
    // A file with environment keywords: as the active environment resolves it, on its RP tenant.
    const scope = await environmentForCommand(
      services.activeEnvironment,
      services.environments,
      uri,
      args?.environment,
      purpose,
    );
    if (scope.keywords && !scope.environment) return undefined;
    const environment = scope.keywords ? scope.environment : undefined;
    const file = environment ? await environmentConnectionBody(uri, environment) : await connectionFileOf(uri);
    if (environment) tenant ??= requireTenant(services.tenants, environment.rpTenant);
    connectionName ??= file.name;
    const last = services.deploys.last(uri);
    tenant ??= last ? services.tenants.find(last.tenant) : undefined;
    if (last && tenant && last.tenant === tenant.origin) knownId = last.connectionId;
    // Never deployed from here: the Relying Party candidates, the file's provider tenant left out.
    tenant ??= await pickRpTenant(services, uri, file.options, purpose);
    if (!tenant) return undefined;
  }
  tenant ??= await pickTenant(services.tenants, purpose);
  if (!tenant) return undefined;
  return resolveOnTenant(services, tenant, connectionName, knownId, args?.clientId, signal);
}

/** The connection (named, by id, or picked) on `tenant` and the RP application to log in to. */
async function resolveOnTenant(
  services: Services,
  tenant: Tenant,
  connectionName: string | undefined,
  knownId: string | undefined,
  clientId: string | undefined,
  signal: AbortSignal | undefined,
): Promise<LoginTarget | undefined> {
  const client = await services.tenants.client(tenant);

  const connection =
    connectionName !== undefined || knownId !== undefined
      ? await findConnection(client, tenant, connectionName, knownId, signal)
      : await pickConnection(client, tenant, signal);
  if (!connection) return undefined;

  const app = await pickApplication(client, tenant, connection, clientId, signal);
  return app ? { tenant, client, connection, app } : undefined;
}

/**
 * The connection files of the workspace that were deployed to a configured tenant, each offered
 * as "NAME on TENANT", then the tenants (to pick any connection on one). Without a deployed file,
 * the tenant pick alone. Undefined when cancelled.
 */
async function pickDeployedFileOrTenant(
  services: Services,
  purpose: string,
): Promise<{ uri: vscode.Uri } | { tenant: Tenant } | undefined> {
  const files = await vscode.workspace.findFiles(CONNECTION_FILES_GLOB, '**/node_modules/**', 200);
  const deployed: (vscode.QuickPickItem & { uri: vscode.Uri })[] = [];
  for (const uri of files) {
    const last = services.deploys.last(uri);
    const tenant = last ? services.tenants.find(last.tenant) : undefined;
    if (!tenant) continue;
    deployed.push({
      label: `$(file) ${vscode.workspace.asRelativePath(uri)}`,
      description: vscode.l10n.t('deployed to {0}', tenantPickItem(tenant).label),
      uri,
    });
  }
  if (deployed.length === 0) {
    const tenant = await pickTenant(services.tenants, purpose);
    return tenant ? { tenant } : undefined;
  }
  const tenants = services.tenants.list().map((t) => {
    const item = tenantPickItem(t);
    return { ...item, detail: vscode.l10n.t('Pick one of its connections') };
  });
  const picked = await vscode.window.showQuickPick<vscode.QuickPickItem & { uri?: vscode.Uri; tenant?: Tenant }>(
    [
      { label: vscode.l10n.t('Deployed connection files'), kind: vscode.QuickPickItemKind.Separator },
      ...deployed,
      { label: vscode.l10n.t('Tenants'), kind: vscode.QuickPickItemKind.Separator },
      ...tenants,
    ],
    { ignoreFocusOut: true, placeHolder: purpose, matchOnDescription: true },
  );
  if (picked?.uri) return { uri: picked.uri };
  return picked?.tenant ? { tenant: picked.tenant } : undefined;
}

async function findConnection(
  client: ManagementClient,
  tenant: Tenant,
  name: string | undefined,
  id: string | undefined,
  signal?: AbortSignal,
): Promise<LoginTarget['connection'] | undefined> {
  let connection: Connection | undefined;
  if (id !== undefined) {
    try {
      connection = await client.getConnection(id, signal ? { signal } : {});
    } catch {
      connection = undefined; // deleted since the last deploy: look it up by name
    }
    if (connection && name !== undefined && connection.name !== name) connection = undefined;
  }
  if (!connection && name !== undefined) connection = await client.findConnectionByName(name, signal ? { signal } : {});
  if (!connection) {
    throw new UserFacingError(
      vscode.l10n.t('There is no connection named {0} on {1}. Deploy it first.', name ?? id ?? '?', tenant.displayName),
    );
  }
  if (!FILE_STRATEGIES.includes(connection.strategy)) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t(
        '{0} is a {1} connection, not auth0-oidc or oidc; the link works the same way, but the user id will not have the auth0-oidc form.',
        connection.name,
        connection.strategy,
      ),
    );
  }
  return { id: connection.id, name: connection.name, strategy: connection.strategy };
}

async function pickConnection(
  client: ManagementClient,
  tenant: Tenant,
  signal?: AbortSignal,
): Promise<LoginTarget['connection'] | undefined> {
  const page = await client.listConnectionsPage({
    strategy: [...FILE_STRATEGIES],
    take: 100,
    fields: ['id', 'name', 'strategy'],
    ...(signal ? { signal } : {}),
  });
  if (page.connections.length === 0) {
    throw new UserFacingError(
      vscode.l10n.t(
        '{0} has no auth0-oidc or oidc connection yet. Deploy a connection file first.',
        tenant.displayName,
      ),
    );
  }
  const picked = await vscode.window.showQuickPick(
    page.connections.map((c) => ({ label: c.name, description: c.id, connection: c })),
    {
      ignoreFocusOut: true,
      placeHolder: vscode.l10n.t('Connection on {0}', tenant.displayName),
      matchOnDescription: true,
    },
  );
  return picked
    ? { id: picked.connection.id, name: picked.connection.name, strategy: picked.connection.strategy }
    : undefined;
}

async function pickApplication(
  client: ManagementClient,
  tenant: Tenant,
  connection: LoginTarget['connection'],
  clientId: string | undefined,
  signal?: AbortSignal,
): Promise<Client | undefined> {
  const options = signal ? { signal } : {};
  const enabled = await client.listEnabledClients(connection.id, options);
  if (clientId !== undefined) {
    if (!enabled.includes(clientId)) {
      throw new UserFacingError(
        vscode.l10n.t(
          '{0} is not enabled for application {1} on {2}: the login would fail. Enable it (enabled_clients in the file, then deploy).',
          connection.name,
          clientId,
          tenant.displayName,
        ),
      );
    }
    return client.getClient(clientId, { ...options, fields: APP_FIELDS });
  }
  if (enabled.length === 0) {
    throw new UserFacingError(
      vscode.l10n.t(
        "{0} on {1} is not enabled for any application, so nobody can log in with it. Add the RP application's client ID to enabled_clients and deploy.",
        connection.name,
        tenant.displayName,
      ),
    );
  }
  // Names make the choice readable: one paged GET /clients with only the fields shown (not a
  // GET per application, which ran into the rate limit of free tenants); ids it does not name
  // are shown by id.
  const wanted = new Set(enabled);
  const named = new Map<string, Client>();
  for await (const page of client.listClients({ ...options, fields: APP_FIELDS })) {
    for (const app of page) if (wanted.has(app.client_id)) named.set(app.client_id, app);
    if (named.size === wanted.size) break;
  }
  const apps: Client[] = enabled.map((id) => named.get(id) ?? { client_id: id });
  const interactive = apps.filter((a) => a.app_type !== 'non_interactive');
  const candidates = interactive.length > 0 ? interactive : apps;
  if (candidates.length === 1) return candidates[0];
  const picked = await vscode.window.showQuickPick(
    candidates.map((app) => ({
      label: app.name ?? app.client_id,
      description: app.client_id,
      detail: app.app_type ?? '',
      app,
    })),
    {
      ignoreFocusOut: true,
      placeHolder: vscode.l10n.t('RP application to log in to (enabled for {0})', connection.name),
      matchOnDescription: true,
    },
  );
  return picked?.app;
}

/** The connection name and options in a file, from its text as the editor has it. */
async function connectionFileOf(uri: vscode.Uri): Promise<{ name: string; options: unknown }> {
  const document = await vscode.workspace.openTextDocument(uri);
  // Read as far as it can be: a file with errors still names its connection.
  const object = readConnectionFile(document.getText(), uri.path).object;
  const name = object?.name;
  if (typeof name !== 'string' || name === '') {
    throw new UserFacingError(vscode.l10n.t('{0} has no connection name.', vscode.workspace.asRelativePath(uri)));
  }
  return { name, options: object?.options };
}

interface NodeLike {
  readonly tenant: Tenant;
  readonly connection: { readonly id?: string; readonly name: string };
}

/** A tree node or any `{tenant|tenantNode, connection}` object. */
function nodeArg(services: Services, arg: unknown): NodeLike | undefined {
  if (typeof arg !== 'object' || arg === null || !('connection' in arg)) return undefined;
  const connection = (arg as { connection?: unknown }).connection;
  if (
    typeof connection !== 'object' ||
    connection === null ||
    typeof (connection as { name?: unknown }).name !== 'string'
  )
    return undefined;
  const holder = 'tenantNode' in arg ? (arg as { tenantNode?: unknown }).tenantNode : arg;
  const tenant = tenantFromArg(services.tenants, holder);
  if (!tenant) return undefined;
  const c = connection as { id?: unknown; name: string };
  return { tenant, connection: { name: c.name, ...(typeof c.id === 'string' ? { id: c.id } : {}) } };
}

/**
 * A command on a login target (Open Authorize Link, Test Login): the argument object if any, and
 * the target resolved from it or asked for (`tenantPurpose` is the tenant picker's placeholder),
 * then `run`. Undefined when cancelled. The trust check is the command table's (src/commands.ts).
 */
export function loginCommand<A extends LoginTargetArgs, R>(
  services: Services,
  tenantPurpose: string,
  run: (args: A | undefined, target: LoginTarget) => Promise<R | undefined>,
): (arg?: unknown) => Promise<R | undefined> {
  return async (arg?: unknown) => {
    const target = await resolveLoginTarget(services, arg, tenantPurpose);
    return target ? run(isLoginTargetArgs(arg) ? (arg as A) : undefined, target) : undefined;
  };
}
