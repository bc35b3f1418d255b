import * as vscode from 'vscode';
import { Disposable } from '../vscode/lifecycle';
import type { Auth0OidcConnectionFile } from '../core/connectionFile/connectionModel';
import { CONNECTION_FILES_GLOB, isConnectionFileName } from '../core/connectionFile/connectionModel';
import {
  deployedFileState,
  localFileState,
  planFileCheck,
  type FileState,
  type RemoteCheck,
} from '../core/deploy/fileState';
import { FileStateCache } from '../core/deploy/fileStateCache';
import { planDeploy } from '../core/deploy/plan';
import { readRemoteState } from '../core/deploy/remoteState';
import type { Services } from '../services';
import { readDocumentText } from '../vscode/documentText';
import { userMessage } from '../vscode/errors';
import { fillStoredSecrets } from './storedSecrets';

/**
 * The one owner of the connection files' states (errors / not deployed / in sync / differs),
 * which the Connection Files view, the status bar and the CodeLens show. Local state is read at
 * once; the comparison with the tenant of the last deploy is network work, started only when a
 * caller asks for it, queued, cached per file and dropped on save, on change on disk, after a
 * deploy and after the extension deleted or pulled the connection; asked again (paced: not
 * within a few seconds of the last answer) when the window regains focus or a view is shown.
 */
export class FileStates extends Disposable {
  private readonly emitter = new vscode.EventEmitter<vscode.Uri | undefined>();
  /** A file's state changed (undefined: any file's); ask again with state(). */
  readonly onDidChange = this.emitter.event;
  private readonly cache: FileStateCache<vscode.Uri>;

  constructor(private readonly services: Services) {
    super();
    this.cache = new FileStateCache({
      id: (uri) => uri.toString(),
      local: (uri) => this.local(uri),
      remote: (_uri, tenant, body) => this.remote(tenant, body),
      changed: (uri) => this.emitter.fire(uri),
      failed: (error) => services.log.error('Checking a connection file', error),
    });
    const watcher = vscode.workspace.createFileSystemWatcher(CONNECTION_FILES_GLOB);
    this.register(
      this.emitter,
      watcher,
      watcher.onDidChange((uri) => this.cache.forget(uri)),
      watcher.onDidDelete((uri) => this.cache.forget(uri)),
      vscode.workspace.onDidSaveTextDocument((d) => {
        if (isConnectionFileName(d.uri.path)) this.cache.forget(d.uri);
      }),
      services.deploys.onDidDeploy((e) => this.cache.forget(e.uri)),
      // Deleted from the tree, pulled into a file: what the tenant said about it is stale.
      services.deploys.onDidChangeConnection((e) => this.cache.forgetConnection(e.tenant, e.connectionName)),
      // Someone may have changed the tenant meanwhile (another window, the Dashboard, a colleague).
      vscode.window.onDidChangeWindowState((e) => {
        if (e.focused) this.revalidate();
      }),
      services.tenants.onDidChange(() => this.cache.clear()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.cache.clear()),
    );
  }

  /**
   * The file's state now: cached, or computed locally. With `check`, the comparison with the
   * tenant starts when it is due (the view asks only while it is visible; the status bar and
   * CodeLens always); onDidChange says when it has answered.
   */
  state(uri: vscode.Uri, check: boolean): Promise<FileState> {
    return this.cache.state(uri, check);
  }

  /**
   * Compares again, through the check queue, the files whose last answer from their tenant is
   * more than a few seconds old (a view became visible, the window regained focus). What is
   * shown stays until the new answer.
   */
  revalidate(): void {
    this.cache.revalidate();
  }

  /** Forgets every state: they are read and compared again when next asked for. */
  clear(): void {
    this.cache.clear();
  }

  private async local(uri: vscode.Uri): Promise<RemoteCheck> {
    let text: string;
    try {
      text = await readDocumentText(uri);
    } catch (error) {
      return { kind: 'settled', state: { kind: 'errors', count: 1, firstLine: 1, firstMessage: userMessage(error) } };
    }
    const last = this.services.deploys.last(uri);
    const tenant = last?.tenant;
    return planFileCheck(localFileState(text, uri.path), {
      trusted: vscode.workspace.isTrusted,
      lastDeployTenant: tenant,
      tenantConfigured: tenant !== undefined && this.services.tenants.find(tenant) !== undefined,
    });
  }

  private async remote(origin: string, body: Auth0OidcConnectionFile): Promise<FileState> {
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
