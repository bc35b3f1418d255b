import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { registerEditorHelp } from './connectionFile/editorHelp';
import { ConnectionDiagnostics } from './connectionFile/connectionDiagnostics';
import { TenantApplications } from './connectionFile/tenantApplications';
import type { Services } from './services';
import { Log } from './vscode/log';
import { SecretStore } from './vscode/secretStore';
import { TenantRegistry } from './tenants/tenantRegistry';
import { DeployHistory } from './deploy/deployHistory';
import { DeployPreviewDocuments } from './deploy/deployDiff';
import type { Trees } from './tree';
import { ConnectionFilesProvider } from './tree/connectionFilesProvider';
import { TenantsTreeProvider } from './tree/tenantsTreeProvider';
import { ProviderChecks } from './providerCheck/providerChecks';
import { trackWalkthrough } from './walkthrough/walkthroughContext';

/** What activate() returns: the views, for integration tests (not a public API). */
export type ExtensionApi = Trees;

/** Builds the services, registers everything, returns. Heavy work waits for first use. */
export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const log = new Log();
  const secrets = new SecretStore(context.secrets, log.redactor);
  const tenants = new TenantRegistry(secrets, log, context.secrets.onDidChange, context.globalState);
  const deploys = new DeployHistory(context.workspaceState);
  const applications = new TenantApplications(tenants, log);
  const services: Services = { context, log, secrets, tenants, deploys, applications };
  // Provider check results, merged into the file's diagnostics.
  const providerChecks = new ProviderChecks();
  // The tenant a file was deployed to is its Relying Party: its domain must not be the provider's.
  const diagnostics = new ConnectionDiagnostics((uri) => {
    const last = deploys.last(uri);
    return last ? { relyingPartyDomains: [last.tenant] } : {};
  }, providerChecks);
  context.subscriptions.push(
    log,
    tenants,
    deploys,
    applications,
    providerChecks,
    diagnostics,
    deploys.onDidDeploy(() => diagnostics.refreshAll()),
  );
  const previews = new DeployPreviewDocuments();
  context.subscriptions.push(previews);
  const trees: Trees = {
    tenantsTree: new TenantsTreeProvider(services),
    connectionFilesTree: new ConnectionFilesProvider(services),
  };
  context.subscriptions.push(trees.tenantsTree, trees.connectionFilesTree);
  // Quick fixes, completions, hovers, CodeLens and status bar on connection files: one place.
  context.subscriptions.push(...registerEditorHelp(services, trees.connectionFilesTree));
  registerCommands(services, previews, trees, providerChecks);
  context.subscriptions.push(trackWalkthrough(services));
  return trees;
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
