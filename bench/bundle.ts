// Bundle size: dist/extension.js as the production build makes it (built into a temp folder, so
// the working dist/ is left alone), next to the minimal extension's entry file; and the browser
// bundle dist/web/extension.js (package.json `browser`, issue 26), with its gzip size, as
// vscode.dev downloads it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import * as path from 'node:path';
import { figure, type Figure } from './stats';

const REPO = path.resolve(__dirname, '..');
export const MINIMAL_EXTENSION = path.join(__dirname, 'fixtures', 'minimal-extension');

export function benchBundle(opts: { log: (line: string) => void }): Figure[] {
  const out = mkdtempSync(path.join(tmpdir(), 'auth0-oidc-bench-build-'));
  try {
    execFileSync(process.execPath, ['esbuild.mjs', '--production', '--outdir', out], { cwd: REPO, stdio: 'pipe' });
    const extension = statSync(path.join(out, 'extension.js')).size;
    const lazy = statSync(path.join(out, 'auth0.js')).size;
    const features = statSync(path.join(out, 'features.js')).size;
    const minimal = statSync(path.join(MINIMAL_EXTENSION, 'extension.js')).size;
    const webBytes = readFileSync(path.join(out, 'web', 'extension.js'));
    const webGzip = gzipSync(webBytes, { level: 9 }).length;
    opts.log(
      `[bench] bundle: extension.js ${extension} B; loaded on first use: features.js ${features} B, auth0.js ${lazy} B; ` +
        `browser: web/extension.js ${webBytes.length} B (${webGzip} B gzip)`,
    );
    return [
      {
        ...figure({
          id: 'bundle-extension',
          label: 'bundle dist/extension.js (production)',
          unit: 'bytes',
          oursRuns: [extension],
          baselineRuns: [minimal],
          baselineLabel: 'minimal extension',
          goal: 'reported (activation is the goal)',
        }),
        note: `activation loads only this; the features are dist/features.js (${(features / 1024).toFixed(0)} KB) and the Auth0 client (undici) dist/auth0.js (${(lazy / 1024).toFixed(0)} KB), each required on first use`,
      },
      {
        ...figure({
          id: 'bundle-web',
          label: 'bundle dist/web/extension.js (browser, production)',
          unit: 'bytes',
          oursRuns: [webBytes.length],
          baselineRuns: [features],
          baselineLabel: 'dist/features.js (Node)',
          goal: 'reported; under 300 KB (test/unit/packaging.test.ts)',
        }),
        note: `what vscode.dev and github.dev load: the features in one bundle without the Auth0 client; ${(webGzip / 1024).toFixed(0)} KB gzip`,
      },
    ];
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
