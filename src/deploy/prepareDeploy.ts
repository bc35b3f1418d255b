import * as vscode from 'vscode';
import type { Connection, DeployPlan, ManagementClient } from '../auth0';
import { auth0 } from '../vscode/lazyAuth0';
import type { Auth0OidcConnectionFile } from '../core/connectionFile/connectionModel';
import { secretPlaceholders } from '../core/connectionFile/placeholders';
import { validateConnectionText } from '../core/connectionFile/validate';
import type { Services } from '../services';
import type { Tenant } from '../tenants/tenantRegistry';
import { SecretKeys } from '../vscode/secretStore';

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

export class DeployRefused extends Error {}

/**
 * Reads the file as the editor has it (unsaved edits included, since that is what the person
 * sees), refuses it when it has errors, and fills in `##KEY##` placeholders from SecretStorage.
 */
export async function readConnectionFile(services: Services, uri: vscode.Uri): Promise<ResolvedConnection> {
  const text = await currentText(uri);
  const errors = validateConnectionText(text).filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    const first = errors[0]!;
    throw new DeployRefused(vscode.l10n.t('{0} has {1} error(s); fix them first. Line {2}: {3}', vscode.workspace.asRelativePath(uri), errors.length, first.range.start.line + 1, first.message));
  }
  const body = JSON.parse(text) as Auth0OidcConnectionFile;
  const options: Record<string, unknown> = { ...body.options };
  const unresolved: { option: string; key: string }[] = [];
  for (const { option, key } of secretPlaceholders(options)) {
    const stored = await services.secrets.get(SecretKeys.placeholder(key));
    if (stored) options[option] = stored;
    else unresolved.push({ option, key });
  }
  return { uri, body: { ...body, options: options as Auth0OidcConnectionFile['options'] }, unresolved };
}

/**
 * Unsaved edits when the file is open and dirty (that is what the person sees); otherwise the
 * file on disk, which may be newer than an open document VS Code has not reloaded yet.
 */
async function currentText(uri: vscode.Uri): Promise<string> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open?.isDirty) return open.getText();
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)).replace(/^\uFEFF/, '');
  } catch (error) {
    if (open) return open.getText(); // an untitled or virtual document that has no file behind it
    throw error;
  }
}

/**
 * Looks the connection up by name on the tenant and plans what deploy would do. A placeholder
 * with nothing stored is fine for an update (the tenant keeps its secret); a create needs the
 * value, which is asked for when `ask` is set and kept in SecretStorage.
 */
export async function prepareDeploy(services: Services, tenant: Tenant, local: ResolvedConnection, signal: AbortSignal, ask: boolean): Promise<PreparedDeploy> {
  const client = await services.tenants.client(tenant);
  const remote = await client.findConnectionByName(local.body.name, { signal });
  let resolved = local;
  if (!remote && local.unresolved.length > 0) resolved = await askForMissing(services, local, ask);
  const remoteEnabledClients = remote ? await client.listEnabledClients(remote.id, { signal }) : [];
  const plan = auth0().planDeploy(resolved.body, remote, remoteEnabledClients);
  return { tenant, client, local: resolved, remote, remoteEnabledClients, plan };
}

async function askForMissing(services: Services, local: ResolvedConnection, ask: boolean): Promise<ResolvedConnection> {
  const options: Record<string, unknown> = { ...local.body.options };
  for (const { option, key } of local.unresolved) {
    const typed = ask
      ? await vscode.window.showInputBox({
          title: vscode.l10n.t('Secret for ##{0}##', key),
          prompt: vscode.l10n.t('The file\'s options.{0} is ##{1}##, and no value is stored for it yet. Enter it; it is kept in VS Code\'s secret storage.', option, key),
          password: true,
          ignoreFocusOut: true,
          validateInput: (v) => (v.trim().length > 0 ? undefined : vscode.l10n.t('Required.')),
        })
      : undefined;
    if (!typed) throw new DeployRefused(vscode.l10n.t('Creating the connection needs the value of ##{0}## (options.{1}), and none is stored. Deploy again and enter it when asked.', key, option));
    await services.secrets.store(SecretKeys.placeholder(key), typed.trim());
    options[option] = typed.trim();
  }
  return { ...local, body: { ...local.body, options: options as Auth0OidcConnectionFile['options'] }, unresolved: [] };
}
