import * as vscode from 'vscode';
import type { Services } from './services';
import { showError } from './vscode/errors';
import { refuseUntrusted } from './vscode/trust';
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
} from './commandIds';

/**
 * The one place commands are registered. Each command lives in its own file and is wrapped so
 * that an unexpected failure becomes a message with "Show Log", never an unhandled rejection.
 */
export function registerCommands(
  services: Services,
  previews: DeployPreviewDocuments,
  trees: Trees,
  providerChecks: ProviderChecks,
): void {
  // Each command checks its own arguments, which arrive untyped from the palette, menus and other extensions.
  // The third column is the workspace-trust gate: a command that names what it does there talks to a
  // tenant (or asks for credentials), and in an untrusted workspace it is refused here, before it runs,
  // with that reason. TenantRegistry.client() refuses too, for any other way in.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const commands: [string, (...args: any[]) => unknown, string?][] = [
    [NEW_CONNECTION_FILE_COMMAND, newConnectionFile(services)],
    [STORE_SECRET_AND_EDIT_COMMAND, storeSecretAndEdit(services.secrets)],
    [ADD_TENANT_COMMAND, addTenant(services), vscode.l10n.t('Adding a tenant')],
    [EDIT_TENANT_COMMAND, editTenant(services), vscode.l10n.t('Editing a tenant')],
    [REMOVE_TENANT_COMMAND, removeTenant(services)],
    [DEPLOY_COMMAND, deployConnection(services, previews), vscode.l10n.t('Deploying')],
    [COPY_AS_CURL_COMMAND, copyDeployAsCurl(services), vscode.l10n.t('Copying the deploy as curl')],
    [CHECK_PROVIDER_COMMAND, checkProvider(services, providerChecks)],
    [MOVE_TO_OIDC_COMMAND, moveToOidc(services, providerChecks)],
    [REFRESH_TENANTS_COMMAND, refreshTenants(trees)],
    [REFRESH_CONNECTION_FILES_COMMAND, refreshConnectionFiles(trees)],
    [LOAD_MORE_COMMAND, loadMore()],
    [RETRY_COMMAND, retry()],
    [FILTER_BY_STRATEGY_COMMAND, filterByStrategy(services, trees)],
    [DEPLOY_TO_TENANT_COMMAND, deployFileToTenant(services), vscode.l10n.t('Deploying')],
    [DIFF_CONNECTION_COMMAND, diffConnection(services, previews), vscode.l10n.t('Comparing with the tenant')],
    [PULL_CONNECTION_COMMAND, pullConnection(services), vscode.l10n.t('Pulling a connection')],
    [DELETE_CONNECTION_COMMAND, deleteConnection(services, trees), vscode.l10n.t('Deleting a connection')],
    [COPY_ID_COMMAND, copyId()],
    [REVEAL_IN_TREE_COMMAND, revealConnection(services, trees), vscode.l10n.t('Revealing a connection')],
    [OPEN_AUTHORIZE_LINK_COMMAND, openAuthorizeLink(services), vscode.l10n.t('Building the authorize link')],
    [TEST_LOGIN_COMMAND, testLogin(services), vscode.l10n.t('Test Login')],
    [DECODE_TOKEN_COMMAND, decodeToken(services)],
  ];
  for (const [id, run, trustedAction] of commands) {
    services.context.subscriptions.push(
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        if (trustedAction !== undefined && refuseUntrusted(trustedAction)) return undefined;
        try {
          return await run(...args);
        } catch (error) {
          showError(services.log, `Command ${id} failed`, error);
          return undefined;
        }
      }),
    );
  }
}
