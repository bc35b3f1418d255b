import * as vscode from 'vscode';
import type { CommandId } from './commandIds';
import { commandHandlers, type CommandRunner } from './commands';
import { ConnectionDiagnostics } from './connectionFile/connectionDiagnostics';
import { registerEditorHelp } from './connectionFile/editorHelp';
import { registerA0DeployEditor } from './a0deploy/a0deployEditor';
import { FileStates } from './connectionFile/fileStates';
import { TenantApplications } from './connectionFile/tenantApplications';
import { DeployHistory } from './deploy/deployHistory';
import { DeployPreviewDocuments } from './deploy/deployDiff';
import { CONNECTION_FILE_SELECTOR } from './connectionFile/connectionFileSelector';
import { EnvironmentLenses } from './environments/environmentLenses';
import { ActiveEnvironment } from './environments/activeEnvironment';
import { KeywordHelp } from './environments/keywordHelp';
import { WorkspaceEnvironments } from './environments/workspaceEnvironments';
import { ProviderChecks } from './providerCheck/providerChecks';
import type { Services } from './services';
import { TenantRegistry } from './tenants/tenantRegistry';
import type { Trees } from './tree';
import { ConnectionFilesProvider } from './tree/connectionFilesProvider';
import type { ConnectionFileNode } from './tree/nodes/connectionFileNode';
import type { TreeNode } from './tree/nodes/treeNode';
import { TenantsTreeProvider } from './tree/tenantsTreeProvider';
import { Log } from './vscode/log';
import { SecretStore } from './vscode/secretStore';
import { PREVIEW_SCHEME, PROVIDER_DOCS_SCHEME, type VirtualDocumentScheme } from './vscode/uriSchemes';
import type { VirtualDocuments } from './vscode/virtualDocuments';
import { trackWalkthrough } from './walkthrough/walkthroughContext';

// The extension's features, bundled on their own (dist/features.js) and loaded once by
// src/extension.ts the first time one is needed: a command runs, a view shows, a connection file
// is open, a virtual document is read, or a test asks for the trees. Activation itself registers
// stand-ins only (src/extension.ts), so it costs about what an empty extension's does.
//
// Adding a feature: build and register it in loadFeatures() below. A language provider, a status
// bar item or a listener for connection files needs nothing more: the features are loaded as soon
// as a connection file is open. Only what VS Code asks for before any of that (a command id, a
// contributed view, a URI scheme) also needs its stand-in in src/extension.ts.

/** The two views, created at activation over stand-ins that forward to the providers built here. */
export interface Views {
  readonly tenants: vscode.TreeView<TreeNode>;
  readonly connectionFiles: vscode.TreeView<ConnectionFileNode>;
}

export interface Features {
  /** What the features share; the web entry (src/web/extension.ts) builds its own command on them. */
  readonly services: Services;
  readonly trees: Trees;
  readonly commands: ReadonlyMap<CommandId, CommandRunner>;
  readonly documents: Readonly<Record<VirtualDocumentScheme, VirtualDocuments>>;
}

/** Builds the services and everything that uses them, and registers what is not a stand-in. */
export function loadFeatures(context: vscode.ExtensionContext, views: Views): Features {
  const log = new Log();
  const secrets = new SecretStore(context.secrets, log.redactor);
  const tenants = new TenantRegistry(
    secrets,
    log,
    context.secrets.onDidChange,
    context.globalState,
    context.workspaceState,
  );
  const deploys = new DeployHistory(context.workspaceState);
  const applications = new TenantApplications(tenants, log);
  // The environments one connection file is deployed to (issue 25.1): auth0-oidc.environments.json.
  const environments = new WorkspaceEnvironments();
  const activeEnvironment = new ActiveEnvironment(context.workspaceState, environments);
  const services: Services = {
    context,
    log,
    secrets,
    tenants,
    deploys,
    applications,
    environments,
    activeEnvironment,
  };
  // Provider check results, merged into the file's diagnostics.
  const providerChecks = new ProviderChecks((uri) => environments.fileFor(uri)?.file.environments ?? []);
  // The tenant a file was deployed to is its Relying Party: its domain must not be the provider's.
  const diagnostics = new ConnectionDiagnostics(
    (uri) => {
      const last = deploys.last(uri);
      return last ? { relyingPartyDomains: [last.tenant] } : {};
    },
    providerChecks,
    applications,
    {
      environmentsFor: (uri) => environments.fileFor(uri)?.file.environments ?? [],
      onDidChange: environments.onDidChange,
    },
  );
  context.subscriptions.push(
    log,
    tenants,
    deploys,
    applications,
    providerChecks,
    environments,
    activeEnvironment,
    diagnostics,
    deploys.onDidDeploy(() => diagnostics.refreshAll()),
  );
  const previews = new DeployPreviewDocuments();
  context.subscriptions.push(previews);
  // The connection files' states: the files view, the status bar and the CodeLens show them.
  const fileStates = new FileStates(services);
  context.subscriptions.push(fileStates);
  const trees: Trees = {
    tenantsTree: new TenantsTreeProvider(services, views.tenants),
    connectionFilesTree: new ConnectionFilesProvider(services, fileStates, views.connectionFiles),
  };
  context.subscriptions.push(trees.tenantsTree, trees.connectionFilesTree, trackWalkthrough(services));
  // Quick fixes, completions, hovers, CodeLens and status bar on connection files: one place.
  context.subscriptions.push(...registerEditorHelp(services, fileStates));
  // auth0-deploy-cli repositories: tenant.yaml and connections/*.json entries in place.
  context.subscriptions.push(...registerA0DeployEditor(services));
  const keywordHelp = new KeywordHelp(environments);
  context.subscriptions.push(
    vscode.languages.registerHoverProvider(CONNECTION_FILE_SELECTOR, keywordHelp),
    vscode.languages.registerCompletionItemProvider(CONNECTION_FILE_SELECTOR, keywordHelp, '#', '@'),
    vscode.languages.registerCodeLensProvider(CONNECTION_FILE_SELECTOR, new EnvironmentLenses(environments)),
  );
  const commands = commandHandlers(services, previews, trees, providerChecks);
  return {
    services,
    trees,
    commands,
    documents: { [PREVIEW_SCHEME]: previews.documents, [PROVIDER_DOCS_SCHEME]: providerChecks.documents },
  };
}
