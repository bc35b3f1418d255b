import * as vscode from 'vscode';
import type { DeployResult } from '../auth0';
import { auth0 } from '../vscode/lazyAuth0';
import { enablesNoApplication, toCurl } from '../core/deploy/plan';
import { prepareDeploy, readResolvedConnection, type PreparedDeploy, type ResolvedConnection } from './prepareDeploy';
import type { DeployPreviewDocuments } from './deployDiff';
import type { Services } from '../services';
import { requireTenant, tenantFromArg } from '../tenants/pickTenant';
import { pickRpTenant } from '../tenants/knownRp';
import { withCancellableProgress } from '../vscode/progress';
import { connectionFileFromArg, toUri } from '../vscode/connectionFileArg';
import { REVEAL_IN_TREE_COMMAND, runCommand } from '../commandIds';
import { readEnvironmentConnection, requireEnvironment } from '../environments/environmentConnection';

/** Arguments that skip the prompts (tests, tasks). */
export interface DeployArgs {
  readonly file: vscode.Uri | string;
  /** Origin or domain of a configured tenant; with `environment`, that environment's RP tenant. */
  readonly tenant?: string;
  /** An environment of the file's auth0-oidc.environments.json: its values, secrets and RP tenant. */
  readonly environment?: string;
  /** Ask for a secret that is not stored yet (the prompts are skipped otherwise). */
  readonly ask?: boolean;
  /** Apply an update without the diff and the confirmation. */
  readonly confirmUpdate?: boolean;
  /**
   * The connection already read and resolved from `file` (an a0deploy entry): deployed in place
   * of the file's text, and not recorded as the file's last deploy (the file holds other entries).
   */
  readonly resolved?: ResolvedConnection;
}

/** What the command returns, for tests and callers; no secret in it. */
export interface DeployOutcome {
  readonly kind: 'create' | 'update' | 'unchanged';
  readonly connectionId: string;
  readonly tenant: string;
  readonly enabledClientsChanged: number;
}

/**
 * Auth0 OIDC: Deploy Connection. Creates the connection, or shows what an update changes and
 * applies it on confirmation, then sets the enabled applications through their own endpoint.
 */
export function deployConnection(services: Services, previews: DeployPreviewDocuments) {
  return async (arg?: unknown, extra?: unknown): Promise<DeployOutcome | undefined> => {
    const args = isDeployArgs(arg) ? arg : undefined;
    const uri = args
      ? toUri(args.file)
      : await connectionFileFromArg(arg ?? extra, vscode.l10n.t('Connection file to deploy'));
    if (!uri) return undefined;
    // The file first: one with errors is refused before any tenant is asked for (issue 13).
    const environment =
      args?.environment !== undefined ? requireEnvironment(services, uri, args.environment) : undefined;
    const local = args?.resolved
      ? args.resolved
      : environment
        ? await readEnvironmentConnection(services, uri, environment)
        : await readResolvedConnection(services, uri);
    const tenant = args
      ? requireTenant(services.tenants, environment?.rpTenant ?? args.tenant ?? '')
      : (tenantFromArg(services.tenants, extra) ??
        (await pickRpTenant(
          services,
          uri,
          local.body.options,
          vscode.l10n.t('Tenant to deploy {0} to', vscode.workspace.asRelativePath(uri)),
        )));
    if (!tenant) return undefined;
    const prepared = await withCancellableProgress(
      vscode.l10n.t('Comparing {0} with {1}…', local.body.name, tenant.displayName),
      (signal, _progress, calls) =>
        prepareDeploy(services, tenant, local, signal, args === undefined || args.ask === true, calls.onRetry),
      { offerRetry: true },
    );
    if (!prepared) return undefined;
    const plan = prepared.plan;
    if (plan.kind === 'unchanged') {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('{0} on {1} already matches the file.', plan.connectionName, tenant.displayName),
      );
      return remember(
        services,
        uri,
        args?.resolved === undefined,
        {
          kind: 'unchanged',
          connectionId: plan.connectionId,
          tenant: tenant.origin,
          enabledClientsChanged: 0,
        },
        environment?.name,
      );
    }
    // Asked before creating a connection nobody can log in through (issue 21.2); the arguments form asks nothing.
    if (plan.kind === 'create' && !args && enablesNoApplication(local.body) && !(await confirmCreate(prepared)))
      return undefined;
    let closeDiff: (() => Promise<void>) | undefined;
    if (plan.kind === 'update' && !args?.confirmUpdate) {
      closeDiff = await previews.show(prepared);
      if (!(await confirmUpdate(prepared))) return undefined;
    }
    const result = await withCancellableProgress(
      vscode.l10n.t('Deploying {0} to {1}', plan.connectionName, tenant.displayName),
      (_signal, progress, calls) =>
        auth0().applyDeploy(prepared.client, plan, {
          ...calls,
          onProgress: (p) => progress.report({ message: p.message }),
        }),
      { offerRetry: true },
    );
    if (!result) return undefined;
    // The diff's left side is the tenant as it was: stale now, so it goes.
    await closeDiff?.();
    const outcome = remember(
      services,
      uri,
      args?.resolved === undefined,
      {
        kind: plan.kind,
        connectionId: result.connectionId,
        tenant: tenant.origin,
        enabledClientsChanged: result.enabledClientsChanged,
      },
      environment?.name,
    );
    services.log.info(
      `Deployed ${plan.connectionName} to ${tenant.origin}: ${plan.kind} ${result.connectionId}, ${result.enabledClientsChanged} enabled application change(s).`,
    );
    announce(prepared, result).catch((error: unknown) => services.log.error('Showing the deploy result', error));
    return outcome;
  };
}

