import * as vscode from 'vscode';
import type { Environment } from '../core/environments/environmentsFile';
import { findKeywords } from '../core/environments/keywords';
import { isSecretKey } from '../core/secrets';
import type { WorkspaceEnvironments } from './workspaceEnvironments';

/** A value as a hover shows it: JSON, cut short so a long list stays readable. */
function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? 'null';
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}

/**
 * Hover on `##KEY##` / `"@@KEY@@"`: its value in each environment (never a secret: the
 * environments file holds none, and a secret's placeholder says where its value is kept).
 * Completion after `##` or `@@`: the keys the environments define.
 */
export class KeywordHelp implements vscode.HoverProvider, vscode.CompletionItemProvider {
  constructor(private readonly environments: WorkspaceEnvironments) {}

  private environmentsOf(document: vscode.TextDocument): readonly Environment[] {
    return this.environments.fileFor(document.uri)?.file.environments ?? [];
  }

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const environments = this.environmentsOf(document);
    if (environments.length === 0) return undefined;
    const line = document.lineAt(position.line);
    const lineStart = document.offsetAt(line.range.start);
    const offset = document.offsetAt(position);
    const keyword = findKeywords(line.text).find(
      (k) => lineStart + k.span.offset <= offset && offset <= lineStart + k.span.offset + k.span.length,
    );
    if (!keyword) return undefined;
    const markdown = new vscode.MarkdownString();
    if (isSecretKey(keyword.key)) {
      markdown.appendText(
        vscode.l10n.t(
          '##{0}## is a secret: each environment keeps its own value in secret storage, never in the environments file.',
          keyword.key,
        ),
      );
    } else {
      markdown.appendMarkdown(
        `**${keyword.form === 'json' ? '@@' : '##'}${keyword.key}${keyword.form === 'json' ? '@@' : '##'}**\n\n`,
      );
      for (const environment of environments) {
        const has = Object.prototype.hasOwnProperty.call(environment.values, keyword.key);
        markdown.appendMarkdown(`- ${environment.name}: `);
        if (has) markdown.appendMarkdown(`\`${shown(environment.values[keyword.key]).replace(/`/g, "'")}\`\n`);
        else markdown.appendText(vscode.l10n.t('no value') + '\n');
      }
    }
    const start = document.positionAt(lineStart + keyword.span.offset);
    return new vscode.Hover(markdown, new vscode.Range(start, start.translate(0, keyword.span.length)));
  }

  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] {
    const environments = this.environmentsOf(document);
    if (environments.length === 0) return [];
    const before = document.lineAt(position.line).text.slice(0, position.character);
    const opened = /(##|@@)([A-Za-z0-9_]*)$/.exec(before);
    if (!opened) return [];
    const [, marker = '##', typed = ''] = opened;
    const keys = new Set(environments.flatMap((e) => Object.keys(e.values)));
    const range = new vscode.Range(position.translate(0, -typed.length), position);
    return [...keys].sort().map((key) => {
      const item = new vscode.CompletionItem(key, vscode.CompletionItemKind.Variable);
      item.insertText = `${key}${marker}`;
      item.range = range;
      item.detail = environments
        .map(
          (e) =>
            `${e.name}: ${Object.prototype.hasOwnProperty.call(e.values, key) ? shown(e.values[key]) : vscode.l10n.t('no value')}`,
        )
        .join(' · ');
      return item;
    });
  }
}
