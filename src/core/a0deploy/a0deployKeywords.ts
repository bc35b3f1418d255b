/**
 * Keywords in auth0-deploy-cli (a0deploy) files, with a0deploy's own key rule. Checked in its
 * sources (src/tools/utils.ts: keywordReplace runs keywordArrayReplace then keywordStringReplace,
 * each building `new RegExp('##' + key + '##', 'g')`, and `'@@key@@'|"@@key@@"|@@key@@`, for every
 * key of AUTH0_KEYWORD_REPLACE_MAPPINGS, merged with the environment under `--env`):
 * - a key is any property name of the mappings: a0deploy restricts no character, so
 *   `##PROVIDER-DOMAIN##`, `##provider domain##` or `##clé##` are replaced as well as
 *   `##PROVIDER_DOMAIN##`;
 * - the key goes into the regular expression unescaped: a key without regular-expression syntax
 *   matches itself, one with it does not (`.` matches any character, `a+` matches `aa` and not
 *   `a+`, and an unbalanced `(` or `[` makes every file of the repository fail to load).
 *
 * So in a0deploy files a keyword is `##KEY##` or `@@KEY@@` whatever KEY's characters (line breaks,
 * quotes, backslashes and the form's own delimiter aside, which no key written in a file of ours
 * holds), and a mapping key holding regular-expression syntax is refused by the commands that
 * replace keywords, naming it (stricter: a0deploy would match a pattern, not the key as written).
 *
 * The extension's own environments files keep their stricter key rule, letters, digits and `_`
 * (core/environments/keywords.ts, KEYWORD_KEY_PATTERN); its secret placeholders filled from secret
 * storage keep theirs, capital letters, digits and `_` (core/connectionFile/placeholders.ts).
 */
import type { KeywordOccurrence } from '../environments/keywords';

// Linear: a key's class excludes its delimiter, so each attempt ends at the next `#` or `@`.
const KEYWORD = /'@@([^@\r\n"'\\]+)@@'|"@@([^@\r\n"'\\]+)@@"|@@([^@\r\n"'\\]+)@@|##([^#\r\n"'\\]+)##/g;

/** The characters a regular expression reads as syntax (non-unicode mode, as a0deploy builds it). */
const REGEXP_SYNTAX = /[\\^$.|?*+()[\]{}]/;

/**
 * Every a0deploy keyword of a text, in order: `'@@KEY@@'` and `"@@KEY@@"` with their quotes (a0deploy
 * replaces the quotes too, in YAML and JSON alike), `@@KEY@@`, and `##KEY##`.
 */
export function findA0DeployKeywords(text: string): KeywordOccurrence[] {
  const found: KeywordOccurrence[] = [];
  for (const match of text.matchAll(KEYWORD)) {
    const [whole, singleQuoted, doubleQuoted, bare, textKey] = match;
    const span = { offset: match.index, length: whole.length };
    const quotedKey = singleQuoted ?? doubleQuoted;
    if (quotedKey !== undefined) found.push({ key: quotedKey, form: 'json', quoted: true, span });
    else if (bare !== undefined) found.push({ key: bare, form: 'json', quoted: false, span });
    else if (textKey !== undefined) found.push({ key: textKey, form: 'text', quoted: false, span });
  }
  return found;
}

/** Whether a text holds an a0deploy keyword. */
export function hasA0DeployKeyword(text: string): boolean {
  return findA0DeployKeywords(text).length > 0;
}

/**
 * The first key of AUTH0_KEYWORD_REPLACE_MAPPINGS that a0deploy reads as a pattern rather than as
 * itself (it holds regular-expression syntax), or undefined when every key matches itself.
 */
export function patternMappingKey(mappings: Readonly<Record<string, unknown>>): string | undefined {
  return Object.keys(mappings).find((key) => REGEXP_SYNTAX.test(key));
}
