import * as vscode from 'vscode';
import { a0deployFormatOf } from '../core/a0deploy/a0deployFile';
import { fromA0DeployEntry, toA0DeployEntry } from '../core/a0deploy/exportImport';
import { OIDC_STRATEGY } from '../core/connectionFile/connectionModel';
import {
  bindingOf,
  clientSecretPlaceholder,
  isPlaceholder,
  placeholderKey,
  secretPlaceholders,
} from '../core/connectionFile/placeholders';
import { UnsafeFileNameError } from '../core/connectionFile/safeFileName';
import { validConnection } from '../connectionFile/validConnection';
import type { Services } from '../services';
import { pickTenant } from '../tenants/pickTenant';
import type { Tenant } from '../tenants/tenantRegistry';
import { connectionFileFromArg, invokedFile, toUri } from '../vscode/connectionFileArg';
import { readDocumentText } from '../vscode/documentText';
import { UserFacingError } from '../vscode/errors';
import { SecretKeys } from '../vscode/secretStore';
import { UnsafeWriteTargetError, assertSafeWriteTarget, childUri, uriExists } from '../vscode/workspaceFiles';
import { asA0DeploySends, entryFromArgs, refuseEntryWithErrors, refuseKeywordLeft } from './entryFromArgs';

/** How long the commands wait for a tenant's applications (ids and names). */
const APPLICATIONS_LIMIT_MS = 30_000;

/** Arguments that skip the prompts (tests, tasks); a file that exists is still asked about. */
interface TransferArgs {
  readonly file: vscode.Uri | string;
  /** The entry of tenant.yaml to import (a connections/NAME.json file holds one). */
  readonly name?: string;
  readonly folder?: vscode.Uri | string;
  /** Origin or domain of the configured tenant whose applications map ids and names. */
  readonly tenant?: string;
}

function transferArgs(arg: unknown): TransferArgs | undefined {
  if (typeof arg !== 'object' || arg === null || arg instanceof vscode.Uri || !('file' in arg)) return undefined;
  const a = arg as Record<string, unknown>;
  if (!(typeof a.file === 'string' || a.file instanceof vscode.Uri)) return undefined;
  return {
    file: a.file,
    ...(typeof a.name === 'string' ? { name: a.name } : {}),
    ...(typeof a.folder === 'string' || a.folder instanceof vscode.Uri ? { folder: a.folder } : {}),
    ...(typeof a.tenant === 'string' ? { tenant: a.tenant } : {}),
  };
}

/**
 * Auth0 OIDC: Export for auth0-deploy-cli — writes the connection file as a0deploy's
 * `connections/NAME.json`: enabled_clients ids as application names of a tenant (the file's last
 * deploy, else a pick), placeholders kept for a0deploy's keyword mappings.
 */
export function exportToA0Deploy(services: Services) {
  return async (arg?: unknown): Promise<vscode.Uri | undefined> => {
    const args = transferArgs(arg);
    const uri = args
      ? toUri(args.file)
      : await connectionFileFromArg(arg, vscode.l10n.t('Connection file to export for auth0-deploy-cli'));
    if (!uri) return undefined;
    // The file as written: its placeholders are what a0deploy's mappings fill in.
    const body = validConnection(uri, await readDocumentText(uri)) as unknown as Record<string, unknown>;
    const enabled = Array.isArray(body['enabled_clients']) ? body['enabled_clients'] : [];
    let apps: readonly { client_id: string; name?: string | undefined }[] = [];
    if (enabled.length > 0) {
      const last = services.deploys.last(uri)?.tenant;
      const tenant = await tenantFor(
        services,
        args?.tenant ?? last,
        vscode.l10n.t('Tenant whose application names enabled_clients gets'),
      );
      if (!tenant) return undefined;
      apps = await applicationsOf(services, tenant);
    }
    const { entry, mapping } = toA0DeployEntry(body, apps);
    const folder = args?.folder !== undefined ? toUri(args.folder) : await pickConnectionsFolder();
    if (!folder) return undefined;
    const target = await writeTarget(folder, `${String(body['name'])}.json`);
    if (!target || !(await mayWrite(target))) return undefined;
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(JSON.stringify(entry, undefined, 2) + '\n'));
    await vscode.window.showTextDocument(target);
    const keys = secretPlaceholders((body['options'] ?? {}) as Record<string, unknown>).map((p) => p.key);
    const notes = [
      ...(keys.length > 0
        ? [
            vscode.l10n.t(
              'a0deploy fills {0} from AUTH0_KEYWORD_REPLACE_MAPPINGS in its config.json (or the environment): add the key there, not the secret in the repository.',
              keys.map((k) => `##${k}##`).join(', '),
            ),
          ]
        : []),
      ...(mapping.unknown.length + mapping.ambiguous.length > 0
        ? [
            vscode.l10n.t(
              'Kept as client ids (no single application has them by name): {0}.',
              [...mapping.unknown, ...mapping.ambiguous].join(', '),
            ),
          ]
        : []),
    ];
    void vscode.window.showInformationMessage(
      [vscode.l10n.t('Wrote {0} for auth0-deploy-cli.', vscode.workspace.asRelativePath(target)), ...notes].join(' '),
    );
    return target;
  };
}

