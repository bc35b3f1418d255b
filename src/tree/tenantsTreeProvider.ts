import * as vscode from 'vscode';
import type { Services } from '../services';
import type { Tenant } from '../tenants/tenantRegistry';
import { userMessage } from '../vscode/errors';
import { Disposable } from '../vscode/lifecycle';
import type { ConnectionNode } from './nodes/connectionNode';
import { TENANTS_VIEW } from './contextValues';
import { TenantNode } from './nodes/tenantNode';
import type { TenantTreeHost } from './nodes/tenantScope';
import type { TreeNode } from './nodes/treeNode';
import { StrategyFilters } from './strategyFilter';

export type RevealResult =
  | { readonly kind: 'revealed'; readonly node: ConnectionNode }
  | { readonly kind: 'filtered'; readonly name: string; readonly strategy: string }
  | { readonly kind: 'missing' };

/**
 * The "Tenants" view: each configured tenant, its connections (paged), their options and
 * enabled applications, and the tenant's applications. Network work happens when a node is
 * expanded, behind a "Loading…" node; nothing here blocks the tree.
 */
export class TenantsTreeProvider extends Disposable implements vscode.TreeDataProvider<TreeNode>, TenantTreeHost {
  private readonly emitter = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  readonly filters: StrategyFilters;
  readonly view: vscode.TreeView<TreeNode>;
  /** By origin; rebuilt when the tenants or their credentials change. */
  private tenantNodes = new Map<string, TenantNode>();

  /** `view` is created at activation (src/extension.ts) over a stand-in that forwards to this provider. */
  constructor(
    readonly services: Services,
    view: vscode.TreeView<TreeNode>,
  ) {
    super();
    this.filters = new StrategyFilters(services.context.workspaceState);
    this.view = view;
    this.register(
      this.emitter,
      this.view,
      services.tenants.onDidChange(() => this.refresh()),
      services.deploys.onDidDeploy((e) => this.refreshTenant(e.tenant)),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.refresh()),
    );
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return node.getTreeItem();
  }

  getChildren(node?: TreeNode): TreeNode[] | Promise<TreeNode[]> {
    return node ? node.getChildren() : this.tenantRoots();
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  changed(node: TreeNode | undefined): void {
    this.emitter.fire(node);
  }

  describeError(error: unknown): string {
    return this.services.log.redactor.redact(userMessage(error));
  }

  /** The tenant nodes, in settings order; the same objects until the tenants change. */
  tenantRoots(): TenantNode[] {
    const nodes = new Map<string, TenantNode>();
    for (const tenant of this.services.tenants.list()) {
      nodes.set(tenant.origin, this.tenantNodes.get(tenant.origin) ?? new TenantNode(tenant, this));
    }
    this.tenantNodes = nodes;
    return [...nodes.values()];
  }

  tenantNode(tenant: Tenant | string): TenantNode | undefined {
    const origin = typeof tenant === 'string' ? tenant : tenant.origin;
    return this.tenantRoots().find((n) => n.tenant.origin === origin);
  }

  /** Fetches again under `node` (a tenant's connections, a connection's details), or everything. */
  refresh(node?: TreeNode): void {
    if (!node) {
      this.tenantNodes = new Map();
      this.changed(undefined);
      return;
    }
    node.reset();
    this.changed(node);
  }

  /** After a deploy or delete on a tenant: its connection list is stale. */
  refreshTenant(origin: string): void {
    const node = this.tenantNodes.get(origin);
    if (!node) return;
    node.reset();
    this.changed(node);
  }

  /**
   * Shows the view and selects the connection, loading pages until it appears (it may be new).
   * A connection of a strategy the tenant's filter hides is not searched for.
   */
  async revealConnection(tenant: Tenant, connectionId: string): Promise<RevealResult> {
    const tenantNode = this.tenantNode(tenant);
    if (!tenantNode) return { kind: 'missing' };
    const strategies = tenantNode.strategies;
    if (strategies.length > 0) {
      const connection = await (await this.services.tenants.client(tenant)).getConnection(connectionId);
      if (!strategies.includes(connection.strategy))
        return { kind: 'filtered', name: connection.name, strategy: connection.strategy };
    }
    // What was loaded may predate the connection: start from the first page.
    tenantNode.reset();
    this.changed(tenantNode);
    await vscode.commands.executeCommand(`${TENANTS_VIEW}.focus`);
    const node = await tenantNode.findConnection(connectionId);
    this.changed(tenantNode);
    if (!node) return { kind: 'missing' };
    await this.view.reveal(node, { select: true, focus: true, expand: false });
    return { kind: 'revealed', node };
  }
}
