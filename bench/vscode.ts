// Activation, deploy and test login inside VS Code (code-server 4.100.3 in headless Chromium),
// reusing the integration runner's modules: a throwaway profile, code-server on a free loopback
// port, Chromium, and the cleanup of every process on the way out.
//
// Activation is measured in pairs, one pair per fresh workbench window (its own extension host):
// the extension as the production build makes it and the minimal fixture (an empty activate()) are
// both installed in the profile, as a user installs them, and each window activates both back to
// back, a few milliseconds apart, alternating which goes first from window to window. Each window
// is timed once it has settled (see bench/host/index.ts): the startup probe (the window's one
// extension under development, which runs the host side) activated first, the workbench rendered
// and its renderer idle, and a warm-up extension activated right before the pair. On a shared
// machine single activations still vary several-fold, so the goal is judged on the median of the
// per-pair ratios over at least 20 pairs, and every window's figures are kept. In the last window
// timing activation, the deploy and test login commands are timed.
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import { execFileSync } from 'node:child_process';
import * as esbuild from 'esbuild';
import type { Page } from 'playwright-core';
import { ensureCodeServer, REPO_ROOT } from '../scripts/code-server';
import { chromiumPath, launchBrowser } from '../test/integration/runner/browser';
import { cleanupAll, handleSignals, onCleanup } from '../test/integration/runner/processes';
import { createProfile } from '../test/integration/runner/profile';
import { remoteUri, startCodeServer, type CodeServer } from '../test/integration/runner/server';
import { MINIMAL_EXTENSION } from './bundle';
import { other, toFigures, windowPlan, type WindowRecord } from './activation';
import type { HostConfig, HostResult, Side } from './host/index';
import type { Figure } from './stats';

const WINDOW_TIMEOUT_MS = 180_000;
const STARTUP_PROBE = path.join(__dirname, 'fixtures', 'startup-probe');
const WARMUP_EXTENSION = path.join(__dirname, 'fixtures', 'warmup-extension');
/** What goes into the .vsix besides dist/ (see .vscodeignore): the extension as users install it. */
const PACKAGED = ['package.json', 'package.nls.json', 'schemas', 'media', 'l10n', 'LICENSE'];

/** The extension as the .vsix holds it, in the profile's extensions folder. */
async function stageExtension(extensionsDir: string): Promise<void> {
  const manifest = JSON.parse(await fs.readFile(path.join(REPO_ROOT, 'package.json'), 'utf8')) as Manifest;
  const dir = path.join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`);
  await fs.mkdir(dir, { recursive: true });
  for (const entry of PACKAGED) {
    const from = path.join(REPO_ROOT, entry);
    if (existsSync(from)) await fs.cp(from, path.join(dir, entry), { recursive: true });
  }
  execFileSync(process.execPath, ['esbuild.mjs', '--production', '--outdir', path.join(dir, 'dist')], {
    cwd: REPO_ROOT,
    stdio: 'pipe',
  });
}

async function buildHost(outdir: string): Promise<string> {
  await esbuild.build({
    entryPoints: { index: path.join(__dirname, 'host', 'index.ts') },
    outdir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    mainFields: ['module', 'main'],
    logLevel: 'warning',
  });
  return path.join(outdir, 'index');
}

/** The workbench URL with several extensions under development and the host entry to run. */
function benchUrl(server: CodeServer, folder: string, extensions: string[], testsPath: string): string {
  const payload: [string, string][] = [
    ...extensions.map((e): [string, string] => ['extensionDevelopmentPath', remoteUri(server, e)]),
    ['extensionTestsPath', remoteUri(server, testsPath)],
    ['skipWelcome', 'true'],
  ];
  return `${server.baseUrl}/?folder=${encodeURIComponent(path.resolve(folder))}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/**
 * Resolves once the workbench is rendered (its status bar is there) and the renderer has been idle
 * twice in a row (requestIdleCallback), so the activation timed next does not queue behind the
 * workbench's own loading in the renderer it makes round trips to.
 */
async function workbenchSettled(page: Page): Promise<void> {
  await page.waitForSelector('.monaco-workbench .part.statusbar', { timeout: WINDOW_TIMEOUT_MS });
  for (let i = 0; i < 2; i++) {
    await page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          requestIdleCallback(() => resolve(), { timeout: 10_000 });
        }),
    );
  }
}

interface Manifest {
  readonly publisher: string;
  readonly name: string;
  readonly version: string;
}

