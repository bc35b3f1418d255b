// The browser bundle (dist/web/extension.js) runs in a web worker extension host (vscode.dev,
// github.dev), where Node's modules and globals do not exist: one that reaches the bundle fails
// there at run time, often only on the code path that uses it. esbuild.mjs runs this check after
// every build and fails the build on a finding; `node scripts/check-web-bundle.mjs FILE` runs it alone.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** What a browser bundle must not contain, each with what it means. */
const FORBIDDEN = [
  // The only module a web extension may require is `vscode`, which the host provides.
  { pattern: /\brequire\(\s*["'`](?!vscode["'`])([^"'`]+)["'`]\s*\)/g, what: 'require of a module other than vscode' },
  { pattern: /\bimport\(\s*["'`]node:[^"'`]*["'`]\s*\)/g, what: 'dynamic import of a Node module' },
  { pattern: /["'`]node:[a-z_/]+["'`]/g, what: 'a node: module name' },
  { pattern: /undici/g, what: 'undici (Node HTTP client)' },
  { pattern: /\bBuffer\b/g, what: 'the Node global Buffer' },
  { pattern: /\bprocess\./g, what: 'the Node global process' },
  { pattern: /\b__dirname\b|\b__filename\b/g, what: 'a CommonJS file path global' },
  { pattern: /\bsetImmediate\(/g, what: 'the Node global setImmediate' },
];

/**
 * Each Node module or global found in `text`, with its line number and what it is.
 * @param {string} text
 * @returns {{ line: number, match: string, what: string }[]}
 */
export function nodeLeaks(text) {
  const leaks = [];
  for (const { pattern, what } of FORBIDDEN) {
    for (const m of text.matchAll(pattern)) {
      leaks.push({ line: text.slice(0, m.index).split('\n').length, match: m[0], what });
    }
  }
  return leaks.sort((a, b) => a.line - b.line);
}

/**
 * Throws with every finding when `file` holds a Node module or global.
 * @param {string} file
 */
export function assertBrowserSafe(file) {
  const leaks = nodeLeaks(readFileSync(file, 'utf8'));
  if (leaks.length === 0) return;
  const list = leaks.map((l) => `  ${file}:${l.line}: ${l.match} (${l.what})`).join('\n');
  throw new Error(
    `The browser bundle uses what a web worker does not have:\n${list}\n` +
      'Use Web Crypto, fetch and the vscode API instead, or replace the module in the browser build (esbuild.mjs).',
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const file = process.argv[2] ?? 'dist/web/extension.js';
  try {
    assertBrowserSafe(file);
    console.log(`[check-web-bundle] ${file}: no Node module or global`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}
