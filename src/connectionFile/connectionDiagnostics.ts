import * as vscode from 'vscode';
import { Disposable } from '../vscode/lifecycle';
import { DIAGNOSTIC_CODES, type ConnectionDiagnostic, type Severity } from '../core/connectionFile/diagnostic';
import { isConnectionFileName } from '../core/connectionFile/connectionModel';
import { FIXABLE_CODES } from '../core/connectionFile/quickFixes';
import { validateConnectionText, type ValidationContext } from '../core/connectionFile/validate';
import { clientTenantDiagnostics, type KnownTenant } from '../core/connectionFile/clientTenant';
import {
  type EnvironmentDiagnostic,
  resolveKeywords,
  usesEnvironmentKeywords,
  validateForEnvironments,
} from '../core/environments/resolve';

export const DIAGNOSTIC_SOURCE = 'auth0-oidc';

/** Typing faster than this does not re-validate on every key. */
const DEBOUNCE_MS = 150;

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** Diagnostics known from elsewhere than the text (a provider check), merged into a file's. */
export interface ExtraDiagnostics {
  diagnostics(document: vscode.TextDocument): ConnectionDiagnostic[];
  readonly onDidChangeResults: vscode.Event<vscode.Uri>;
}

/** The configured tenants' applications, for a client id that belongs to another tenant than the file names. */
export interface TenantKnowledge {
  knownTenantsFor(text: string): KnownTenant[];
  readonly onDidLoad: vscode.Event<void>;
}

/** The environments a connection file is deployed to (issue 25.1), from the workspace's environments file. */
export interface EnvironmentKnowledge {
  environmentsFor(
    uri: vscode.Uri,
  ): readonly { readonly name: string; readonly values: Readonly<Record<string, unknown>> }[];
  readonly onDidChange: vscode.Event<void>;
}

function isConnectionDocument(document: vscode.TextDocument): boolean {
  return isConnectionFileName(document.uri.path);
}

/**
 * A diagnostic collection kept up to date for the open documents of one kind: read when a
 * document opens, again once typing pauses for DEBOUNCE_MS, dropped when it closes. Connection
 * files and auth0-deploy-cli files each extend it with what `refresh` reads; a subclass calls
 * `refreshAll()` at the end of its constructor, once its own fields are set.
 */
export abstract class DebouncedDiagnostics extends Disposable {
  protected readonly collection: vscode.DiagnosticCollection;
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(collectionName: string) {
    super();
    this.collection = this.register(vscode.languages.createDiagnosticCollection(collectionName));
    this.register(
      vscode.workspace.onDidOpenTextDocument((d) => this.refresh(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)),
    );
  }

  /** Whether the document is of the kind this collection is for. */
  protected abstract handles(document: vscode.TextDocument): boolean;

  /** Reads the document again and sets its diagnostics (a document of another kind is left alone). */
  abstract refresh(document: vscode.TextDocument): void;

  /** Re-reads every open document, e.g. after the tenants changed. */
  refreshAll(): void {
    for (const document of vscode.workspace.textDocuments) this.refresh(document);
  }

  private schedule(document: vscode.TextDocument): void {
    if (!this.handles(document)) return;
    const key = document.uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.set(
      key,
      setTimeout(() => {
        this.pending.delete(key);
        this.refresh(document);
      }, DEBOUNCE_MS),
    );
  }

  /** A closed document: its pending read and its diagnostics go. */
  protected forget(uri: vscode.Uri): void {
    clearTimeout(this.pending.get(uri.toString()));
    this.pending.delete(uri.toString());
    this.collection.delete(uri);
  }

  override dispose(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
    super.dispose();
  }
}

/**
 * Keeps the extension's own diagnostics for open connection files up to date. Checks the JSON
 * schema makes are left to the JSON language service, unless ours carries a quick fix.
 */
