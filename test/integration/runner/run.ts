// One integration run: code-server + headless Chromium, the mocha suites inside the extension
// host (through extensionDevelopmentPath/extensionTestsPath, as VS Code's own web integration
// tests do), then the person-like UI scenarios driven from here through the page.
import { spawn } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { REPO_ROOT } from '../../../scripts/code-server';
import { SkipScenario, type UiContext, type UiScenario } from '../ui/context';
import { waitForWorkbench } from '../ui/helpers';
import { BASE_BUDGETS, budgetFor, BudgetExceeded, withinBudget, type Budget } from './budget';
import { launchBrowser } from './browser';
import { onCleanup } from './processes';
import { createProfile, type RunProfile } from './profile';
import { startCodeServer, workbenchUrl, type CodeServer } from './server';
import { runTrustCheck } from './trust';
import { attachPageLogging, out, runSuiteInPage, type Counts } from './suitePage';
import { startWebCodeServer } from './web';

export type { Counts };

export interface RunOptions {
  /** Compiled suite entry (exports run()); e.g. dist-test/suite/index.js. */
  suite?: string | undefined;
  /** Folder of *.ui.ts scenarios; undefined runs none. */
  uiDir?: string | undefined;
  /** Only the UI scenarios whose file name contains this (or one of these, comma-separated). */
  uiFilter?: string | undefined;
  /** Copied into each fresh workspace folder when it exists. */
  workspaceFixture?: string;
  artifactsDir: string;
  keep?: boolean;
  verbose?: boolean;
  /** Where code-server's entry script is. */
  codeServerBin: string;
  /** Told the run's profile folder as soon as it exists. */
  onProfile?: (root: string) => void;
  /**
   * Test the packaged extension: this .vsix is installed into the run's extensions folder with
   * code-server's `--install-extension`, and the workbench loads it from there (the development
   * path is then an empty host extension, test/integration/vsix-host).
   */
  vsix?: string;
  /** The Node binary that runs code-server (newer code-server builds need a newer Node). */
  nodeBin?: string;
  /**
   * dist-test/trust: run the workspace-trust check (runner/trust.ts) in a second code-server with
   * workspace trust on. Undefined skips it.
   */
  trustSuites?: string;
  /** The in-host suites' budget on a quiet machine (default BASE_BUDGETS.hostSuites). */
  hostBudgetMs?: number;
  /**
   * The web phase (runner/web.ts): this suite (dist-test/web/index.js) and the scenarios of `uiDir`
   * (test/integration/web/*.ui.ts), in a code-server whose settings run the extension in the
   * browser's web worker extension host. Undefined skips it.
   */
  web?: { readonly suite: string; readonly uiDir: string };
}