/** Auth0 OIDC: Copy Deploy as curl — the same requests deploy would send, token and secrets left out. */
export function copyDeployAsCurl(services: Services) {
  return async (arg?: unknown, extra?: unknown): Promise<string | undefined> => {
    const args = isDeployArgs(arg) ? arg : undefined;
    const uri = args
      ? toUri(args.file)
      : await connectionFileFromArg(arg ?? extra, vscode.l10n.t('Connection file to copy as curl'));
    if (!uri) return undefined;
    // The file first, as Deploy: its provider tenant is never the one the commands are for.
    const local = await readResolvedConnection(services, uri);
    const tenant = args
      ? requireTenant(services.tenants, args.tenant ?? '')
      : (tenantFromArg(services.tenants, extra) ??
        (await pickRpTenant(services, uri, local.body.options, vscode.l10n.t('Tenant the commands are for'))));
    if (!tenant) return undefined;
    const prepared = await withCancellableProgress(
      vscode.l10n.t('Comparing {0} with {1}…', local.body.name, tenant.displayName),
      (signal, _progress, calls) => prepareDeploy(services, tenant, local, signal, args === undefined, calls.onRetry),
      { offerRetry: true },
    );
    if (!prepared) return undefined;
    const curl = toCurl(prepared.plan, tenant.origin);
    await vscode.env.clipboard.writeText(curl);
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        'Copied the curl commands. They read the token from $AUTH0_MGMT_TOKEN and the secret from a shell variable.',
      ),
    );
    return curl;
  };
}

/** A create that enables no application: Create or Cancel. */
async function confirmCreate(prepared: PreparedDeploy): Promise<boolean> {
  const create = vscode.l10n.t('Create');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t(
      'Create {0} on {1} enabled for no application?',
      prepared.plan.connectionName,
      prepared.tenant.displayName,
    ),
    {
      modal: true,
      detail: vscode.l10n.t(
        'Nobody can log in through it until an application is enabled. To enable some with this deploy, cancel and list their client IDs in "enabled_clients".',
      ),
    },
    create,
  );
  return answer === create;
}

async function confirmUpdate(prepared: PreparedDeploy): Promise<boolean> {
  const plan = prepared.plan;
  const changes = [
    ...plan.optionsDiff.map((d) => `• ${d.path}`),
    ...plan.enabledClients.add.map((id) => `• ${vscode.l10n.t('enable {0}', id)}`),
    ...plan.enabledClients.remove.map((id) => `• ${vscode.l10n.t('disable {0}', id)}`),
  ];
  const update = vscode.l10n.t('Update');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('Update {0} on {1}?', plan.connectionName, prepared.tenant.displayName),
    {
      modal: true,
      detail: [
        vscode.l10n.t(
          'The diff editor shows the changes (secrets masked). Options not in the file are kept; the stored secret is kept unless the file sets one.',
        ),
        ...changes.slice(0, 15),
        ...(changes.length > 15 ? ['…'] : []),
        ...plan.warnings.map((w) => `⚠ ${w}`),
      ].join('\n'),
    },
    update,
  );
  return answer === update;
}

async function announce(prepared: PreparedDeploy, result: DeployResult): Promise<void> {
  const reveal = vscode.l10n.t('Reveal in Tree');
  const curl = vscode.l10n.t('Copy as curl');
  const what = result.created
    ? vscode.l10n.t('Created {0} on {1}.', prepared.plan.connectionName, prepared.tenant.displayName)
    : vscode.l10n.t('Updated {0} on {1}.', prepared.plan.connectionName, prepared.tenant.displayName);
  const choice = await vscode.window.showInformationMessage(what, reveal, curl);
  if (choice === reveal)
    await runCommand(REVEAL_IN_TREE_COMMAND, { tenant: prepared.tenant, connectionId: result.connectionId });
  if (choice === curl)
    await vscode.env.clipboard
      .writeText(toCurl(prepared.plan, prepared.tenant.origin))
      .then(undefined, () => undefined);
}

function remember(
  services: Services,
  uri: vscode.Uri,
  record: boolean,
  outcome: DeployOutcome,
  environment: string | undefined,
): DeployOutcome {
  if (!record) return outcome;
  services.deploys
    .record(uri, { tenant: outcome.tenant, connectionId: outcome.connectionId }, environment)
    .catch((error: unknown) => services.log.error('Recording the deploy in workspace state', error));
  return outcome;
}

function isDeployArgs(arg: unknown): arg is DeployArgs {
  return (
    typeof arg === 'object' &&
    arg !== null &&
    'file' in arg &&
    (('tenant' in arg && typeof arg.tenant === 'string') ||
      ('environment' in arg && typeof arg.environment === 'string'))
  );
}
