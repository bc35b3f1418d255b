import * as vscode from 'vscode';
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
import { asA0DeploySends, entryFromArgs, refuseEntryWithErrors, refuseKeywordLeft } from './entryFromArgs';
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
 * The CodeLens and fixes of an a0deploy entry (tenant.yaml or connections/NAME.json): runs Check
 * Provider, Open Authorize Link, Test Login or Deploy on that entry's connection, read as a0deploy
 * reads it (its keywords replaced from config.json), on the tenant config.json's AUTH0_DOMAIN
 * names; stores its secret (the store-secret fix), or runs Import on it.
 */
export function runOnA0DeployEntry(services: Services) {
  return async (uri?: unknown, name?: unknown, action?: unknown, options?: unknown): Promise<unknown> => {
    if (!(uri instanceof vscode.Uri) || typeof name !== 'string' || !ACTIONS.includes(action as EntryAction))
      throw new UserFacingError(
        vscode.l10n.t('Run this from the CodeLens above a connection of tenant.yaml or connections/*.json.'),
      );
    const found = await entryFromArgs(services, uri, name, () =>
      vscode.l10n.t('{0} is not an auth0-deploy-cli file.', vscode.workspace.asRelativePath(uri)),
    );
    if (!found) return undefined;
    const { tenant } = found;
    const tenantArg = tenant ? { tenant: tenant.origin } : {};
    switch (action as EntryAction) {
      case 'testLogin':
        return vscode.commands.executeCommand(TEST_LOGIN_COMMAND, { connectionName: name, ...tenantArg });
      case 'openAuthorizeLink':
        return vscode.commands.executeCommand(OPEN_AUTHORIZE_LINK_COMMAND, { connectionName: name, ...tenantArg });
      case 'storeSecret':
        return storeEntrySecret(services, found, storeOptions(options));
      case 'import': {
        // The folder to write to is asked by Import, unless given (tests).
        const folder =
          typeof options === 'object' && options !== null ? (options as { folder?: unknown }).folder : undefined;
        return folder instanceof vscode.Uri
          ? vscode.commands.executeCommand(IMPORT_FROM_A0DEPLOY_COMMAND, { file: uri, name, folder })
          : vscode.commands.executeCommand(IMPORT_FROM_A0DEPLOY_COMMAND, uri, name);
      }
      case 'deploy':
        refuseEntryWithErrors(found);
        return deployEntry(services, found);
      case 'checkProvider': {
        refuseEntryWithErrors(found);
        const connection = asA0DeploySends(found);
        // The options only: the check reads no other part of the connection.
        refuseKeywordLeft(found, connection['options'], vscode.l10n.t('The provider check needs its value.'));
        const rp = tenant ?? (await pickTenant(services.tenants, vscode.l10n.t('Relying Party tenant of "{0}"', name)));
        if (!rp) return undefined;
        return vscode.commands.executeCommand(CHECK_PROVIDER_COMMAND, { connection, tenant: { origin: rp.origin } });
      }
    }
  };
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