/**
 * Auth0 OIDC: Import from auth0-deploy-cli — the reverse: an entry of tenant.yaml or a
 * connections/NAME.json, its keywords replaced from config.json (secrets kept as placeholders),
 * names mapped to the client ids of the repository's tenant, written as the extension's file.
 */
export function importFromA0Deploy(services: Services) {
  return async (arg?: unknown, nameArg?: unknown): Promise<vscode.Uri | undefined> => {
    const args = transferArgs(arg);
    const found = await entryFromArgs(
      services,
      args ? toUri(args.file) : invokedFile(arg, (path) => a0deployFormatOf(path) !== undefined),
      args?.name ?? (typeof nameArg === 'string' ? nameArg : undefined),
      () =>
        vscode.l10n.t(
          'Open an auth0-deploy-cli file (tenant.yaml or connections/NAME.json) with an auth0-oidc or oidc connection, then run Import from auth0-deploy-cli.',
        ),
    );
    if (!found) return undefined;
    const { name, tenant: repositoryTenant } = found;
    refuseEntryWithErrors(found);
    const replaced = asA0DeploySends(found);
    refuseKeywordLeft(found, replaced, vscode.l10n.t('Nothing was written.'));
    let apps: readonly { client_id: string; name?: string | undefined }[] = [];
    if (Array.isArray(replaced['enabled_clients']) && replaced['enabled_clients'].length > 0) {
      const tenant = args?.tenant
        ? await tenantFor(services, args.tenant, '')
        : (repositoryTenant ??
          (await tenantFor(services, undefined, vscode.l10n.t('Tenant whose client ids enabled_clients gets'))));
      if (!tenant) return undefined;
      apps = await applicationsOf(services, tenant);
    }
    const { body, mapping } = fromA0DeployEntry(replaced, apps);
    const [unknown] = [...mapping.unknown, ...mapping.ambiguous];
    if (unknown !== undefined)
      throw new UserFacingError(
        vscode.l10n.t(
          'enabled_clients of "{0}" names "{1}", which no single application of the tenant is called: fix the name first. Nothing was written.',
          name,
          unknown,
        ),
      );
    await keepSecretOut(services, name, body);
    const folder =
      args?.folder !== undefined
        ? toUri(args.folder)
        : (
            await vscode.window.showOpenDialog({
              canSelectFolders: true,
              canSelectFiles: false,
              ...(vscode.workspace.workspaceFolders?.[0]
                ? { defaultUri: vscode.workspace.workspaceFolders[0].uri }
                : {}),
              openLabel: vscode.l10n.t('Write Here'),
              title: vscode.l10n.t('Folder for the connection file of "{0}"', name),
            })
          )?.[0];
    if (!folder) return undefined;
    const suffix = body['strategy'] === OIDC_STRATEGY ? 'oidc-connection' : 'auth0-oidc';
    const target = await writeTarget(folder, `${name}.${suffix}.json`);
    if (!target || !(await mayWrite(target))) return undefined;
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(JSON.stringify(body, undefined, 2) + '\n'));
    await vscode.window.showTextDocument(target);
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        'Wrote {0} from "{1}": client ids in enabled_clients, the secret as a placeholder filled from secret storage at Deploy.',
        vscode.workspace.asRelativePath(target),
        name,
      ),
    );
    return target;
  };
}

