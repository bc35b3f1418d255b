import * as vscode from 'vscode';
import { enabledApplications, type ApplicationSummary } from '../../core/tree/connectionDetails';
import { PagedList } from '../../core/tree/pagedList';
import { ContextValues } from '../contextValues';
import { pagedChildren } from './pagedChildren';
import type { TenantScope } from './tenantScope';
import { TreeNode } from './treeNode';

/** An application (client) of the tenant: its name, or its id when the name could not be read. */
export class ApplicationNode extends TreeNode {
  readonly id: string;

  constructor(
    parent: TreeNode,
    readonly application: ApplicationSummary,
  ) {
    super(parent);
    this.id = `${parent.id}/app:${application.clientId}`;
  }

  getTreeItem(): vscode.TreeItem {
    const a = this.application;
    const item = new vscode.TreeItem(a.name ?? a.clientId, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    if (a.name !== undefined) item.description = [a.appType, a.clientId].filter((s) => s !== undefined).join(' · ');
    item.tooltip = [
      a.name,
      vscode.l10n.t('Client ID: {0}', a.clientId),
      a.appType ? vscode.l10n.t('Type: {0}', a.appType) : undefined,
    ]
      .filter((s) => s !== undefined)
      .join('\n');
    item.iconPath = new vscode.ThemeIcon('window');
    item.contextValue = ContextValues.application;
    return item;
  }
}

/** The "Applications" folder under a tenant. */
export class ApplicationsNode extends TreeNode {
  readonly id: string;
  private nodes = new Map<string, ApplicationNode>();

  constructor(
    parent: TreeNode,
    private readonly scope: TenantScope,
  ) {
    super(parent);
    this.id = `${parent.id}/applications`;
  }

  getTreeItem(): vscode.TreeItem {
    return listFolderItem(this.id, vscode.l10n.t('Applications'), this.scope.applications, {
      icon: 'folder-library',
      contextValue: ContextValues.applications,
    });
  }

  override getChildren(): TreeNode[] {
    return pagedChildren(
      this,
      this.scope.applications,
      this.scope.host,
      (a) => this.node(a),
      vscode.l10n.t('No applications'),
    );
  }

  override reset(): void {
    this.scope.applications.reset();
    this.forget();
  }

  forget(): void {
    this.nodes = new Map();
  }

  private node(application: ApplicationSummary): ApplicationNode {
    let node = this.nodes.get(application.clientId);
    if (!node) this.nodes.set(application.clientId, (node = new ApplicationNode(this, application)));
    return node;
  }
}

/** "Enabled applications" under a connection, named from the tenant's applications when readable. */
export class EnabledApplicationsNode extends TreeNode {
  readonly id: string;
  readonly list: PagedList<ApplicationSummary>;

  constructor(
    parent: TreeNode,
    private readonly scope: TenantScope,
    private readonly connectionId: string,
  ) {
    super(parent);
    this.id = `${parent.id}/enabledApplications`;
    this.list = new PagedList(
      () => this.fetch(),
      (a) => a.clientId,
    );
  }

  getTreeItem(): vscode.TreeItem {
    return listFolderItem(this.id, vscode.l10n.t('Enabled applications'), this.list, {
      icon: 'pass',
      contextValue: ContextValues.enabledApplications,
    });
  }

  override getChildren(): TreeNode[] {
    return pagedChildren(
      this,
      this.list,
      this.scope.host,
      (a) => new ApplicationNode(this, a),
      vscode.l10n.t('No applications enabled'),
    );
  }

  override reset(): void {
    this.list.reset();
  }

  private async fetch(): Promise<{ items: ApplicationSummary[] }> {
    const client = await this.scope.host.services.tenants.client(this.scope.tenant);
    const [ids, known] = await Promise.all([
      client.listEnabledClients(this.connectionId),
      this.scope.knownApplications(),
    ]);
    return { items: enabledApplications(ids, known) };
  }
}

/** A folder of a paged list; its description counts the items once the list has loaded. */
function listFolderItem(
  id: string,
  label: string,
  list: PagedList<ApplicationSummary>,
  look: { readonly icon: string; readonly contextValue: string },
): vscode.TreeItem {
  const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = id;
  if (list.started && !list.isLoading && list.error === undefined) item.description = String(list.items.length);
  item.iconPath = new vscode.ThemeIcon(look.icon);
  item.contextValue = look.contextValue;
  return item;
}
