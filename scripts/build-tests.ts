// Bundles the integration suites for the extension host into dist-test/:
//   test/integration/suite/index.ts                 -> dist-test/suite/index.js (the mocha entry)
//   test/integration/suite/**/*.test.ts              -> dist-test/suite/**/*.test.js (one bundle each)
//   test/integration/smoke/**/*.test.ts              -> dist-test/smoke/... (the .vsix smoke suite) with the same entry
//   test/integration/fixtures/<name>/**/*.test.ts    -> dist-test/fixtures/<name>/... with the same entry
//   test/integration/trust/<phase>/**/*.test.ts      -> dist-test/trust/<phase>/... (runner/trust.ts)
//   test/integration/web/index.ts                    -> dist-test/web/index.js: the web suite, one bundle
//                                                       for the browser's web worker host (mocha inside)
// `vscode` stays external (the extension host provides it), and so does mocha (required from
// node_modules at run time). Adding a suite is dropping a *.test.ts file into the suite folder.
//
//   npx tsx scripts/build-tests.ts [--watch]
import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';

const root = path.resolve(__dirname, '..');
const integration = path.join(root, 'test', 'integration');
const outdir = path.join(root, 'dist-test');
const suiteEntry = path.join(integration, 'suite', 'index.ts');

function testsIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => path.join(dir, f));
}

function entryPoints(): { in: string; out: string }[] {
  const entries: { in: string; out: string }[] = [];
  const add = (file: string): void => {
    entries.push({ in: file, out: path.relative(integration, file).replace(/\.ts$/, '') });
  };
  entries.push({ in: suiteEntry, out: 'suite/index' });
  for (const f of testsIn(path.join(integration, 'suite'))) add(f);
  // The .vsix smoke suite (test/integration/smoke): the same entry, its own folder.
  entries.push({ in: suiteEntry, out: 'smoke/index' });
  for (const f of testsIn(path.join(integration, 'smoke'))) add(f);

  for (const group of ['fixtures', 'trust']) {
    const dir = path.join(integration, group);
    if (!existsSync(dir)) continue;
    for (const d of readdirSync(dir, { withFileTypes: true })) {
      if (!d.isDirectory()) continue;
      const tests = testsIn(path.join(dir, d.name));
      if (tests.length === 0) continue;
      entries.push({ in: suiteEntry, out: `${group}/${d.name}/index` });
      for (const f of tests) add(f);
    }
  }
  return entries;
}

const options: esbuild.BuildOptions = {
  entryPoints: entryPoints(),
  outdir,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode', 'mocha'],
  // jsonc-parser's `main` is a UMD build that esbuild cannot follow well (as in esbuild.mjs).
  mainFields: ['module', 'main'],
  sourcemap: 'linked',
  sourcesContent: false,
  logLevel: 'warning',
};

// The web suite (runner/web.ts) runs in a web worker: no Node and no require but `vscode`, so mocha's
// browser build and the tests go into its one bundle.
const webEntry = path.join(integration, 'web', 'index.ts');
const webOptions: esbuild.BuildOptions = {
  entryPoints: [{ in: webEntry, out: 'web/index' }],
  bundle: true,
  platform: 'browser',
  format: 'cjs',
  target: 'es2022',
  external: ['vscode'],
  mainFields: ['browser', 'module', 'main'],
  sourcemap: 'linked',
  sourcesContent: false,
  logLevel: 'warning',
};

async function main(): Promise<void> {
  if (process.argv.includes('--watch')) {
    rmSync(outdir, { recursive: true, force: true });
    await (await esbuild.context(options)).watch();
    console.log('[build-tests] watching (new *.test.ts files need a restart)');
    return;
  }
  // Built beside, then swapped in: several engineers share a checkout, and a run of theirs may be
  // loading dist-test/ right now. The swap also drops the bundles of deleted suites.
  const fresh = `${outdir}.build-${process.pid}`;
  const old = `${outdir}.old-${process.pid}`;
  rmSync(fresh, { recursive: true, force: true });
  await esbuild.build({ ...options, outdir: fresh });
  if (existsSync(webEntry)) await esbuild.build({ ...webOptions, outdir: fresh });
  if (existsSync(outdir)) renameSync(outdir, old);
  renameSync(fresh, outdir);
  rmSync(old, { recursive: true, force: true });
  const n = (options.entryPoints as unknown[]).length;
  console.log(`[build-tests] bundled ${n} integration test file(s) into ${path.relative(root, outdir)}/`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
