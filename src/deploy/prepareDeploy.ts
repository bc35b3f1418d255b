import * as vscode from 'vscode';
import type { CallOptions, Connection, ManagementClient } from '../auth0';
import type { Auth0OidcConnectionFile } from '../core/connectionFile/connectionModel';
import { bindingOf, fillPlaceholders } from '../core/connectionFile/placeholders';
import { planDeploy, type DeployPlan } from '../core/deploy/plan';
import { readRemoteState } from '../core/deploy/remoteState';
import type { Services } from '../services';
import type { Tenant } from '../tenants/tenantRegistry';
import { readDocumentText } from '../vscode/documentText';
import { UserFacingError } from '../vscode/errors';
import { fillStoredSecrets } from '../connectionFile/storedSecrets';
import { validConnection } from '../connectionFile/validConnection';

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
export async function readResolvedConnection(services: Services, uri: vscode.Uri): Promise<ResolvedConnection> {
  const body = validConnection(uri, await readDocumentText(uri));
  return { uri, ...(await fillStoredSecrets(services.secrets, body, { file: uri })) };
}

/**
 * Looks the connection up by name on the tenant and plans what deploy would do. A placeholder
 * with nothing stored is fine for an update (the tenant keeps its secret); a create needs the
 * value, which is asked for when `ask` is set and kept in SecretStorage. `onRetry` shows the
 * reads' retries in the caller's progress.
 */
export async function prepareDeploy(
  services: Services,
  tenant: Tenant,
  local: ResolvedConnection,
  signal: AbortSignal,
  ask: boolean,
  onRetry?: CallOptions['onRetry'],
): Promise<PreparedDeploy> {
  const client = await services.tenants.client(tenant);
  const call: CallOptions = { signal, ...(onRetry ? { onRetry } : {}) };
  const { remote, enabledClients: remoteEnabledClients } = await readRemoteState(client, local.body.name, call);
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
    await services.secrets.storePlaceholder(key, typed.trim(), bindingOf(local.body.options));
    typedValues.set(key, typed.trim());
  }
  return { ...local, ...fillPlaceholders(local.body, (key) => typedValues.get(key)) };
}
