import * as vscode from 'vscode';
import type { Connection, ManagementClient } from '../auth0';
import type { Auth0OidcConnectionFile } from '../core/connectionFile/connectionModel';
import { bindingMismatch, bindingOf, fillPlaceholders, secretPlaceholders } from '../core/connectionFile/placeholders';
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
  const body = JSON.parse(text) as Auth0OidcConnectionFile;
  return { uri, ...(await fillStoredSecrets(services.secrets, body, { file: uri })) };
}

/**
 * Fills the `##KEY##` placeholders whose secret SecretStorage holds, asking for nothing: a
 * placeholder left as it is keeps the tenant's secret in an update plan.
 *
 * A stored value is bound to the provider domain and client id it was stored for (issue 12.5): a
 * file naming another one is refused with the reason, when `confirm` names the file (deploy, curl);
 * without it (the files view) such a value is just not filled in. A value stored by an earlier
 * version (no binding) is bound to this file's domain and client id after one modal confirmation.
 */
export async function fillStoredSecrets<B extends Auth0OidcConnectionFile>(
  secrets: SecretStore,
  body: B,
  confirm?: { readonly file: vscode.Uri },
): Promise<{ body: B; unresolved: readonly { option: string; key: string }[] }> {
  const asked = bindingOf(body.options);
  const stored = new Map<string, string | undefined>();
  for (const { key } of secretPlaceholders(body.options)) {
    const value = await secrets.get(SecretKeys.placeholder(key));
    if (value === undefined) continue;
    const binding = await secrets.placeholderBinding(key);
    if (binding) {
      const differ = bindingMismatch(binding, asked);
      if (differ.length === 0) stored.set(key, value);
      else if (confirm)
        throw new UserFacingError(
          vscode.l10n.t(
            '##{0}## is not filled in: it was stored for the application {1} of {2}, and {3} names {4} of {5} ({6} differ). Nothing was sent. Use a placeholder of its own for this file (for example the literal-secret quick fix).',
            key,
            binding.clientId,
            binding.domain,
            vscode.workspace.asRelativePath(confirm.file),
            asked?.clientId ?? '?',
            asked?.domain ?? '?',
            differ.map((d) => `options.${d}`).join(', '),
          ),
        );
    } else if (confirm && asked && (await confirmMigration(key, asked, confirm.file))) {
      await secrets.bindPlaceholder(key, asked);
      stored.set(key, value);
    } else if (confirm) {
      throw new UserFacingError(
        vscode.l10n.t(
          '##{0}## was stored by an earlier version, without what it is for, and was not confirmed for {1}: nothing was sent.',
          key,
          vscode.workspace.asRelativePath(confirm.file),
        ),
      );
    }
  }
  return fillPlaceholders(body, (key) => stored.get(key));
}

/** One time per value: bind a value stored by an earlier version to this file's domain and client id. */
async function confirmMigration(key: string, asked: { domain: string; clientId: string }, file: vscode.Uri) {
  const bind = vscode.l10n.t('Use It for {0}', asked.domain);
  return (
    (await vscode.window.showWarningMessage(
      vscode.l10n.t('Use the stored ##{0}## for {1}?', key, vscode.workspace.asRelativePath(file)),
      {
        modal: true,
        detail: vscode.l10n.t(
          'This secret was stored by an earlier version, which did not record what it is for. From now on it is bound to the provider {0} and the application {1}, and only files naming both get it. Answer no if you did not store it for this file.',
          asked.domain,
          asked.clientId,
        ),
      },
      bind,
    )) === bind
  );
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
    await services.secrets.storePlaceholder(key, typed.trim(), bindingOf(local.body.options));
    typedValues.set(key, typed.trim());
  }
  return { ...local, ...fillPlaceholders(local.body, (key) => typedValues.get(key)) };
}
