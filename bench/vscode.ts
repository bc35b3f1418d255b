// Activation, deploy and test login inside VS Code (code-server 4.100.3 in headless Chromium),
// reusing the integration runner's modules: a throwaway profile, code-server on a free loopback
// port, Chromium, and the cleanup of every process on the way out. Each run is two fresh workbench
// windows (each its own extension host), one with the extension as the production build makes it
// under development, one with the minimal fixture, in alternating order: code-server 4.100.3 takes
// one extensionDevelopmentPath per window (with several, only the last is loaded).
// bench/host/index.ts times the activation inside the extension host, and in the last window of
// the extension, the deploy and test login commands.
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import { execFileSync } from 'node:child_process';
import * as esbuild from 'esbuild';
import { ensureCodeServer, REPO_ROOT } from '../scripts/code-server';
import { chromiumPath, launchBrowser } from '../test/integration/runner/browser';
import { cleanupAll, handleSignals, onCleanup } from '../test/integration/runner/processes';
import { createProfile } from '../test/integration/runner/profile';
import { remoteUri, startCodeServer, type CodeServer } from '../test/integration/runner/server';
import { MINIMAL_EXTENSION } from './bundle';
import type { HostConfig, HostResult } from './host/index';
import { figure, type Figure } from './stats';

const WINDOW_TIMEOUT_MS = 180_000;
/** What goes into the .vsix besides dist/ (see .vscodeignore): the extension as users install it. */
const PACKAGED = ['package.json', 'package.nls.json', 'schemas', 'media', 'l10n', 'LICENSE'];

async function stageExtension(dir: string): Promise<void> {
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

export async function benchVsCode(opts: {
  runs: number;
  log: (line: string) => void;
  verbose?: boolean;
}): Promise<Figure[]> {
  chromiumPath();
  const codeServerBin = await ensureCodeServer({ log: opts.log });
  const removeSignalHandlers = handleSignals({ name: 'bench' });
  const results: HostResult[] = [];
  try {
    const profile = await createProfile({ prefix: 'auth0-oidc-bench-' });
    const previousTmp = process.env.TMPDIR;
    process.env.TMPDIR = profile.env.TMPDIR;
    try {
      const extension = path.join(profile.root, 'extension');
      await stageExtension(extension);
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
      opts.log(`[bench] code-server at ${server.baseUrl}; ${opts.runs * 2} fresh windows`);
      // ABBA order, so neither side always follows the other; the commands in the last window of ours.
      // Then as many windows of ours that require() the main module first, splitting the time.
      const order = Array.from({ length: opts.runs * 2 }, (_, i): 'ours' | 'minimal' =>
        i % 4 === 0 || i % 4 === 3 ? 'ours' : 'minimal',
      );
      const commandsWindow = order.lastIndexOf('ours');
      const preloadFrom = order.length;
      for (let i = 0; i < opts.runs; i++) order.push('ours');
      for (let run = 0; run < order.length; run++) {
        const which = order[run]!;
        const config: HostConfig = {
          which,
          commandRuns: run === commandsWindow ? opts.runs : 0,
          ...(run >= preloadFrom ? { preload: true } : {}),
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
          await page.goto(benchUrl(server, folder, [which === 'ours' ? extension : MINIMAL_EXTENSION], testsPath));
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
          const { ours, minimal, alreadyActive, load, afterLoad } = result.activation;
          const measured = config.preload
            ? `require() ${load?.toFixed(2)} ms, then activation ${afterLoad?.toFixed(2) ?? 'n/a'} ms`
            : `activation ${(which === 'ours' ? ours : minimal)?.toFixed(2) ?? 'n/a'} ms`;
          opts.log(
            `[bench] window ${run + 1} (${which}${config.preload ? ', preloaded' : ''}): ${measured}${alreadyActive.length > 0 ? `; already active: ${alreadyActive.join(', ')}` : ''}`,
          );
          for (const error of result.errors) opts.log(`[bench] window ${run + 1}: ${error}`);
          results.push(result);
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
  return toFigures(results);
}

function toFigures(results: HostResult[]): Figure[] {
  const ours = results.flatMap((r) => (r.activation.ours !== undefined ? [r.activation.ours] : []));
  const minimal = results.flatMap((r) => (r.activation.minimal !== undefined ? [r.activation.minimal] : []));
  const skipped = results.filter((r) => r.activation.alreadyActive.length > 0).length;
  const activation = figure({
    id: 'activation',
    label: 'activation in code-server (activate() request to resolved)',
    unit: 'ms',
    oursRuns: ours,
    baselineRuns: minimal,
    baselineLabel: 'minimal extension',
    goal: '< 1.5x minimal',
  });
  const loads = results.flatMap((r) => (r.activation.load !== undefined ? [r.activation.load] : []));
  const afterLoads = results.flatMap((r) => (r.activation.afterLoad !== undefined ? [r.activation.afterLoad] : []));
  const last =
    results.find((r) => r.deployCreate.length > 0 || r.errors.length > 0 || r.testLogin.length > 0) ??
    results.find((r) => r.commands.length > 0);
  const commandNote = last && last.errors.length > 0 ? `failed: ${last.errors[0]!.split('\n')[0]}` : undefined;
  const figures: Figure[] = [
    {
      ...activation,
      ...(activation.ratio !== undefined ? { met: activation.ratio < 1.5 } : {}),
      ...(skipped > 0
        ? { note: `${skipped} window(s) had an extension active before the request and were left out` }
        : {}),
    },
    figure({
      id: 'activation-load',
      label: 'of which: require() of dist/extension.js',
      unit: 'ms',
      oursRuns: loads,
      goal: 'reported',
    }),
    figure({
      id: 'activation-after-load',
      label: 'of which: activation once the module is loaded',
      unit: 'ms',
      oursRuns: afterLoads,
      baselineRuns: minimal,
      baselineLabel: 'minimal extension',
      goal: 'reported',
    }),
    {
      ...figure({
        id: 'deploy-create',
        label: 'deploy (create) from the command to its result',
        unit: 'ms',
        oursRuns: last?.deployCreate ?? [],
        goal: 'reported',
      }),
      ...(commandNote ? { note: commandNote } : {}),
    },
    {
      ...figure({
        id: 'deploy-update',
        label: 'deploy (update, diff confirmed by argument) to its result',
        unit: 'ms',
        oursRuns: last?.deployUpdate ?? [],
        goal: 'reported',
      }),
    },
  ];
  if (last?.testLoginAvailable) {
    figures.push(
      figure({
        id: 'test-login',
        label: 'test login, command to decoded result (sandbox login, no typing)',
        unit: 'ms',
        oursRuns: last.testLogin,
        goal: 'reported',
      }),
    );
  } else {
    figures.push({
      id: 'test-login',
      label: 'test login',
      unit: 'ms',
      goal: 'reported',
      note: 'not yet measurable: auth0Oidc.testLogin is not registered in this build',
    });
  }
  return figures;
}
