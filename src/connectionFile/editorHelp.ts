import * as vscode from 'vscode';
import {
  applicationTypeName,
  callbacksSummary,
  loginApplications,
  providerApplicationOrder,
  type ApplicationSummary,
} from '../core/connectionFile/applicationChoices';
import { providerDomainOf } from '../core/connectionFile/connectionModel';
import { valueSlotAt, type ValueSlot } from '../core/connectionFile/valueSlot';
import { parse } from 'jsonc-parser';
import type { Services } from '../services';
import type { Tenant } from '../tenants/tenantRegistry';
import { CONNECTION_FILE_SELECTOR as SELECTOR } from './connectionFileSelector';
import type { FileStates } from './fileStates';
import { ConnectionCodeActions } from './connectionCodeActions';
import { registerFileStatus } from './fileStatus';
import { PlaceholderLenses } from './placeholderLenses';

/** Completions and hovers wait at most this long for a tenant; typing is never held up longer. */
export const EDITOR_LOAD_LIMIT_MS = 1_000;

/**
 * Everything the editor offers on connection files (auth0-oidc and oidc alike) beyond diagnostics,
 * registered in one place: quick fixes, completions and hovers fed by the configured tenants, the
 * CodeLens and the status bar item.
 */
export function registerEditorHelp(services: Services, fileStates: FileStates): vscode.Disposable[] {
  const help = new ConnectionEditorHelp(services);
  return [
    ...registerFileStatus(services, fileStates),
    vscode.languages.registerCodeActionsProvider(
      SELECTOR,
      new ConnectionCodeActions(
        () => services.tenants.list().map(hostOf),
        (text) => services.applications.knownTenantsFor(text),
      ),
      ConnectionCodeActions.metadata,
    ),
    vscode.languages.registerCompletionItemProvider(SELECTOR, help, '"'),
    vscode.languages.registerHoverProvider(SELECTOR, help),
    vscode.languages.registerCodeLensProvider(SELECTOR, new PlaceholderLenses()),
  ];
}

function rangeOf(document: vscode.TextDocument, span: { offset: number; length: number }): vscode.Range {
  return new vscode.Range(document.positionAt(span.offset), document.positionAt(span.offset + span.length));
}

/** The provider tenant's domain the file names, whichever strategy it has; undefined when unreadable. */
function providerDomainOfText(text: string): string | undefined {
  const body: unknown = parse(text, [], { allowTrailingComma: true });
  return typeof body === 'object' && body !== null
    ? providerDomainOf((body as { options?: unknown }).options)
    : undefined;
}

function hostOf(tenant: Tenant): string {
  return new URL(tenant.origin).host;
}

interface TenantApps {
  readonly tenant: Tenant;
  readonly apps: readonly ApplicationSummary[];
}

class ConnectionEditorHelp implements vscode.CompletionItemProvider, vscode.HoverProvider {
  constructor(private readonly services: Services) {}

  async provideCompletionItems(
    document: vscode.TextDocument,
    position: vscode.Position,
    token: vscode.CancellationToken,
  ): Promise<vscode.CompletionList | undefined> {
    const slot = valueSlotAt(document.getText(), document.offsetAt(position));
    if (!slot) return undefined;
    const range = slot.string ? rangeOf(document, slot.string) : document.getWordRangeAtPosition(position);
    const item = (value: string, detail: string, documentation?: string): vscode.CompletionItem => {
      const completion = new vscode.CompletionItem(
        { label: value, description: detail },
        vscode.CompletionItemKind.Value,
      );
      completion.detail = detail;
      completion.insertText = JSON.stringify(value);
      // Matched against what is typed inside the quotes too.
      completion.filterText = JSON.stringify(value);
      if (range) completion.range = range;
      if (documentation) completion.documentation = documentation;
      return completion;
    };
    if (slot.kind === 'domain') {
      const tenants = this.services.tenants.list();
      return new vscode.CompletionList(tenants.map((t) => item(hostOf(t), t.displayName)));
    }
    const { lists, incomplete } = await this.applications(document, slot, token);
    const items = lists.flatMap(({ tenant, apps }) =>
      apps.map((app) =>
        item(
          app.client_id,
          `${app.name ?? app.client_id} · ${applicationTypeName(app.app_type)} · ${tenant.displayName}`,
          callbacksSummary(app),
        ),
      ),
    );
    // The tenant's order (Regular Web Applications first for the provider), not alphabetical ids.
    items.forEach((completion, index) => (completion.sortText = String(index).padStart(5, '0')));
    // Incomplete: VS Code asks again on the next keystroke, when a slow tenant may have answered.
    return new vscode.CompletionList(items, incomplete);
  }

  /** The application behind an id: its name, type, tenant and callbacks. */
  readonly provideHover = async (
    ...[document, position, token]: Parameters<vscode.HoverProvider['provideHover']>
  ): Promise<vscode.Hover | undefined> => {
    const slot = valueSlotAt(document.getText(), document.offsetAt(position));
    if (!slot?.string || slot.kind === 'domain') return undefined;
    const id = slot.string.value;
    const { lists } = await this.applications(document, slot, token);
    for (const { tenant, apps } of lists) {
      const app = apps.find((a) => a.client_id === id);
      if (!app) continue;
      // appendText escapes: names come from the tenant and are shown as text, never as markdown.
      const text = new vscode.MarkdownString()
        .appendText(app.name ?? id)
        .appendText(` — ${applicationTypeName(app.app_type)} in ${tenant.displayName}\n\n`)
        .appendText(callbacksSummary(app));
      return new vscode.Hover(text, rangeOf(document, slot.string));
    }
    return undefined;
  };

  /**
   * The applications a slot can name: the provider tenant's (the one options.domain names) for
   * options.client_id; for enabled_clients the RP's, i.e. where the file was last deployed, else
   * every configured tenant but the provider. Each tenant waits at most EDITOR_LOAD_LIMIT_MS.
   */
  private async applications(
    document: vscode.TextDocument,
    slot: ValueSlot,
    token: vscode.CancellationToken,
  ): Promise<{ lists: TenantApps[]; incomplete: boolean }> {
    const all = this.services.tenants.list();
    // options.domain (auth0-oidc), else the host of options.discovery_url (an oidc file).
    const providerDomain = slot.providerDomain ?? providerDomainOfText(document.getText());
    const provider = providerDomain ? this.services.tenants.find(providerDomain) : undefined;
    let tenants: Tenant[];
    if (slot.kind === 'client_id') tenants = provider ? [provider] : [];
    else {
      const last = this.services.deploys.last(document.uri);
      const rp = last ? this.services.tenants.find(last.tenant) : undefined;
      tenants = rp ? [rp] : all.filter((t) => t.origin !== provider?.origin);
    }
    const results = await Promise.all(
      tenants.map(async (tenant) => ({
        tenant,
        result: await this.services.applications.load(tenant, EDITOR_LOAD_LIMIT_MS, { token }),
      })),
    );
    const order = slot.kind === 'client_id' ? providerApplicationOrder : loginApplications;
    return {
      lists: results.flatMap(({ tenant, result }) =>
        result.kind === 'loaded' ? [{ tenant, apps: order(result.apps) }] : [],
      ),
      incomplete: results.some(({ result }) => result.kind === 'timeout'),
    };
  }
}
