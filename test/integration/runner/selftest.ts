// The runner's own test, two runs of the runner as separate processes, exactly as
// `npm run test:integration` starts it, side by side:
// - a suite with one failing assertion (test/integration/fixtures/failing-suite) must make a run
//   exit non-zero and report `0 passed, 1 failed`;
// - a suite that never ends (fixtures/hanging-suite), given a 5 s budget, must be ended when the
//   budget is spent and reported the same way: one failure, and no process left behind (the child
//   runner counts a leftover as a second failure).
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { REPO_ROOT } from '../../../scripts/code-server';
import { onCleanup, killGroup } from './processes';

export async function runSelfTest(opts: { timeoutMs: number }): Promise<{ ok: boolean; detail: string }> {
  const [failing, hanging] = await Promise.all([
    childRun(
      'failing-suite',
      opts,
      [],
      [
        [/^0 passed, 1 failed\s*$/m, 'the suite did not report "0 passed, 1 failed"'],
        [/deliberately failing/, 'the failing assertion was not printed'],
      ],
    ),
    // 30 s on a quiet machine: time for the workbench to load and the suite to start hanging.
    childRun(
      'hanging-suite',
      opts,
      ['--host-budget', '30000'],
      [
        [/hanging on purpose: started/, 'the hanging suite never started'],
        [/the extension host suites did not finish within its budget/, 'the hanging suite was not ended by its budget'],
      ],
    ),
  ]);
  return failing.ok && hanging.ok
    ? {
        ok: true,
        detail:
          `a deliberately failing suite (${failing.detail}) and a hanging one ended by its budget ` +
          `(${hanging.detail}) each made the runner report 0 passed, 1 failed, with no process left behind`,
      }
    : {
        ok: false,
        detail: [failing, hanging]
          .filter((r) => !r.ok)
          .map((r) => r.detail)
          .join('\n'),
      };
}

/** One child runner on a fixture suite: it must exit non-zero with exactly one failure, saying `checks`. */
async function childRun(
  fixture: string,
  opts: { timeoutMs: number },
  extraArgs: string[],
  checks: [RegExp, string][],
): Promise<{ ok: boolean; detail: string }> {
  const tsx = path.join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const child = spawn(
    process.execPath,
    [
      tsx,
      path.join(__dirname, 'main.ts'),
      '--suite',
      path.join(REPO_ROOT, 'dist-test', 'fixtures', fixture, 'index.js'),
      '--no-ui',
      '--no-self-test',
      '--no-build-check',
      '--no-trust',
      // The fixture alone: the web worker phase would add the real web suite's passes to the summary.
      '--no-web',
      '--timeout',
      String(opts.timeoutMs),
      ...extraArgs,
    ],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  // A long grace: on SIGTERM the child runner ends its own code-server and Chromium first.
  onCleanup('runner self-test', () => killGroup(child.pid!, 20_000));
  let output = '';
  child.stdout.on('data', (d: Buffer) => {
    output += d.toString('utf8');
  });
  child.stderr.on('data', (d: Buffer) => {
    output += d.toString('utf8');
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));

  const problems: string[] = [];
  if (code === 0) problems.push('the run exited 0');
  for (const [re, problem] of checks) if (!re.test(output)) problems.push(problem);
  if (!/^integration: 0 passed, 1 failed/m.test(output))
    problems.push('the runner\'s summary was not "integration: 0 passed, 1 failed"');
  return problems.length === 0
    ? { ok: true, detail: `exit ${code}` }
    : // The child's output is shown only when it did not behave, so that its lines are not mistaken
      // for this run's own summary.
      {
        ok: false,
        detail: `${fixture}: ${problems.join('; ')}. Its output:\n${output
          .split('\n')
          .map((l) => `    | ${l}`)
          .join('\n')}`,
      };
}
