// Every command id the extension registers, in one place, so that a view, a node or another
// command names a command without importing the file that implements it. src/extension.ts
// registers each id at activation, src/commands.ts gives each its implementation; package.json
// contributes the public ones.
import * as vscode from 'vscode';
import type { Tenant } from './tenants/tenantRegistry';

export const NEW_CONNECTION_FILE_COMMAND = 'auth0Oidc.newConnectionFile';
export const STORE_SECRET_AND_EDIT_COMMAND = 'auth0Oidc.internal.storeSecretAndEdit';
export const MOVE_TO_OIDC_COMMAND = 'auth0Oidc.moveToOidc';
export const ADD_TENANT_COMMAND = 'auth0Oidc.addTenant';
export const EDIT_TENANT_COMMAND = 'auth0Oidc.editTenant';
export const REMOVE_TENANT_COMMAND = 'auth0Oidc.removeTenant';
export const DEPLOY_COMMAND = 'auth0Oidc.deployConnection';
export const COPY_AS_CURL_COMMAND = 'auth0Oidc.copyDeployAsCurl';
export const DEPLOY_TO_TENANT_COMMAND = 'auth0Oidc.deployFileToTenant';
export const DIFF_CONNECTION_COMMAND = 'auth0Oidc.diffConnection';
export const PULL_CONNECTION_COMMAND = 'auth0Oidc.pullConnection';
export const CHECK_PROVIDER_COMMAND = 'auth0Oidc.checkProvider';
export const OPEN_AUTHORIZE_LINK_COMMAND = 'auth0Oidc.openAuthorizeLink';
export const TEST_LOGIN_COMMAND = 'auth0Oidc.testLogin';
export const DECODE_TOKEN_COMMAND = 'auth0Oidc.decodeToken';
export const REFRESH_TENANTS_COMMAND = 'auth0Oidc.refreshTenants';
export const REFRESH_CONNECTION_FILES_COMMAND = 'auth0Oidc.refreshConnectionFiles';
export const LOAD_MORE_COMMAND = 'auth0Oidc.loadMore';
export const RETRY_COMMAND = 'auth0Oidc.retry';
export const FILTER_BY_STRATEGY_COMMAND = 'auth0Oidc.filterByStrategy';
export const DELETE_CONNECTION_COMMAND = 'auth0Oidc.deleteConnection';
export const COPY_ID_COMMAND = 'auth0Oidc.copyId';
export const REVEAL_IN_TREE_COMMAND = 'auth0Oidc.revealConnection';
export const SET_STORED_SECRET_COMMAND = 'auth0Oidc.setStoredSecret';
export const FINISH_MIGRATION_COMMAND = 'auth0Oidc.finishMigration';
/** The CodeLens of an auth0-deploy-cli entry: (file, connection name, action). */
export const A0DEPLOY_ENTRY_COMMAND = 'auth0Oidc.internal.a0deployEntry';
export const DEPLOY_TO_ENVIRONMENT_COMMAND = 'auth0Oidc.deployToEnvironment';
export const DEPLOY_TO_ALL_ENVIRONMENTS_COMMAND = 'auth0Oidc.deployToAllEnvironments';
export const EXPORT_TO_A0DEPLOY_COMMAND = 'auth0Oidc.exportForDeployCli';
export const IMPORT_FROM_A0DEPLOY_COMMAND = 'auth0Oidc.importFromDeployCli';
export const PICK_ENVIRONMENT_COMMAND = 'auth0Oidc.pickEnvironment';

/**
 * Every id above: src/extension.ts registers each one at activation (a stand-in that loads the
 * features bundle on first run), and src/commands.ts maps each to its handler with a
 * `Record<CommandId, ...>`, so an id without a handler does not compile. A new command: its id
 * here and in this list, its handler in src/commands.ts.
 */
export const COMMAND_IDS = [
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
  SET_STORED_SECRET_COMMAND,
  FINISH_MIGRATION_COMMAND,
  A0DEPLOY_ENTRY_COMMAND,
  DEPLOY_TO_ENVIRONMENT_COMMAND,
  DEPLOY_TO_ALL_ENVIRONMENTS_COMMAND,
  EXPORT_TO_A0DEPLOY_COMMAND,
  IMPORT_FROM_A0DEPLOY_COMMAND,
  PICK_ENVIRONMENT_COMMAND,
] as const;

export type CommandId = (typeof COMMAND_IDS)[number];

/** A tenant as commands accept it: its registry entry, or its origin or domain. */
type TenantArg = Tenant | string;

/**
 * The arguments of the commands the extension runs itself, so that a caller cannot send what the
 * command does not read. (From the palette, menus and other extensions arguments arrive untyped,
 * and each command checks them.)
 */
export interface CommandArgs {
  [ADD_TENANT_COMMAND]: [];
  [EDIT_TENANT_COMMAND]: [tenant: TenantArg];
  /** A file, and the tenant to deploy it to without asking. */
  [DEPLOY_COMMAND]: [file: vscode.Uri, target: { readonly tenant: TenantArg }];
  [REVEAL_IN_TREE_COMMAND]: [target: { readonly tenant: TenantArg; readonly connectionId: string }];
  [STORE_SECRET_AND_EDIT_COMMAND]: [file: vscode.Uri, offset: number];
  /** A connection file and the key of its placeholder (`PARTNER_CLIENT_SECRET`). */
  [SET_STORED_SECRET_COMMAND]: [file: vscode.Uri, key: string];
}

/** Runs one of the extension's own commands with arguments of the type it takes. */
export function runCommand<K extends keyof CommandArgs>(id: K, ...args: CommandArgs[K]): Thenable<unknown> {
  return vscode.commands.executeCommand(id, ...args);
}

/** A `vscode.Command` (code action, tree item click) with typed arguments. */
export function commandFor<K extends keyof CommandArgs>(id: K, title: string, ...args: CommandArgs[K]): vscode.Command {
  return { command: id, title, arguments: args };
}