export async function runIntegration(opts: RunOptions): Promise<Counts> {
  const extensionPath = opts.vsix ? path.join(REPO_ROOT, 'test', 'integration', 'vsix-host') : REPO_ROOT;
  if (!opts.vsix && !existsSync(path.join(extensionPath, 'dist', 'extension.js'))) {
    throw new Error('dist/extension.js is missing: build the extension first (npm run build).');
  }
  if (opts.vsix && !existsSync(opts.vsix)) {
    throw new Error(`${opts.vsix} is missing: build it first (npm run package).`);
  }
  const totals: Counts = { passed: 0, failed: 0, skipped: 0 };

  // Measured before the profile copies the environment: code-server hands the factor on to the
  // extension host, whose suites stretch their time limits by it.
  const hostBudget = await budgetFor('the extension host suites', opts.hostBudgetMs ?? BASE_BUDGETS.hostSuites);
  out(
    `[runner] slowness factor ${hostBudget.factor} (1 on a quiet machine): budgets and deadlines are stretched by it`,
  );
  const profile = await createProfile({ keep: opts.keep });
  opts.onProfile?.(profile.root);
  // Playwright keeps Chromium's profile in os.tmpdir(); keep it inside the run's folder too.
  const previousTmp = process.env.TMPDIR;
  process.env.TMPDIR = profile.env.TMPDIR;
  onCleanup('TMPDIR', () => {
    if (previousTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previousTmp;
    return Promise.resolve();
  });
  if (opts.keep) out(`[runner] profile kept in ${profile.root}`);

  const t0 = Date.now();
  const stamp = (): string => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
  if (opts.vsix) {
    await installVsix(opts, profile);
    out(
      `[runner] ${stamp()} installed ${path.relative(process.cwd(), opts.vsix) || opts.vsix} with --install-extension`,
    );
    // The smoke suite checks that the extension it tests is the one in this folder.
    profile.env.AUTH0_OIDC_EXPECT_EXTENSIONS_DIR = profile.extensionsDir;
  }
  const server = await startCodeServer({
    bin: opts.codeServerBin,
    ...(opts.nodeBin ? { nodeBin: opts.nodeBin } : {}),
    profile,
    onLine: (l) => {
      if (opts.verbose || (/\berror\b/i.test(l) && !/open-vsx|ENOTFOUND|ECONNRESET/.test(l))) out(`[code-server] ${l}`);
    },
  });
  out(`[runner] ${stamp()} code-server listening on ${server.baseUrl}`);

  const browser = await launchBrowser(profile.env);
  out(`[runner] ${stamp()} chromium started`);

  if (opts.suite) {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    try {
      const host = await withinBudget(hostBudget, runHostSuites(context, server, profile, opts, extensionPath), () =>
        context.close(),
      );
      out(`[runner] ${stamp()} extension host suites ended with exit code ${host.exitCode}`);
      totals.passed += host.counts.passed;
      totals.failed += host.counts.failed;
      totals.skipped += host.counts.skipped;
    } catch (err) {
      if (!(err instanceof BudgetExceeded)) throw err;
      out(`[runner] ${stamp()} ✘ ${err.message}; their page was closed`);
      totals.failed++;
    } finally {
      await context.close().catch(() => undefined);
    }
  }

  if (opts.uiDir) {
    const ui = await runUiScenarios(browser, server, profile, opts, extensionPath);
    out(`[runner] ${stamp()} UI scenarios: ${ui.passed} passed, ${ui.failed} failed, ${ui.skipped} skipped`);
    totals.passed += ui.passed;
    totals.failed += ui.failed;
    totals.skipped += ui.skipped;
  }
  if (opts.web) {
    out('Web worker extension host (a code-server of its own; the extension runs as in vscode.dev):');
    const webBudget = await budgetFor('the web worker phase', BASE_BUDGETS.web);
    const web = await withinBudget(webBudget, runWebPhase(browser, opts, opts.web, extensionPath)).catch(
      (err: unknown): Counts => {
        if (!(err instanceof BudgetExceeded)) throw err;
        // Its code-server and pages are ended with the run's other processes (cleanupAll).
        out(`  ✘ ${err.message}`);
        return { passed: 0, failed: 1, skipped: 0 };
      },
    );
    out(`[runner] ${stamp()} web worker host: ${web.passed} passed, ${web.failed} failed, ${web.skipped} skipped`);
    totals.passed += web.passed;
    totals.failed += web.failed;
    totals.skipped += web.skipped;
  }
  if (opts.trustSuites) {
    out('Workspace trust (a second code-server, workspace trust on):');
    const trustBudget = await budgetFor('the workspace trust run', BASE_BUDGETS.trust);
    const trust = await withinBudget(
      trustBudget,
      runTrustCheck({
        browser,
        codeServerBin: opts.codeServerBin,
        ...(opts.nodeBin ? { nodeBin: opts.nodeBin } : {}),
        extensionPath,
        suitesDir: opts.trustSuites,
        ...(opts.keep ? { keep: true } : {}),
        ...(opts.verbose ? { verbose: true } : {}),
        ...(opts.onProfile ? { onProfile: opts.onProfile } : {}),
      }),
    ).catch((err: unknown): Counts => {
      if (!(err instanceof BudgetExceeded)) throw err;
      // Its code-server and pages are ended with the run's other processes (cleanupAll).
      out(`  ✘ ${err.message}`);
      return { passed: 0, failed: 1, skipped: 0 };
    });
    out(`[runner] ${stamp()} workspace trust: ${trust.passed} passed, ${trust.failed} failed`);
    totals.passed += trust.passed;
    totals.failed += trust.failed;
  }
  return totals;
}

/** The web suite, then the web UI scenarios, in a code-server that runs the extension in the worker. */
async function runWebPhase(
  browser: Browser,
  opts: RunOptions,
  web: NonNullable<RunOptions['web']>,
  extensionPath: string,
): Promise<Counts> {
  const counts: Counts = { passed: 0, failed: 0, skipped: 0 };
  const { profile, server } = await startWebCodeServer({
    codeServerBin: opts.codeServerBin,
    nodeBin: opts.nodeBin,
    keep: opts.keep,
    verbose: opts.verbose,
    onProfile: opts.onProfile,
    onLine: (l) => {
      if (opts.verbose) out(`[code-server web] ${l}`);
    },
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    try {
      const folder = await newWorkspace(profile, 'web-suite');
      const testsPath = path.resolve(web.suite).replace(/\.js$/, '');
      const suite = await runSuiteInPage(context, workbenchUrl(server, { folder, extensionPath, testsPath }), opts);
      counts.passed += suite.counts.passed;
      counts.failed += suite.counts.failed;
      counts.skipped += suite.counts.skipped;
    } finally {
      await context.close().catch(() => undefined);
    }
    for (const scenario of await loadScenarios(web.uiDir)) {
      const budget = await budgetFor(`web scenario ${scenario.name}`, scenario.budgetMs);
      await runScenario(
        browser,
        server,
        profile,
        { ...opts, uiDir: web.uiDir },
        extensionPath,
        scenario,
        budget,
        counts,
      );
    }
  } finally {
    await server.stop();
  }
  return counts;
}

/** `code-server --install-extension FILE`, as a user installs a .vsix; fails on a non-zero exit. */
async function installVsix(opts: RunOptions, profile: RunProfile): Promise<void> {
  const args = [
    opts.codeServerBin,
    '--user-data-dir',
    profile.userDataDir,
    '--extensions-dir',
    profile.extensionsDir,
    '--config',
    profile.configFile,
    '--install-extension',
    path.resolve(opts.vsix!),
  ];
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(opts.nodeBin ?? process.execPath, args, {
      cwd: profile.root,
      env: profile.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.stdout.on('data', (d: Buffer) => output.push(d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => output.push(d.toString('utf8')));
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('close', (c) => {
      clearTimeout(timer);
      resolve(c);
    });
  });
  const text = output.join('');
  if (opts.verbose) out(text);
  if (code !== 0 || !/was successfully installed/i.test(text)) {
    throw new Error(`code-server --install-extension failed (exit ${code}):\n${text}`);
  }
}

async function newWorkspace(profile: RunProfile, name: string, fixture?: string): Promise<string> {
  const dir = path.join(profile.workspacesDir, name);
  await fs.mkdir(dir, { recursive: true });
  if (fixture && existsSync(fixture)) await fs.cp(fixture, dir, { recursive: true });
  return dir;
}

async function runHostSuites(
  context: BrowserContext,
  server: CodeServer,
  profile: RunProfile,
  opts: RunOptions,
  extensionPath: string,
): Promise<{ exitCode: number; counts: Counts }> {
  const folder = await newWorkspace(profile, 'suites', opts.workspaceFixture);
  const suite = path.resolve(opts.suite!);
  // extensionTestsPath names the module without its extension, as `require` would.
  const testsPath = suite.replace(/\.js$/, '');
  return runSuiteInPage(context, workbenchUrl(server, { folder, extensionPath, testsPath }), opts);
}

interface LoadedScenario {
  name: string;
  run: UiScenario;
  /** The scenario's `freshProfile` export: it runs in a code-server of its own, on a new profile. */
  freshProfile: boolean;
  /** Its `budgetSeconds` export (time on a quiet machine), else BASE_BUDGETS.scenario. */
  budgetMs: number;
}

async function loadScenarios(dir: string, filter?: string): Promise<LoadedScenario[]> {
  const wanted = filter?.split(',').filter(Boolean) ?? [];
  const files = (await fs.readdir(dir))
    .filter((f) => f.endsWith('.ui.ts') && (wanted.length === 0 || wanted.some((w) => f.includes(w))))
    .sort();
  const scenarios: LoadedScenario[] = [];
  for (const f of files) {
    // The runner runs under tsx, which compiles the .ts scenario on require.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(path.join(dir, f)) as { default?: unknown; freshProfile?: unknown; budgetSeconds?: unknown };
    if (typeof mod.default !== 'function')
      throw new Error(`${f} must \`export default\` an async (ctx) => void scenario`);
    scenarios.push({
      name: f.replace(/\.ui\.ts$/, ''),
      run: mod.default as UiScenario,
      freshProfile: mod.freshProfile === true,
      budgetMs: typeof mod.budgetSeconds === 'number' ? mod.budgetSeconds * 1000 : BASE_BUDGETS.scenario,
    });
  }
  return scenarios;
}

async function runUiScenarios(
  browser: Browser,
  server: CodeServer,
  profile: RunProfile,
  opts: RunOptions,
  extensionPath: string,
): Promise<Counts> {
  const counts: Counts = { passed: 0, failed: 0, skipped: 0 };
  const scenarios = await loadScenarios(opts.uiDir!, opts.uiFilter);
  const artifacts = path.join(opts.artifactsDir, 'ui');
  out(
    `UI scenarios (${scenarios.length}), driven through the browser; screenshots in ${path.relative(process.cwd(), artifacts) || artifacts}`,
  );

  for (const scenario of scenarios) {
    // Measured before a fresh profile's code-server starts, so that it hands the factor on too.
    const budget = await budgetFor(`scenario ${scenario.name}`, scenario.budgetMs);
    if (!scenario.freshProfile) {
      await runScenario(browser, server, profile, opts, extensionPath, scenario, budget, counts);
      continue;
    }
    // A new user: settings, secrets and walkthrough progress that no suite or scenario touched.
    const own = await createProfile({ keep: opts.keep, prefix: 'ui-' });
    opts.onProfile?.(own.root);
    const ownServer = await startCodeServer({
      bin: opts.codeServerBin,
      ...(opts.nodeBin ? { nodeBin: opts.nodeBin } : {}),
      profile: own,
      onLine: (l) => {
        if (opts.verbose) out(`[code-server ${scenario.name}] ${l}`);
      },
    });
    try {
      await runScenario(browser, ownServer, own, opts, extensionPath, scenario, budget, counts);
    } finally {
      await ownServer.stop();
    }
  }
  return counts;
}

/** One scenario on a fresh page and workspace folder of `server`; adds its outcome to `counts`. */
async function runScenario(
  browser: Browser,
  server: CodeServer,
  profile: RunProfile,
  opts: RunOptions,
  extensionPath: string,
  scenario: LoadedScenario,
  budget: Budget,
  counts: Counts,
): Promise<void> {
  const artifacts = path.join(opts.artifactsDir, 'ui');
  const started = Date.now();
  const shots = path.join(artifacts, scenario.name);
  await fs.rm(shots, { recursive: true, force: true });
  await fs.mkdir(shots, { recursive: true });
  // A fresh page and workspace folder per scenario. The profile (user settings, secrets, global
  // state) is the server's: shared by the scenarios unless one exports `freshProfile`.
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  attachPageLogging(page, opts.verbose);
  const workspaceDir = await newWorkspace(profile, `ui-${scenario.name}`, path.join(opts.uiDir!, 'workspace'));
  const ctx: UiContext = {
    page,
    workspaceDir,
    repoRoot: REPO_ROOT,
    screenshot: async (name, of = page) => {
      const file = path.join(shots, `${name.replace(/[^\w.-]+/g, '-')}.png`);
      await of.screenshot({ path: file });
      return file;
    },
    log: (m) => out(`    [${scenario.name}] ${m}`),
    skip: (reason) => {
      throw new SkipScenario(reason);
    },
  };
  let shotBeforeAbandon: string | undefined;
  try {
    const run = async (): Promise<void> => {
      await page.goto(workbenchUrl(server, { folder: workspaceDir, extensionPath }));
      await waitForWorkbench(page);
      await scenario.run(ctx);
    };
    // Past its budget the scenario's page is shot, then its context closed: whatever it still
    // awaits fails, and the run goes on with the next scenario.
    await withinBudget(budget, run(), async () => {
      shotBeforeAbandon = await ctx.screenshot('FAILED').catch(() => undefined);
      await context.close();
    });
    counts.passed++;
    out(`  ✔ ${scenario.name} (${Date.now() - started} ms)`);
  } catch (err) {
    if (err instanceof SkipScenario) {
      counts.skipped++;
      out(`  - ${scenario.name}: skipped: ${err.message}`);
    } else {
      counts.failed++;
      const shot = shotBeforeAbandon ?? (await ctx.screenshot('FAILED').catch(() => '(no screenshot)'));
      out(
        `  ✘ ${scenario.name}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n    screenshot: ${shot}`,
      );
    }
  } finally {
    await context.close();
  }
}
