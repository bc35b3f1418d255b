// One integration run: code-server + headless Chromium, the mocha suites inside the extension
// host (through extensionDevelopmentPath/extensionTestsPath, as VS Code's own web integration
// tests do), then the person-like UI scenarios driven from here through the page.
import { spawn } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { REPO_ROOT } from '../../../scripts/code-server';
import { SkipScenario, type UiContext, type UiScenario } from '../ui/context';
import { waitForWorkbench } from '../ui/helpers';
import { launchBrowser } from './browser';
import { onCleanup } from './processes';
import { createProfile, type RunProfile } from './profile';
import { startCodeServer, workbenchUrl, type CodeServer } from './server';

export interface RunOptions {
  /** Compiled suite entry (exports run()); e.g. dist-test/suite/index.js. */
  suite?: string | undefined;
  /** Folder of *.ui.ts scenarios; undefined runs none. */
  uiDir?: string | undefined;
  /** Only the UI scenarios whose file name contains this. */
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
}

export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

/** Workbench chatter that says nothing about the suites; shown with --verbose. */
const WORKBENCH_NOISE = [
  /open-vsx\.org/, // no marketplace offline
  /^Resolv(ing|ed) connection token/,
  /^Creating a socket/,
  /^Updating additional builtin extensions cache/,
  /^\[Service Worker\]/,
  /^ChatSessionStore:/,
  /^Creation of workbench contribution '.*' took \d+ms/,
  /^\[lifecycle\] Long running operations during shutdown/,
];

const SUMMARY = /^(\d+) passed, (\d+) failed(?:, (\d+) skipped)?\s*$/;

function out(line: string): void {
  process.stdout.write(line.endsWith('\n') ? line : `${line}\n`);
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
    const host = await runHostSuites(browser, server, profile, opts, extensionPath);
    out(`[runner] ${stamp()} extension host suites ended with exit code ${host.exitCode}`);
    totals.passed += host.counts.passed;
    totals.failed += host.counts.failed;
    totals.skipped += host.counts.skipped;
  }

  if (opts.uiDir) {
    const ui = await runUiScenarios(browser, server, profile, opts, extensionPath);
    out(`[runner] ${stamp()} UI scenarios: ${ui.passed} passed, ${ui.failed} failed, ${ui.skipped} skipped`);
    totals.passed += ui.passed;
    totals.failed += ui.failed;
    totals.skipped += ui.skipped;
  }
  return totals;
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

function attachPageLogging(page: Page, verbose: boolean | undefined): void {
  page.on('pageerror', (err) => {
    if (verbose) out(`[page error] ${err.message}`);
  });
  page.on('console', (msg) => {
    if (verbose) out(`[page ${msg.type()}] ${msg.text()}`);
  });
}

async function runHostSuites(
  browser: Browser,
  server: CodeServer,
  profile: RunProfile,
  opts: RunOptions,
  extensionPath: string,
): Promise<{ exitCode: number; counts: Counts }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  attachPageLogging(page, opts.verbose);

  let counts: Counts | undefined;
  const onText = (text: string): void => {
    for (const line of text.split('\n')) {
      const m = SUMMARY.exec(line.trim());
      if (m) counts = { passed: Number(m[1]), failed: Number(m[2]), skipped: Number(m[3] ?? 0) };
    }
  };
  let resolveExit!: (code: number) => void;
  const exited = new Promise<number>((r) => {
    resolveExit = r;
  });

  await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
    // The workbench forwards console calls with their format string first (`%s`, `%d`, `%c`).
    const text = format(...(Array.isArray(args) ? args : [args]));
    onText(text);
    if (!opts.verbose && WORKBENCH_NOISE.some((re) => re.test(text))) return;
    if (type === 'error') process.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
    else out(text);
  });
  await page.exposeFunction('codeAutomationExit', (code: number) => {
    resolveExit(code);
  });

  const folder = await newWorkspace(profile, 'suites', opts.workspaceFixture);
  const suite = path.resolve(opts.suite!);
  // extensionTestsPath names the module without its extension, as `require` would.
  const testsPath = suite.replace(/\.js$/, '');
  await page.goto(workbenchUrl(server, { folder, extensionPath, testsPath }));
  const exitCode = await exited;
  await context.close();

  if (!counts) {
    out('[runner] the extension host suites printed no "N passed, N failed" line; counting the run as 1 failed');
    counts = { passed: 0, failed: 1, skipped: 0 };
  } else if (exitCode !== 0 && counts.failed === 0) {
    counts = { ...counts, failed: 1 };
  }
  return { exitCode, counts };
}

async function loadScenarios(dir: string, filter?: string): Promise<{ name: string; run: UiScenario }[]> {
  const files = (await fs.readdir(dir)).filter((f) => f.endsWith('.ui.ts') && (!filter || f.includes(filter))).sort();
  const scenarios: { name: string; run: UiScenario }[] = [];
  for (const f of files) {
    // The runner runs under tsx, which compiles the .ts scenario on require.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(path.join(dir, f)) as { default?: unknown };
    if (typeof mod.default !== 'function')
      throw new Error(`${f} must \`export default\` an async (ctx) => void scenario`);
    scenarios.push({ name: f.replace(/\.ui\.ts$/, ''), run: mod.default as UiScenario });
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
    const started = Date.now();
    const shots = path.join(artifacts, scenario.name);
    await fs.rm(shots, { recursive: true, force: true });
    await fs.mkdir(shots, { recursive: true });
    // A fresh page and workspace per scenario, on the same code-server: no state leaks between them.
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    attachPageLogging(page, opts.verbose);
    const workspaceDir = await newWorkspace(profile, `ui-${scenario.name}`, path.join(opts.uiDir!, 'workspace'));
    const ctx: UiContext = {
      page,
      workspaceDir,
      repoRoot: REPO_ROOT,
      screenshot: async (name) => {
        const file = path.join(shots, `${name.replace(/[^\w.-]+/g, '-')}.png`);
        await page.screenshot({ path: file });
        return file;
      },
      log: (m) => out(`    [${scenario.name}] ${m}`),
      skip: (reason) => {
        throw new SkipScenario(reason);
      },
    };
    try {
      await page.goto(workbenchUrl(server, { folder: workspaceDir, extensionPath }));
      await waitForWorkbench(page);
      await scenario.run(ctx);
      counts.passed++;
      out(`  ✔ ${scenario.name} (${Date.now() - started} ms)`);
    } catch (err) {
      if (err instanceof SkipScenario) {
        counts.skipped++;
        out(`  - ${scenario.name}: skipped: ${err.message}`);
      } else {
        counts.failed++;
        const shot = await ctx.screenshot('FAILED').catch(() => '(no screenshot)');
        out(
          `  ✘ ${scenario.name}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n    screenshot: ${shot}`,
        );
      }
    } finally {
      await context.close();
    }
  }
  return counts;
}
