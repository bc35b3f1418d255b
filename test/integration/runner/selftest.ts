// The runner's own test: a suite with one failing assertion (test/integration/fixtures/
// failing-suite) must make a run exit non-zero and report `0 passed, 1 failed`. It runs the
// runner as a separate process, exactly as `npm run test:integration` does.
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { REPO_ROOT } from '../../../scripts/code-server';
import { onCleanup, killGroup } from './processes';

export async function runSelfTest(opts: { timeoutMs: number }): Promise<{ ok: boolean; detail: string }> {
  const tsx = path.join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const child = spawn(
    process.execPath,
    [
      tsx,
      path.join(__dirname, 'main.ts'),
      '--suite',
      path.join(REPO_ROOT, 'dist-test', 'fixtures', 'failing-suite', 'index.js'),
      '--no-ui',
      '--no-self-test',
      '--no-build-check',
      '--no-trust',
      '--timeout',
      String(opts.timeoutMs),
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
  if (!/^0 passed, 1 failed\s*$/m.test(output)) problems.push('the suite did not report "0 passed, 1 failed"');
  if (!/deliberately failing/.test(output)) problems.push('the failing assertion was not printed');
  if (!/^integration: 0 passed, 1 failed/m.test(output))
    problems.push('the runner\'s summary was not "integration: 0 passed, 1 failed"');
  return problems.length === 0
    ? { ok: true, detail: `a deliberately failing suite made the runner exit ${code} and report 0 passed, 1 failed` }
    : // The child's output is shown only when it did not behave, so that its lines are not mistaken
      // for this run's own summary.
      {
        ok: false,
        detail: `${problems.join('; ')}. Its output:\n${output
          .split('\n')
          .map((l) => `    | ${l}`)
          .join('\n')}`,
      };
}
