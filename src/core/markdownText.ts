/**
 * Text from files and tenants inside markdown the extension renders (the provider report, the
 * notes of Move to OIDC). A client id or domain holding a newline, `#`, `[link](…)`, `<img …>`
 * or a backtick must show as the characters it holds, never as structure (issue 12).
 */

const LINE_BREAKS = /\r\n|[\r\n\u2028\u2029\u0085\f\v]/g;

/** Plain text: line breaks become spaces, every ASCII punctuation character is backslash-escaped. */
export function mdText(text: string): string {
  return text.replace(LINE_BREAKS, ' ').replace(/[!-/:-@[-`{-~]/g, (c) => `\\${c}`);
}

/** An inline code span holding `text` literally: a fence longer than any backtick run inside. */
export function mdCode(text: string): string {
  const flat = text.replace(LINE_BREAKS, ' ');
  let longest = 0;
  let run = 0;
  for (const c of flat) {
    run = c === '`' ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  const fence = '`'.repeat(longest + 1);
  return `${fence} ${flat} ${fence}`;
}
