// `npm run test:electron`: the same in-host suites (dist-test/suite) in desktop VS Code through
// @vscode/test-electron, for desktop machines that can download VS Code. Not part of `npm test`:
// CI and these machines have no way to fetch VS Code, and use the code-server runner instead
// (main.ts). The browser-driven UI scenarios run only there.
import { mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { REPO_ROOT } from '../../../scripts/code-server';

async function main(): Promise<number> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'auth0-oidc-electron-'));
  const workspace = path.join(tmp, 'workspace');
  mkdirSync(workspace);
  try {
    return await runTests({
      version: process.env.VSCODE_VERSION ?? 'stable',
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: path.join(REPO_ROOT, 'dist-test', 'suite', 'index'),
      launchArgs: [
        workspace,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        '--user-data-dir',
        path.join(tmp, 'user-data'),
        '--extensions-dir',
        path.join(tmp, 'extensions'),
      ],
    });
  } catch (err) {
    console.error(`[test:electron] ${err instanceof Error ? err.message : String(err)}`);
    console.error(
      '[test:electron] this needs a desktop VS Code, which @vscode/test-electron downloads; without ' +
        'internet access use `npm run test:integration` (code-server in Chromium) instead.',
    );
    return 1;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
