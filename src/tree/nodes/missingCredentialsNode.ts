import * as vscode from 'vscode';
import { ContextValues } from '../contextValues';
import { TreeNode } from './treeNode';

/** In place of a tenant's content when no secret or token is stored: a click opens Edit Tenant. */
export class MissingCredentialsNode extends TreeNode {
  readonly id: string;

  constructor(
    readonly tenantNode: TreeNode & { readonly tenant: { readonly origin: string; readonly displayName: string } },
  ) {
    super(tenantNode);
    this.id = `${tenantNode.id}/missingCredentials`;
  }

  /** For tenantFromArg: the command receives this node and finds the tenant on it. */
  get tenant(): { readonly origin: string } {
    return this.tenantNode.tenant;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(
      vscode.l10n.t('Add Management API credentials…'),
      vscode.TreeItemCollapsibleState.None,
    );
    item.id = this.id;
    item.tooltip = vscode.l10n.t(
      'No client secret or token is stored for {0}. Add them to list its connections and applications.',
      this.tenantNode.tenant.displayName,
    );
    item.iconPath = new vscode.ThemeIcon('key');
    item.contextValue = ContextValues.missingCredentials;
    item.command = {
      command: 'auth0Oidc.editTenant',
      title: vscode.l10n.t('Edit Tenant'),
      arguments: [this.tenantNode],
    };
    return item;
  }
}
