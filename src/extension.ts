import { join } from 'node:path';
import * as vscode from 'vscode';
import { COMMAND_IDS } from './commandIds';
import { isConnectionFileName } from './core/connectionFile/connectionModel';
import type * as FeaturesModule from './features';
import type { Features } from './features';
import type { Trees } from './tree';
import { CONNECTION_FILES_VIEW, TENANTS_VIEW } from './tree/contextValues';
import { PREVIEW_SCHEME, PROVIDER_DOCS_SCHEME } from './uriSchemes';
import type { ConnectionFileNode } from './tree/nodes/connectionFileNode';
import type { TreeNode } from './tree/nodes/treeNode';
import { LazyCodeActionProvider, LazyContentProvider, LazyTreeDataProvider } from './vscode/lazyProviders';
import { trackTenantCount } from './walkthrough/walkthroughContext';

/** What activate() returns: the views, for integration tests (not a public API). */
export type ExtensionApi = Trees;

const CONNECTION_FILES_SELECTOR: vscode.DocumentSelector = [{ language: 'json', pattern: '**/{auth0-oidc-connection.json,*.auth0-oidc.json}' }];

/**
 * Registers every command, view, provider and the walkthrough's context at once, as stand-ins:
 * the features (dist/features.js, src/features.ts) are loaded on first use, as the Auth0 client
 * (dist/auth0.js) already was. Activation stays about as cheap as an empty extension's.
 */
export function activate(context: vscode.ExtensionContext): ExtensionApi {
  let features: Features | undefined;
  const load = (): Features => {
    if (!features) {
      // A computed path keeps esbuild from inlining the module into this bundle.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      features = (require(join(__dirname, 'features.js')) as typeof FeaturesModule).loadFeatures(context, views);
      // Whatever loaded them, the views and documents hear of every change from now on.
      for (const standIn of [tenantsTree, connectionFilesTree, providerDocs, previews]) standIn.connect();
    }
    return features;
  };

  const tenantsTree = new LazyTreeDataProvider<TreeNode>(() => load().trees.tenantsTree);
  const connectionFilesTree = new LazyTreeDataProvider<ConnectionFileNode>(() => load().trees.connectionFilesTree);
  const views = {
    tenants: vscode.window.createTreeView(TENANTS_VIEW, { treeDataProvider: tenantsTree, showCollapseAll: true }),
    connectionFiles: vscode.window.createTreeView(CONNECTION_FILES_VIEW, { treeDataProvider: connectionFilesTree }),
  };
  const providerDocs = new LazyContentProvider(() => load().providerChecks);
  const previews = new LazyContentProvider(() => load().previews);
  context.subscriptions.push(
    tenantsTree, connectionFilesTree, views.tenants, views.connectionFiles, providerDocs, previews,
    vscode.workspace.registerTextDocumentContentProvider(PROVIDER_DOCS_SCHEME, providerDocs),
    vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, previews),
    vscode.languages.registerCodeActionsProvider(CONNECTION_FILES_SELECTOR, new LazyCodeActionProvider(() => load().codeActions), { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
    trackTenantCount(),
  );
  for (const id of COMMAND_IDS) {
    context.subscriptions.push(vscode.commands.registerCommand(id, (...args: unknown[]) => load().commands.get(id)!(...args)));
  }
  context.subscriptions.push(loadWithConnectionFiles(load));

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
 * Diagnostics need the features as soon as a connection file is open: now if one is (right after
 * activate() returns, so activation itself stays light), else when the first one opens.
 */
function loadWithConnectionFiles(load: () => unknown): vscode.Disposable {
  const isConnectionFile = (d: vscode.TextDocument): boolean => isConnectionFileName(d.uri.path);
  const loadReporting = (): void => {
    try {
      load();
    } catch (error) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Auth0 OIDC Connections could not load: {0}', error instanceof Error ? error.message : String(error)));
    }
  };
  if (vscode.workspace.textDocuments.some(isConnectionFile)) {
    setImmediate(loadReporting);
    return new vscode.Disposable(() => undefined);
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
