/**
 * Keyword replacement as auth0-deploy-cli (a0deploy) documents it in its keyword-replacement guide
 * (docs/keyword-replacement.md, AUTH0_KEYWORD_REPLACE_MAPPINGS):
 * - `##KEY##` is replaced literally by the value (no quotes added): text inside a string;
 * - `@@KEY@@` is replaced by `JSON.stringify(value)`: a whole JSON value (a list, an object, a
 *   string with its quotes). In a JSON file it is written quoted, `"@@KEY@@"`, so the file stays
 *   valid JSON; the quotes go with it, as a0deploy's array replacement matches the quoted form too.
 * Only keys present in the mappings are replaced; any other `##X##` stays as it is (the connection
 * file's own secret placeholders among them).
 *
 * Two deliberate differences, both stricter: one pass over the text, so a value holding `@@X@@`
 * is never replaced again (a0deploy replaces key after key over its own output); and, with
 * `inJsonStrings`, a `##KEY##` value is escaped as JSON string content, so a value holding `"`
 * cannot add properties to the file it is put into.
 *
 * Pure, no vscode: the editor, the CLI and the a0deploy file support all call it.
 */
import type { OffsetSpan } from '../connectionFile/diagnostic';

/** A key name: letters, digits and `_` (what a0deploy's examples and environment variables use). */
export const KEYWORD_KEY_PATTERN = /^[A-Za-z0-9_]+$/;

// One scan for the three forms; the quoted `"@@KEY@@"` first so its quotes are taken with it.
// Linear: each alternative fails at the first character that cannot continue it.
const KEYWORD = /"@@([A-Za-z0-9_]+)@@"|@@([A-Za-z0-9_]+)@@|##([A-Za-z0-9_]+)##/g;

export type KeywordForm = 'text' | 'json';

/** One `##KEY##` or `@@KEY@@` in a text. */
export interface KeywordOccurrence {
  readonly key: string;
  /** `text`: `##KEY##`; `json`: `@@KEY@@`, quoted or not. */
  readonly form: KeywordForm;
  /** Whether a `json` keyword was written with its quotes, `"@@KEY@@"`. */
  readonly quoted: boolean;
  /** Where it is, quotes included for a quoted `@@KEY@@`. */
  readonly span: OffsetSpan;
}

/** One replacement made: where the keyword was, and where its value is in the new text. */
export interface KeywordReplacement {
  readonly key: string;
  readonly form: KeywordForm;
  readonly original: OffsetSpan;
  readonly resolved: OffsetSpan;
}

export interface KeywordResult {
  readonly text: string;
  /** In the order of the text. */
  readonly replacements: readonly KeywordReplacement[];
}

export type KeywordMappings = Readonly<Record<string, unknown>>;

/** Every keyword in the text, in order. */
export function findKeywords(text: string): KeywordOccurrence[] {
  const found: KeywordOccurrence[] = [];
  for (const match of text.matchAll(KEYWORD)) {
    const [whole, quotedKey, jsonKey, textKey] = match;
    const span = { offset: match.index, length: whole.length };
    if (quotedKey !== undefined) found.push({ key: quotedKey, form: 'json', quoted: true, span });
    else if (jsonKey !== undefined) found.push({ key: jsonKey, form: 'json', quoted: false, span });
    else if (textKey !== undefined) found.push({ key: textKey, form: 'text', quoted: false, span });
  }
  return found;
}

/** What a keyword becomes: JSON.stringify for `@@`, the value as text for `##` (escaped inside JSON strings). */
export function keywordText(value: unknown, form: KeywordForm, inJsonStrings: boolean): string {
  if (form === 'json') return JSON.stringify(value) ?? 'null';
  const literal = typeof value === 'string' ? value : String(value);
  return inJsonStrings ? JSON.stringify(literal).slice(1, -1) : literal;
}

/**
 * Replaces the given occurrences (from findKeywords on the same text) with `valueOf(occurrence)`;
 * an occurrence whose value is undefined stays as it is.
 */
export function replaceOccurrences(
  text: string,
  occurrences: readonly KeywordOccurrence[],
  valueOf: (occurrence: KeywordOccurrence) => { readonly value: unknown } | undefined,
  inJsonStrings: boolean,
): KeywordResult {
  const parts: string[] = [];
  const replacements: KeywordReplacement[] = [];
  let read = 0;
  let written = 0;
  for (const occurrence of occurrences) {
    const found = valueOf(occurrence);
    if (!found) continue;
    const before = text.slice(read, occurrence.span.offset);
    const replaced = keywordText(found.value, occurrence.form, inJsonStrings);
    parts.push(before, replaced);
    written += before.length;
    replacements.push({
      key: occurrence.key,
      form: occurrence.form,
      original: occurrence.span,
      resolved: { offset: written, length: replaced.length },
    });
    written += replaced.length;
    read = occurrence.span.offset + occurrence.span.length;
  }
  parts.push(text.slice(read));
  return { text: parts.join(''), replacements };
}

/**
 * a0deploy's keyword replacement over a whole text: each `##KEY##`, `@@KEY@@` and `"@@KEY@@"`
 * whose KEY is an own property of `mappings` is replaced. `inJsonStrings` escapes `##KEY##`
 * values for a JSON file (see the top of this file).
 */
export function replaceKeywords(
  text: string,
  mappings: KeywordMappings,
  options: { readonly inJsonStrings?: boolean } = {},
): KeywordResult {
  return replaceOccurrences(
    text,
    findKeywords(text),
    ({ key }) => (Object.prototype.hasOwnProperty.call(mappings, key) ? { value: mappings[key] } : undefined),
    options.inJsonStrings === true,
  );
}

/**
 * Where a span of the replaced text came from in the original: shifted past the replacements
 * before it, and widened to the whole keyword where it touches a replaced value, so a diagnostic
 * about a value is shown on the keyword that put it there.
 */
export function originalSpan(replacements: readonly KeywordReplacement[], span: OffsetSpan): OffsetSpan {
  const start = originalOffset(replacements, span.offset, 'start');
  const end = originalOffset(replacements, span.offset + span.length, 'end');
  return { offset: start, length: Math.max(0, end - start) };
}

function originalOffset(replacements: readonly KeywordReplacement[], offset: number, side: 'start' | 'end'): number {
  let shift = 0;
  for (const { original, resolved } of replacements) {
    const resolvedEnd = resolved.offset + resolved.length;
    if (offset < resolved.offset || (side === 'end' && offset === resolved.offset && resolved.length > 0)) break;
    if (offset < resolvedEnd || (side === 'end' && offset === resolvedEnd)) {
      return side === 'start' ? original.offset : original.offset + original.length;
    }
    shift = original.offset + original.length - resolvedEnd;
  }
  return offset + shift;
}
