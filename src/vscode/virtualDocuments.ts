import * as vscode from 'vscode';
import { Disposable } from './lifecycle';
import type { VirtualDocumentScheme } from './uriSchemes';

/**
 * Read-only documents held in memory under one URI scheme: the deploy previews and diffs, the
 * provider check's report, the move-to-oidc explanation. A virtual scheme, so closing one never
 * asks to save, and nothing is written to disk. VS Code reaches it through the scheme's stand-in
 * registered at activation (src/extension.ts), which forwards to this provider once loaded.
 */
export class VirtualDocuments extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly changed = this.register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changed.event;

  /** `dropOnClose`: forget a text when its editor closes (a rendered markdown preview needs it kept). */
  constructor(
    readonly scheme: VirtualDocumentScheme,
    options: { readonly dropOnClose: boolean },
  ) {
    super();
    if (options.dropOnClose) {
      this.register(
        vscode.workspace.onDidCloseTextDocument((d) => {
          if (d.uri.scheme === scheme) this.texts.delete(d.uri.toString());
        }),
      );
    }
  }

  /** Puts (or replaces) the text at `path` and returns its URI; an open editor of it is refreshed. */
  set(path: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: this.scheme, path });
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  override dispose(): void {
    this.texts.clear();
    super.dispose();
  }
}
