// Bundles the extension (node, cjs, `vscode` external): the activation stand-ins (extension.js) and
// the features they load on first use (features.js); the Auth0 client, the CLI and the webview app.
// `--production` minifies and drops source maps, for the .vsix; `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { assertBrowserSafe } from './scripts/check-web-bundle.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
// `--outdir DIR` builds elsewhere, e.g. the packaging test measuring production bundles.
const outIndex = process.argv.indexOf('--outdir');
const outRoot = outIndex > 0 ? process.argv[outIndex + 1] : 'dist';

/** @type {esbuild.BuildOptions} */
const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  logLevel: 'warning',
  legalComments: 'none',
};

// The Auth0 client's errors and tenant URL rules go into dist/shared.js only; the extension and
// dist/auth0.js require it, so an error thrown in one bundle is `instanceof` its class in the other.
// The base error and the loopback rule live in src/core/auth0Api (src/core imports nothing of ours
// outside it), and are shared the same way.
const SHARED = new Set(
  [
    'src/auth0/errors.ts',
    'src/auth0/tenantUrl.ts',
    'src/core/auth0Api/errors.ts',
    'src/core/auth0Api/loopbackHost.ts',
  ].map((f) => path.resolve(f)),
);
/** @type {esbuild.Plugin} */
const useSharedBundle = {
  name: 'use-shared-bundle',
  setup(build) {
    build.onResolve({ filter: /(^|\/)(errors|tenantUrl|loopbackHost)$/ }, (args) => {
      if (!args.resolveDir) return undefined;
      const base = path.resolve(args.resolveDir, args.path);
      return SHARED.has(`${base}.ts`) ? { path: './shared.js', external: true } : undefined;
    });
  },
};

/**
 * A bundle run by Node (the extension host or the command line): CommonJS for Node 20. jsonc-parser's
 * package.json points `main` at a UMD build that esbuild cannot follow well, hence `module` first.
 * @param {string} name  the file name in outRoot, without .js
 * @param {string} entry
 * @param {esbuild.BuildOptions} [options]
 * @returns {esbuild.BuildOptions}
 */
function nodeBundle(name, entry, options = {}) {
  return {
    ...common,
    entryPoints: { [name]: entry },
    outdir: outRoot,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    mainFields: ['module', 'main'],
    ...options,
  };
}

// The browser bundle (package.json `browser`, src/web/extension.ts): the same features for the web
// worker extension host of vscode.dev and github.dev. The Auth0 client (undici, node:http) and
// Node's file system and environment are replaced by src/web/no*.ts; scripts/check-web-bundle.mjs
// fails the build if a Node module or global still reaches the bundle.
const WEB_REPLACEMENTS = new Map(
  [
    ['src/vscode/lazyAuth0.ts', 'src/web/noAuth0.ts'],
    ['src/vscode/nodeHost.ts', 'src/web/noNodeHost.ts'],
  ].map(([node, web]) => [path.resolve(node), path.resolve(web)]),
);
/** @type {esbuild.Plugin} */
const webReplacements = {
  name: 'web-replacements',
  setup(build) {
    build.onResolve({ filter: /(^|\/)(lazyAuth0|nodeHost)$/ }, (args) => {
      const replacement = args.resolveDir && WEB_REPLACEMENTS.get(`${path.resolve(args.resolveDir, args.path)}.ts`);
      return replacement ? { path: replacement } : undefined;
    });
  },
};

/** @type {esbuild.BuildOptions[]} */
const targets = [
  // What activation loads: the stand-ins only (src/extension.ts).
  nodeBundle('extension', 'src/extension.ts', { external: ['vscode'], plugins: [useSharedBundle] }),
  // Everything else on the VS Code side: commands, views, diagnostics, the login host. Required by
  // the extension on first use; the Auth0 client stays in auth0.js.
  nodeBundle('features', 'src/features.ts', { external: ['vscode'], plugins: [useSharedBundle] }),
  nodeBundle('shared', 'src/auth0/shared.ts'),
  // The Auth0 client (undici) in a bundle of its own, required by the features on first use.
  nodeBundle('auth0', 'src/auth0/index.ts', { plugins: [useSharedBundle] }),
  nodeBundle('cli', 'src/cli/main.ts', { banner: { js: '#!/usr/bin/env node' } }),
  {
    ...common,
    entryPoints: { extension: 'src/web/extension.ts' },
    outdir: `${outRoot}/web`,
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    external: ['vscode'],
    mainFields: ['browser', 'module', 'main'],
    plugins: [webReplacements],
  },
  {
    ...common,
    entryPoints: { main: 'src/webview/app/main.ts' },
    outdir: `${outRoot}/webview`,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
].filter((t) => Object.values(t.entryPoints).every((p) => existsSync(p)));

if (watch) {
  for (const t of targets) await (await esbuild.context(t)).watch();
  console.log('[esbuild] watching');
} else {
  await Promise.all(targets.map((t) => esbuild.build(t)));
  // A Node module or global in the browser bundle fails the build (scripts/check-web-bundle.mjs).
  const webBundle = `${outRoot}/web/extension.js`;
  if (existsSync(webBundle)) {
    try {
      assertBrowserSafe(webBundle);
    } catch (error) {
      console.error(`[esbuild] ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    }
  }
  console.log(`[esbuild] built ${targets.length} bundle(s)${production ? ' (production)' : ''}`);
}
