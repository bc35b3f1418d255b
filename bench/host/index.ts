// The benchmark's side inside VS Code: loaded as extensionTestsPath by bench/vscode.ts into a fresh
// window of code-server whose profile has both the extension (production build) and the minimal
// fixture installed. Once the window has settled it times both `activate()`s (the activation
// request to the promise resolving), back to back in the order the harness asks, and in the window
// asked to, deploy and test login commands against an in-process sandbox, from the command to its
// result. It prints one line, `BENCH_RESULT {json}`, which the harness reads from the workbench's
// console.
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { TestBrowser } from '../../test/sandbox/browser';
import { startSandbox } from '../../test/sandbox';

export const EXTENSION_ID = 'auth0-oidc-tools.auth0-oidc-connections';
export const MINIMAL_ID = 'auth0-oidc-bench.minimal-extension';
export type Side = 'ours' | 'minimal';
const IDS: Record<Side, string> = { ours: EXTENSION_ID, minimal: MINIMAL_ID };
/** bench/fixtures/warmup-extension, installed in the profile: activated right before the timed pair. */
export const WARMUP_ID = 'auth0-oidc-bench.warmup-extension';
/** bench/fixtures/startup-probe, installed in the profile: active once the window's startup finished. */
export const PROBE_ID = 'auth0-oidc-bench.startup-probe';
const STARTUP_DEADLINE_MS = 90_000;

export interface HostConfig {
  /**
   * Both extensions are installed in this window's profile; their activations are timed one after
   * the other, in this order (the harness alternates it from window to window).
   */
  readonly order: readonly Side[];
  /** First require() both main modules (in `order`), then time activation: the "once loaded" pair. */
  readonly preload?: boolean;
  /** Wait for the startup probe before timing, so neither side pays the host's first activation. */
  readonly afterStartup: boolean;
  /** Then wait for this file: the harness writes it once the workbench is rendered and its renderer idle. */
  readonly settledFile?: string;
  /** Also time the deploy and test login commands, this many times each. */
  readonly commandRuns: number;
}

/** One side of a window's pair. */
export interface SideResult {
  /** activate() request to resolved, in ms; undefined when the extension was active already. */
  readonly ms?: number;
  /** The extension host's CPU time meanwhile (all its threads, so an upper bound). */
  readonly cpuMs?: number;
  /** require() of the main module alone, when preloaded. */
  readonly loadMs?: number;
}

export interface HostResult {
  readonly activation: {
    readonly ours?: SideResult;
    readonly minimal?: SideResult;
    readonly alreadyActive: string[];
    readonly startupWait?: number;
    /** The warm-up extension's activation, right before the pair (the first request after idle). */
    readonly warmup?: number;
    /** Our extension's files in Node's module cache once both were activated. */
    readonly loadedBundles?: string[];
  };
  readonly deployCreate: number[];
  readonly deployUpdate: number[];
  readonly testLogin: number[];
  readonly testLoginAvailable: boolean;
  readonly commands: string[];
  readonly errors: string[];
}

/** Wall time of the activation, and the extension host's CPU time meanwhile (all its threads, so an upper bound). */
async function timeActivation(id: string, alreadyActive: string[]): Promise<{ ms: number; cpuMs: number } | undefined> {
  const extension = vscode.extensions.getExtension(id);
  if (!extension) throw new Error(`${id} is not loaded in this window`);
  if (extension.isActive) {
    alreadyActive.push(id);
    return undefined;
  }
  const cpu = process.cpuUsage();
  const started = performance.now();
  await extension.activate();
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000 };
}

