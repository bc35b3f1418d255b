import * as vscode from 'vscode';
import { A0DEPLOY_ENTRY_COMMAND, COMMAND_IDS, OPEN_AUTHORIZE_LINK_COMMAND } from '../commandIds';
import { loadFeatures, type Views } from '../features';
import type { Trees } from '../tree';
import { CONNECTION_FILES_VIEW, TENANTS_VIEW } from '../tree/contextValues';
import type { ConnectionFileNode } from '../tree/nodes/connectionFileNode';
import type { TreeNode } from '../tree/nodes/treeNode';
import { showError } from '../vscode/errors';
import { LazyContentProvider, LazyTreeDataProvider } from '../vscode/lazyProviders';
import { VIRTUAL_DOCUMENT_SCHEMES } from '../vscode/uriSchemes';
import { openAuthorizeLinkWeb } from './openAuthorizeLinkWeb';
import { WEB_HOST_CONTEXT_KEY, WEB_UNAVAILABLE, webUnavailableMessage } from './webHost';

// The `browser` entry of package.json (dist/web/extension.js, esbuild.mjs): the extension in the
// web worker extension host of vscode.dev and github.dev, where there is no Node. The same features
// (src/features.ts) are registered, in one bundle (a worker cannot require a second one), with the
// Auth0 client replaced by src/web/noAuth0.ts. What needs a tenant's Management API or a loopback
// port is hidden by the context key and answers with a plain message if it is invoked anyway
// (src/web/webHost.ts); Open Authorize Link asks for what the desktop reads from the tenant.

export type ExtensionApi = Trees;

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  void vscode.commands.executeCommand('setContext', WEB_HOST_CONTEXT_KEY, true);
  // The views are created over stand-ins, as on the desktop, because the features need the views.
  let features: ReturnType<typeof loadFeatures> | undefined;
  const load = (): ReturnType<typeof loadFeatures> => (features ??= loadFeatures(context, views));
  const tenantsTree = new LazyTreeDataProvider<TreeNode>(() => load().trees.tenantsTree);
  const connectionFilesTree = new LazyTreeDataProvider<ConnectionFileNode>(() => load().trees.connectionFilesTree);
  const views: Views = {
    tenants: vscode.window.createTreeView(TENANTS_VIEW, { treeDataProvider: tenantsTree, showCollapseAll: true }),
    connectionFiles: vscode.window.createTreeView(CONNECTION_FILES_VIEW, { treeDataProvider: connectionFilesTree }),
  };
  const documents = VIRTUAL_DOCUMENT_SCHEMES.map((scheme) => {
    const standIn = new LazyContentProvider(() => load().documents[scheme]);
    context.subscriptions.push(standIn, vscode.workspace.registerTextDocumentContentProvider(scheme, standIn));
    return standIn;
  });
  context.subscriptions.push(tenantsTree, connectionFilesTree, views.tenants, views.connectionFiles);
  // Everything is in this bundle already: load now, so that diagnostics start with the first file.
  const loaded = load();
  for (const standIn of [tenantsTree, connectionFilesTree, ...documents]) standIn.connect();

  const log = loaded.services.log;
  const authorizeLink = openAuthorizeLinkWeb(loaded.services);
  for (const id of COMMAND_IDS) {
    const run = async (...args: unknown[]): Promise<unknown> => {
      // An auth0-deploy-cli entry's lenses share one command; its deploy calls the Management API
      // directly (the others go through commands of WEB_UNAVAILABLE, which answer below).
      const limit = id === A0DEPLOY_ENTRY_COMMAND && args[2] === 'deploy' ? 'managementApi' : WEB_UNAVAILABLE.get(id);
      if (limit !== undefined) {
        void vscode.window.showInformationMessage(webUnavailableMessage(limit));
        return undefined;
      }
      if (id !== OPEN_AUTHORIZE_LINK_COMMAND) return loaded.commands.get(id)!(...args);
      try {
        return await authorizeLink(args[0]);
      } catch (error) {
        showError(log, `Command ${id} failed`, error);
        return undefined;
      }
    };
    context.subscriptions.push(vscode.commands.registerCommand(id, run));
  }
  return loaded.trees;
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
