import type { Services } from './services';
import { showError } from './vscode/errors';
import { storeSecretAndEdit } from './connectionFile/storeSecretAndEdit';
import type { DeployPreviewDocuments } from './deploy/deployDiff';
import { copyDeployAsCurl, deployConnection } from './deploy/deployConnection';
import { newConnectionFile } from './connectionFile/newConnectionFile';
import { addTenant, editTenant } from './tenants/addTenant';
import { removeTenant } from './tenants/removeTenant';
import type { Trees } from './tree';
import type { ProviderChecks } from './providerCheck/providerChecks';
import { checkProvider } from './providerCheck/checkProvider';
import { moveToOidc } from './connectionFile/moveToOidc';
import { copyId } from './tree/copyId';
import { deleteConnection } from './tree/deleteConnection';
import { deployFileToTenant } from './deploy/deployToTenant';
import { diffConnection } from './deploy/diffConnection';
import { filterByStrategy } from './tree/filterByStrategy';
import { loadMore, retry } from './tree/loadMore';
import { pullConnection } from './deploy/pullConnection';
import { refreshConnectionFiles, refreshTenants } from './tree/refreshTree';
import { revealConnection } from './tree/revealConnection';
import { decodeToken } from './login/decodeToken';
import { openAuthorizeLink } from './login/openAuthorizeLink';
import { testLogin } from './login/testLogin';
import * as ids from './commandIds';
import type { CommandId } from './commandIds';

/** A command as the stand-in registered at activation runs it: errors are shown, never thrown. */
export type CommandRunner = (...args: unknown[]) => Promise<unknown>;

/**
 * The one place commands get their implementation (src/extension.ts registers every id of
 * COMMAND_IDS at activation and runs these once the features are loaded). Each command lives in
 * its own file and is wrapped so that an unexpected failure becomes a message with "Show Log",
 * never an unhandled rejection.
 */
export function commandHandlers(
  services: Services,
  previews: DeployPreviewDocuments,
  trees: Trees,
  providerChecks: ProviderChecks,
): ReadonlyMap<CommandId, CommandRunner> {
  // Each command checks its own arguments, which arrive untyped from the palette, menus and other extensions.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const commands: Record<CommandId, (...args: any[]) => unknown> = {
    [ids.NEW_CONNECTION_FILE_COMMAND]: newConnectionFile(services),
    [ids.STORE_SECRET_AND_EDIT_COMMAND]: storeSecretAndEdit(services.secrets),
    [ids.ADD_TENANT_COMMAND]: addTenant(services),
    [ids.EDIT_TENANT_COMMAND]: editTenant(services),
    [ids.REMOVE_TENANT_COMMAND]: removeTenant(services),
    [ids.DEPLOY_COMMAND]: deployConnection(services, previews),
    [ids.COPY_AS_CURL_COMMAND]: copyDeployAsCurl(services),
    [ids.CHECK_PROVIDER_COMMAND]: checkProvider(services, providerChecks),
    [ids.MOVE_TO_OIDC_COMMAND]: moveToOidc(services, providerChecks),
    [ids.REFRESH_TENANTS_COMMAND]: refreshTenants(trees),
    [ids.REFRESH_CONNECTION_FILES_COMMAND]: refreshConnectionFiles(trees),
    [ids.LOAD_MORE_COMMAND]: loadMore(),
    [ids.RETRY_COMMAND]: retry(),
    [ids.FILTER_BY_STRATEGY_COMMAND]: filterByStrategy(services, trees),
    [ids.DEPLOY_TO_TENANT_COMMAND]: deployFileToTenant(services),
    [ids.DIFF_CONNECTION_COMMAND]: diffConnection(services, previews),
    [ids.PULL_CONNECTION_COMMAND]: pullConnection(services),
    [ids.DELETE_CONNECTION_COMMAND]: deleteConnection(services, trees),
    [ids.COPY_ID_COMMAND]: copyId(),
    [ids.REVEAL_IN_TREE_COMMAND]: revealConnection(services, trees),
    [ids.OPEN_AUTHORIZE_LINK_COMMAND]: openAuthorizeLink(services),
    [ids.TEST_LOGIN_COMMAND]: testLogin(services),
    [ids.DECODE_TOKEN_COMMAND]: decodeToken(services),
  };
  const runners = new Map<CommandId, CommandRunner>();
  for (const id of ids.COMMAND_IDS) {
    const run = commands[id];
    runners.set(id, async (...args: unknown[]) => {
      try {
        return await run(...args);
      } catch (error) {
        showError(services.log, `Command ${id} failed`, error);
        return undefined;
      }
    });
  }
  return runners;
}
