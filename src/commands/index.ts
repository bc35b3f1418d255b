import * as vscode from 'vscode';
import type { Services } from '../services';
import { showError } from '../vscode/errors';
import { STORE_SECRET_AND_EDIT_COMMAND, storeSecretAndEdit } from '../diagnostics/connectionCodeActions';
import type { DeployPreviewDocuments } from '../deploy/deployDiff';
import { COPY_AS_CURL_COMMAND, DEPLOY_COMMAND, copyDeployAsCurl, deployConnection } from './deployConnection';
import { NEW_CONNECTION_FILE_COMMAND, newConnectionFile } from './newConnectionFile';
import { ADD_TENANT_COMMAND, EDIT_TENANT_COMMAND, addTenant, editTenant } from './tenants/addTenant';
import { REMOVE_TENANT_COMMAND, removeTenant } from './tenants/removeTenant';

/**
 * The one place commands are registered. Each command lives in its own file and is wrapped so
 * that an unexpected failure becomes a message with "Show Log", never an unhandled rejection.
 */
export function registerCommands(services: Services, previews: DeployPreviewDocuments): void {
  // Each command checks its own arguments, which arrive untyped from the palette, menus and other extensions.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const commands: [string, (...args: any[]) => unknown][] = [
    [NEW_CONNECTION_FILE_COMMAND, newConnectionFile(services)],
    [STORE_SECRET_AND_EDIT_COMMAND, storeSecretAndEdit(services.secrets)],
    [ADD_TENANT_COMMAND, addTenant(services)],
    [EDIT_TENANT_COMMAND, editTenant(services)],
    [REMOVE_TENANT_COMMAND, removeTenant(services)],
    [DEPLOY_COMMAND, deployConnection(services, previews)],
    [COPY_AS_CURL_COMMAND, copyDeployAsCurl(services)],
  ];
  for (const [id, run] of commands) {
    services.context.subscriptions.push(vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await run(...args);
      } catch (error) {
        showError(services.log, `Command ${id} failed`, error);
        return undefined;
      }
    }));
  }
}