export class ConnectionDiagnostics extends DebouncedDiagnostics {
  constructor(
    private readonly context: (uri: vscode.Uri) => ValidationContext,
    private readonly extra?: ExtraDiagnostics,
    private readonly tenantKnowledge?: TenantKnowledge,
    private readonly environments?: EnvironmentKnowledge,
  ) {
    super(DIAGNOSTIC_SOURCE);
    if (environments) this.register(environments.onDidChange(() => this.refreshAll()));
    if (tenantKnowledge) this.register(tenantKnowledge.onDidLoad(() => this.refreshAll()));
    if (extra) {
      this.register(
        extra.onDidChangeResults((uri) => {
          const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
          if (document) this.refresh(document);
        }),
      );
    }
    this.refreshAll();
  }

  protected handles(document: vscode.TextDocument): boolean {
    return isConnectionDocument(document);
  }

  refresh(document: vscode.TextDocument): void {
    if (!this.handles(document)) return;
    const text = document.getText();
    const environments = this.environments?.environmentsFor(document.uri) ?? [];
    if (environments.length > 0 && usesEnvironmentKeywords(text)) {
      // One file, several environments: checked as resolved for each, shown on the keywords.
      // The schema sees the file as written: what a keyword's value causes is ours alone to show.
      const keywords = resolveKeywords(text, {}).problems.map((p) => p.span);
      const diagnostics = validateForEnvironments(text, environments, document.uri.path)
        .filter(
          (d) =>
            !(d.code in DIAGNOSTIC_CODES) ||
            !DIAGNOSTIC_CODES[d.code as keyof typeof DIAGNOSTIC_CODES].inSchema ||
            FIXABLE_CODES.has(d.code as keyof typeof DIAGNOSTIC_CODES) ||
            keywords.some((k) => k.offset < d.span.offset + d.span.length && d.span.offset < k.offset + k.length),
        )
        .map((d) => environmentDiagnostic(document, d))
        .concat((this.extra?.diagnostics(document) ?? []).map(toVscodeDiagnostic));
      this.collection.set(document.uri, diagnostics);
      return;
    }
    const diagnostics = validateConnectionText(text, {
      ...this.context(document.uri),
      fileName: document.uri.path,
    })
      .filter((d) => !DIAGNOSTIC_CODES[d.code].inSchema || FIXABLE_CODES.has(d.code))
      .concat(this.tenantKnowledge ? clientTenantDiagnostics(text, this.tenantKnowledge.knownTenantsFor(text)) : [])
      .concat(this.extra?.diagnostics(document) ?? [])
      .map(toVscodeDiagnostic);
    this.collection.set(document.uri, diagnostics);
  }
}

/**
 * A diagnostic of the file resolved for its environments, on the file as written. The code
 * actions offer a fix for one of the file itself (it is found in the file as written too, at the
 * same place), never for one on a keyword: the value comes from the environments file.
 */
function environmentDiagnostic(document: vscode.TextDocument, d: EnvironmentDiagnostic): vscode.Diagnostic {
  const range = new vscode.Range(
    document.positionAt(d.span.offset),
    document.positionAt(d.span.offset + d.span.length),
  );
  const diagnostic = new vscode.Diagnostic(range, d.message, SEVERITY[d.severity]);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = d.href ? { value: d.code, target: vscode.Uri.parse(d.href) } : d.code;
  if (d.code === 'strategy-deprecated') diagnostic.tags = [vscode.DiagnosticTag.Deprecated];
  return diagnostic;
}

/** Keeps the core diagnostic on the VS Code one, so the code actions need not re-derive it. */
const coreDiagnostics = new WeakMap<vscode.Diagnostic, ConnectionDiagnostic>();

/** The one conversion of a core diagnostic for VS Code (connection files and auth0-deploy-cli entries). */
export function toVscodeDiagnostic(d: ConnectionDiagnostic): vscode.Diagnostic {
  const range = new vscode.Range(d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character);
  const diagnostic = new vscode.Diagnostic(range, d.message, SEVERITY[d.severity]);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = d.href ? { value: d.code, target: vscode.Uri.parse(d.href) } : d.code;
  if (d.code === 'strategy-deprecated') diagnostic.tags = [vscode.DiagnosticTag.Deprecated];
  coreDiagnostics.set(diagnostic, d);
  return diagnostic;
}
