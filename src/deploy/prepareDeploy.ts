import * as vscode from 'vscode';
import type { Connection, ManagementClient } from '../auth0';
import type { Auth0OidcConnectionFile } from '../core/connectionFile/connectionModel';
import { fillPlaceholders, secretPlaceholders } from '../core/connectionFile/placeholders';
import { validateConnectionText } from '../core/connectionFile/validate';
import { planDeploy, type DeployPlan } from '../core/deploy/plan';
import { readRemoteState } from '../core/deploy/remoteState';
import type { Services } from '../services';
import type { Tenant } from '../tenants/tenantRegistry';
import { readDocumentText } from '../vscode/documentText';
import { UserFacingError } from '../vscode/errors';
import { SecretKeys, type SecretStore } from '../vscode/secretStore';

/** A connection file read and checked, with the placeholders whose secrets are stored filled in. */
export interface ResolvedConnection {
  readonly uri: vscode.Uri;
  /** The body with real secrets: kept in memory only, never logged or written. */
  readonly body: Auth0OidcConnectionFile;
  /** Options still holding a `##KEY##` placeholder because nothing is stored for it yet. */
  readonly unresolved: readonly { readonly option: string; readonly key: string }[];
}

export interface PreparedDeploy {
  readonly tenant: Tenant;
  readonly client: ManagementClient;
  readonly local: ResolvedConnection;
  readonly remote: Connection | undefined;
  readonly remoteEnabledClients: readonly string[];
  readonly plan: DeployPlan;
}

/**
 * Reads the file as the editor has it (unsaved edits included, since that is what the person
 * sees), refuses it when it has errors, and fills in `##KEY##` placeholders from SecretStorage.
 */
export async function readConnectionFile(services: Services, uri: vscode.Uri): Promise<ResolvedConnection> {
  const text = await readDocumentText(uri);
  const errors = validateConnectionText(text, { fileName: uri.path }).filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    const first = errors[0]!;
    throw new UserFacingError(
      vscode.l10n.t(
        '{0} has {1} error(s); fix them first. Line {2}: {3}',
        vscode.workspace.asRelativePath(uri),
        errors.length,
        first.range.start.line + 1,
        first.message,
      ),
    );
  }
  return { uri, ...(await fillStoredSecrets(services.secrets, JSON.parse(text) as Auth0OidcConnectionFile)) };
}

/**
 * Fills the `##KEY##` placeholders whose secret SecretStorage holds, asking for nothing: a
 * placeholder left as it is keeps the tenant's secret in an update plan.
 */
export async function fillStoredSecrets<B extends Auth0OidcConnectionFile>(
  secrets: SecretStore,
  body: B,
): Promise<{ body: B; unresolved: readonly { option: string; key: string }[] }> {
  const stored = new Map<string, string | undefined>();
  for (const { key } of secretPlaceholders(body.options))
    stored.set(key, await secrets.get(SecretKeys.placeholder(key)));
  return fillPlaceholders(body, (key) => stored.get(key));
}

/**
 * Looks the connection up by name on the tenant and plans what deploy would do. A placeholder
 * with nothing stored is fine for an update (the tenant keeps its secret); a create needs the
 * value, which is asked for when `ask` is set and kept in SecretStorage.
 */
export async function prepareDeploy(
  services: Services,
  tenant: Tenant,
  local: ResolvedConnection,
  signal: AbortSignal,
  ask: boolean,
): Promise<PreparedDeploy> {
  const client = await services.tenants.client(tenant);
  const { remote, enabledClients: remoteEnabledClients } = await readRemoteState(client, local.body.name, signal);
  let resolved = local;
  if (!remote && local.unresolved.length > 0) resolved = await askForMissing(services, local, ask);
  const plan = planDeploy(resolved.body, remote, remoteEnabledClients);
  return { tenant, client, local: resolved, remote, remoteEnabledClients, plan };
}

async function askForMissing(services: Services, local: ResolvedConnection, ask: boolean): Promise<ResolvedConnection> {
  const typedValues = new Map<string, string>();
  for (const { option, key } of local.unresolved) {
    const typed = ask
      ? await vscode.window.showInputBox({
          title: vscode.l10n.t('Secret for ##{0}##', key),
          prompt: vscode.l10n.t(
            "The file's options.{0} is ##{1}##, and no value is stored for it yet. Enter it; it is kept in VS Code's secret storage.",
            option,
            key,
          ),
          password: true,
          ignoreFocusOut: true,
          validateInput: (v) => (v.trim().length > 0 ? undefined : vscode.l10n.t('Required.')),
        })
      : undefined;
    if (!typed)
      throw new UserFacingError(
        vscode.l10n.t(
          'Creating the connection needs the value of ##{0}## (options.{1}), and none is stored. Deploy again and enter it when asked.',
          key,
          option,
        ),
      );
    await services.secrets.store(SecretKeys.placeholder(key), typed.trim());
    typedValues.set(key, typed.trim());
  }
  return { ...local, ...fillPlaceholders(local.body, (key) => typedValues.get(key)) };
}
