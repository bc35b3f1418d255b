import * as vscode from 'vscode';
import type { ConnectionDiagnostic } from '../core/connectionFile/diagnostic';
import { providerDiagnostics, type ProviderCheckReport } from '../core/providerCheck/providerCheck';
import { environmentProviderDiagnostics } from '../core/environments/environmentProviderDiagnostics';
import type { KeywordMappings } from '../core/environments/keywords';
import { usesEnvironmentKeywords } from '../core/environments/resolve';
import { VirtualDocuments } from '../vscode/virtualDocuments';
import { completeWalkthroughStep } from '../walkthrough/walkthroughContext';
import { PROVIDER_DOCS_SCHEME } from '../vscode/uriSchemes';

/** The environments a connection file is resolved for (the workspace's environments file). */
export type EnvironmentsOf = (
  uri: vscode.Uri,
) => readonly { readonly name: string; readonly values: KeywordMappings }[];

/** The key of a file's check, or of its check in one environment. */
const reportKey = (file: vscode.Uri, environment?: string): string =>
  environment === undefined ? file.toString() : `${file.toString()}\u0000${environment}`;

/**
 * The last provider check per connection file, and per environment for a file with environment
 * keywords (dev's check does not stand for prod's: each names its own provider application), in
 * memory only (ids, URLs and flags: no secret), for the file's diagnostics; and the read-only
 * markdown documents the check and the move to `oidc` show (a virtual scheme, so closing them
 * never asks to save).
 */
export class ProviderChecks implements vscode.Disposable {
  private readonly reports = new Map<string, ProviderCheckReport>();
  readonly documents = new VirtualDocuments(PROVIDER_DOCS_SCHEME, { dropOnClose: false });
  private readonly resultsChanged = new vscode.EventEmitter<vscode.Uri>();
  /** A file's remembered check changed. */
  readonly onDidChangeResults = this.resultsChanged.event;

  /** `environments`: those of the environments file that applies to a file, for its checks per environment. */
  constructor(private readonly environments: EnvironmentsOf = () => []) {}

  /** Remembers the check of `file`, as `environment` resolves it when given. */
  remember(file: vscode.Uri, report: ProviderCheckReport, environment?: string): void {
    this.reports.set(reportKey(file, environment), report);
    this.resultsChanged.fire(file);
    if (report.passed) completeWalkthroughStep('providerCheck');
  }

  get(file: vscode.Uri, environment?: string): ProviderCheckReport | undefined {
    return this.reports.get(reportKey(file, environment));
  }

  /** Forgets the file's checks, as written and in every environment. */
  forget(file: vscode.Uri): void {
    const prefix = reportKey(file, '');
    let forgot = this.reports.delete(reportKey(file));
    for (const key of [...this.reports.keys()]) if (key.startsWith(prefix)) forgot = this.reports.delete(key) || forgot;
    if (forgot) this.resultsChanged.fire(file);
  }

  /**
   * Diagnostics for the file from its remembered checks; nothing when it names another
   * application now. A file with environment keywords: each environment's check on the file as
   * that environment resolves it, shown on the keyword, naming the environment.
   */
  diagnostics(document: vscode.TextDocument): ConnectionDiagnostic[] {
    const text = document.getText();
    const report = this.reports.get(reportKey(document.uri));
    const own = report ? providerDiagnostics(text, report) : [];
    const environments = this.environments(document.uri);
    if (environments.length === 0 || !usesEnvironmentKeywords(text)) return own;
    const checks = environments.flatMap((environment) => {
      const checked = this.reports.get(reportKey(document.uri, environment.name));
      return checked ? [{ environment, report: checked }] : [];
    });
    return checks.length === 0 ? own : own.concat(environmentProviderDiagnostics(text, checks));
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
