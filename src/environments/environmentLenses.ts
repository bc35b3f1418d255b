import * as vscode from 'vscode';
import { DEPLOY_TO_ALL_ENVIRONMENTS_COMMAND, DEPLOY_TO_ENVIRONMENT_COMMAND } from '../commandIds';
import { usesEnvironmentKeywords } from '../core/environments/resolve';
import type { WorkspaceEnvironments } from './workspaceEnvironments';

/**
 * `Deploy to dev · staging · prod` above a connection file that uses environment keywords: one
 * lens per environment (VS Code draws them side by side), then Deploy to All.
 */
export class EnvironmentLenses implements vscode.CodeLensProvider {
  readonly onDidChangeCodeLenses: vscode.Event<void>;

  constructor(private readonly environments: WorkspaceEnvironments) {
    this.onDidChangeCodeLenses = environments.onDidChange;
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const names = this.environments.fileFor(document.uri)?.file.environments.map((e) => e.name) ?? [];
    if (names.length === 0 || !usesEnvironmentKeywords(document.getText())) return [];
    const top = new vscode.Range(0, 0, 0, 0);
    const lenses = names.map(
      (name, index) =>
        new vscode.CodeLens(top, {
          title: index === 0 ? vscode.l10n.t('Deploy to {0}', name) : `· ${name}`,
          tooltip: vscode.l10n.t('Deploy this file as environment {0} resolves it, to its Relying Party tenant', name),
          command: DEPLOY_TO_ENVIRONMENT_COMMAND,
          arguments: [document.uri, name],
        }),
    );
    if (names.length > 1)
      lenses.push(
        new vscode.CodeLens(top, {
          title: vscode.l10n.t('Deploy to All'),
          tooltip: vscode.l10n.t('One environment at a time, stopping at the first failure'),
          command: DEPLOY_TO_ALL_ENVIRONMENTS_COMMAND,
          arguments: [document.uri],
        }),
      );
    return lenses;
  }
}
