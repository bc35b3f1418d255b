import * as vscode from 'vscode';
import { configPathFor, replaceKeywords } from '../core/a0deploy/a0deployConfig';
import { a0deployFormatOf, readA0DeployFile, type A0DeployEntry } from '../core/a0deploy/a0deployFile';
import { keywordLeft } from '../core/a0deploy/exportImport';
import {
  CHECK_PROVIDER_COMMAND,
  IMPORT_FROM_A0DEPLOY_COMMAND,
  OPEN_AUTHORIZE_LINK_COMMAND,
  TEST_LOGIN_COMMAND,
} from '../commandIds';
import { deployEntry } from './deployEntry';
import type { Services } from '../services';
import { pickTenant } from '../tenants/pickTenant';
import { UserFacingError } from '../vscode/errors';
import type { EntryAction } from './a0deployEditor';
import { refusePatternKeys, repositoryContext } from './a0deployRepository';
import { storeEntrySecret, type StoreEntrySecretOptions } from './storeEntrySecret';

const ACTIONS: readonly EntryAction[] = [
  'checkProvider',
  'openAuthorizeLink',
  'testLogin',
  'deploy',
  'storeSecret',
  'import',
];

/**
 * The CodeLens of an a0deploy entry (tenant.yaml or connections/NAME.json): runs Check Provider,
 * Open Authorize Link, Test Login or Deploy on that entry's connection, read as a0deploy reads it (its
 * keywords replaced from config.json), on the tenant config.json's AUTH0_DOMAIN names.
 */
export function runOnA0DeployEntry(services: Services) {
  return async (uri?: unknown, name?: unknown, action?: unknown, options?: unknown): Promise<unknown> => {
    if (!(uri instanceof vscode.Uri) || typeof name !== 'string' || !ACTIONS.includes(action as EntryAction))
      throw new UserFacingError(
        vscode.l10n.t('Run this from the CodeLens above a connection of tenant.yaml or connections/*.json.'),
      );
    const format = a0deployFormatOf(uri.path);
    if (!format)
      throw new UserFacingError(
        vscode.l10n.t('{0} is not an auth0-deploy-cli file.', vscode.workspace.asRelativePath(uri)),
      );
    const document = await vscode.workspace.openTextDocument(uri);
    const entry = readA0DeployFile(document.getText(), format).entries.find((e) => e.name === name);
    if (!entry)
      throw new UserFacingError(
        vscode.l10n.t(
          '{0} has no auth0-oidc or oidc connection named "{1}" any more.',
          vscode.workspace.asRelativePath(uri),
          name,
        ),
      );
    const { config, tenant } = await repositoryContext(services, uri, format);
    const tenantArg = tenant ? { tenant: tenant.origin } : {};
    switch (action as EntryAction) {
      case 'testLogin':
        return vscode.commands.executeCommand(TEST_LOGIN_COMMAND, { connectionName: name, ...tenantArg });
      case 'openAuthorizeLink':
        return vscode.commands.executeCommand(OPEN_AUTHORIZE_LINK_COMMAND, { connectionName: name, ...tenantArg });
      case 'storeSecret':
        return storeEntrySecret(services, uri, format, entry, config, storeOptions(options));
      case 'import': {
        // The folder to write to is asked by Import, unless given (tests).
        const folder =
          typeof options === 'object' && options !== null ? (options as { folder?: unknown }).folder : undefined;
        return folder instanceof vscode.Uri
          ? vscode.commands.executeCommand(IMPORT_FROM_A0DEPLOY_COMMAND, { file: uri, name, folder })
          : vscode.commands.executeCommand(IMPORT_FROM_A0DEPLOY_COMMAND, uri, name);
      }
      case 'deploy':
        refuseEntryWithErrors(entry, name);
        return deployEntry(services, uri, entry, configPathFor(uri.path, format), config, tenant);
      case 'checkProvider': {
        refuseEntryWithErrors(entry, name);
        refusePatternKeys(config, uri.with({ path: configPathFor(uri.path, format) }));
        const connection = replaceKeywords(entry.connection, config?.mappings ?? {}) as Record<string, unknown>;
        // The options only: the check reads no other part of the connection.
        const left = keywordLeft(connection['options']);
        if (left !== undefined)
          throw new UserFacingError(
            vscode.l10n.t(
              'Add "{0}" to AUTH0_KEYWORD_REPLACE_MAPPINGS in config.json beside the repository: a0deploy replaces it, and the provider check needs its value.',
              left,
            ),
          );
        const rp = tenant ?? (await pickTenant(services.tenants, vscode.l10n.t('Relying Party tenant of "{0}"', name)));
        if (!rp) return undefined;
        return vscode.commands.executeCommand(CHECK_PROVIDER_COMMAND, { connection, tenant: { origin: rp.origin } });
      }
    }
  };
}

function refuseEntryWithErrors(entry: A0DeployEntry, name: string): void {
  const errors = entry.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0)
    throw new UserFacingError(
      vscode.l10n.t(
        'Fix the {0} error(s) of "{1}" first (line {2}: {3}).',
        errors.length,
        name,
        errors[0]!.range.start.line + 1,
        errors[0]!.message,
      ),
    );
}

/** The store-secret action's options (tests): the value instead of the password box. */
function storeOptions(options: unknown): StoreEntrySecretOptions {
  if (typeof options !== 'object' || options === null) return {};
  const o = options as Record<string, unknown>;
  return {
    ...(typeof o['value'] === 'string' ? { value: o['value'] } : {}),
    ...(o['rebind'] === true ? { rebind: true } : {}),
  };
}
