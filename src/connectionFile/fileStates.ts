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
import type { Environment } from '../core/environments/environmentsFile';
import { environmentLocalFileState } from '../core/environments/environmentFileState';
import { withEnvironmentSecretKeys } from '../core/environments/environmentSecrets';
import { usesEnvironmentKeywords } from '../core/environments/resolve';
import type { Services } from '../services';
import { readDocumentText } from '../vscode/documentText';
import { userMessage } from '../vscode/errors';
import { fillStoredSecrets } from './storedSecrets';

/** A file, judged as written or as one of its environments resolves it. */
interface FileKey {
  readonly uri: vscode.Uri;
  readonly environment?: string;
}

/** A keyword file's state in one of its environments. */
export interface EnvironmentFileState {
  readonly environment: Environment;
  readonly state: FileState;
}

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
  private readonly cache: FileStateCache<FileKey>;

  constructor(private readonly services: Services) {
    super();
    this.cache = new FileStateCache({
      id: (key) =>
        key.environment === undefined ? key.uri.toString() : `${key.uri.toString()}\u0000${key.environment}`,
      local: (key) => this.local(key),
      remote: (key, tenant, body) => this.remote(tenant, body, key.environment),
      changed: (key) => this.emitter.fire(key?.uri),
      failed: (error) => services.log.error('Checking a connection file', error),
    });
    const watcher = vscode.workspace.createFileSystemWatcher(CONNECTION_FILES_GLOB);
    this.register(
      this.emitter,
      watcher,
      watcher.onDidChange((uri) => this.forget(uri)),
      watcher.onDidDelete((uri) => this.forget(uri)),
      vscode.workspace.onDidSaveTextDocument((d) => {
        if (isConnectionFileName(d.uri.path)) this.forget(d.uri);
      }),
      services.deploys.onDidDeploy((e) => this.forget(e.uri)),
      // Environments added, removed or given other values: every keyword file reads otherwise.
      services.environments.onDidChange(() => this.cache.clear()),
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
   * CodeLens always); onDidChange says when it has answered. With `environment`, the file as
   * that environment resolves it (see environmentStates).
   */
  state(uri: vscode.Uri, check: boolean, environment?: string): Promise<FileState> {
    return this.cache.state(environment === undefined ? { uri } : { uri, environment }, check);
  }

  /**
   * A file with environment keywords, judged in each environment of the environments file that
   * applies to it (in the file's order): the file as the environment resolves it, compared with
   * where it was last deployed as that environment. Undefined for any other file, which
   * `state` judges as written. `check` as for `state`.
   */
  async environmentStates(uri: vscode.Uri, check: boolean): Promise<EnvironmentFileState[] | undefined> {
    const environments = await this.environmentsOf(uri);
    if (!environments) return undefined;
    return Promise.all(
      environments.map(async (environment) => ({
        environment,
        state: await this.cache.state({ uri, environment: environment.name }, check),
      })),
    );
  }

  /** The environments `uri` is judged in: undefined when it uses no keyword or no environments file applies. */
  private async environmentsOf(uri: vscode.Uri): Promise<readonly Environment[] | undefined> {
    await this.services.environments.ready();
    const environments = this.services.environments.fileFor(uri)?.file.environments ?? [];
    if (environments.length === 0) return undefined;
    let text: string;
    try {
      text = await readDocumentText(uri);
    } catch {
      return undefined; // `state` says why the file cannot be read.
    }
    return usesEnvironmentKeywords(text) ? environments : undefined;
  }

  /** Forgets the file's states, as written and in every environment. */
  private forget(uri: vscode.Uri): void {
    const id = uri.toString();
    this.cache.forget({ uri });
    this.cache.forgetWhere((key) => key.environment !== undefined && key.uri.toString() === id);
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

  private async local({ uri, environment: name }: FileKey): Promise<RemoteCheck> {
    let text: string;
    try {
      text = await readDocumentText(uri);
    } catch (error) {
      return { kind: 'settled', state: { kind: 'errors', count: 1, firstLine: 1, firstMessage: userMessage(error) } };
    }
    if (name !== undefined) return this.localIn(uri, text, name);
    const last = this.services.deploys.last(uri);
    const tenant = last?.tenant;
    return planFileCheck(localFileState(text, uri.path), {
      trusted: vscode.workspace.isTrusted,
      lastDeployTenant: tenant,
      tenantConfigured: tenant !== undefined && this.services.tenants.find(tenant) !== undefined,
    });
  }

  /** The file as environment `name` resolves it, against where it was last deployed as that environment. */
  private localIn(uri: vscode.Uri, text: string, name: string): RemoteCheck {
    const environment = this.services.environments.fileFor(uri)?.file.environments.find((e) => e.name === name);
    if (!environment)
      return {
        kind: 'settled',
        state: {
          kind: 'errors',
          count: 1,
          firstLine: 1,
          firstMessage: vscode.l10n.t('No environment "{0}" applies to this file any more.', name),
        },
      };
    const rpTenant = this.services.tenants.find(environment.rpTenant)?.origin;
    const tenant = this.services.deploys.lastIn(uri, name, rpTenant)?.tenant;
    return planFileCheck(environmentLocalFileState(text, environment, uri.path), {
      trusted: vscode.workspace.isTrusted,
      lastDeployTenant: tenant,
      tenantConfigured: tenant !== undefined && this.services.tenants.find(tenant) !== undefined,
    });
  }

  private async remote(origin: string, body: Auth0OidcConnectionFile, environment?: string): Promise<FileState> {
    const tenant = this.services.tenants.find(origin);
    if (!tenant) return { kind: 'notDeployed', reason: 'tenantRemoved', tenant: origin };
    try {
      const client = await this.services.tenants.client(tenant);
      const { remote, enabledClients } = await readRemoteState(client, body.name);
      if (!remote) return { kind: 'notDeployed', reason: 'missingOnTenant', tenant: origin };
      return deployedFileState(
        origin,
        planDeploy(
          // An environment's secret is stored under its own key (see readEnvironmentConnection).
          (
            await fillStoredSecrets(
              this.services.secrets,
              environment !== undefined ? withEnvironmentSecretKeys(body, environment) : body,
            )
          ).body,
          remote,
          enabledClients,
        ),
      );
    } catch (error) {
      this.services.log.error(`Comparing ${body.name} with ${origin}`, error);
      return { kind: 'unknown', tenant: origin, message: this.services.log.redactor.redact(userMessage(error)) };
    }
  }
}
