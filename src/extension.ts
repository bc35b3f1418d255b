import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { ConnectionCodeActions } from './diagnostics/connectionCodeActions';
import { ConnectionDiagnostics } from './diagnostics/connectionDiagnostics';
import type { Services } from './services';
import { Log } from './vscode/log';
import { SecretStore } from './vscode/secretStore';

/** Builds the services, registers everything, returns. Heavy work waits for first use. */
export function activate(context: vscode.ExtensionContext): void {
  const log = new Log();
  const services: Services = { context, log, secrets: new SecretStore(context.secrets, log.redactor) };
  context.subscriptions.push(
    log,
    new ConnectionDiagnostics(() => ({})),
    vscode.languages.registerCodeActionsProvider(
      [{ language: 'json', pattern: '**/{auth0-oidc-connection.json,*.auth0-oidc.json}' }],
      new ConnectionCodeActions(),
      ConnectionCodeActions.metadata,
    ),
  );
  registerCommands(services);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
