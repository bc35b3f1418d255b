import * as vscode from 'vscode';
import { Disposable } from '../vscode/lifecycle';
import { CONNECTION_FILES_GLOB } from '../core/connectionFile/connectionModel';
import type { FileState } from '../core/deploy/fileState';
import type { FileStates } from '../connectionFile/fileStates';
import type { Services } from '../services';
import { ConnectionFileNode } from './nodes/connectionFileNode';

const EXCLUDE = '**/node_modules/**';
const MAX_FILES = 500;

/**
 * The "Connection Files" view: the workspace's connection files and, for each, its state from
 * FileStates (errors / not deployed / in sync / differs). The comparisons with a tenant start
 * only while the view is visible.
 */
export class ConnectionFilesProvider extends Disposable implements vscode.TreeDataProvider<ConnectionFileNode> {
  private readonly emitter = new vscode.EventEmitter<ConnectionFileNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  readonly view: vscode.TreeView<ConnectionFileNode>;
  private files: Map<string, ConnectionFileNode> | undefined;
  private listing: Promise<Map<string, ConnectionFileNode>> | undefined;

  /** `view` is created at activation (src/extension.ts) over a stand-in that forwards to this provider. */
  constructor(
    private readonly services: Services,
    private readonly fileStates: FileStates,
    view: vscode.TreeView<ConnectionFileNode>,
  ) {
    super();
    this.view = view;
    const watcher = vscode.workspace.createFileSystemWatcher(CONNECTION_FILES_GLOB, false, true, false);
    this.register(
      this.emitter,
      this.view,
      watcher,
      watcher.onDidCreate((uri) => this.added(uri)),
      watcher.onDidDelete((uri) => this.removed(uri)),
      // A listed file's state changed: its item again; any file's: every item.
      fileStates.onDidChange((uri) => {
        if (!uri) this.emitter.fire(undefined);
        else {
          const node = this.files?.get(uri.toString());
          if (node) this.emitter.fire(node);
        }
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.refresh()),
      // Checks wait for the view to be seen; showing it renders the items, which starts them.
      this.view.onDidChangeVisibility((e) => {
        if (!e.visible) return;
        this.emitter.fire(undefined);
        // Shown again: answers older than a few seconds are asked for again (another window or
        // a colleague may have changed the tenant meanwhile).
        fileStates.revalidate();
      }),
    );
  }

  async getChildren(node?: ConnectionFileNode): Promise<ConnectionFileNode[]> {
    if (node) {
      if (node.environment !== undefined) return [];
      // A file with environment keywords: one child per environment, with its own state and actions.
      const states = await this.fileStates.environmentStates(node.resourceUri, this.view.visible);
      return (states ?? []).map((s) => new ConnectionFileNode(node.resourceUri, s.environment.name));
    }
    const files = await this.list();
    return [...files.values()].sort((a, b) =>
      vscode.workspace.asRelativePath(a.resourceUri).localeCompare(vscode.workspace.asRelativePath(b.resourceUri)),
    );
  }

  async getTreeItem(node: ConnectionFileNode): Promise<vscode.TreeItem> {
    const tenantName = (origin: string): string => this.services.tenants.find(origin)?.displayName ?? origin;
    if (node.environment !== undefined) {
      const environment = this.services.environments
        .fileFor(node.resourceUri)
        ?.file.environments.find((e) => e.name === node.environment);
      const state = await this.fileStates.state(node.resourceUri, this.view.visible, node.environment);
      return node.toEnvironmentTreeItem(
        { environment: environment ?? { name: node.environment, rpTenant: '?' }, state },
        tenantName,
      );
    }
    const states = await this.fileStates.environmentStates(node.resourceUri, this.view.visible);
    if (states) return node.toEnvironmentsTreeItem(states);
    return node.toTreeItem(await this.state(node), tenantName);
  }

  /** The file's state now; starts the comparison with the tenant when it is due and the view is visible. */
  state(node: ConnectionFileNode): Promise<FileState> {
    return this.fileStates.state(node.resourceUri, this.view.visible);
  }

  /** Lists the files again and forgets every state (FileStates' change event redraws the view). */
  refresh(): void {
    this.files = undefined;
    this.listing = undefined;
    this.fileStates.clear();
  }

  /** The node for a file, when the view lists it. */
  async node(uri: vscode.Uri): Promise<ConnectionFileNode | undefined> {
    return (await this.list()).get(uri.toString());
  }

  private list(): Promise<Map<string, ConnectionFileNode>> {
    if (this.files) return Promise.resolve(this.files);
    this.listing ??= (async () => {
      const uris = await vscode.workspace.findFiles(CONNECTION_FILES_GLOB, EXCLUDE, MAX_FILES);
      const files = new Map(uris.map((uri) => [uri.toString(), new ConnectionFileNode(uri)]));
      this.files = files;
      return files;
    })();
    return this.listing;
  }

  private added(uri: vscode.Uri): void {
    if (!this.files || uri.path.includes('/node_modules/')) return;
    if (!this.files.has(uri.toString())) this.files.set(uri.toString(), new ConnectionFileNode(uri));
    this.emitter.fire(undefined);
  }

  private removed(uri: vscode.Uri): void {
    if (this.files?.delete(uri.toString())) this.emitter.fire(undefined);
  }
}
