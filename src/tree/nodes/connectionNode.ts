import * as vscode from 'vscode';
import type { Connection } from '../../auth0';
import { optionEntries } from '../../core/tree/connectionDetails';
import { canPull } from '../../core/deploy/pullConnection';
import { ContextValues } from '../contextValues';
import { EnabledApplicationsNode } from './applicationNodes';
import { MessageNode } from './messageNodes';
import { OptionNode } from './optionNode';
import type { TenantScope } from './tenantScope';
import { TreeNode } from './treeNode';
import { CHECK_PROVIDER_COMMAND } from '../../commandIds';
import { hasProviderCheck } from '../../core/providerCheck/target';

/**
 * A connection on a tenant: its options (secrets masked) and its enabled applications. One object
 * per connection for as long as its tenant node lives: a reload of the list updates it in place
 * (update()), so a revealed or selected node stays the one VS Code shows.
 */
export class ConnectionNode extends TreeNode {
  readonly id: string;
  readonly enabledApplications: EnabledApplicationsNode;
  private current: Connection;

  constructor(
    parent: TreeNode,
    readonly scope: TenantScope,
    connection: Connection,
    private showStrategy: boolean,
  ) {
    super(parent);
    this.current = connection;
    this.id = `${parent.id}/connection:${connection.id}`;
    this.enabledApplications = new EnabledApplicationsNode(this, scope, connection.id);
  }

  /** The connection as its tenant listed it last. */
  get connection(): Connection {
    return this.current;
  }

  /** The connection as a newer page lists it; what was fetched below it is fetched again. */
  update(connection: Connection, showStrategy: boolean): void {
    this.showStrategy = showStrategy;
    if (connection === this.current) return;
    this.current = connection;
    this.reset();
  }

  /** For tenantFromArg and commands that take the node. */
  get tenant(): TenantScope['tenant'] {
    return this.scope.tenant;
  }

  getTreeItem(): vscode.TreeItem {
    const c = this.connection;
    const item = new vscode.TreeItem(c.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    const displayName = typeof c.display_name === 'string' && c.display_name !== c.name ? c.display_name : undefined;
    item.description = [displayName, this.showStrategy ? c.strategy : undefined]
      .filter((s) => s !== undefined)
      .join(' · ');
    item.tooltip = new vscode.MarkdownString()
      .appendText(c.name)
      .appendMarkdown('\n\n')
      .appendText(vscode.l10n.t('Strategy: {0}', c.strategy))
      .appendMarkdown('\n\n')
      .appendText(vscode.l10n.t('ID: {0}', c.id));
    item.iconPath = new vscode.ThemeIcon('plug');
    item.contextValue = canPull(c) ? ContextValues.auth0OidcConnection : ContextValues.connection;
    return item;
  }

  override getChildren(): TreeNode[] {
    const options = this.connection.options;
    const optionNodes: TreeNode[] = options
      ? optionEntries(options).map((entry) => new OptionNode(this, entry))
      : [
          new MessageNode(
            this,
            'noOptions',
            vscode.l10n.t('Options not returned (the token needs read:connections_options)'),
            { icon: 'info' },
          ),
        ];
    // For an auth0-oidc or oidc connection: check the provider application it names (options.client_id,
    // and options.domain or discovery_url), with the rules of its strategy and this tenant as the RP.
    const providerCheck = hasProviderCheck(this.connection.strategy)
      ? [
          new MessageNode(this, 'providerCheck', vscode.l10n.t('Check provider application…'), {
            icon: 'checklist',
            command: {
              command: CHECK_PROVIDER_COMMAND,
              title: vscode.l10n.t('Check Provider Application'),
              arguments: [this],
            },
          }),
        ]
      : [];
    return [...optionNodes, this.enabledApplications, ...providerCheck];
  }

  override reset(): void {
    this.enabledApplications.reset();
  }
}
