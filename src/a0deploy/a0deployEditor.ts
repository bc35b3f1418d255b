import * as vscode from 'vscode';
import {
  a0deployFormatOf,
  enabledClientSlotAt,
  readA0DeployFile,
  unknownApplicationNames,
  type A0DeployEntry,
  type NameSlot,
} from '../core/a0deploy/a0deployFile';
import { a0deployQuickFixes, entrySecretOf } from '../core/a0deploy/a0deployFixes';
import { clientSecretPlaceholder } from '../core/connectionFile/placeholders';
import type { ConnectionDiagnostic } from '../core/connectionFile/diagnostic';
import { valueSlotAt } from '../core/connectionFile/valueSlot';
import { A0DEPLOY_ENTRY_COMMAND } from '../commandIds';
import { fixToCodeAction, matchCore } from '../connectionFile/connectionCodeActions';
import { A0DEPLOY_SELECTOR } from '../connectionFile/connectionFileSelector';
import { DebouncedDiagnostics, DIAGNOSTIC_SOURCE, toVscodeDiagnostic } from '../connectionFile/connectionDiagnostics';
import { EDITOR_LOAD_LIMIT_MS } from '../connectionFile/editorHelp';
import type { Services } from '../services';
import { repositoryContext } from './a0deployRepository';

/**
 * What the entry lenses and fixes run: the existing commands on the entry's connection, the
 * store-secret fix, and Import into a connection file.
 */
export type EntryAction = 'checkProvider' | 'openAuthorizeLink' | 'testLogin' | 'deploy' | 'storeSecret' | 'import';

/**
 * auth0-deploy-cli repositories in the editor: diagnostics and quick fixes on the auth0-oidc and
 * oidc entries of tenant.yaml and connections/*.json, application names completed in
 * enabled_clients, and a CodeLens per entry for Check Provider, Open Authorize Link, Test Login and
 * Deploy.
 */
export function registerA0DeployEditor(services: Services): vscode.Disposable[] {
  const lenses = new EntryLenses();
  return [
    lenses,
    // Each reading of a file refreshes its lenses: the features load after the file opened, and
    // the lenses are asked for again only when told.
    new A0DeployDiagnostics(services, () => lenses.changed()),
    vscode.languages.registerCodeActionsProvider(A0DEPLOY_SELECTOR, new A0DeployCodeActions(services), {
      providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
    }),
    vscode.languages.registerCompletionItemProvider(A0DEPLOY_SELECTOR, new ApplicationNames(services), '"', "'", ' '),
    vscode.languages.registerCodeLensProvider(A0DEPLOY_SELECTOR, lenses),
  ];
}

class A0DeployDiagnostics extends DebouncedDiagnostics {
  /** A later refresh of the same document wins over an earlier one still reading config.json. */
  private readonly generation = new Map<string, number>();

  constructor(
    private readonly services: Services,
    private readonly onRead: () => void,
  ) {
    super(`${DIAGNOSTIC_SOURCE}-a0deploy`);
    this.register(
      services.applications.onDidLoad(() => this.refreshAll()),
      services.tenants.onDidChange(() => this.refreshAll()),
    );
    this.refreshAll();
  }

  protected handles(document: vscode.TextDocument): boolean {
    return a0deployFormatOf(document.uri.path) !== undefined && document.uri.scheme !== 'git';
  }

  refresh(document: vscode.TextDocument): void {
    void this.read(document);
  }

  private async read(document: vscode.TextDocument): Promise<void> {
    const format = a0deployFormatOf(document.uri.path);
    if (!format || !this.handles(document)) return;
    const key = document.uri.toString();
    const generation = (this.generation.get(key) ?? 0) + 1;
    this.generation.set(key, generation);
    const text = document.getText();
    const reading = readA0DeployFile(text, format);
    const diagnostics: ConnectionDiagnostic[] = [...reading.diagnostics];
    this.collection.set(document.uri, diagnostics.map(toVscodeDiagnostic));
    this.onRead();
    if (!reading.entries.some((e) => e.enabledClients.length > 0)) return;
    // The names in enabled_clients, against the applications of the tenant the repository deploys to.
    const { tenant } = await repositoryContext(this.services, document.uri, format);
    if (!tenant || this.generation.get(key) !== generation) return;
    const apps = this.services.applications.cached(tenant);
    if (!apps) {
      // Read in the background; onDidLoad refreshes. A tenant not confirmed yet is not read.
      void this.services.applications.load(tenant, EDITOR_LOAD_LIMIT_MS);
      return;
    }
    for (const entry of reading.entries)
      diagnostics.push(...unknownApplicationNames(text, entry, apps, tenant.displayName));
    this.collection.set(document.uri, diagnostics.map(toVscodeDiagnostic));
  }

  protected override forget(uri: vscode.Uri): void {
    this.generation.delete(uri.toString());
    super.forget(uri);
  }
}

class A0DeployCodeActions implements vscode.CodeActionProvider {
  constructor(private readonly services: Services) {}

  provideCodeActions(
    document: vscode.TextDocument,
    range: vscode.Range,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    const format = a0deployFormatOf(document.uri.path);
    if (!format) return [];
    const ours = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
    const text = document.getText();
    const reading = readA0DeployFile(text, format);
    const tenantDomains = this.services.tenants.list().map((t) => new URL(t.origin).host);
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of ours) {
      const core = matchCore(document, diagnostic, reading.diagnostics);
      if (!core) continue;
      const secretFix = storeSecretAction(document, reading.entries, core, diagnostic);
      if (secretFix) actions.push(secretFix);
      for (const fix of a0deployQuickFixes(text, format, core, { tenantDomains }))
        actions.push(fixToCodeAction(document, fix, diagnostic));
    }
    // A placeholder has no diagnostic: its fix is offered with the cursor on it (a connection file has a lens).
    const at = document.offsetAt(range.start);
    for (const entry of reading.entries) {
      const secret = entrySecretOf(entry);
      const span = entry.clientSecret?.span;
      if (secret.kind !== 'placeholder' || !span || at < span.offset || at > span.offset + span.length) continue;
      actions.push(
        entryAction(
          vscode.l10n.t('Set the stored secret ##{0}##…', secret.key),
          document.uri,
          entry.name,
          'storeSecret',
        ),
      );
    }
    return actions;
  }
}

