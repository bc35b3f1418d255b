import * as vscode from 'vscode';
import type { ConnectionDiagnostic } from '../core/connectionFile/diagnostic';
import { providerDiagnostics, type ProviderCheckReport } from '../core/providerCheck/providerCheck';
import { VirtualDocuments } from '../vscode/virtualDocuments';
import { completeWalkthroughStep } from '../walkthrough/walkthroughContext';
import { PROVIDER_DOCS_SCHEME } from '../vscode/uriSchemes';

/**
 * The last provider check per connection file, in memory only (ids, URLs and flags: no secret),
 * for the file's diagnostics; and the read-only markdown documents the check and the move to
 * `oidc` show (a virtual scheme, so closing them never asks to save).
 */
export class ProviderChecks implements vscode.Disposable {
  private readonly reports = new Map<string, ProviderCheckReport>();
  readonly documents = new VirtualDocuments(PROVIDER_DOCS_SCHEME, { dropOnClose: false });
  private readonly resultsChanged = new vscode.EventEmitter<vscode.Uri>();
  /** A file's remembered check changed. */
  readonly onDidChangeResults = this.resultsChanged.event;

  remember(file: vscode.Uri, report: ProviderCheckReport): void {
    this.reports.set(file.toString(), report);
    this.resultsChanged.fire(file);
    if (report.passed) completeWalkthroughStep('providerCheck');
  }

  get(file: vscode.Uri): ProviderCheckReport | undefined {
    return this.reports.get(file.toString());
  }

  forget(file: vscode.Uri): void {
    if (this.reports.delete(file.toString())) this.resultsChanged.fire(file);
  }

  /** Diagnostics for the file from its remembered check; nothing when it names another application now. */
  diagnostics(document: vscode.TextDocument): ConnectionDiagnostic[] {
    const report = this.reports.get(document.uri.toString());
    return report ? providerDiagnostics(document.getText(), report) : [];
  }

  /** Shows markdown as a rendered, read-only preview; `key` names the document (one per file and kind). */
  async showMarkdown(key: string, title: string, markdown: string): Promise<vscode.Uri> {
    const uri = this.documents.set(`/${encodeURIComponent(key)}/${title.replace(/[^\w .-]+/g, '-')}.md`, markdown);
    await vscode.commands.executeCommand('markdown.showPreview', uri);
    return uri;
  }

  dispose(): void {
    this.resultsChanged.dispose();
    this.documents.dispose();
  }
}
