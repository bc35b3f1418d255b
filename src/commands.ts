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
import { setStoredSecret } from './connectionFile/setStoredSecret';
import { finishMigration } from './migration/finishMigration';
import { runOnA0DeployEntry } from './a0deploy/runOnEntry';
import { exportToA0Deploy, importFromA0Deploy } from './a0deploy/exportImportCommands';
import { deployToAllEnvironments, deployToEnvironment } from './environments/deployToEnvironment';
import { pickEnvironment } from './environments/activeEnvironment';
import * as ids from './commandIds';
import type { CommandId } from './commandIds';

/** A command as the stand-in registered at activation runs it: errors are shown, never thrown. */
export type CommandRunner = (...args: unknown[]) => Promise<unknown>;

/** One entry of the command table: the handler, and whether it needs a trusted workspace. */
interface Command {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly run: (...args: any[]) => unknown;
  /**
   * Present when the command talks to a tenant (or asks for credentials): what it does, named in
   * the message that refuses it in an untrusted workspace.
   */
  readonly needsTrust?: string;
}

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
  // The workspace-trust gate is each entry's `needsTrust`: a command that has one talks to a tenant (or
  // asks for credentials), and in an untrusted workspace it is refused here, before it runs, with
  // that reason. TenantRegistry.client() refuses too, for any other way in.
  const commands: Record<CommandId, Command> = {
    [ids.NEW_CONNECTION_FILE_COMMAND]: { run: newConnectionFile(services) },
    [ids.STORE_SECRET_AND_EDIT_COMMAND]: { run: storeSecretAndEdit(services.secrets) },
    [ids.ADD_TENANT_COMMAND]: { run: addTenant(services), needsTrust: vscode.l10n.t('Adding a tenant') },
    [ids.EDIT_TENANT_COMMAND]: { run: editTenant(services), needsTrust: vscode.l10n.t('Editing a tenant') },
    [ids.REMOVE_TENANT_COMMAND]: { run: removeTenant(services) },
    [ids.DEPLOY_COMMAND]: { run: deployConnection(services, previews), needsTrust: vscode.l10n.t('Deploying') },
    [ids.COPY_AS_CURL_COMMAND]: {
      run: copyDeployAsCurl(services),
      needsTrust: vscode.l10n.t('Copying the deploy as curl'),
    },
    [ids.CHECK_PROVIDER_COMMAND]: { run: checkProvider(services, providerChecks) },
    [ids.MOVE_TO_OIDC_COMMAND]: { run: moveToOidc(services, providerChecks) },
    [ids.REFRESH_TENANTS_COMMAND]: { run: refreshTenants(trees) },
    [ids.REFRESH_CONNECTION_FILES_COMMAND]: { run: refreshConnectionFiles(trees) },
    [ids.LOAD_MORE_COMMAND]: { run: loadMore() },
    [ids.RETRY_COMMAND]: { run: retry() },
    [ids.FILTER_BY_STRATEGY_COMMAND]: { run: filterByStrategy(services, trees) },
    [ids.DEPLOY_TO_TENANT_COMMAND]: { run: deployFileToTenant(services), needsTrust: vscode.l10n.t('Deploying') },
    [ids.DIFF_CONNECTION_COMMAND]: {
      run: diffConnection(services, previews),
      needsTrust: vscode.l10n.t('Comparing with the tenant'),
    },
    [ids.PULL_CONNECTION_COMMAND]: { run: pullConnection(services), needsTrust: vscode.l10n.t('Pulling a connection') },
    [ids.DELETE_CONNECTION_COMMAND]: {
      run: deleteConnection(services, trees),
      needsTrust: vscode.l10n.t('Deleting a connection'),
    },
    [ids.COPY_ID_COMMAND]: { run: copyId() },
    [ids.REVEAL_IN_TREE_COMMAND]: {
      run: revealConnection(services, trees),
      needsTrust: vscode.l10n.t('Revealing a connection'),
    },
    [ids.OPEN_AUTHORIZE_LINK_COMMAND]: {
      run: openAuthorizeLink(services),
      needsTrust: vscode.l10n.t('Building the authorize link'),
    },
    [ids.TEST_LOGIN_COMMAND]: { run: testLogin(services), needsTrust: vscode.l10n.t('Test Login') },
    [ids.DECODE_TOKEN_COMMAND]: { run: decodeToken(services) },
    // No trust needed: it contacts no tenant and writes only what the person types, to secret
    // storage, bound to the file's domain and client id (replacing another binding is asked first).
    [ids.SET_STORED_SECRET_COMMAND]: { run: setStoredSecret(services) },
    [ids.FINISH_MIGRATION_COMMAND]: {
      run: finishMigration(services),
      needsTrust: vscode.l10n.t('Finishing a migration'),
    },
    [ids.A0DEPLOY_ENTRY_COMMAND]: { run: runOnA0DeployEntry(services) },
    [ids.DEPLOY_TO_ENVIRONMENT_COMMAND]: {
      run: deployToEnvironment(services, previews),
      needsTrust: vscode.l10n.t('Deploying'),
    },
    [ids.DEPLOY_TO_ALL_ENVIRONMENTS_COMMAND]: {
      run: deployToAllEnvironments(services, previews),
      needsTrust: vscode.l10n.t('Deploying'),
    },
    [ids.EXPORT_TO_A0DEPLOY_COMMAND]: {
      run: exportToA0Deploy(services),
      needsTrust: vscode.l10n.t('Exporting for auth0-deploy-cli'),
    },
    [ids.IMPORT_FROM_A0DEPLOY_COMMAND]: {
      run: importFromA0Deploy(services),
      needsTrust: vscode.l10n.t('Importing from auth0-deploy-cli'),
    },
    [ids.PICK_ENVIRONMENT_COMMAND]: { run: pickEnvironment(services.activeEnvironment, services.environments) },
  };
  const runners = new Map<CommandId, CommandRunner>();
  for (const id of ids.COMMAND_IDS) {
    const { run, needsTrust } = commands[id];
    runners.set(id, async (...args: unknown[]) => {
      if (needsTrust !== undefined && refuseUntrusted(needsTrust)) return undefined;
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
