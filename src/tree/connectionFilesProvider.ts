import * as vscode from 'vscode';
import type { Auth0OidcConnectionFile } from '../core/connectionFile/connectionModel';
import { isConnectionFileName } from '../core/connectionFile/connectionModel';
import { deployedFileState, localFileState, planFileCheck, type FileState } from '../core/deploy/fileState';
import type { Services } from '../services';
import { userMessage } from '../vscode/errors';
import { planDeploy } from '../core/deploy/plan';
import { readRemoteState } from '../core/deploy/remoteState';
import { fillStoredSecrets } from '../connectionFile/storedSecrets';
import { readDocumentText } from '../vscode/documentText';
import { ConnectionFileNode } from './nodes/connectionFileNode';

export { CONNECTION_FILES_GLOB } from '../core/connectionFile/connectionModel';
import { CONNECTION_FILES_GLOB } from '../core/connectionFile/connectionModel';
const EXCLUDE = '**/node_modules/**';
const MAX_FILES = 500;
/** Remote checks at once: enough to fill a view quickly without tripping a tenant's rate limit. */
const MAX_PARALLEL_CHECKS = 4;

interface CachedState {
  state: FileState;
  /** Set while the remote state is still to be fetched: what to compare, with which tenant. */
  pendingCheck?: { readonly tenant: string; readonly body: Auth0OidcConnectionFile };
  started?: boolean;
}

/**
 * The "Connection Files" view: the workspace's connection files and, for each, errors / not
 * deployed / in sync / differs. Local state is read at once; the comparison with the tenant of
 * the last deploy is network work, started only while the view is visible, cached per file and
 * dropped on save, on change on disk and after a deploy.
 */
