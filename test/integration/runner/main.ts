// `npm run test:integration`: runs the extension's integration suites inside a real VS Code
// (code-server in headless Chromium), then the UI scenarios, then the runner's self-test, and
// exits with the verdict. Its last line is `integration: N passed, N failed[, N skipped]`.
//
//   tsx test/integration/runner/main.ts [--suite dist-test/suite/index.js] [--no-ui] [--ui-filter palette]
//        [--no-self-test] [--no-trust] [--no-web | --web] [--timeout MS] [--keep] [--verbose]
//
// Each phase has its own budget, stretched by the machine's measured slowness (runner/budget.ts);
// --timeout (or INTEGRATION_TIMEOUT_MS) adds a hard deadline for the whole run, off by default.
//        [--vsix dist-vsix/auth0-oidc-connections.vsix]
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureCodeServerSpec, LATEST, OLDEST, PrerequisiteError, REPO_ROOT } from '../../../scripts/code-server';
import { ensureChromium, MissingChromiumError } from './browser';
import { BASE_BUDGETS, budgetFor, BudgetExceeded, withinBudget } from './budget';
import { cleanupAll, handleSignals, processesMentioning } from './processes';
import { runIntegration, type Counts } from './run';
import { runSelfTest } from './selftest';

const { values: args } = parseArgs({
  options: {
    suite: { type: 'string', default: path.join(REPO_ROOT, 'dist-test', 'suite', 'index.js') },
    'no-suites': { type: 'boolean', default: false },
    'no-ui': { type: 'boolean', default: false },
    'ui-filter': { type: 'string' },
    'no-self-test': { type: 'boolean', default: false },
    // Skip the workspace-trust check (runner/trust.ts: a second code-server with workspace trust on).
    'no-trust': { type: 'boolean', default: false },
    'no-build-check': { type: 'boolean', default: false },
    // The web worker phase (runner/web.ts) runs with the in-host suites unless --no-web; --web runs
    // it even with --no-suites or --ui-filter (a targeted run of it alone).
    web: { type: 'boolean', default: false },
    'no-web': { type: 'boolean', default: false },
    timeout: { type: 'string', default: process.env.INTEGRATION_TIMEOUT_MS ?? '0' },
    // The in-host suites' budget on a quiet machine, in ms (runner/budget.ts); the self-test sets a short one.
    'host-budget': { type: 'string' },
    keep: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
    // Test the packaged extension: install this .vsix into code-server and run the smoke suite
    // (dist-test/smoke) and the smoke UI scenarios (test/integration/smoke/*.ui.ts) in it, no self-test.
    vsix: { type: 'string' },
    // `latest`: run in the current code-server (scripts/code-server.ts LATEST, on its own Node 22)
    // instead of the oldest supported one.
    'code-server': { type: 'string', default: 'oldest' },
    // Where screenshots go (ui/<scenario>/); runs side by side need folders of their own.
    artifacts: { type: 'string', default: path.join(REPO_ROOT, 'test-artifacts') },
  },
});
if (args.vsix) {
  args.vsix = path.resolve(args.vsix);
  if (!process.argv.includes('--suite')) args.suite = path.join(REPO_ROOT, 'dist-test', 'smoke', 'index.js');
  args['no-self-test'] = true;
}
const uiDir = path.join(REPO_ROOT, 'test', 'integration', args.vsix ? 'smoke' : 'ui');

async function main(): Promise<number> {
  const removeSignalHandlers = handleSignals();
  const timeoutMs = Number(args.timeout);
  try {
    // Prerequisites first, with the command that installs them; never a silent skip.
    ensureChromium((l) => console.log(l));
    if (args['code-server'] !== 'oldest' && args['code-server'] !== 'latest')
      throw new Error('--code-server is oldest or latest');
    const spec = args['code-server'] === 'latest' ? LATEST : OLDEST;
    const { bin: codeServerBin, nodeBin } = await ensureCodeServerSpec(spec, { log: (l) => console.log(l) });
    console.log(`[runner] code-server ${spec.version}${spec.node ? ` on Node ${spec.node}` : ''}`);
    if (!args['no-build-check'] && !existsSync(args.suite)) {
      throw new Error(
        `${path.relative(REPO_ROOT, args.suite)} is missing: build the suites first (npm run build:tests).`,
      );
    }

    // The optional hard deadline covers the run itself, not the one-time install above.
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      if (timeoutMs > 0)
        timer = setTimeout(() => reject(new Error(`deadline of ${timeoutMs / 1000} s exceeded`)), timeoutMs);
    });
    const started = Date.now();
    let totals: Counts;
    const profileRoots: string[] = [];
    try {
      totals = await Promise.race([
        runIntegration({
          suite: args['no-suites'] ? undefined : args.suite,
          uiDir: args['no-ui'] ? undefined : uiDir,
          uiFilter: args['ui-filter'],
          workspaceFixture: path.join(REPO_ROOT, 'test', 'integration', 'workspace'),
          artifactsDir: path.resolve(args.artifacts),
          ...(args['host-budget'] ? { hostBudgetMs: Number(args['host-budget']) } : {}),
          keep: args.keep,
          verbose: args.verbose,
          codeServerBin,
          ...(args.vsix ? { vsix: args.vsix } : {}),
          ...(nodeBin !== process.execPath ? { nodeBin } : {}),
          ...(args.vsix || args['no-trust'] ? {} : { trustSuites: path.join(REPO_ROOT, 'dist-test', 'trust') }),
          ...(!args.vsix && !args['no-web'] && (args.web || (!args['no-suites'] && !args['ui-filter']))
            ? {
                web: {
                  suite: path.join(REPO_ROOT, 'dist-test', 'web', 'index.js'),
                  uiDir: path.join(REPO_ROOT, 'test', 'integration', 'web'),
                },
              }
            : {}),
          onProfile: (root) => {
            profileRoots.push(root);
          },
        }),
        deadline,
      ]);
    } finally {
      await cleanupAll();
    }
    // Every process of the run names its profile folder (code-server's and Chromium's arguments).
    const left = profileRoots.flatMap((root) => processesMentioning(root));
    if (left.length > 0) {
      console.log(
        `[runner] ✘ processes left behind:\n${left.map((p) => `    ${p.pid} ${p.cmd.slice(0, 160)}`).join('\n')}`,
      );
      totals.failed++;
    }

    if (!args['no-self-test']) {
      const budget = await budgetFor('the runner self-test', BASE_BUDGETS.selfTest);
      const self = await Promise.race([
        withinBudget(budget, runSelfTest({ timeoutMs: budget.ms })).catch((err: unknown) => {
          if (err instanceof BudgetExceeded) return { ok: false, detail: err.message };
          throw err;
        }),
        deadline,
      ]);
      console.log(`runner self-test: ${self.ok ? '✔' : '✘'} ${self.detail}`);
      if (self.ok) totals.passed++;
      else totals.failed++;
    }
    clearTimeout(timer);

    console.log(`[runner] finished in ${Math.round((Date.now() - started) / 1000)} s`);
    console.log(
      `integration: ${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`,
    );
    return totals.failed > 0 ? 1 : 0;
  } catch (err) {
    await cleanupAll();
    if (err instanceof MissingChromiumError || err instanceof PrerequisiteError) {
      console.error(`\n[runner] a prerequisite is missing.\n${err.message}`);
    } else {
      console.error(`\n[runner] the run failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    }
    console.log('integration: 0 passed, 1 failed');
    return 1;
  } finally {
    removeSignalHandlers();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