async function until(what: string, done: () => boolean): Promise<void> {
  const started = performance.now();
  while (!done()) {
    if (performance.now() - started > STARTUP_DEADLINE_MS)
      throw new Error(`${what} did not happen within ${STARTUP_DEADLINE_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Resolves once the window has settled, so that the time measured is the extension's, not the
 * window's: an activation waits for round trips to the renderer (the extension's mementos), and
 * while the workbench is still loading those take anything from 10 to 500 ms.
 * 1. The startup probe is active: the extension host activates onStartupFinished extensions once
 *    its eager ones are done. The probe is then the host's first activation, which pays one-time
 *    costs; in real use built-in extensions pay them, and here neither side does.
 * 2. The harness's file exists: it writes it once the workbench is rendered and the renderer idle.
 * Polls with a deadline: neither raises an event the extension host can await.
 */
async function settled(config: HostConfig): Promise<number> {
  const started = performance.now();
  const probe = vscode.extensions.getExtension(PROBE_ID);
  if (!probe) throw new Error(`${PROBE_ID} is not installed in this window's profile`);
  await until("the startup probe's activation", () => probe.isActive);
  const file = config.settledFile;
  if (file) await until('the workbench settling', () => existsSync(file));
  return performance.now() - started;
}

async function timeCommands(runs: number, result: HostResult): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!folder) throw new Error('no workspace folder is open');
  const sandbox = await startSandbox();
  try {
    const rp = sandbox.rp;
    const providerApp = sandbox.provider.app('Provider App for RP');
    const webApp = rp.app('RP Web App');
    await vscode.commands.executeCommand('auth0Oidc.addTenant', {
      domain: rp.baseUrl,
      label: 'Bench RP',
      clientId: rp.m2m.clientId,
      clientSecret: rp.m2m.clientSecret,
      verify: false,
    });
    const files: vscode.Uri[] = [];
    for (let i = 0; i < runs; i++) {
      files.push(
        await vscode.commands.executeCommand<vscode.Uri>('auth0Oidc.newConnectionFile', {
          name: `bench-deploy-${i}`,
          domain: sandbox.provider.domain,
          clientId: providerApp.clientId,
          clientSecret: providerApp.clientSecret,
          scopes: ['openid', 'profile', 'email'],
          enabledClients: [webApp.clientId],
          folder,
          open: false,
        }),
      );
    }
    for (const file of files) {
      const started = performance.now();
      const outcome = await vscode.commands.executeCommand<{ kind: string } | undefined>('auth0Oidc.deployConnection', {
        file,
        tenant: rp.baseUrl,
      });
      const ms = performance.now() - started;
      if (outcome?.kind !== 'create') throw new Error(`deploy of ${file.path} gave ${JSON.stringify(outcome)}`);
      result.deployCreate.push(ms);
    }
    for (const file of files) {
      const document = await vscode.workspace.openTextDocument(file);
      const body = JSON.parse(document.getText()) as { options: { scope: string } };
      body.options.scope = 'openid profile';
      const edit = new vscode.WorkspaceEdit();
      edit.replace(file, new vscode.Range(0, 0, document.lineCount, 0), `${JSON.stringify(body, undefined, 2)}\n`);
      if (!(await vscode.workspace.applyEdit(edit)) || !(await document.save()))
        throw new Error(`could not change ${file.path}`);
      const started = performance.now();
      const outcome = await vscode.commands.executeCommand<{ kind: string } | undefined>('auth0Oidc.deployConnection', {
        file,
        tenant: rp.baseUrl,
        confirmUpdate: true,
      });
      const ms = performance.now() - started;
      if (outcome?.kind !== 'update') throw new Error(`update of ${file.path} gave ${JSON.stringify(outcome)}`);
      result.deployUpdate.push(ms);
    }
    if (result.testLoginAvailable) {
      for (let i = 0; i < runs; i++) {
        // The TestBrowser stands in for the person's browser; sandbox_login logs Alice in at the
        // provider without the form, so the time excludes typing.
        const browser = new TestBrowser();
        const followed: Promise<unknown>[] = [];
        try {
          const started = performance.now();
          const outcome = await vscode.commands.executeCommand<{ userId?: string } | undefined>('auth0Oidc.testLogin', {
            connectionName: 'bench-deploy-0',
            tenant: rp.baseUrl,
            clientId: webApp.clientId,
            openBrowser: false,
            allowCallbackChange: true,
            timeoutSeconds: 60,
            authorizeParams: { sandbox_login: 'alice@provider.test' },
            onAuthorizeUrl: (url: string) => {
              followed.push(browser.follow(url));
            },
          });
          const ms = performance.now() - started;
          if (!outcome?.userId?.startsWith('auth0-oidc|bench-deploy-0|'))
            throw new Error(`test login gave ${JSON.stringify(outcome)}`);
          result.testLogin.push(ms);
        } finally {
          await Promise.allSettled(followed);
          await browser.close();
          await vscode.commands.executeCommand('workbench.action.closeAllEditors');
        }
      }
    }
    await vscode.commands.executeCommand('auth0Oidc.removeTenant', { domain: rp.baseUrl, confirmed: true });
  } finally {
    await sandbox.close();
  }
}

export async function run(): Promise<void> {
  const config = JSON.parse(readFileSync(path.join(__dirname, 'config.json'), 'utf8')) as HostConfig;
  const alreadyActive: string[] = [];
  const sides: { ours?: SideResult; minimal?: SideResult } = {};
  const startupWait = config.afterStartup ? await settled(config) : undefined;
  const loadMs: { ours?: number; minimal?: number } = {};
  if (config.preload) {
    // Node's module cache is per process: activate() below finds the module loaded already.
    for (const side of config.order) {
      const extension = vscode.extensions.getExtension(IDS[side])!;
      const main = path.join(extension.extensionPath, String((extension.packageJSON as { main: string }).main));
      const started = performance.now();
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require(main);
      loadMs[side] = performance.now() - started;
    }
  }
  // The first activation request after the window went idle is slower whatever it activates (a
  // window's first side was ~2x its second in the once-loaded pairs): the warm-up extension takes it.
  const warmup = (await timeActivation(WARMUP_ID, alreadyActive))?.ms;
  // Back to back in one extension host: whatever else loads the machine weighs on both alike.
  for (const side of config.order) {
    const timed = await timeActivation(IDS[side], alreadyActive);
    sides[side] = {
      ...(timed ? { ms: timed.ms, cpuMs: timed.cpuMs } : {}),
      ...(loadMs[side] !== undefined ? { loadMs: loadMs[side] } : {}),
    };
  }
  // Which of the extension's bundles activation loaded (Node's module cache is per process): the
  // features and the Auth0 client should wait for first use.
  const extensionPath = vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath;
  const activation: HostResult['activation'] = {
    ...sides,
    alreadyActive,
    ...(startupWait !== undefined ? { startupWait } : {}),
    ...(warmup !== undefined ? { warmup } : {}),
    loadedBundles: Object.keys(require.cache)
      .filter((f) => f.startsWith(extensionPath + path.sep))
      .map((f) => path.relative(extensionPath, f))
      .sort(),
  };
  const commands = (await vscode.commands.getCommands(true)).filter((c) => c.startsWith('auth0Oidc.'));
  const result: HostResult = {
    activation,
    deployCreate: [],
    deployUpdate: [],
    testLogin: [],
    testLoginAvailable: commands.includes('auth0Oidc.testLogin'),
    commands,
    errors: [],
  };
  if (config.commandRuns > 0) {
    try {
      await timeCommands(config.commandRuns, result);
    } catch (error) {
      result.errors.push(error instanceof Error ? (error.stack ?? error.message) : String(error));
    }
  }
  console.log(`BENCH_RESULT ${JSON.stringify(result)}`);
}
