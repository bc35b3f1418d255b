import * as vscode from 'vscode';
import { ContextValues } from '../contextValues';
import { TreeNode, type TreeHost } from './treeNode';
import { FILTER_BY_STRATEGY_COMMAND, LOAD_MORE_COMMAND, RETRY_COMMAND } from '../../commandIds';

/** A one-line note in place of content: an empty list, an untrusted workspace, options not returned. */
export class MessageNode extends TreeNode {
  readonly id: string;

  constructor(
    parent: TreeNode | undefined,
    key: string,
    readonly label: string,
    private readonly look: {
      readonly icon?: string;
      readonly command?: vscode.Command;
      readonly contextValue?: string;
      readonly description?: string;
      readonly tooltip?: string;
    } = {},
  ) {
    super(parent);
    this.id = `${parent?.id ?? ''}/${key}`;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.contextValue = this.look.contextValue ?? ContextValues.message;
    item.tooltip = this.look.tooltip ?? this.label;
    if (this.look.description !== undefined) item.description = this.look.description;
    if (this.look.icon) item.iconPath = new vscode.ThemeIcon(this.look.icon);
    if (this.look.command) item.command = this.look.command;
    return item;
  }
}

export class EmptyNode extends MessageNode {
  constructor(parent: TreeNode, label: string) {
    super(parent, 'empty', label, { contextValue: ContextValues.empty, icon: 'circle-slash' });
  }
}

/**
 * Under a tenant whose connections are filtered by strategy: which strategies are listed, so a
 * connection of another strategy is not silently missing; a click changes the filter.
 */
export class StrategyFilterNode extends MessageNode {
  constructor(parent: TreeNode, tenantOrigin: string, strategies: readonly string[]) {
    const listed = strategies.join(', ');
    super(parent, 'strategyFilter', vscode.l10n.t('Listing {0} connections only', listed), {
      icon: 'filter',
      description: vscode.l10n.t('others hidden by the filter · click to change'),
      tooltip: vscode.l10n.t(
        'Connections of other strategies than {0} are not listed here. Click (or "Filter by Strategy…" on the tenant) to list them.',
        listed,
      ),
      command: {
        command: FILTER_BY_STRATEGY_COMMAND,
        title: vscode.l10n.t('Filter by Strategy…'),
        arguments: [tenantOrigin],
      },
    });
  }
}

/** Shown while a list's first page (or the next one) is on its way; never blocks the tree. */
export class LoadingNode extends MessageNode {
  constructor(parent: TreeNode) {
    super(parent, 'loading', vscode.l10n.t('Loading…'), { contextValue: ContextValues.loading, icon: 'loading~spin' });
  }
}

/** "Load more…" at the end of a page: a click fetches the next page into the same list. */
export class LoadMoreNode extends TreeNode {
  readonly id: string;

  constructor(
    parent: TreeNode,
    private readonly loaded: number,
    readonly loadMore: () => void,
  ) {
    super(parent);
    this.id = `${parent.id}/loadMore`;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('Load more…'), vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = vscode.l10n.t('{0} shown', this.loaded);
    item.tooltip = vscode.l10n.t('Load the next page');
    item.iconPath = new vscode.ThemeIcon('ellipsis');
    item.contextValue = ContextValues.loadMore;
    item.command = { command: LOAD_MORE_COMMAND, title: vscode.l10n.t('Load more…'), arguments: [this] };
    return item;
  }
}

/** A failed fetch, with the message that says what to do; a click (or the inline action) retries. */
export class ErrorNode extends TreeNode {
  readonly id: string;

  constructor(
    parent: TreeNode,
    private readonly error: unknown,
    private readonly host: TreeHost,
    readonly retry: () => void,
  ) {
    super(parent);
    this.id = `${parent.id}/error`;
  }

  getTreeItem(): vscode.TreeItem {
    const message = this.host.describeError(this.error);
    const item = new vscode.TreeItem(message, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = vscode.l10n.t('click to retry');
    item.tooltip = new vscode.MarkdownString()
      .appendText(message)
      .appendMarkdown('\n\n')
      .appendText(vscode.l10n.t('Click to try again. Details are in the Auth0 OIDC log.'));
    item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
    item.contextValue = ContextValues.error;
    item.command = { command: RETRY_COMMAND, title: vscode.l10n.t('Retry'), arguments: [this] };
    return item;
  }
}
