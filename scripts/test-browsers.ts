// The browser part of `npm test`: the packaged extension's smoke run and the integration runs in
// the oldest supported VS Code (code-server 4.100.3) and a current one (4.117.0). The builds are made
// once, first (a build during a run would change the files another run is loading); then two lanes
// run side by side, since most of a browser run is waiting for the workbench, not computing:
//
//   lane 1: the .vsix smoke run, then the integration run on VS Code 1.100 (with the self-test)
//   lane 2: the integration run on VS Code 1.117
//
// Lane 1's output streams as it comes; lane 2's goes to test-artifacts/integration-latest.log and
// is printed when it ends. The last line adds up the runs: `integration: N passed, N failed`.
//
//   tsx scripts/test-browsers.ts [--sequential]   (or AUTH0_OIDC_TEST_SEQUENTIAL=1: one after the other)
import { spawn } from 'node:child_process';
import { createWriteStream, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './code-server';
import { failureLines } from './failureLines';

const SUMMARY = /^integration: (\d+) passed, (\d+) failed(?:, (\d+) skipped)?\s*$/m;
const TSX = path.join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const RUNNER = path.join(REPO_ROOT, 'test', 'integration', 'runner', 'main.ts');
const VSIX = path.join(REPO_ROOT, 'dist-vsix', 'auth0-oidc-connections.vsix');

interface RunResult {
  readonly name: string;
  readonly code: number | null;
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  readonly seconds: number;
  /** The lines that name what failed, for the summary at the end. */
  readonly failures: readonly string[];
}

const children = new Set<ReturnType<typeof spawn>>();

function npmRun(script: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', script], { cwd: REPO_ROOT, stdio: 'inherit' });
    children.add(child);
    child.on('error', reject);
    child.on('close', (code) => {
      children.delete(child);
      if (code === 0) resolve();
      else reject(new Error(`npm run ${script} failed (exit ${code})`));
    });
  });
}

/** One integration runner; its output goes to `sink` as it comes, its summary line is parsed. */
function runner(name: string, args: string[], sink: NodeJS.WritableStream): Promise<RunResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [TSX, RUNNER, '--no-build-check', ...args], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(child);
    let text = '';
    const take = (d: Buffer): void => {
      text += d.toString('utf8');
      sink.write(d);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    const done = (code: number | null): void => {
      children.delete(child);
      const m = SUMMARY.exec(
        text
          .split('\n')
          .filter((l) => SUMMARY.test(l))
          .pop() ?? '',
      );
      const counts = m
        ? { passed: Number(m[1]), failed: Number(m[2]), skipped: Number(m[3] ?? 0) }
        : { passed: 0, failed: 1, skipped: 0 }; // no summary: the run itself broke
      if (code !== 0 && counts.failed === 0) counts.failed = 1;
      resolve({
        name,
        code,
        ...counts,
        seconds: Math.round((Date.now() - started) / 1000),
        failures: counts.failed > 0 ? failureLines(text) : [],
      });
    };
    child.on('error', () => done(1));
    child.on('close', done);
  });
}

async function main(): Promise<number> {
  const sequential = process.argv.includes('--sequential') || process.env.AUTH0_OIDC_TEST_SEQUENTIAL === '1';
  // A signal ends both lanes; each runner then ends its own code-server and Chromium.
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
    process.on(sig, () => {
      for (const c of children) c.kill(sig);
    });

  // The production bundle for the .vsix first, then the development build the runs load.
  await npmRun('package');
  await npmRun('build');
  await npmRun('build:tests');

  const artifacts = path.join(REPO_ROOT, 'test-artifacts');
  await fs.mkdir(artifacts, { recursive: true });
  const latestLog = path.join(artifacts, 'integration-latest.log');
  const latestSink = createWriteStream(latestLog);

  const lane1 = async (): Promise<RunResult[]> => [
    await runner('packaged .vsix (VS Code 1.100)', ['--vsix', VSIX], process.stdout),
    await runner('integration (VS Code 1.100)', [], process.stdout),
  ];
  const lane2 = (): Promise<RunResult> =>
    runner(
      'integration (VS Code 1.117)',
      ['--code-server', 'latest', '--no-self-test', '--artifacts', path.join(artifacts, 'latest')],
      latestSink,
    );

  let results: RunResult[];
  if (sequential) {
    results = [...(await lane1()), await lane2()];
  } else {
    console.log(
      `[test-browsers] VS Code 1.117 runs beside the others; its output: ${path.relative(REPO_ROOT, latestLog)}`,
    );
    const [first, second] = await Promise.all([lane1(), lane2()]);
    results = [...first, second];
  }
  await new Promise<void>((resolve) => latestSink.end(resolve));
  if (!sequential) {
    console.log(`\n[test-browsers] ---- VS Code 1.117 (${path.relative(REPO_ROOT, latestLog)}) ----`);
    process.stdout.write(await fs.readFile(latestLog));
    console.log('[test-browsers] ---- end of VS Code 1.117 ----\n');
  }

  for (const r of results) {
    console.log(
      `[test-browsers] ${r.failed > 0 ? '✘' : '✔'} ${r.name}: ${r.passed} passed, ${r.failed} failed` +
        `${r.skipped ? `, ${r.skipped} skipped` : ''} in ${r.seconds} s`,
    );
    for (const f of r.failures) console.log(`[test-browsers]     ${f}`);
  }
  // .ci/run says when it started, so that the whole run's time is on its last lines.
  const ciStarted = Number(process.env.CI_STARTED_AT);
  if (Number.isFinite(ciStarted) && ciStarted > 0)
    console.log(`[ci] the whole of .ci/run took ${Math.round(Date.now() / 1000 - ciStarted)} s`);
  const total = results.reduce(
    (t, r) => ({ passed: t.passed + r.passed, failed: t.failed + r.failed, skipped: t.skipped + r.skipped }),
    {
      passed: 0,
      failed: 0,
      skipped: 0,
    },
  );
  console.log(
    `integration: ${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`,
  );
  return total.failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`[test-browsers] ${err instanceof Error ? err.message : String(err)}`);
    for (const c of children) c.kill('SIGTERM');
    console.log('integration: 0 passed, 1 failed');
    process.exit(1);
  },
);
