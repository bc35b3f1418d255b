import * as vscode from 'vscode';
import type { OptionEntry } from '../../core/tree/connectionDetails';
import { ContextValues } from '../contextValues';
import { TreeNode } from './treeNode';

/** One option of a connection; a secret shows only as `••••`, in the description and the tooltip alike. */
export class OptionNode extends TreeNode {
  readonly id: string;

  constructor(
    parent: TreeNode,
    readonly entry: OptionEntry,
  ) {
    super(parent);
    this.id = `${parent.id}/${entry.path}`;
  }

  getTreeItem(): vscode.TreeItem {
    const e = this.entry;
    const hasChildren = e.children !== undefined && e.children.length > 0;
    const item = new vscode.TreeItem(
      e.key,
      hasChildren ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
    );
    item.id = this.id;
    item.description = e.display;
    item.tooltip = e.secret ? vscode.l10n.t('{0}: set (secret, not shown)', e.path) : `${e.path}: ${e.display}`;
    item.iconPath = new vscode.ThemeIcon(e.secret ? 'lock' : hasChildren ? 'symbol-object' : 'symbol-property');
    item.contextValue = ContextValues.option;
    return item;
  }

  override getChildren(): TreeNode[] {
    return (this.entry.children ?? []).map((child) => new OptionNode(this, child));
  }
}
