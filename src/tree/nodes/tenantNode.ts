import * as vscode from 'vscode';
import type { Connection } from '../../auth0';
import { sortApplications, toApplicationSummary, type ApplicationSummary } from '../../core/tree/connectionDetails';
import { PagedList } from '../../core/tree/pagedList';
import type { Tenant } from '../../tenants/tenantRegistry';
import { workspaceTenantMark } from '../../tenants/pickTenant';
import { CONNECTIONS_PAGE_SIZE, ContextValues } from '../contextValues';
import { isDefaultFilter } from '../strategyFilter';
import { ApplicationsNode } from './applicationNodes';
import { ConnectionNode } from './connectionNode';
import { MessageNode, StrategyFilterNode } from './messageNodes';
import { MissingCredentialsNode } from './missingCredentialsNode';
import { pagedChildren } from './pagedChildren';
import type { TenantScope, TenantTreeHost } from './tenantScope';
import { TreeNode } from './treeNode';

/**
 * A configured tenant. Its children: the tenant's applications (one folder), a note saying which
 * strategies are listed (unless all are), then its connections of those strategies, 50 at a time
 * with "Load more".
 */
export class TenantNode extends TreeNode implements TenantScope {
  readonly id: string;
  /** Replaced whole by reloadUntil(), so it is read through `connections`. */
  private connectionList: PagedList<Connection>;
  /** The tenant's applications, read once and shared by the Applications folder and enabled-app names. */
  readonly applications: PagedList<ApplicationSummary>;
  private readonly applicationsNode: ApplicationsNode;
  /**
   * Same object per connection across renders and reloads: TreeView.reveal, fire(node) and the
   * view's selection rely on identity. A reload updates the node (ConnectionNode.update).
   */
  private readonly connectionNodes = new Map<string, ConnectionNode>();

  constructor(
    readonly tenant: Tenant,
    readonly host: TenantTreeHost,
  ) {
    super(undefined);
    this.id = `tenant:${tenant.origin}`;
    this.connectionList = this.newConnectionList();
    this.applications = new PagedList(
      () => this.fetchApplications(),
      (a) => a.clientId,
    );
    this.applicationsNode = new ApplicationsNode(this, this);
  }

  /** The tenant's connections of the filtered strategies, as far as they were loaded. */
  get connections(): PagedList<Connection> {
    return this.connectionList;
  }

  get strategies(): readonly string[] {
    return this.host.filters.get(this.tenant);
  }

  getTreeItem(): vscode.TreeItem {
    const host = new URL(this.tenant.origin).host;
    const item = new vscode.TreeItem(this.tenant.label ?? host, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    const fromWorkspace = this.tenant.scope === 'workspace';
    item.description = [
      this.tenant.label ? host : undefined,
      this.filterDescription(),
      fromWorkspace ? workspaceTenantMark() : undefined,
    ]
      .filter((s) => s !== undefined)
      .join(' · ');
    item.tooltip = new vscode.MarkdownString()
      .appendText(this.tenant.displayName)
      .appendMarkdown('\n\n')
      .appendText(this.tenant.origin)
      .appendMarkdown('\n\n')
      .appendText(
        vscode.l10n.t(
          'Connections shown: {0}',
          this.strategies.length === 0 ? vscode.l10n.t('all strategies') : this.strategies.join(', '),
        ),
      );
    if (fromWorkspace)
      item.tooltip
        .appendMarkdown('\n\n')
        .appendText(
          vscode.l10n.t(
            'Listed {0}, not in your user settings: its first use here asks you to confirm the domain.',
            workspaceTenantMark(),
          ),
        );
    item.iconPath = new vscode.ThemeIcon(fromWorkspace ? 'workspace-unknown' : 'cloud');
    item.contextValue = ContextValues.tenant;
    return item;
  }

  override async getChildren(): Promise<TreeNode[]> {
    if (!vscode.workspace.isTrusted) {
      return [
        new MessageNode(this, 'untrusted', vscode.l10n.t('Trust this workspace to list what the tenant has'), {
          icon: 'shield',
          command: { command: 'workbench.trust.manage', title: vscode.l10n.t('Manage Workspace Trust') },
        }),
      ];
    }
    if (!(await this.host.services.tenants.hasCredentials(this.tenant))) return [new MissingCredentialsNode(this)];
    const strategies = this.strategies;
    const empty =
      strategies.length === 0
        ? vscode.l10n.t('No connections')
        : vscode.l10n.t('No {0} connections', strategies.join(', '));
    return [
      this.applicationsNode,
      // After the Applications folder, before the list: the list's end is where "Load more" goes.
      ...(strategies.length > 0 ? [new StrategyFilterNode(this, this.tenant.origin, strategies)] : []),
      ...pagedChildren(this, this.connections, this.host, (c) => this.connectionNode(c), empty),
    ];
  }

  /**
   * Lists the connections again from the first page, until the connection shows up or the list
   * ends: what was loaded may predate it (a deploy just created it). The pages load into a new
   * list that replaces the shown one once loaded, so a render meanwhile shows the old list, not
   * "Loading…" in place of the connections. Undefined when the list ends without it.
   */
  async reloadUntil(connectionId: string): Promise<ConnectionNode | undefined> {
    const fresh = this.newConnectionList();
    const connection = await fresh.loadUntil((c) => c.id === connectionId);
    this.connectionList = fresh;
    return connection ? this.connectionNode(connection) : undefined;
  }

  override reset(): void {
    this.connections.reset();
    this.applications.reset();
    this.applicationsNode.forget();
  }

  /** Client id → application, when the tenant lets us read its applications; else undefined. */
  async knownApplications(): Promise<ReadonlyMap<string, ApplicationSummary> | undefined> {
    await this.applications.loadUntil(() => false).catch(() => undefined);
    if (this.applications.error !== undefined) return undefined;
    return new Map(this.applications.items.map((a) => [a.clientId, a]));
  }

  private connectionNode(connection: Connection): ConnectionNode {
    const showStrategy = this.strategies.length !== 1;
    let node = this.connectionNodes.get(connection.id);
    if (node) node.update(connection, showStrategy);
    else this.connectionNodes.set(connection.id, (node = new ConnectionNode(this, this, connection, showStrategy)));
    return node;
  }

  private newConnectionList(): PagedList<Connection> {
    return new PagedList(
      (from) => this.fetchConnections(from),
      (c) => c.id,
    );
  }

  private filterDescription(): string | undefined {
    const strategies = this.strategies;
    if (isDefaultFilter(strategies)) return undefined;
    return strategies.length === 0 ? vscode.l10n.t('all strategies') : strategies.join(', ');
  }

  private async fetchConnections(from: string | undefined): Promise<{ items: Connection[]; next?: string }> {
    const client = await this.host.services.tenants.client(this.tenant);
    const strategies = this.strategies;
    const page = await client.listConnectionsPage({
      take: CONNECTIONS_PAGE_SIZE,
      ...(from !== undefined ? { from } : {}),
      ...(strategies.length > 0 ? { strategy: strategies } : {}),
    });
    return page.next !== undefined ? { items: page.connections, next: page.next } : { items: page.connections };
  }

  private async fetchApplications(): Promise<{ items: ApplicationSummary[] }> {
    const client = await this.host.services.tenants.client(this.tenant);
    const items: ApplicationSummary[] = [];
    for await (const page of client.listClients({ fields: ['client_id', 'name', 'app_type'] }))
      items.push(...page.map(toApplicationSummary));
    return { items: sortApplications(items) };
  }
}
