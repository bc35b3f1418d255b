import * as vscode from 'vscode';
import {
  CHECK_PROVIDER_COMMAND,
  DEPLOY_COMMAND,
  DEPLOY_TO_ENVIRONMENT_COMMAND,
  TEST_LOGIN_COMMAND,
} from '../commandIds';
import { isConnectionFileName } from '../core/connectionFile/connectionModel';
import { CONNECTION_FILE_SELECTOR as SELECTOR } from './connectionFileSelector';
import type { Services } from '../services';
import type { FileStates } from './fileStates';
import { describeEnvironmentStates, describeFileState } from '../tree/nodes/connectionFileNode';
import { parseTree } from 'jsonc-parser';
import { withinParseLimits } from '../core/connectionFile/parseLimits';

/**
 * Above the connection name: "Deploy to … · Test Login · Check Provider"; in the status bar, the
 * active file's state as the Connection Files view computes it (not deployed / in sync / differs,
 * with the tenant). Both registered here, in one place.
 */
export function registerFileStatus(services: Services, fileStates: FileStates): vscode.Disposable[] {
  const item = vscode.window.createStatusBarItem('auth0Oidc.fileState', vscode.StatusBarAlignment.Left, 50);
  item.name = vscode.l10n.t('Auth0 OIDC: connection file state');
  let generation = 0;
  const update = async (): Promise<void> => {
    const run = ++generation;
    const editor = vscode.window.activeTextEditor;
    if (!editor || !isConnectionFileName(editor.document.uri.path)) {
      item.hide();
      return;
    }
    const uri = editor.document.uri;
    const tenantName = (origin: string): string => services.tenants.find(origin)?.displayName ?? origin;
    // A file with environment keywords: the active environment's state, else every environment's.
    const environments = await fileStates.environmentStates(uri, true);
    if (run !== generation) return; // another editor became active meanwhile
    if (environments) {
      const active = environments.find((e) => e.environment.name === services.activeEnvironment.name);
      if (active) {
        const { description, detail, icon } = describeFileState(active.state, tenantName);
        item.text = `$(${icon.id}) ${active.environment.name}: ${description}`;
        item.tooltip = vscode.l10n.t('In environment {0}: {1}', active.environment.name, detail);
      } else {
        item.text = `$(server-environment) ${describeEnvironmentStates(environments)}`;
        item.tooltip = vscode.l10n.t('The file in each environment of its auth0-oidc.environments.json');
      }
      item.command = {
        command: DEPLOY_TO_ENVIRONMENT_COMMAND,
        title: vscode.l10n.t('Deploy to Environment'),
        arguments: active ? [uri, active.environment.name] : [uri],
      };
      item.show();
      return;
    }
    // The comparison with the tenant starts even while the Connection Files view is hidden.
    const state = await fileStates.state(uri, true);
    if (run !== generation) return; // another editor became active meanwhile
    const { description, detail, icon } = describeFileState(state, tenantName);
    item.text = `$(${icon.id}) ${description}`;
    item.tooltip = detail;
    item.command = { command: DEPLOY_COMMAND, title: vscode.l10n.t('Deploy Connection'), arguments: [uri] };
    item.show();
  };
  const refresh = (): void => {
    update().catch((error: unknown) => services.log.error('Showing the connection file state', error));
  };
  const lenses = new ConnectionFileLenses(services);
  refresh();
  return [
    item,
    vscode.window.onDidChangeActiveTextEditor(refresh),
    fileStates.onDidChange(refresh),
    services.activeEnvironment.onDidChange(refresh),
    services.deploys.onDidDeploy(() => {
      lenses.changed();
      refresh();
    }),
    services.tenants.onDidChange(() => lenses.changed()),
    vscode.languages.registerCodeLensProvider(SELECTOR, lenses),
    lenses,
  ];
}

class ConnectionFileLenses implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.emitter.event;

  constructor(private readonly services: Services) {}

  changed(): void {
    this.emitter.fire();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const range = nameRange(document);
    if (!range) return [];
    const uri = document.uri;
    const last = this.services.deploys.last(uri);
    const lastTenant = last ? this.services.tenants.find(last.tenant) : undefined;
    return [
      new vscode.CodeLens(range, {
        title: lastTenant ? vscode.l10n.t('Deploy to {0}', lastTenant.displayName) : vscode.l10n.t('Deploy to …'),
        command: DEPLOY_COMMAND,
        arguments: lastTenant ? [uri, lastTenant.origin] : [uri],
      }),
      new vscode.CodeLens(range, { title: vscode.l10n.t('Test Login'), command: TEST_LOGIN_COMMAND, arguments: [uri] }),
      new vscode.CodeLens(range, {
        title: vscode.l10n.t('Check Provider'),
        command: CHECK_PROVIDER_COMMAND,
        arguments: [uri],
      }),
    ];
  }

  dispose(): void {
    this.emitter.dispose();
  }
}

/** The `"name"` property's line, where the lenses go; the first line when the file has none. */
function nameRange(document: vscode.TextDocument): vscode.Range | undefined {
  const text = document.getText();
  // A file past the parse limits is not parsed (a stack overflow at depth 10,000): first line.
  if (!withinParseLimits(text)) return new vscode.Range(0, 0, 0, 0);
  const root = parseTree(text, [], { allowTrailingComma: true });
  if (root?.type !== 'object') return undefined;
  const name = root.children?.find((p) => p.children?.[0]?.value === 'name')?.children?.[0];
  const position = document.positionAt(name?.offset ?? 0);
  return new vscode.Range(position, position);
}
