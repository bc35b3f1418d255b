/**
 * Quick fixes for the diagnostics of an a0deploy file. The directory format is JSON, so the
 * connection file's fixes apply as they are; in tenant.yaml a fix rewrites one scalar, keeping
 * the quotes the person chose.
 */
import { modify } from 'jsonc-parser';
import { parseDocument, visit, isMap, isScalar, isSeq, Scalar } from 'yaml';
import type { ConnectionDiagnostic } from '../connectionFile/diagnostic';
import { toValidConnectionName } from '../connectionFile/connectionModel';
import { bareHostFrom } from '../connectionFile/host';
import { isMalformedPlaceholder, placeholderKey } from '../connectionFile/placeholders';
import { hasA0DeployKeyword } from './a0deployKeywords';
import { quickFixesFor, type FixContext, type QuickFix, type TextEdit } from '../connectionFile/quickFixes';
import { readableJson, type A0DeployEntry, type A0DeployFormat } from './a0deployFile';

/** Codes a fix exists for in tenant.yaml: each replaces the value the diagnostic is on. */
export const YAML_FIXABLE_CODES: ReadonlySet<string> = new Set([
  'domain-not-bare-host',
  'scope-missing-openid',
  'scope-duplicate',
  'name-invalid',
]);

export function a0deployQuickFixes(
  text: string,
  format: A0DeployFormat,
  diagnostic: ConnectionDiagnostic,
  context: FixContext = {},
): QuickFix[] {
  if (format === 'directory') {
    // Storing a secret needs the extension's own file command, which reads the file as its own.
    return quickFixesFor(text, diagnostic, context).filter((fix) => fix.storeSecret === undefined);
  }
  if (!YAML_FIXABLE_CODES.has(diagnostic.code)) return [];
  const scalar = scalarAt(text, diagnostic.span.offset);
  if (!scalar || typeof scalar.node.value !== 'string') return [];
  const value = scalar.node.value;
  const replace = (title: string, newValue: string): QuickFix[] => [
    { title, edits: [replacementOf(scalar.node, scalar.range, newValue)], isPreferred: true },
  ];
  switch (diagnostic.code) {
    case 'domain-not-bare-host': {
      const host = bareHostFrom(value);
      return host ? replace(`Use the bare host "${host}"`, host) : [];
    }
    case 'scope-missing-openid':
      return replace(
        'Add "openid" to the scope',
        ['openid', ...value.split(' ').filter((t) => t.length > 0)].join(' '),
      );
    case 'scope-duplicate':
      return replace('Remove repeated scopes', [...new Set(value.split(' ').filter((t) => t.length > 0))].join(' '));
    case 'name-invalid':
      return replace(`Rename to "${toValidConnectionName(value)}"`, toValidConnectionName(value));
    default:
      return [];
  }
}

/** The innermost scalar whose source covers `offset` (a scope word's diagnostic lies inside it). */
function scalarAt(text: string, offset: number): { node: Scalar; range: [number, number] } | undefined {
  let found: { node: Scalar; range: [number, number] } | undefined;
  visit(parseDocument(text, { uniqueKeys: false }), {
    Scalar(_key, node) {
      const range = node.range;
      if (isScalar(node) && range && offset >= range[0] && offset < Math.max(range[1], range[0] + 1))
        found = { node, range: [range[0], range[1]] };
    },
  });
  return found;
}

/** The new value written in the scalar's own style: quotes kept, a plain scalar quoted only when it must be. */
function replacementOf(node: Scalar, range: [number, number], value: string): TextEdit {
  let newText: string;
  if (node.type === Scalar.QUOTE_SINGLE) newText = `'${value.replace(/'/g, "''")}'`;
  else if (node.type === Scalar.QUOTE_DOUBLE || !isSafePlain(value)) newText = JSON.stringify(value);
  else newText = value;
  return { offset: range[0], length: range[1] - range[0], newText };
}

/** Words, hosts and scopes that YAML reads back as the same string when written without quotes. */
function isSafePlain(value: string): boolean {
  return (
    /^[A-Za-z0-9][A-Za-z0-9 ._/-]*$/.test(value) &&
    !/ $/.test(value) &&
    !/^(true|false|null|yes|no|on|off|~)$/i.test(value) &&
    !/^[0-9.+-]+$/.test(value)
  );
}

/**
 * The edits that make an entry's options.client_secret the placeholder: its value replaced (a
 * literal secret, kept nowhere else than secret storage), or the property added to its options.
 * Empty when the entry's options are not where an edit can go (no options, a flow-style map).
 */
export function clientSecretEdits(
  text: string,
  format: A0DeployFormat,
  entry: A0DeployEntry,
  placeholder: string,
): TextEdit[] {
  const secret = entry.clientSecret;
  if (format === 'directory') {
    if (secret) return [{ ...secret.span, newText: JSON.stringify(placeholder) }];
    const FORMAT = { formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' } };
    return modify(readableJson(text), ['options', 'client_secret'], placeholder, FORMAT).map((e) => ({
      offset: e.offset,
      length: e.length,
      newText: e.content,
    }));
  }
  if (secret) {
    const scalar = scalarAt(text, secret.span.offset);
    return scalar && secret.span.length > 0 ? [replacementOf(scalar.node, scalar.range, placeholder)] : [];
  }
  const document = parseDocument(text, { uniqueKeys: false });
  const connections = isMap(document.contents) ? document.contents.get('connections', true) : undefined;
  if (!isSeq(connections)) return [];
  const item = connections.items.find((i) => isMap(i) && i.range?.[0] === entry.span.offset);
  const options = isMap(item) ? item.get('options', true) : undefined;
  const first = isMap(options) && !options.flow ? options.items[0]?.key : undefined;
  const keyStart = isScalar(first) ? first.range?.[0] : undefined;
  if (keyStart === undefined) return [];
  // A line of its own above the first option, at its indentation; `##` unquoted would start a comment.
  const lineStart = text.lastIndexOf('\n', keyStart - 1) + 1;
  const indent = text.slice(lineStart, keyStart);
  if (!/^[ \t]*$/.test(indent)) return [];
  return [{ offset: lineStart, length: 0, newText: `${indent}client_secret: '${placeholder}'\n` }];
}

/** What an entry's options.client_secret holds, as the "store the secret" fix sees it. */
export type EntrySecret =
  | { readonly kind: 'missing' }
  | { readonly kind: 'placeholder'; readonly key: string }
  | { readonly kind: 'literal'; readonly value: string }
  /** Anything else: another a0deploy keyword, a malformed placeholder, a non-string. */
  | { readonly kind: 'other' };

export function entrySecretOf(entry: A0DeployEntry): EntrySecret {
  const value = entry.clientSecret?.value;
  if (entry.clientSecret === undefined) return { kind: 'missing' };
  if (typeof value !== 'string' || value.trim() === '') return { kind: 'other' };
  const key = placeholderKey(value);
  if (key !== undefined) return { kind: 'placeholder', key };
  if (hasA0DeployKeyword(value) || isMalformedPlaceholder(value)) return { kind: 'other' };
  return { kind: 'literal', value };
}
