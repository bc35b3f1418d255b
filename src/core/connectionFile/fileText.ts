/**
 * A connection file's text as the validator and JSON.parse take it: without the byte order mark
 * some editors on Windows write. The one BOM rule for the editor, the views and the CLI
 * (TextDecoder drops a BOM itself; Node's readFile(…, 'utf8') keeps it).
 */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
