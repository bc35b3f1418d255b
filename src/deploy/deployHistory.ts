import * as vscode from 'vscode';
import type { TargetHint } from '../core/deploy/deployTargets';

/** Where a file was last deployed. Held in workspace state: ids only, never a secret. */
export interface LastDeploy {
  /** The tenant's origin. */
  readonly tenant: string;
  readonly connectionId: string;
}

/** A file deployed to a tenant: ids only, never a secret. */
export interface DeployedFile extends LastDeploy {
  readonly uri: vscode.Uri;
  /** The environment (auth0-oidc.environments.json) the file was deployed as, if any. */
  readonly environment?: string;
}

/**
 * The extension changed a connection on a tenant other than by deploying a file (deleted it,
 * pulled it into a file).
 */
export interface TenantConnectionChange {
  /** The tenant's origin. */
  readonly tenant: string;
  readonly connectionName: string;
  readonly kind: 'deleted' | 'pulled';
}

/** The workspace-state key of a file's last deploy (unchanged since the first release: state persists). */
const lastDeployKey = (uri: vscode.Uri): string => `auth0Oidc.lastDeploy:${uri.toString()}`;

/**
 * The workspace-state key of a file's last deploy as one environment resolves it: a record per
 * environment, so dev's deploy does not stand for prod's. The name is encoded: it may hold ':'.
 */
const environmentDeployKey = (uri: vscode.Uri, environment: string): string =>
  `auth0Oidc.lastDeploy.environment:${encodeURIComponent(environment)}:${uri.toString()}`;

/**
 * The workspace-state key of a moved file's hint: the tenant its source file was last deployed to.
 * A key of its own, not a LastDeploy under lastDeployKey, because `last` means "this connection
 * exists there" to the file's state, the status bar, the CodeLens and Test Login, and the moved
 * connection does not exist there until it is deployed. Only the tenant pickers read the hint.
 */
const sourceDeployKey = (uri: vscode.Uri): string => `auth0Oidc.sourceDeploy:${uri.toString()}`;

/** Where a moved file's source was deployed: a hint for the tenant pickers, never a deploy. */
export interface SourceDeploy {
  /** The tenant's origin. */
  readonly tenant: string;
  /** The source file (its Uri as a string). */
  readonly source: string;
}

/**
 * The one owner of "where was this file last deployed" and of the deploy event. Commands record
 * deploys here; views, diagnostics and the walkthrough read it and listen, without importing a
 * command.
 */
export class DeployHistory implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<DeployedFile>();
  /** Fired after each deploy, once the state holds it, so views showing the tenant or the file refresh. */
  readonly onDidDeploy = this.emitter.event;
  private readonly changeEmitter = new vscode.EventEmitter<TenantConnectionChange>();
  /**
   * Fired when a command changed a tenant's connection other than by deploying (Delete
   * Connection, Pull into File), so views showing what the tenant holds drop what they knew.
   */
  readonly onDidChangeConnection = this.changeEmitter.event;

  constructor(private readonly state: vscode.Memento) {}

  /**
   * Where the file was last deployed from this workspace, if anywhere, whichever environment it
   * was deployed as (see `lastIn` for one environment's).
   */
  last(uri: vscode.Uri): LastDeploy | undefined {
    return readLastDeploy(this.state.get<unknown>(lastDeployKey(uri)));
  }

  /**
   * Where the file was last deployed as `environment`. Deploys recorded before records were kept
   * per environment sit under the file's key without an environment: such a record stands for
   * the environment whose RP tenant it names (`rpTenant`, an origin), since that is where an
   * environment's deploy goes and the state compares the name the environment resolves to there.
   */
  lastIn(uri: vscode.Uri, environment: string, rpTenant: string | undefined): LastDeploy | undefined {
    const own = readLastDeploy(this.state.get<unknown>(environmentDeployKey(uri, environment)));
    if (own) return own;
    const value = this.state.get<unknown>(lastDeployKey(uri));
    const legacy = readLastDeploy(value);
    const hasEnvironment = typeof value === 'object' && value !== null && 'environment' in value;
    return legacy && !hasEnvironment && rpTenant !== undefined && legacy.tenant === rpTenant ? legacy : undefined;
  }

  /**
   * Stores the deploy, then fires the event (a listener reading `last` sees this deploy). With
   * `environment`, also as that environment's deploy; the file's own record names it, so it is
   * never read as another environment's.
   */
  async record(uri: vscode.Uri, last: LastDeploy, environment?: string): Promise<void> {
    const stored: LastDeploy = { tenant: last.tenant, connectionId: last.connectionId };
    if (environment !== undefined) {
      await this.state.update(environmentDeployKey(uri, environment), stored);
      await this.state.update(lastDeployKey(uri), { ...stored, environment });
    } else await this.state.update(lastDeployKey(uri), stored);
    this.emitter.fire({ uri, ...stored, ...(environment !== undefined ? { environment } : {}) });
  }

  /** Where the file `uri` was moved from was deployed (Move to OIDC), if anywhere. */
  sourceDeploy(uri: vscode.Uri): SourceDeploy | undefined {
    const value = this.state.get<unknown>(sourceDeployKey(uri));
    if (typeof value !== 'object' || value === null) return undefined;
    const { tenant, source } = value as Partial<Record<keyof SourceDeploy, unknown>>;
    return typeof tenant === 'string' && typeof source === 'string' ? { tenant, source } : undefined;
  }

  /**
   * Remembers, for the file `uri` written from `source`, where `source` was last deployed: the
   * pickers then offer that tenant first. Fires no deploy event and leaves `last` alone (see
   * sourceDeployKey). Nothing is stored when the source was never deployed.
   */
  async recordSourceDeploy(uri: vscode.Uri, source: vscode.Uri): Promise<void> {
    const last = this.last(source);
    const stored: SourceDeploy | undefined = last && { tenant: last.tenant, source: source.toString() };
    await this.state.update(sourceDeployKey(uri), stored);
  }

  /** The tenant the pickers put first for the file: its last deploy, else its source's. */
  targetHint(uri: vscode.Uri): TargetHint | undefined {
    const last = this.last(uri);
    if (last) return { origin: last.tenant, kind: 'lastDeployed' };
    const source = this.sourceDeploy(uri);
    return source && { origin: source.tenant, kind: 'sourceDeployed' };
  }

  /**
   * A pulled file now mirrors the tenant's connection: remembered as where it is deployed (so
   * its state, lens and login target name that tenant), without the deploy event.
   */
  async link(uri: vscode.Uri, last: LastDeploy): Promise<void> {
    await this.state.update(lastDeployKey(uri), { tenant: last.tenant, connectionId: last.connectionId });
  }

  /** Says that a command changed a tenant's connection (see onDidChangeConnection). */
  connectionChanged(change: TenantConnectionChange): void {
    this.changeEmitter.fire(change);
  }

  dispose(): void {
    this.emitter.dispose();
    this.changeEmitter.dispose();
  }
}

function readLastDeploy(value: unknown): LastDeploy | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { tenant, connectionId } = value as Partial<Record<keyof LastDeploy, unknown>>;
  return typeof tenant === 'string' && typeof connectionId === 'string' ? { tenant, connectionId } : undefined;
}
