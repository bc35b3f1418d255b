import * as vscode from 'vscode';
import { PICK_ENVIRONMENT_COMMAND } from '../commandIds';
import { isConnectionFileName } from '../core/connectionFile/connectionModel';
import type { Environment } from '../core/environments/environmentsFile';
import { usesEnvironmentKeywords } from '../core/environments/resolve';
import { readDocumentText } from '../vscode/documentText';
import { UserFacingError } from '../vscode/errors';
import { Disposable } from '../vscode/lifecycle';
import type { WorkspaceEnvironments } from './workspaceEnvironments';

/** The workspace-state key of the environment chosen in the status bar (one per workspace). */
const ACTIVE_ENVIRONMENT_KEY = 'auth0Oidc.activeEnvironment';

/**
 * The environment Test Login, Check Provider and Open Authorize Link use on a connection file with
 * keywords: chosen from the status bar (`$(server-environment) dev`), remembered per workspace.
 * The item shows only while the active editor's file uses keywords an environments file fills.
 */
export class ActiveEnvironment extends Disposable {
  private readonly item = this.register(
    vscode.window.createStatusBarItem('auth0Oidc.activeEnvironment', vscode.StatusBarAlignment.Left, 49),
  );
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  /** Fired when another environment was made active (the file-state item shows the active one's state). */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly state: vscode.Memento,
    private readonly environments: WorkspaceEnvironments,
  ) {
    super();
    this.item.name = vscode.l10n.t('Auth0 OIDC: active environment');
    this.item.command = { command: PICK_ENVIRONMENT_COMMAND, title: vscode.l10n.t('Pick Environment') };
    const refresh = (): void => this.update();
    this.register(
      vscode.window.onDidChangeActiveTextEditor(refresh),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === vscode.window.activeTextEditor?.document) refresh();
      }),
      environments.onDidChange(refresh),
    );
    refresh();
  }

  /** The remembered name, whether or not the file at hand has such an environment. */
  get name(): string | undefined {
    const value = this.state.get<unknown>(ACTIVE_ENVIRONMENT_KEY);
    return typeof value === 'string' ? value : undefined;
  }

  async set(name: string): Promise<void> {
    const before = this.name;
    await this.state.update(ACTIVE_ENVIRONMENT_KEY, name);
    this.update();
    if (before !== name) this.changed.fire();
  }

  /** The environments of the environments file that applies to `uri` (none when none applies). */
  environmentsOf(uri: vscode.Uri): readonly Environment[] {
    return this.environments.fileFor(uri)?.file.environments ?? [];
  }

  /** The active environment among `uri`'s, or undefined when none is chosen or the file has no such one. */
  activeFor(uri: vscode.Uri): Environment | undefined {
    const name = this.name;
    return this.environmentsOf(uri).find((e) => e.name === name);
  }

  /** Asks which of `uri`'s environments to use (the active one first) and remembers it. */
  async pick(uri: vscode.Uri, placeHolder?: string): Promise<Environment | undefined> {
    const all = this.environmentsOf(uri);
    const active = this.name;
    const picked = await vscode.window.showQuickPick(
      all.map((e) => ({
        label: e.name,
        description: e.name === active ? vscode.l10n.t('active') : '',
        detail: vscode.l10n.t('Relying Party {0} · provider {1}', e.rpTenant, e.providerTenant),
        environment: e,
      })),
      {
        placeHolder: placeHolder ?? vscode.l10n.t('Environment that Test Login, Check Provider and the link act on'),
        ignoreFocusOut: true,
      },
    );
    if (!picked) return undefined;
    await this.set(picked.environment.name);
    return picked.environment;
  }

  private update(): void {
    const editor = vscode.window.activeTextEditor;
    const uri = editor?.document.uri;
    if (
      !editor ||
      !uri ||
      !isConnectionFileName(uri.path) ||
      this.environmentsOf(uri).length === 0 ||
      !usesEnvironmentKeywords(editor.document.getText())
    ) {
      this.item.hide();
      return;
    }
    const active = this.activeFor(uri);
    this.item.text = `$(server-environment) ${active?.name ?? vscode.l10n.t('no environment')}`;
    this.item.tooltip = active
      ? vscode.l10n.t(
          'Active environment {0}: Test Login, Check Provider and Open Authorize Link use its values and tenants ({1}). Click to pick another.',
          active.name,
          active.rpTenant,
        )
      : vscode.l10n.t('Pick the environment Test Login, Check Provider and Open Authorize Link act on');
    this.item.show();
  }
}

/**
 * The environment a command acts on for the file `uri`: undefined with `keywords: false` when the
 * file uses no environment keywords or no environments file applies (the command goes on as
 * before); else the active environment, or the one picked now (undefined when cancelled).
 */
export async function environmentForCommand(
  active: ActiveEnvironment,
  environments: WorkspaceEnvironments,
  uri: vscode.Uri,
  named: string | undefined,
  purpose: string,
): Promise<{ keywords: false } | { keywords: true; environment: Environment | undefined }> {
  await environments.ready();
  const all = active.environmentsOf(uri);
  if (all.length === 0 || !usesEnvironmentKeywords(await readDocumentText(uri))) return { keywords: false };
  if (named !== undefined) {
    const environment = all.find((e) => e.name === named);
    if (!environment)
      throw new UserFacingError(
        vscode.l10n.t('{0} has no environment "{1}".', vscode.workspace.asRelativePath(uri), named),
      );
    return { keywords: true, environment };
  }
  return { keywords: true, environment: active.activeFor(uri) ?? (await active.pick(uri, purpose)) };
}

/** Auth0 OIDC: Pick Environment — from the status bar or the palette, for the active connection file. */
export function pickEnvironment(active: ActiveEnvironment, environments: WorkspaceEnvironments) {
  return async (arg?: unknown): Promise<string | undefined> => {
    await environments.ready();
    const uri =
      arg instanceof vscode.Uri
        ? arg
        : vscode.window.activeTextEditor?.document.uri &&
            isConnectionFileName(vscode.window.activeTextEditor.document.uri.path)
          ? vscode.window.activeTextEditor.document.uri
          : undefined;
    if (typeof arg === 'string') {
      await active.set(arg);
      return arg;
    }
    if (!uri || active.environmentsOf(uri).length === 0) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t(
          'Open a connection file that an auth0-oidc.environments.json applies to (in its folder or a folder above it) to pick its environment.',
        ),
      );
      return undefined;
    }
    return (await active.pick(uri))?.name;
  };
}
