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
import {
  NEW_CONNECTION_FILE_COMMAND,
  STORE_SECRET_AND_EDIT_COMMAND,
  MOVE_TO_OIDC_COMMAND,
  ADD_TENANT_COMMAND,
  EDIT_TENANT_COMMAND,
  REMOVE_TENANT_COMMAND,
  DEPLOY_COMMAND,
  COPY_AS_CURL_COMMAND,
  DEPLOY_TO_TENANT_COMMAND,
  DIFF_CONNECTION_COMMAND,
  PULL_CONNECTION_COMMAND,
  CHECK_PROVIDER_COMMAND,
  OPEN_AUTHORIZE_LINK_COMMAND,
  TEST_LOGIN_COMMAND,
  DECODE_TOKEN_COMMAND,
  REFRESH_TENANTS_COMMAND,
  REFRESH_CONNECTION_FILES_COMMAND,
  LOAD_MORE_COMMAND,
  RETRY_COMMAND,
  FILTER_BY_STRATEGY_COMMAND,
  DELETE_CONNECTION_COMMAND,
  COPY_ID_COMMAND,
  REVEAL_IN_TREE_COMMAND,
  COMMAND_IDS,
  type CommandId,
} from './commandIds';

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
    [NEW_CONNECTION_FILE_COMMAND]: newConnectionFile(services),
    [STORE_SECRET_AND_EDIT_COMMAND]: storeSecretAndEdit(services.secrets),
    [ADD_TENANT_COMMAND]: addTenant(services),
    [EDIT_TENANT_COMMAND]: editTenant(services),
    [REMOVE_TENANT_COMMAND]: removeTenant(services),
    [DEPLOY_COMMAND]: deployConnection(services, previews),
    [COPY_AS_CURL_COMMAND]: copyDeployAsCurl(services),
    [CHECK_PROVIDER_COMMAND]: checkProvider(services, providerChecks),
    [MOVE_TO_OIDC_COMMAND]: moveToOidc(services, providerChecks),
    [REFRESH_TENANTS_COMMAND]: refreshTenants(trees),
    [REFRESH_CONNECTION_FILES_COMMAND]: refreshConnectionFiles(trees),
    [LOAD_MORE_COMMAND]: loadMore(),
    [RETRY_COMMAND]: retry(),
    [FILTER_BY_STRATEGY_COMMAND]: filterByStrategy(services, trees),
    [DEPLOY_TO_TENANT_COMMAND]: deployFileToTenant(services),
    [DIFF_CONNECTION_COMMAND]: diffConnection(services, previews),
    [PULL_CONNECTION_COMMAND]: pullConnection(services),
    [DELETE_CONNECTION_COMMAND]: deleteConnection(services, trees),
    [COPY_ID_COMMAND]: copyId(),
    [REVEAL_IN_TREE_COMMAND]: revealConnection(services, trees),
    [OPEN_AUTHORIZE_LINK_COMMAND]: openAuthorizeLink(services),
    [TEST_LOGIN_COMMAND]: testLogin(services),
    [DECODE_TOKEN_COMMAND]: decodeToken(services),
  };
  const runners = new Map<CommandId, CommandRunner>();
  for (const id of COMMAND_IDS) {
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
