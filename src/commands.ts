import type { CommandHandler, CommandId } from './commandIds';
import type { Services } from './services';
import { showError } from './vscode/errors';
import { STORE_SECRET_AND_EDIT_COMMAND, storeSecretAndEdit } from './connectionFile/connectionCodeActions';
import type { DeployPreviewDocuments } from './deploy/deployDiff';
import { COPY_AS_CURL_COMMAND, DEPLOY_COMMAND, copyDeployAsCurl, deployConnection } from './deploy/deployConnection';
import { NEW_CONNECTION_FILE_COMMAND, newConnectionFile } from './connectionFile/newConnectionFile';
import { ADD_TENANT_COMMAND, EDIT_TENANT_COMMAND, addTenant, editTenant } from './tenants/addTenant';
import { REMOVE_TENANT_COMMAND, removeTenant } from './tenants/removeTenant';
import type { Trees } from './tree';
import type { ProviderChecks } from './providerCheck/providerChecks';
import { CHECK_PROVIDER_COMMAND, checkProvider } from './providerCheck/checkProvider';
import { MOVE_TO_OIDC_COMMAND, moveToOidc } from './connectionFile/moveToOidc';
import { COPY_ID_COMMAND, copyId } from './tree/copyId';
import { DELETE_CONNECTION_COMMAND, deleteConnection } from './tree/deleteConnection';
import { DEPLOY_TO_TENANT_COMMAND, deployFileToTenant } from './deploy/deployToTenant';
import { DIFF_CONNECTION_COMMAND, diffConnection } from './deploy/diffConnection';
import { FILTER_BY_STRATEGY_COMMAND, filterByStrategy } from './tree/filterByStrategy';
import { LOAD_MORE_COMMAND, RETRY_COMMAND, loadMore, retry } from './tree/loadMore';
import { PULL_CONNECTION_COMMAND, pullConnection } from './deploy/pullConnection';
import { REFRESH_CONNECTION_FILES_COMMAND, REFRESH_TENANTS_COMMAND, refreshConnectionFiles, refreshTenants } from './tree/refreshTree';
import { REVEAL_IN_TREE_COMMAND, revealConnection } from './tree/revealConnection';
import { DECODE_TOKEN_COMMAND, decodeToken } from './login/decodeToken';
import { OPEN_AUTHORIZE_LINK_COMMAND, openAuthorizeLink } from './login/openAuthorizeLink';
import { TEST_LOGIN_COMMAND, testLogin } from './login/testLogin';

/**
 * The one place commands are bound to their handlers; src/extension.ts registers every id at
 * activation and calls these once the features are loaded. Each command lives in its own file and
 * is wrapped so that an unexpected failure becomes a message with "Show Log", never an unhandled
 * rejection.
 */
export function commandHandlers(services: Services, previews: DeployPreviewDocuments, trees: Trees, providerChecks: ProviderChecks): ReadonlyMap<CommandId, (...args: unknown[]) => Promise<unknown>> {
  const commands: Record<CommandId, CommandHandler> = {
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
  const handlers = new Map<CommandId, (...args: unknown[]) => Promise<unknown>>();
  for (const [id, run] of Object.entries(commands) as [CommandId, CommandHandler][]) {
    handlers.set(id, async (...args: unknown[]) => {
      try {
        return await run(...args);
      } catch (error) {
        showError(services.log, `Command ${id} failed`, error);
        return undefined;
      }
    });
  }
  return handlers;
}
