/**
 * Text helpers for input that comes from files, tenants or the network. Each is one linear
 * scan: a backtracking regular expression such as `/^#+[^#]*#*$/`, `/<[^>]*>/g` or `/[.\s]+$/`
 * takes time quadratic in the length of a long run of one character (seconds for 80 KB), which
 * froze the extension host on a hostile file or error page (issue 12).
 */

/** `text` without the characters of `set` at its end (`trimEndOf('a..  ', '. ')` is `'a'`). */
export function trimEndOf(text: string, set: string | ((c: string) => boolean)): string {
  const has = typeof set === 'string' ? (c: string) => set.includes(c) : set;
  let end = text.length;
  while (end > 0 && has(text[end - 1]!)) end--;
  return text.slice(0, end);
}

/** `text` without the characters of `set` at its start. */
export function trimStartOf(text: string, set: string | ((c: string) => boolean)): string {
  const has = typeof set === 'string' ? (c: string) => set.includes(c) : set;
  let start = 0;
  while (start < text.length && has(text[start]!)) start++;
  return text.slice(start);
}

export const isWhitespace = (c: string): boolean => c.trim() === '';

/**
 * Each `<...>` replaced by a space; an unclosed `<` and what follows it are kept as text, as
 * `text.replace(/<[^>]*>/g, ' ')` did, but in one pass.
 */
export function stripTags(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('<', i);
    if (open < 0) break;
    const close = text.indexOf('>', open + 1);
    if (close < 0) break; // no tag closes after here: neither does any later `<`
    out += text.slice(i, open) + ' ';
    i = close + 1;
  }
  return out + text.slice(i);
}

/** Runs of whitespace as one space, trimmed: `text.replace(/\s+/g, ' ').trim()` in one pass. */
export function collapseWhitespace(text: string): string {
  return text
    .split(/\s+/)
    .filter((w) => w !== '')
    .join(' ');
}
