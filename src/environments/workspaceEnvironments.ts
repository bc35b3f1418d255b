import * as vscode from 'vscode';
import {
  ENVIRONMENTS_FILE_NAME,
  type EnvironmentsFile,
  parseEnvironmentsFile,
} from '../core/environments/environmentsFile';
import { Disposable } from '../vscode/lifecycle';

/** An environments file of the workspace, read. */
export interface WorkspaceEnvironmentsFile {
  readonly uri: vscode.Uri;
  readonly file: EnvironmentsFile;
}

/**
 * The workspace's environments files (auth0-oidc.environments.json), read once and again when one
 * changes, so the editor can ask synchronously which environments a connection file has: those
 * of the nearest environments file in its folder or a folder above it, within its workspace folder.
 */
export class WorkspaceEnvironments extends Disposable {
  private readonly files = new Map<string, WorkspaceEnvironmentsFile>();
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  /** Fired when an environments file was read, changed or deleted. */
  readonly onDidChange = this.changed.event;
  private loading: Promise<void> | undefined;

  constructor() {
    super();
    const watcher = this.register(vscode.workspace.createFileSystemWatcher(`**/${ENVIRONMENTS_FILE_NAME}`));
    const reread = (uri: vscode.Uri): void => {
      this.read(uri).then(
        () => this.changed.fire(),
        () => undefined,
      );
    };
    this.register(
      watcher.onDidCreate(reread),
      watcher.onDidChange(reread),
      watcher.onDidDelete((uri) => {
        this.files.delete(uri.toString());
        this.changed.fire();
      }),
    );
    this.loading = this.loadAll();
  }

  /** Resolves once the files present at startup are read. */
  ready(): Promise<void> {
    return this.loading ?? Promise.resolve();
  }

  /** The environments file that applies to `uri` (a connection file), or undefined. */
  fileFor(uri: vscode.Uri): WorkspaceEnvironmentsFile | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return undefined;
    let current = vscode.Uri.joinPath(uri, '..');
    for (;;) {
      const found = this.files.get(vscode.Uri.joinPath(current, ENVIRONMENTS_FILE_NAME).toString());
      if (found) return found;
      if (current.path === folder.uri.path || current.path.length <= folder.uri.path.length) return undefined;
      current = vscode.Uri.joinPath(current, '..');
    }
  }

  private async loadAll(): Promise<void> {
    const found = await vscode.workspace.findFiles(`**/${ENVIRONMENTS_FILE_NAME}`, '**/node_modules/**', 100);
    await Promise.all(found.map((uri) => this.read(uri).catch(() => undefined)));
    if (found.length > 0) this.changed.fire();
  }

  private async read(uri: vscode.Uri): Promise<void> {
    try {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      this.files.set(uri.toString(), { uri, file: parseEnvironmentsFile(text.replace(/^\uFEFF/, '')) });
    } catch {
      this.files.delete(uri.toString());
    }
  }
}
