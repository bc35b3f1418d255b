// Entry of the integration suites inside the extension host (extensionTestsPath). VS Code calls
// run() once the extension under development is loaded; it runs every *.test.js compiled beside
// this file (test/integration/suite/**/*.test.ts, bundled into dist-test/suite/ by
// scripts/build-tests.ts) with mocha, prints `N passed, N failed` on a line of its own, and
// rejects when anything failed, which makes VS Code exit with code 1.
//
// The same entry serves every suite folder (see the fixture failing-suite): it looks beside itself.
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { slowness } from '../../slowness';

function testFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.js'))
    .sort()
    .map((f) => path.join(dir, f));
}

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    reporter: 'spec',
    timeout: Number(process.env.INTEGRATION_TEST_TIMEOUT_MS ?? 30_000),
    // A stray `.only` would pass CI on the one test it leaves: fail the run instead.
    forbidOnly: true,
    // Set INTEGRATION_GREP to run only the tests whose title matches.
    ...(process.env.INTEGRATION_GREP ? { grep: process.env.INTEGRATION_GREP } : {}),
  });
  const files = testFiles(__dirname);
  for (const f of files) mocha.addFile(f);

  return new Promise<void>((resolve, reject) => {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    try {
      const runner = mocha.run(() => {
        console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
        if (failed > 0 || files.length === 0) {
          reject(
            new Error(
              files.length === 0 ? `no *.test.js files in ${__dirname}` : `${failed} integration test(s) failed`,
            ),
          );
        } else {
          resolve();
        }
      });
      // Every test's and hook's time limit (the default above or its suite's this.timeout()) is a
      // quiet machine's; on a busy one the runner's measured factor stretches it, just before it runs.
      const factor = slowness();
      const stretch = (runnable: Mocha.Runnable): void => {
        if (factor > 1 && runnable.timeout() > 0) runnable.timeout(Math.round(runnable.timeout() * factor));
      };
      runner.on(Mocha.Runner.constants.EVENT_TEST_BEGIN, stretch);
      runner.on(Mocha.Runner.constants.EVENT_HOOK_BEGIN, stretch);
      runner.on(Mocha.Runner.constants.EVENT_TEST_PASS, () => {
        passed++;
      });
      // Hook failures are reported through the same event, so they count too.
      runner.on(Mocha.Runner.constants.EVENT_TEST_FAIL, () => {
        failed++;
      });
      runner.on(Mocha.Runner.constants.EVENT_TEST_PENDING, () => {
        skipped++;
      });
    } catch (err) {
      // A suite file that throws while loading: report it as one failure.
      console.error(err);
      console.log('0 passed, 1 failed');
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}
