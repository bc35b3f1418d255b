import * as vscode from 'vscode';
import type { Services } from '../services';
import { STORE_SECRET_AND_EDIT_COMMAND, storeSecretAndEdit } from '../diagnostics/connectionCodeActions';
import { NEW_CONNECTION_FILE_COMMAND, newConnectionFile } from './newConnectionFile';

/**
 * The one place commands are registered. Each command lives in its own file and is wrapped so
 * that an unexpected failure becomes a message with "Show Log", never an unhandled rejection.
 */
export function registerCommands(services: Services): void {
  // Each command checks its own arguments, which arrive untyped from the palette, menus and other extensions.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const commands: [string, (...args: any[]) => unknown][] = [
    [NEW_CONNECTION_FILE_COMMAND, newConnectionFile(services)],
    [STORE_SECRET_AND_EDIT_COMMAND, storeSecretAndEdit(services.secrets)],
  ];
  for (const [id, run] of commands) {
    services.context.subscriptions.push(vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await run(...args);
      } catch (error) {
        services.log.error(`Command ${id} failed`, error);
        const message = services.log.redactor.redact(error instanceof Error ? error.message : String(error));
        const showLog = vscode.l10n.t('Show Log');
        void vscode.window.showErrorMessage(message, showLog).then((choice) => { if (choice === showLog) services.log.show(); });
        return undefined;
      }
    }));
  }
}
