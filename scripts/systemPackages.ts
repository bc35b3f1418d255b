// The Debian packages the browser-driven tests and the code-server build need
// (scripts/install-system-deps.sh). When one is missing, `npm test` and `npm start` install them
// themselves if they run as root on a machine with apt-get (saying so first); otherwise they stop
// at once and name the one command to run. Never a silent skip.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

export const INSTALL_DEPS_COMMAND = 'bash scripts/install-system-deps.sh';

export class PrerequisiteError extends Error {}

function hasCommand(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

/** Whether this process may install Debian packages itself: root, apt-get present, not opted out. */
export function canInstallSystemPackages(env: NodeJS.ProcessEnv = process.env): boolean {
  return (
    process.platform === 'linux' &&
    typeof process.getuid === 'function' &&
    process.getuid() === 0 &&
    env.AUTH0_OIDC_NO_AUTO_INSTALL !== '1' &&
    hasCommand('apt-get')
  );
}

/**
 * Makes the missing packages (`missing` names them, as a person would read them) available: runs
 * the install script when allowed, then asks `stillMissing` again; throws a PrerequisiteError
 * naming the command otherwise, or when the install did not help.
 */
export function provideSystemPackages(
  missing: readonly string[],
  stillMissing: () => readonly string[],
  log: (line: string) => void = (l) => console.error(l),
  opts: { env?: NodeJS.ProcessEnv; script?: string } = {},
): void {
  if (missing.length === 0) return;
  const explain = (what: readonly string[]): string =>
    `These system packages are missing: ${what.join(', ')}.\nInstall them (as root) with: ${INSTALL_DEPS_COMMAND}`;
  if (!canInstallSystemPackages(opts.env)) throw new PrerequisiteError(explain(missing));
  log(`[setup] missing ${missing.join(', ')}: installing the system packages as root (${INSTALL_DEPS_COMMAND})`);
  const script = opts.script ?? path.resolve(__dirname, 'install-system-deps.sh');
  // Its apt-get output goes to stderr, so that a caller's stdout (a summary line) stays clean.
  const result = spawnSync('bash', [script], { stdio: ['ignore', process.stderr, process.stderr] });
  const left = stillMissing();
  if (result.status !== 0 || left.length > 0) {
    throw new PrerequisiteError(
      `${INSTALL_DEPS_COMMAND} ${result.status !== 0 ? `failed (exit ${result.status})` : 'ran'}, ` +
        `but ${explain(left.length > 0 ? left : missing)}`,
    );
  }
  log('[setup] system packages installed');
}
