// `npm run screenshots`: the README's screenshots, taken by the UI scenarios that walk the
// walkthrough (test/integration/ui/journey.ui.ts), show the diagnostics (problems.ui.ts) and an
// auth0-deploy-cli repository (a0deploy.ui.ts), one file in two environments (environments.ui.ts) in
// code-server against the sandbox tenants. Runs those alone, then copies each screenshot they
// name `readme-NAME.png` into docs/NAME.png, where README.md shows it. Fails, copying nothing,
// when a scenario fails.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..');
const SCENARIOS = ['journey', 'problems', 'a0deploy', 'environments'];

const run = spawnSync(
  process.execPath,
  [
    ...process.execArgv,
    path.join(root, 'test', 'integration', 'runner', 'main.ts'),
    '--no-suites',
    '--no-trust',
    '--no-self-test',
    '--ui-filter',
    SCENARIOS.join(','),
    ...process.argv.slice(2),
  ],
  { cwd: root, stdio: 'inherit' },
);
if (run.status !== 0) {
  console.error(`[screenshots] the scenarios failed (exit ${run.status ?? run.signal}): docs/ left as it was`);
  process.exit(1);
}
let copied = 0;
for (const scenario of SCENARIOS) {
  const dir = path.join(root, 'test-artifacts', 'ui', scenario);
  if (!existsSync(dir)) continue;
  for (const file of readdirSync(dir).filter((f) => /^readme-[\w-]+\.png$/.test(f))) {
    const target = path.join(root, 'docs', file.replace(/^readme-/, ''));
    copyFileSync(path.join(dir, file), target);
    console.log(`[screenshots] ${path.relative(root, target)} from ${scenario}`);
    copied++;
  }
}
if (copied === 0) {
  console.error('[screenshots] the scenarios saved no readme-*.png');
  process.exit(1);
}