/** Installs a fixture in the profile as a user would an extension (code-server scans the folder). */
async function installFixture(fixture: string, extensionsDir: string): Promise<void> {
  const manifest = JSON.parse(await fs.readFile(path.join(fixture, 'package.json'), 'utf8')) as Manifest;
  await fs.cp(fixture, path.join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`), {
    recursive: true,
  });
}

export async function benchVsCode(opts: {
  pairs: number;
  loadedPairs: number;
  commandRuns: number;
  log: (line: string) => void;
  verbose?: boolean;
}): Promise<{ figures: Figure[]; windows: WindowRecord[] }> {
  chromiumPath();
  const codeServerBin = await ensureCodeServer({ log: opts.log });
  const removeSignalHandlers = handleSignals({ name: 'bench' });
  const windows: WindowRecord[] = [];
  try {
    const profile = await createProfile({ prefix: 'auth0-oidc-bench-' });
    const previousTmp = process.env.TMPDIR;
    process.env.TMPDIR = profile.env.TMPDIR;
    try {
      await stageExtension(profile.extensionsDir);
      await installFixture(MINIMAL_EXTENSION, profile.extensionsDir);
      await installFixture(WARMUP_EXTENSION, profile.extensionsDir);
      // Inside the checkout (dist-test.*/ is git-ignored), so the bundled sandbox finds the
      // packages it imports at run time (oidc-provider) in node_modules.
      const hostDir = path.join(REPO_ROOT, `dist-test.bench-${process.pid}`);
      onCleanup('bench host bundle', () => fs.rm(hostDir, { recursive: true, force: true }));
      const testsPath = await buildHost(hostDir);
      const server = await startCodeServer({
        bin: codeServerBin,
        profile,
        onLine: (l) => {
          if (opts.verbose) opts.log(`[code-server] ${l}`);
        },
      });
      const browser = await launchBrowser(profile.env);
      const plan = windowPlan(opts.pairs, opts.loadedPairs);
      // The deploy and test login commands run in the last window timing activation, after it.
      const commandsWindow = plan.map((w) => w.phase === 'activation').lastIndexOf(true);
      opts.log(
        `[bench] code-server at ${server.baseUrl}; ${plan.length} fresh windows (${opts.pairs} pairs, then ${opts.loadedPairs} pairs with both modules loaded first)`,
      );
      for (let run = 0; run < plan.length; run++) {
        const { pair, phase, first } = plan[run]!;
        const settledFile = path.join(hostDir, `settled-${run}`);
        const config: HostConfig = {
          order: [first, other(first)],
          afterStartup: true,
          settledFile,
          commandRuns: run === commandsWindow ? opts.commandRuns : 0,
          ...(phase === 'loaded' ? { preload: true } : {}),
        };
        await fs.writeFile(path.join(hostDir, 'config.json'), JSON.stringify(config));
        const folder = path.join(profile.workspacesDir, `window-${run}`);
        await fs.mkdir(folder, { recursive: true });
        const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
        try {
          const page = await context.newPage();
          let result: HostResult | undefined;
          let resolveExit!: (code: number) => void;
          const exited = new Promise<number>((resolve) => {
            resolveExit = resolve;
          });
          await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
            const text = format(...(Array.isArray(args) ? args : [args]));
            const m = /BENCH_RESULT (\{.*\})\s*$/.exec(text);
            if (m) result = JSON.parse(m[1]!) as HostResult;
            else if (opts.verbose) opts.log(`[window ${run}] ${text}`);
          });
          await page.exposeFunction('codeAutomationExit', (code: number) => {
            resolveExit(code);
          });
          await page.goto(benchUrl(server, folder, [STARTUP_PROBE], testsPath));
          await workbenchSettled(page);
          await fs.writeFile(settledFile, '');
          let timer: NodeJS.Timeout | undefined;
          const code = await Promise.race([
            exited,
            new Promise<never>((_, reject) => {
              timer = setTimeout(
                () => reject(new Error(`window ${run} did not finish within ${WINDOW_TIMEOUT_MS / 1000} s`)),
                WINDOW_TIMEOUT_MS,
              );
            }),
          ]).finally(() => clearTimeout(timer));
          if (!result)
            throw new Error(`window ${run} ended (exit ${code}) without a BENCH_RESULT line; run with --verbose`);
          const { alreadyActive, startupWait } = result.activation;
          const side = (which: Side): string => {
            const r = result!.activation[which];
            const load = r?.loadMs !== undefined ? `require() ${r.loadMs.toFixed(2)} ms + ` : '';
            return `${which} ${load}${r?.ms !== undefined ? `${r.ms.toFixed(2)} ms` : 'n/a'}`;
          };
          opts.log(
            `[bench] window ${run + 1}/${plan.length} (${phase} pair ${pair + 1}): ${side(first)}, then ${side(other(first))}${startupWait !== undefined ? ` (after ${startupWait.toFixed(0)} ms waiting for startup to finish)` : ''}${alreadyActive.length > 0 ? `; already active: ${alreadyActive.join(', ')}` : ''}`,
          );
          for (const error of result.errors) opts.log(`[bench] window ${run + 1}: ${error}`);
          windows.push({ pair, phase, first, result });
        } finally {
          await context.close();
        }
      }
    } finally {
      if (previousTmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previousTmp;
    }
  } finally {
    await cleanupAll();
    removeSignalHandlers();
  }
  return { figures: toFigures(windows, opts.pairs), windows };
}