export class ConnectionFilesProvider implements vscode.TreeDataProvider<ConnectionFileNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<ConnectionFileNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  readonly view: vscode.TreeView<ConnectionFileNode>;
  private files: Map<string, ConnectionFileNode> | undefined;
  private listing: Promise<Map<string, ConnectionFileNode>> | undefined;
  private readonly states = new Map<string, CachedState>();
  private running = 0;
  private readonly queue: (() => void)[] = [];
  private readonly disposables: vscode.Disposable[] = [];

  /** `view` is created at activation (src/extension.ts) over a stand-in that forwards to this provider. */
  constructor(
    private readonly services: Services,
    view: vscode.TreeView<ConnectionFileNode>,
  ) {
    this.view = view;
    const watcher = vscode.workspace.createFileSystemWatcher(CONNECTION_FILES_GLOB);
    this.disposables.push(
      this.emitter,
      this.view,
      watcher,
      watcher.onDidCreate((uri) => this.added(uri)),
      watcher.onDidDelete((uri) => this.removed(uri)),
      watcher.onDidChange((uri) => this.invalidate(uri)),
      vscode.workspace.onDidSaveTextDocument((d) => {
        if (isConnectionFileName(d.uri.path)) this.invalidate(d.uri);
      }),
      services.deploys.onDidDeploy((e) => this.invalidate(e.uri)),
      services.tenants.onDidChange(() => this.invalidateAll()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.invalidateAll()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.refresh()),
      // Checks wait for the view to be seen; showing it renders the items, which starts them.
      this.view.onDidChangeVisibility((e) => {
        if (e.visible) this.emitter.fire(undefined);
      }),
    );
  }

  async getChildren(node?: ConnectionFileNode): Promise<ConnectionFileNode[]> {
    if (node) return [];
    const files = await this.list();
    return [...files.values()].sort((a, b) =>
      vscode.workspace.asRelativePath(a.resourceUri).localeCompare(vscode.workspace.asRelativePath(b.resourceUri)),
    );
  }

  async getTreeItem(node: ConnectionFileNode): Promise<vscode.TreeItem> {
    return node.toTreeItem(
      await this.state(node),
      (origin) => this.services.tenants.find(origin)?.displayName ?? origin,
    );
  }

  /** The file's state now: cached, or computed locally; starts the remote check when it is due. */
  state(node: ConnectionFileNode): Promise<FileState> {
    return this.stateWith(node, this.view.visible);
  }

  /**
   * The same state for the status bar and CodeLens of the file in the editor: the comparison with
   * the tenant starts even while the view is hidden. `onDidChangeTreeData` says when it changes.
   */
  async stateOf(uri: vscode.Uri): Promise<FileState> {
    return this.stateWith((await this.node(uri)) ?? new ConnectionFileNode(uri), true);
  }

  private async stateWith(node: ConnectionFileNode, check: boolean): Promise<FileState> {
    const key = node.id;
    let cached = this.states.get(key);
    if (!cached) {
      cached = await this.localState(node.resourceUri);
      // Another render may have filled it meanwhile; keep the first so only one check runs.
      const existing = this.states.get(key);
      if (existing) cached = existing;
      else this.states.set(key, cached);
    }
    if (cached.pendingCheck && !cached.started && check) this.startCheck(node, cached);
    return cached.state;
  }

  /** Lists the files again and forgets every state. */
  refresh(): void {
    this.files = undefined;
    this.listing = undefined;
    this.states.clear();
    this.emitter.fire(undefined);
  }

  /** The node for a file, when the view lists it. */
  async node(uri: vscode.Uri): Promise<ConnectionFileNode | undefined> {
    return (await this.list()).get(uri.toString());
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
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
    this.states.delete(uri.toString());
    if (this.files?.delete(uri.toString())) this.emitter.fire(undefined);
  }

  private invalidate(uri: vscode.Uri): void {
    this.states.delete(uri.toString());
    const node = this.files?.get(uri.toString());
    if (node) this.emitter.fire(node);
  }

  private invalidateAll(): void {
    this.states.clear();
    this.emitter.fire(undefined);
  }

  private async localState(uri: vscode.Uri): Promise<CachedState> {
    let text: string;
    try {
      text = await readDocumentText(uri);
    } catch (error) {
      return { state: { kind: 'errors', count: 1, firstLine: 1, firstMessage: userMessage(error) } };
    }
    const last = this.services.deploys.last(uri);
    const tenant = last?.tenant;
    const decision = planFileCheck(localFileState(text, uri.path), {
      trusted: vscode.workspace.isTrusted,
      lastDeployTenant: tenant,
      tenantConfigured: tenant !== undefined && this.services.tenants.find(tenant) !== undefined,
    });
    if (decision.kind === 'settled') return { state: decision.state };
    return {
      state: { kind: 'checking', tenant: decision.tenant },
      pendingCheck: { tenant: decision.tenant, body: decision.body },
    };
  }

  private startCheck(node: ConnectionFileNode, cached: CachedState): void {
    cached.started = true;
    const run = async (): Promise<void> => {
      const state = await this.remoteState(cached.pendingCheck!.tenant, cached.pendingCheck!.body);
      // A save or deploy meanwhile replaced the entry: this answer is about an older file.
      if (this.states.get(node.id) !== cached) return;
      cached.state = state;
      delete cached.pendingCheck;
      this.emitter.fire(node);
    };
    this.schedule(run);
  }

  private schedule(task: () => Promise<void>): void {
    const next = (): void => {
      this.running++;
      task()
        .catch((error: unknown) => this.services.log.error('Checking a connection file', error))
        .finally(() => {
          this.running--;
          this.queue.shift()?.();
        });
    };
    if (this.running < MAX_PARALLEL_CHECKS) next();
    else this.queue.push(next);
  }

  private async remoteState(origin: string, body: Auth0OidcConnectionFile): Promise<FileState> {
    const tenant = this.services.tenants.find(origin);
    if (!tenant) return { kind: 'notDeployed', reason: 'tenantRemoved', tenant: origin };
    try {
      const client = await this.services.tenants.client(tenant);
      const { remote, enabledClients } = await readRemoteState(client, body.name);
      if (!remote) return { kind: 'notDeployed', reason: 'missingOnTenant', tenant: origin };
      return deployedFileState(
        origin,
        planDeploy((await fillStoredSecrets(this.services.secrets, body)).body, remote, enabledClients),
      );
    } catch (error) {
      this.services.log.error(`Comparing ${body.name} with ${origin}`, error);
      return { kind: 'unknown', tenant: origin, message: this.services.log.redactor.redact(userMessage(error)) };
    }
  }
}
