import type * as vscode from 'vscode';

/**
 * A node of the tenants tree. Each kind is its own class; the provider only asks nodes for their
 * item and children, and walks `parent` for TreeView.reveal.
 */
export abstract class TreeNode {
  /** Unique in the tree and stable across refreshes, so expansion and selection survive them. */
  abstract readonly id: string;

  constructor(readonly parent: TreeNode | undefined) {}

  abstract getTreeItem(): vscode.TreeItem;

  getChildren(): TreeNode[] | Promise<TreeNode[]> {
    return [];
  }

  /** Forgets what was fetched for this node, so that the next render fetches it again. */
  reset(): void {
    // Most nodes hold nothing fetched.
  }
}

/** What nodes need from the tree they are in. */
export interface TreeHost {
  /** Re-renders the node (and asks for its children again); the whole tree when undefined. */
  changed(node: TreeNode | undefined): void;
  /** Error text for a node: the client's advice, with any known secret redacted. */
  describeError(error: unknown): string;
}
