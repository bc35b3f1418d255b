import * as vscode from 'vscode';
import type { FileState } from '../../core/deploy/fileState';
import { ContextValues } from '../contextValues';

/** A keyword file's state in one environment, as the view and the status bar show it. */
export interface EnvironmentState {
  readonly environment: { readonly name: string; readonly rpTenant: string };
  readonly state: FileState;
}

/**
 * A connection file in the workspace, with its state beside its name; or, with `environment`,
 * that file as one of its environments resolves it (a child of the file's node). Never shows a
 * secret: only names and paths.
 */
export class ConnectionFileNode {
  constructor(
    readonly resourceUri: vscode.Uri,
    readonly environment?: string,
  ) {}

  get id(): string {
    return this.environment === undefined
      ? this.resourceUri.toString()
      : `${this.resourceUri.toString()}#environment=${encodeURIComponent(this.environment)}`;
  }

  /**
   * A file with environment keywords: its state in each environment beside its name
   * (`dev ✓ in sync · prod not deployed`), one child per environment.
   */
  toEnvironmentsTreeItem(states: readonly EnvironmentState[]): vscode.TreeItem {
    const item = new vscode.TreeItem(this.resourceUri, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.description = describeEnvironmentStates(states);
    item.tooltip = new vscode.MarkdownString()
      .appendText(vscode.workspace.asRelativePath(this.resourceUri))
      .appendMarkdown('\n\n')
      .appendText(
        vscode.l10n.t('One file for several environments: each line is the file as that environment resolves it.'),
      );
    const kinds = states.map((s) => s.state.kind);
    item.iconPath = kinds.includes('errors')
      ? new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'))
      : kinds.every((k) => k === 'inSync')
        ? new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'))
        : new vscode.ThemeIcon('server-environment');
    item.contextValue = ContextValues.environmentsFile;
    item.command = { command: 'vscode.open', title: vscode.l10n.t('Open'), arguments: [this.resourceUri] };
    return item;
  }

  /** This file in one environment: its state there, and the actions on that environment. */
  toEnvironmentTreeItem(state: EnvironmentState, tenantName: (origin: string) => string): vscode.TreeItem {
    const item = new vscode.TreeItem(state.environment.name, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    const { description, detail, icon } = describeFileState(state.state, tenantName);
    item.description = description;
    item.tooltip = new vscode.MarkdownString()
      .appendText(
        vscode.l10n.t(
          '{0} as environment {1} resolves it, for {2}',
          vscode.workspace.asRelativePath(this.resourceUri),
          state.environment.name,
          state.environment.rpTenant,
        ),
      )
      .appendMarkdown('\n\n')
      .appendText(detail);
    item.iconPath = icon;
    item.contextValue = ContextValues.connectionFileEnvironment(state.state.kind);
    item.command = { command: 'vscode.open', title: vscode.l10n.t('Open'), arguments: [this.resourceUri] };
    return item;
  }

  toTreeItem(state: FileState, tenantName: (origin: string) => string): vscode.TreeItem {
    const item = new vscode.TreeItem(this.resourceUri, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    const relative = vscode.workspace.asRelativePath(this.resourceUri);
    const { description, detail, icon } = describeFileState(state, tenantName);
    item.description = description;
    item.tooltip = new vscode.MarkdownString().appendText(relative).appendMarkdown('\n\n').appendText(detail);
    item.iconPath = icon;
    item.contextValue = ContextValues.connectionFile(state.kind);
    item.command = { command: 'vscode.open', title: vscode.l10n.t('Open'), arguments: [this.resourceUri] };
    return item;
  }
}

/** `dev ✓ in sync · prod not deployed`: a keyword file's states, short, in the environments' order. */
export function describeEnvironmentStates(states: readonly EnvironmentState[]): string {
  return states.map((s) => `${s.environment.name} ${shortState(s.state)}`).join(' · ');
}

/** A state in a word or two, without the tenant (each environment has its own, in its line's tooltip). */
function shortState(state: FileState): string {
  switch (state.kind) {
    case 'errors':
      return vscode.l10n.t('✗ {0} error(s)', state.count);
    case 'local':
      return vscode.l10n.t('valid');
    case 'notDeployed':
      return state.reason === 'missingOnTenant' ? vscode.l10n.t('not on its tenant') : vscode.l10n.t('not deployed');
    case 'checking':
      return vscode.l10n.t('checking…');
    case 'inSync':
      return vscode.l10n.t('✓ in sync');
    case 'differs':
      return vscode.l10n.t('differs');
    case 'unknown':
      return vscode.l10n.t('could not check');
  }
}

/** A file's state in words and an icon: the tree, the status bar and the CodeLens say the same. */
export function describeFileState(
  state: FileState,
  tenantName: (origin: string) => string,
): { description: string; detail: string; icon: vscode.ThemeIcon } {
  switch (state.kind) {
    case 'errors':
      return {
        description: vscode.l10n.t('{0} error(s)', state.count),
        detail: vscode.l10n.t('Line {0}: {1}', state.firstLine, state.firstMessage),
        icon: new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground')),
      };
    case 'local':
      return {
        description: vscode.l10n.t('valid'),
        detail: vscode.l10n.t('No errors. Not compared with any tenant: this workspace is not trusted.'),
        icon: new vscode.ThemeIcon('check'),
      };
    case 'notDeployed':
      return {
        // Deployed there once, and the tenant has no connection of that name now: say so, not "not deployed".
        description:
          state.reason === 'missingOnTenant'
            ? vscode.l10n.t('not on {0} (deleted?)', tenantName(state.tenant ?? ''))
            : vscode.l10n.t('not deployed'),
        detail:
          state.reason === 'never'
            ? vscode.l10n.t('Not deployed from this workspace yet.')
            : state.reason === 'tenantRemoved'
              ? vscode.l10n.t('Last deployed to {0}, which is no longer configured.', state.tenant ?? '')
              : vscode.l10n.t(
                  '{0} has no connection of this name now: deleted there, or renamed. Deploy to create it again.',
                  tenantName(state.tenant ?? ''),
                ),
        icon: new vscode.ThemeIcon('cloud-upload'),
      };
    case 'checking':
      return {
        description: vscode.l10n.t('checking…'),
        detail: vscode.l10n.t('Comparing with {0}…', tenantName(state.tenant)),
        icon: new vscode.ThemeIcon('loading~spin'),
      };
    case 'inSync':
      return {
        description: vscode.l10n.t('in sync · {0}', tenantName(state.tenant)),
        detail: vscode.l10n.t('Matches the connection on {0}.', tenantName(state.tenant)),
        icon: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
      };
    case 'differs':
      return {
        description: vscode.l10n.t('differs · {0}', tenantName(state.tenant)),
        detail: vscode.l10n.t(
          'Differs from {0} in: {1}',
          tenantName(state.tenant),
          [...state.changes.slice(0, 10), ...(state.changes.length > 10 ? ['…'] : [])].join(', '),
        ),
        icon: new vscode.ThemeIcon('diff', new vscode.ThemeColor('list.warningForeground')),
      };
    case 'unknown':
      return {
        description: vscode.l10n.t('could not check'),
        detail: vscode.l10n.t('Could not compare with {0}: {1}', tenantName(state.tenant), state.message),
        icon: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')),
      };
  }
}
