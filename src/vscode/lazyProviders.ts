import * as vscode from 'vscode';

// Stand-ins registered at activation (src/extension.ts) for what VS Code must know of before the
// features bundle (dist/features.js, src/features.ts) is loaded: the two views and the virtual
// document schemes. VS Code gets a provider at once; the real one is loaded the first time VS Code
// asks the stand-in for something. Once the features are loaded, by whatever path (a command, an
// opened connection file), `connect()` forwards the real provider's change events: before that,
// nothing is loaded that could change.

/** Loads its target on first use and forwards the target's change event from then on. */
class Lazy<T> implements vscode.Disposable {
  private target: T | undefined;
  private forwarding: vscode.Disposable | undefined;

  constructor(
    private readonly load: () => T,
    private readonly forward: (target: T) => vscode.Disposable | undefined,
  ) {}

  get(): T {
    if (this.target === undefined) {
      const target = this.load();
      // Loading connects every stand-in, this one included: it may be set up already.
      if (this.target === undefined) {
        this.target = target;
        this.forwarding = this.forward(target);
      }
    }
    return this.target;
  }

  dispose(): void {
    this.forwarding?.dispose();
  }
}

/** A tree view's data provider until the real one (in the features bundle) is loaded. */
export class LazyTreeDataProvider<T> implements vscode.TreeDataProvider<T>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<T | T[] | undefined | null | void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly target: Lazy<vscode.TreeDataProvider<T>>;

  constructor(load: () => vscode.TreeDataProvider<T>) {
    this.target = new Lazy(load, (t) => t.onDidChangeTreeData?.((e) => this.changed.fire(e)));
  }

  /** Starts forwarding the loaded provider's events; called as soon as the features are loaded. */
  connect(): void {
    this.target.get();
  }

  getTreeItem(element: T): vscode.TreeItem | Thenable<vscode.TreeItem> {
    return this.target.get().getTreeItem(element);
  }

  getChildren(element?: T): vscode.ProviderResult<T[]> {
    return this.target.get().getChildren(element);
  }

  /** Always present: TreeView.reveal needs it. */
  getParent(element: T): vscode.ProviderResult<T> {
    return this.target.get().getParent?.(element);
  }

  dispose(): void {
    this.target.dispose();
    this.changed.dispose();
  }
}

/** A virtual document scheme's content provider until the real one is loaded. */
export class LazyContentProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly target: Lazy<vscode.TextDocumentContentProvider>;

  constructor(load: () => vscode.TextDocumentContentProvider) {
    this.target = new Lazy(load, (t) => t.onDidChange?.((uri) => this.changed.fire(uri)));
  }

  /** Starts forwarding the loaded provider's events; called as soon as the features are loaded. */
  connect(): void {
    this.target.get();
  }

  provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): vscode.ProviderResult<string> {
    return this.target.get().provideTextDocumentContent(uri, token);
  }

  dispose(): void {
    this.target.dispose();
    this.changed.dispose();
  }
}
