import { join } from 'node:path';
import * as vscode from 'vscode';
import { COMMAND_IDS } from './commandIds';
import { isConnectionFileName } from './core/connectionFile/connectionModel';
import { a0deployFormatOf } from './core/a0deploy/a0deployPath';
import type * as FeaturesModule from './features';
import type { Features, Views } from './features';
import type { Trees } from './tree';
import { CONNECTION_FILES_VIEW, TENANTS_VIEW } from './tree/contextValues';
import type { ConnectionFileNode } from './tree/nodes/connectionFileNode';
import type { TreeNode } from './tree/nodes/treeNode';
import { LazyContentProvider, LazyTreeDataProvider } from './vscode/lazyProviders';
import { VIRTUAL_DOCUMENT_SCHEMES } from './vscode/uriSchemes';
import { trackTenantCount } from './walkthrough/walkthroughContext';

/** What activate() returns: the views, for integration tests (not a public API). */
export type ExtensionApi = Trees;

/**
 * Registers stand-ins only: every command id, both views, the virtual document schemes, and the
 * walkthrough's tenant count. The features (src/features.ts, bundled as dist/features.js) are
 * loaded on first use, as the Auth0 client (dist/auth0.js) is: the first command, a view shown, a
 * connection file open, a virtual document read. Activation so costs about what an empty
 * extension's does. New features are registered in src/features.ts (see its header); only what
 * VS Code needs to know at activation gets a stand-in here.
 */
export function activate(context: vscode.ExtensionContext): ExtensionApi {
  let features: Features | undefined;
  const load = (): Features => {
    if (!features) {
      // A computed path keeps esbuild from inlining the module into this bundle.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const bundle = require(join(__dirname, 'features.js')) as typeof FeaturesModule;
      features = bundle.loadFeatures(context, views);
      // Whatever loaded them, the views and documents hear of every change from now on.
      for (const standIn of [tenantsTree, connectionFilesTree, ...documents]) standIn.connect();
    }
    return features;
  };

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
  for (const id of COMMAND_IDS) {
    context.subscriptions.push(
      vscode.commands.registerCommand(id, (...args: unknown[]) => load().commands.get(id)!(...args)),
    );
  }
  context.subscriptions.push(trackTenantCount(), loadWithConnectionFiles(load));

  return {
    get tenantsTree() {
      return load().trees.tenantsTree;
    },
    get connectionFilesTree() {
      return load().trees.connectionFilesTree;
    },
  };
}

/**
 * Diagnostics (and every other feature of an open connection file) need the features as soon as
 * a connection file is open: right after activate() returns if one is (so activation itself stays
 * light), else when the first one opens.
 */
function loadWithConnectionFiles(load: () => unknown): vscode.Disposable {
  const isConnectionFile = (d: vscode.TextDocument): boolean =>
    isConnectionFileName(d.uri.path) || a0deployFormatOf(d.uri.path) !== undefined;
  const loadReporting = (): void => {
    try {
      load();
    } catch (error) {
      void vscode.window.showErrorMessage(
        vscode.l10n.t(
          'Auth0 OIDC Connections could not load: {0}',
          error instanceof Error ? error.message : String(error),
        ),
      );
    }
  };
  if (vscode.workspace.textDocuments.some(isConnectionFile)) {
    const timer = setImmediate(loadReporting);
    return new vscode.Disposable(() => clearImmediate(timer));
  }
  const listener = vscode.workspace.onDidOpenTextDocument((d) => {
    if (!isConnectionFile(d)) return;
    listener.dispose();
    loadReporting();
  });
  return listener;
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
