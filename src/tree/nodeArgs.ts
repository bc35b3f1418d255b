import * as vscode from 'vscode';
import { ApplicationNode } from './nodes/applicationNodes';
import { ConnectionNode } from './nodes/connectionNode';
import { TreeNode } from './nodes/treeNode';

/** Node commands come from menus with the node as first argument; anything else is refused quietly. */
export function connectionNodeArg(arg: unknown): ConnectionNode | undefined {
  if (arg instanceof ConnectionNode) return arg;
  void vscode.window.showInformationMessage(
    vscode.l10n.t('Run this from a connection in the Auth0 OIDC tenants view.'),
  );
  return undefined;
}

export function treeNodeArg(arg: unknown): TreeNode | undefined {
  return arg instanceof TreeNode ? arg : undefined;
}

export function applicationNodeArg(arg: unknown): ApplicationNode | undefined {
  return arg instanceof ApplicationNode ? arg : undefined;
}
