// The browser bundle (dist/web/extension.js) runs in a web worker extension host (vscode.dev,
// github.dev), where Node's modules and globals do not exist: one that reaches the bundle fails
// there at run time, often only on the code path that uses it. esbuild.mjs runs this check after
// every build and fails the build on a finding; `node scripts/check-web-bundle.mjs FILE` runs it alone.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Linter } from 'eslint';

// References are found with ESLint's scope analysis, not by matching text: a bundled library may
// name `Buffer` in a comment or an error message (yaml's browser build does) without using it, and
// a local variable called `process` is no leak. ESLint is already a dev dependency.
const GLOBALS = [
  { name: 'Buffer', what: 'the Node global Buffer' },
  { name: 'process', what: 'the Node global process' },
  { name: '__dirname', what: 'a CommonJS file path global' },
  { name: '__filename', what: 'a CommonJS file path global' },
  { name: 'setImmediate', what: 'the Node global setImmediate' },
];
const REQUIRE_OTHER = 'require of a module other than vscode';
const IMPORT_NODE = 'dynamic import of a Node module';
const LINT_CONFIG = {
  // `module` parses top-level await too; the bundle's CommonJS wrapper is plain script code.
  languageOptions: { ecmaVersion: 'latest', sourceType: 'module' },
  // A bundled library's own eslint comments must neither switch these rules off nor name unknown rules.
  linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' },
  rules: {
    'no-restricted-globals': ['error', ...GLOBALS.map((g) => ({ name: g.name, message: g.what }))],
    'no-restricted-syntax': [
      'error',
      // The only module a web extension may require is `vscode`, which the host provides.
      {
        selector: "CallExpression[callee.type='Identifier'][callee.name='require']:not([arguments.0.value='vscode'])",
        message: REQUIRE_OTHER,
      },
      { selector: 'ImportExpression[source.value=/^node:/]', message: IMPORT_NODE },
    ],
  },
};
const CHECK_RULES = new Set(Object.keys(LINT_CONFIG.rules));
/** Names of inlined modules survive in esbuild's wrappers (`require_undici`) and path comments. */
const TEXT_PATTERNS = [{ pattern: /undici/g, what: 'undici (Node HTTP client)' }];

/**
 * Each Node module or global found in `text`, with its line number and what it is.
 * @param {string} text
 * @returns {{ line: number, match: string, what: string }[]}
 */
export function nodeLeaks(text) {
  const leaks = [];
  const lines = text.split('\n');
  const findings = new Linter().verify(text, LINT_CONFIG).filter((m) => m.fatal || CHECK_RULES.has(m.ruleId ?? ''));
  for (const message of findings) {
    const line = message.line ?? 1;
    const source = lines[line - 1] ?? '';
    const match = message.fatal
      ? 'unparseable'
      : source.slice(
          (message.column ?? 1) - 1,
          (message.endLine === line ? message.endColumn : undefined) ?? undefined,
        );
    // no-restricted-globals prefixes its own words ("Unexpected use of 'Buffer'. ").
    const what = message.fatal
      ? `not JavaScript this check can read: ${message.message}`
      : message.message.replace(/^Unexpected use of '[^']+'\. /, '');
    leaks.push({ line, match: match.slice(0, 80), what });
  }
  for (const { pattern, what } of TEXT_PATTERNS) {
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
