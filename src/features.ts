import * as vscode from 'vscode';
import { commandHandlers } from './commands';
import type { CommandId } from './commandIds';
import { ConnectionCodeActions } from './connectionFile/connectionCodeActions';
import { ConnectionDiagnostics } from './connectionFile/connectionDiagnostics';
import type { DeployedFile, Services } from './services';
import { Log } from './vscode/log';
import { SecretStore } from './vscode/secretStore';
import { TenantRegistry } from './tenants/tenantRegistry';
import { lastDeployKey, type LastDeploy } from './deploy/deployConnection';
import { DeployPreviewDocuments } from './deploy/deployDiff';
import type { Trees } from './tree';
import { ConnectionFilesProvider } from './tree/connectionFilesProvider';
import type { ConnectionFileNode } from './tree/nodes/connectionFileNode';
import type { TreeNode } from './tree/nodes/treeNode';
import { TenantsTreeProvider } from './tree/tenantsTreeProvider';
import { ProviderChecks } from './providerCheck/providerChecks';
import { trackWalkthrough } from './walkthrough/walkthroughContext';

// The extension's features, bundled on their own (dist/features.js) and loaded by src/extension.ts
// the first time any of them is needed: a command runs, a view shows, a connection file is open,
// a preview or a provider report is opened, or a test asks for the trees. Activation registers
// stand-ins only, so it costs about what an empty extension's does.

/** The two views, created at activation over stand-ins that forward to the providers built here. */
export interface Views {
  readonly tenants: vscode.TreeView<TreeNode>;
  readonly connectionFiles: vscode.TreeView<ConnectionFileNode>;
}

export interface Features {
  readonly trees: Trees;
  readonly commands: ReadonlyMap<CommandId, (...args: unknown[]) => Promise<unknown>>;
  readonly codeActions: ConnectionCodeActions;
  readonly providerChecks: ProviderChecks;
  readonly previews: DeployPreviewDocuments;
}

/** Builds the services and everything that uses them; what activate() did before it was split. */
export function loadFeatures(context: vscode.ExtensionContext, views: Views): Features {
  const log = new Log();
  const secrets = new SecretStore(context.secrets, log.redactor);
  const tenants = new TenantRegistry(secrets, log, context.secrets.onDidChange);
  const deploys = new vscode.EventEmitter<DeployedFile>();
  const services: Services = { context, log, secrets, tenants, deploys };
  // Provider check results, merged into the file's diagnostics.
  const providerChecks = new ProviderChecks();
  // The tenant a file was deployed to is its Relying Party: its domain must not be the provider's.
  const diagnostics = new ConnectionDiagnostics((uri) => {
    const last = context.workspaceState.get<LastDeploy>(lastDeployKey(uri));
    return last ? { relyingPartyDomains: [last.tenant] } : {};
  }, providerChecks);
  context.subscriptions.push(log, tenants, deploys, providerChecks, diagnostics, deploys.event(() => diagnostics.refreshAll()));
  const previews = new DeployPreviewDocuments();
  context.subscriptions.push(previews);
  const trees: Trees = { tenantsTree: new TenantsTreeProvider(services, views.tenants), connectionFilesTree: new ConnectionFilesProvider(services, views.connectionFiles) };
  context.subscriptions.push(trees.tenantsTree, trees.connectionFilesTree);
  const commands = commandHandlers(services, previews, trees, providerChecks);
  context.subscriptions.push(trackWalkthrough(services));
  return { trees, commands, codeActions: new ConnectionCodeActions(), providerChecks, previews };
}
