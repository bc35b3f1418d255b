import * as vscode from 'vscode';
import * as ids from '../commandIds';
import type { CommandId } from '../commandIds';

// What the browser's web worker extension host (vscode.dev, github.dev) cannot do, in one place:
// the web entry (src/web/extension.ts) answers these commands with a message, and package.json
// hides them (menus, Command Palette) and the Tenants view `when` the context key below is set.

/** Set to true by the web entry only; package.json's `when` clauses hide what needs Node with it. */
export const WEB_HOST_CONTEXT_KEY = 'auth0Oidc.webHost';

/** Why a command cannot run in a web worker. */
export type WebLimit = 'managementApi' | 'loopback';

/**
 * The commands that need a tenant's Management API (Auth0 documents no cross-origin access to it
 * for these endpoints: README, "In the browser") or a loopback port (Test Login's listener).
 */
export const WEB_UNAVAILABLE: ReadonlyMap<CommandId, WebLimit> = new Map<CommandId, WebLimit>([
  [ids.ADD_TENANT_COMMAND, 'managementApi'],
  [ids.EDIT_TENANT_COMMAND, 'managementApi'],
  [ids.REMOVE_TENANT_COMMAND, 'managementApi'],
  [ids.DEPLOY_COMMAND, 'managementApi'],
  [ids.COPY_AS_CURL_COMMAND, 'managementApi'],
  [ids.DEPLOY_TO_TENANT_COMMAND, 'managementApi'],
  [ids.DIFF_CONNECTION_COMMAND, 'managementApi'],
  [ids.PULL_CONNECTION_COMMAND, 'managementApi'],
  [ids.CHECK_PROVIDER_COMMAND, 'managementApi'],
  [ids.REFRESH_TENANTS_COMMAND, 'managementApi'],
  [ids.LOAD_MORE_COMMAND, 'managementApi'],
  [ids.RETRY_COMMAND, 'managementApi'],
  [ids.FILTER_BY_STRATEGY_COMMAND, 'managementApi'],
  [ids.DELETE_CONNECTION_COMMAND, 'managementApi'],
  [ids.REVEAL_IN_TREE_COMMAND, 'managementApi'],
  [ids.FINISH_MIGRATION_COMMAND, 'managementApi'],
  [ids.DEPLOY_TO_ENVIRONMENT_COMMAND, 'managementApi'],
  [ids.DEPLOY_TO_ALL_ENVIRONMENTS_COMMAND, 'managementApi'],
  [ids.EXPORT_TO_A0DEPLOY_COMMAND, 'managementApi'],
  [ids.IMPORT_FROM_A0DEPLOY_COMMAND, 'managementApi'],
  [ids.TEST_LOGIN_COMMAND, 'loopback'],
]);

/** The message a command of WEB_UNAVAILABLE shows when it is invoked in the browser anyway. */
export function webUnavailableMessage(limit: WebLimit): string {
  return limit === 'loopback'
    ? vscode.l10n.t(
        'Test Login is not available in the browser: it listens on a loopback port for the login to come back, which a web extension cannot do. Use Open Authorize Link here, or run Test Login in VS Code on the desktop.',
      )
    : vscode.l10n.t(
        "This command is not available in the browser: it calls a tenant's Management API, which does not answer requests from a web page's origin. Open the folder in VS Code on the desktop to use it.",
      );
}