/** A literal secret in an entry goes to secret storage, and the file gets a placeholder, as Pull does. */
async function keepSecretOut(services: Services, name: string, body: Record<string, unknown>): Promise<void> {
  const options = body['options'];
  if (typeof options !== 'object' || options === null) return;
  const secret = (options as Record<string, unknown>)['client_secret'];
  if (typeof secret !== 'string' || secret.trim() === '' || isPlaceholder(secret)) return;
  const placeholder = clientSecretPlaceholder(name);
  const key = placeholderKey(placeholder)!;
  if ((await services.secrets.get(SecretKeys.placeholder(key))) === undefined)
    await services.secrets.storePlaceholder(key, secret, bindingOf(options as Record<string, unknown>));
  body['options'] = { ...options, client_secret: placeholder };
}

async function tenantFor(services: Services, originOrDomain: string | undefined, placeHolder: string) {
  const named = originOrDomain !== undefined ? services.tenants.find(originOrDomain) : undefined;
  if (originOrDomain !== undefined && !named && placeHolder === '')
    throw new UserFacingError(
      vscode.l10n.t('{0} is not a configured tenant. Add it with "Auth0 OIDC: Add Tenant".', originOrDomain),
    );
  return named ?? (await pickTenant(services.tenants, placeHolder));
}

async function applicationsOf(services: Services, tenant: Tenant) {
  const loaded = await services.applications.load(tenant, APPLICATIONS_LIMIT_MS, { interactive: true, fresh: true });
  if (loaded.kind !== 'loaded')
    throw new UserFacingError(
      vscode.l10n.t(
        'The applications of {0} are needed to map enabled_clients between ids and names, and they could not be read: {1}',
        tenant.displayName,
        loaded.kind === 'failed' ? loaded.reason : vscode.l10n.t('no answer in time.'),
      ),
    );
  return loaded.apps;
}

/** A folder to export into: the user's pick, starting at a `connections` folder of the workspace. */
async function pickConnectionsFolder(): Promise<vscode.Uri | undefined> {
  const found = await vscode.workspace.findFiles('**/connections/*.json', '**/node_modules/**', 50);
  const folders = [...new Set(found.map((f) => vscode.Uri.joinPath(f, '..').toString()))];
  const start = folders.length > 0 ? vscode.Uri.parse(folders[0]!) : vscode.workspace.workspaceFolders?.[0]?.uri;
  const picked = await vscode.window.showOpenDialog({
    canSelectFolders: true,
    canSelectFiles: false,
    ...(start ? { defaultUri: start } : {}),
    openLabel: vscode.l10n.t('Export Here'),
    title: vscode.l10n.t("auth0-deploy-cli's connections folder"),
  });
  return picked?.[0];
}

/** `fileName` in `folder`, refused when it would lead elsewhere or through a link. */
async function writeTarget(folder: vscode.Uri, fileName: string): Promise<vscode.Uri | undefined> {
  try {
    const target = childUri(folder, fileName);
    await assertSafeWriteTarget(target);
    return target;
  } catch (error) {
    if (!(error instanceof UnsafeFileNameError || error instanceof UnsafeWriteTargetError)) throw error;
    throw new UserFacingError(vscode.l10n.t('Nothing was written: {0}', error.message));
  }
}

/** An existing file is replaced only when the person says so. */
async function mayWrite(target: vscode.Uri): Promise<boolean> {
  if (!(await uriExists(target))) return true;
  const replace = vscode.l10n.t('Replace');
  return (
    (await vscode.window.showWarningMessage(
      vscode.l10n.t('{0} already exists. Replace it?', vscode.workspace.asRelativePath(target)),
      { modal: true },
      replace,
    )) === replace
  );
}
