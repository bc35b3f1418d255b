import * as vscode from 'vscode';
import type { Connection, DeployPlan, ManagementClient } from '../auth0';
import { auth0 } from '../vscode/lazyAuth0';
import type { Auth0OidcConnectionFile } from '../core/connectionModel';
import { placeholderKey } from '../core/placeholders';
import { validateConnectionText } from '../core/validate';
import type { Services } from '../services';
import type { Tenant } from '../tenants/tenantRegistry';
import { SecretKeys } from '../vscode/secretStore';

/** A connection file read, checked and with its placeholders resolved: what deploy sends. */
export interface ResolvedConnection {
  readonly uri: vscode.Uri;
  /** The body with real secrets: kept in memory only, never logged or written. */
  readonly body: Auth0OidcConnectionFile;
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
 * sees), refuses it when it has errors, and fills in `##KEY##` placeholders from SecretStorage,
 * asking for any that is missing.
 */
export async function readConnectionFile(services: Services, uri: vscode.Uri, askForMissing: boolean): Promise<ResolvedConnection> {
  const document = await vscode.workspace.openTextDocument(uri);
  const text = document.getText();
  const errors = validateConnectionText(text).filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    const first = errors[0]!;
    throw new DeployRefused(vscode.l10n.t('{0} has {1} error(s); fix them first. Line {2}: {3}', vscode.workspace.asRelativePath(uri), errors.length, first.range.start.line + 1, first.message));
  }
  const body = JSON.parse(text) as Auth0OidcConnectionFile;
  const options: Record<string, unknown> = { ...body.options };
  for (const [key, value] of Object.entries(options)) {
    if (typeof value !== 'string') continue;
    const secretKey = placeholderKey(value);
    if (!secretKey) continue;
    options[key] = await resolvePlaceholder(services, secretKey, key, askForMissing);
  }
  return { uri, body: { ...body, options: options as Auth0OidcConnectionFile['options'] } };
}

async function resolvePlaceholder(services: Services, key: string, option: string, ask: boolean): Promise<string> {
  const stored = await services.secrets.get(SecretKeys.placeholder(key));
  if (stored) return stored;
  const typed = ask
    ? await vscode.window.showInputBox({
        title: vscode.l10n.t('Secret for ##{0}##', key),
        prompt: vscode.l10n.t('The file\'s options.{0} is ##{1}##, and no value is stored for it yet. Enter it; it is kept in VS Code\'s secret storage.', option, key),
        password: true,
        ignoreFocusOut: true,
        validateInput: (v) => (v.trim().length > 0 ? undefined : vscode.l10n.t('Required.')),
      })
    : undefined;
  if (!typed) throw new DeployRefused(vscode.l10n.t('No value is stored for ##{0}## (options.{1}). Deploy again and enter it when asked.', key, option));
  await services.secrets.store(SecretKeys.placeholder(key), typed.trim());
  return typed.trim();
}

/** Looks the connection up by name on the tenant and plans what deploy would do. */
export async function prepareDeploy(services: Services, tenant: Tenant, local: ResolvedConnection, signal: AbortSignal): Promise<PreparedDeploy> {
  const client = await services.tenants.client(tenant);
  const remote = await client.findConnectionByName(local.body.name, { signal });
  const remoteEnabledClients = remote ? await client.listEnabledClients(remote.id, { signal }) : [];
  const plan = auth0().planDeploy(local.body, remote, remoteEnabledClients);
  return { tenant, client, local, remote, remoteEnabledClients, plan };
}
