import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { ConnectionCodeActions } from './diagnostics/connectionCodeActions';
import { ConnectionDiagnostics } from './diagnostics/connectionDiagnostics';
import type { Services } from './services';
import { Log } from './vscode/log';
import { SecretStore } from './vscode/secretStore';
import { TenantRegistry } from './tenants/tenantRegistry';
import { DeployPreviewDocuments, PREVIEW_SCHEME } from './deploy/deployDiff';

/** Builds the services, registers everything, returns. Heavy work waits for first use. */
export function activate(context: vscode.ExtensionContext): void {
  const log = new Log();
  const secrets = new SecretStore(context.secrets, log.redactor);
  const tenants = new TenantRegistry(secrets, log, context.secrets.onDidChange);
  const services: Services = { context, log, secrets, tenants };
  context.subscriptions.push(
    log,
    tenants,
    new ConnectionDiagnostics(() => ({})),
    vscode.languages.registerCodeActionsProvider(
      [{ language: 'json', pattern: '**/{auth0-oidc-connection.json,*.auth0-oidc.json}' }],
      new ConnectionCodeActions(),
      ConnectionCodeActions.metadata,
    ),
  );
  const previews = new DeployPreviewDocuments();
  context.subscriptions.push(previews, vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, previews));
  registerCommands(services, previews);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