/** Codes the store-secret fix answers: client_secret missing, or written in the file. */
function storeSecretAction(
  document: vscode.TextDocument,
  entries: readonly A0DeployEntry[],
  core: ConnectionDiagnostic,
  diagnostic: vscode.Diagnostic,
): vscode.CodeAction | undefined {
  const missing = core.code === 'missing-property' && core.message.includes('"options.client_secret"');
  if (!missing && core.code !== 'client-secret-literal') return undefined;
  const entry = entries.find(
    (e) => core.span.offset >= e.span.offset && core.span.offset <= e.span.offset + e.span.length,
  );
  if (entry?.name === undefined) return undefined;
  const placeholder = clientSecretPlaceholder(entry.name);
  const title = missing
    ? vscode.l10n.t('Store the secret in secret storage, and add client_secret as {0}…', placeholder)
    : vscode.l10n.t('Move the secret into secret storage as {0}', placeholder);
  const action = entryAction(title, document.uri, entry.name, 'storeSecret');
  action.diagnostics = [diagnostic];
  action.isPreferred = true;
  return action;
}

function entryAction(title: string, uri: vscode.Uri, name: string | undefined, action: EntryAction): vscode.CodeAction {
  const codeAction = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
  codeAction.command = { command: A0DEPLOY_ENTRY_COMMAND, title, arguments: [uri, name, action] };
  return codeAction;
}

/** Application names (what a0deploy's enabled_clients holds) from the tenant the repository deploys to. */
class ApplicationNames implements vscode.CompletionItemProvider {
  constructor(private readonly services: Services) {}

  async provideCompletionItems(
    document: vscode.TextDocument,
    position: vscode.Position,
    token: vscode.CancellationToken,
  ): Promise<vscode.CompletionList | undefined> {
    const format = a0deployFormatOf(document.uri.path);
    if (!format) return undefined;
    const text = document.getText();
    const offset = document.offsetAt(position);
    const slot = format === 'yaml' ? enabledClientSlotAt(text, offset) : jsonSlotAt(text, offset);
    if (!slot) return undefined;
    const { tenant } = await repositoryContext(this.services, document.uri, format);
    if (!tenant || token.isCancellationRequested) return undefined;
    const result = await this.services.applications.load(tenant, EDITOR_LOAD_LIMIT_MS, { token });
    if (result.kind !== 'loaded') return new vscode.CompletionList([], true);
    const range = new vscode.Range(
      document.positionAt(slot.replace.offset),
      document.positionAt(slot.replace.offset + slot.replace.length),
    );
    const items = result.apps
      .filter((app) => app.name !== undefined)
      .map((app, index) => {
        const name = app.name!;
        const item = new vscode.CompletionItem(
          { label: name, description: `${app.client_id} · ${tenant.displayName}` },
          vscode.CompletionItemKind.Value,
        );
        item.insertText = slot.quoted ? name : format === 'yaml' ? yamlText(name) : JSON.stringify(name);
        item.filterText = name;
        item.range = range;
        item.sortText = String(index).padStart(5, '0');
        return item;
      });
    return new vscode.CompletionList(items);
  }
}

/** The directory format is JSON: the connection file's slot, its quotes kept. */
function jsonSlotAt(text: string, offset: number): NameSlot | undefined {
  const slot = valueSlotAt(text, offset);
  if (slot?.kind !== 'enabled_client') return undefined;
  if (!slot.string) return { replace: { offset, length: 0 }, quoted: false };
  return { replace: { offset: slot.string.offset + 1, length: Math.max(0, slot.string.length - 2) }, quoted: true };
}

/** A name as a YAML plain scalar when it reads back the same, else double-quoted. */
function yamlText(name: string): string {
  return /^[A-Za-z][A-Za-z0-9 ._/-]*$/.test(name) && !name.endsWith(' ') ? name : JSON.stringify(name);
}

class EntryLenses implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.emitter.event;

  changed(): void {
    this.emitter.fire();
  }

  dispose(): void {
    this.emitter.dispose();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const format = a0deployFormatOf(document.uri.path);
    if (!format) return [];
    const lenses: vscode.CodeLens[] = [];
    for (const entry of readA0DeployFile(document.getText(), format).entries) {
      if (entry.name === undefined) continue;
      const at = new vscode.Range(entry.range.start.line, 0, entry.range.start.line, 0);
      const lens = (title: string, action: EntryAction) =>
        new vscode.CodeLens(at, {
          title,
          command: A0DEPLOY_ENTRY_COMMAND,
          arguments: [document.uri, entry.name, action],
        });
      lenses.push(
        lens(vscode.l10n.t('Check Provider'), 'checkProvider'),
        lens(vscode.l10n.t('Open Authorize Link'), 'openAuthorizeLink'),
        lens(vscode.l10n.t('Test Login'), 'testLogin'),
        lens(vscode.l10n.t('Deploy'), 'deploy'),
        lens(vscode.l10n.t('Import into a Connection File'), 'import'),
      );
    }
    return lenses;
  }
}
