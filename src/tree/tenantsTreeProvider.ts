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

/** Tries of TreeView.reveal per reveal (showAndReveal). */
const REVEAL_ATTEMPTS = 3;

/** What the tree was asked to change while a reveal ran. */
interface HeldChanges {
  readonly nodes: Set<TreeNode | undefined>;
  readonly refreshes: (() => void)[];
  /** Tenants refreshed after a deploy or delete (refreshTenant), by origin. */
  readonly tenants: Set<string>;
}

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
  /** The reveal running, if any; the next one starts after it (revealConnection). */
  private revealing: Promise<unknown> = Promise.resolve();
  /** Set while a reveal runs: what the tree would change meanwhile, done once it ends. */
  private held: HeldChanges | undefined;

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
    if (this.held) this.held.nodes.add(node);
    else this.emitter.fire(node);
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
    if (this.held) {
      this.held.refreshes.push(() => this.refresh(node));
      return;
    }
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
    if (this.held) {
      this.held.tenants.add(origin);
      return;
    }
    const node = this.tenantNodes.get(origin);
    if (!node) return;
    node.reset();
    this.changed(node);
  }

  /**
   * Shows the view and selects the connection, loading pages until it appears (it may be new).
   * A connection of a strategy the tenant's filter hides is not searched for.
   *
   * VS Code fetches a node's children for reveal as well as for each change event, and two
   * fetches of the tenant's children at once fail ("Element with id tenant:…/applications is
   * already registered"; in the workbench, "Data tree node not found"), or a change after the
   * reveal replaces the revealed node and drops the selection. A deploy fires such a change
   * (onDidDeploy) just as its "Reveal in Tree" runs. So reveals run one at a time, and while one
   * runs the tree fires nothing: it fires one change for the tenant, which TreeView.reveal waits
   * for, and the changes and refreshes asked for meanwhile follow the reveal.
   */
  revealConnection(tenant: Tenant, connectionId: string): Promise<RevealResult> {
    const result = this.revealing.then(() => this.revealAlone(tenant, connectionId));
    this.revealing = result.catch(() => undefined);
    return result;
  }

  private async revealAlone(tenant: Tenant, connectionId: string): Promise<RevealResult> {
    // Held from the start: a refresh of the whole tree now would replace the tenant's node.
    const held: HeldChanges = { nodes: new Set(), refreshes: [], tenants: new Set() };
    this.held = held;
    let tenantNode: TenantNode | undefined;
    let node: ConnectionNode | undefined;
    try {
      tenantNode = this.tenantNode(tenant);
      if (!tenantNode) return { kind: 'missing' };
      const strategies = tenantNode.strategies;
      if (strategies.length > 0) {
        const connection = await (await this.services.tenants.client(tenant)).getConnection(connectionId);
        if (!strategies.includes(connection.strategy))
          return { kind: 'filtered', name: connection.name, strategy: connection.strategy };
      }
      // Visible first: a change fired at a hidden view is applied when it shows, beside the reveal.
      await vscode.commands.executeCommand(`${TENANTS_VIEW}.focus`);
      await this.untilVisible();
      node = await tenantNode.reloadUntil(connectionId);
      if (!node) return { kind: 'missing' };
      await this.showAndReveal(tenantNode, node);
      return { kind: 'revealed', node };
    } finally {
      this.held = undefined;
      await this.release(held, tenantNode, node);
    }
  }

  /**
   * Fires the tenant's change (the view shows the pages loaded to find the node), then reveals
   * the node: TreeView.reveal waits for the refreshes fired before it. VS Code 1.100's tree can
   * still fail a reveal while fetches of its own overlap ("Data tree node not found", seen in the
   * tree suite right after a tenant's credentials were saved again, which refreshes the whole
   * tree; microsoft/vscode#192055). Nothing of ours is in flight then, so the reveal is tried
   * again after another refresh, a bounded number of times.
   */
  private async showAndReveal(tenantNode: TenantNode, node: ConnectionNode): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      this.emitter.fire(tenantNode);
      try {
        await this.view.reveal(node, { select: true, focus: true, expand: false });
        return;
      } catch (error) {
        if (attempt >= REVEAL_ATTEMPTS) throw error;
        this.services.log.warn(`Reveal in Tree, attempt ${attempt} of ${REVEAL_ATTEMPTS}: ${userMessage(error)}`);
      }
    }
  }

  /**
   * Fires what a reveal held back. A refresh of the revealed tenant (the deploy's) lists its
   * connections again up to the revealed one: a reset would list the first page only, and the
   * revealed connection, on a later page, would leave the view with its selection.
   */
  private async release(
    held: HeldChanges,
    revealedIn: TenantNode | undefined,
    revealed: ConnectionNode | undefined,
  ): Promise<void> {
    for (const node of held.nodes.has(undefined) ? [undefined] : held.nodes) this.emitter.fire(node);
    for (const refresh of held.refreshes) refresh();
    for (const origin of held.tenants) {
      if (
        revealedIn &&
        revealed &&
        origin === revealedIn.tenant.origin &&
        this.tenantNodes.get(origin) === revealedIn
      ) {
        await revealedIn.reloadUntil(revealed.connection.id).catch(() => revealedIn.reset());
        this.changed(revealedIn);
      } else {
        this.refreshTenant(origin);
      }
    }
  }

  /** Resolves once the view shows (changes reach a hidden view only when it shows), or after `timeoutMs`. */
  private async untilVisible(timeoutMs = 3000): Promise<void> {
    if (this.view.visible) return;
    await new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        listener.dispose();
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      const listener = this.view.onDidChangeVisibility((e) => {
        if (e.visible) done();
      });
    });
  }
}
