import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { canInstallSystemPackages, PrerequisiteError, provideSystemPackages } from '../../../scripts/systemPackages';

describe('missing system packages (scripts/systemPackages.ts, used by npm test and npm start)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'syspkg-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const quiet = (): void => undefined;

  it('does nothing when nothing is missing', () => {
    provideSystemPackages([], () => ['never asked'], quiet, { script: '/nonexistent' });
  });

  it('stops with the one command to run when it may not install (not root, or opted out)', () => {
    assert.throws(
      () =>
        provideSystemPackages(['chromium'], () => ['chromium'], quiet, { env: { AUTH0_OIDC_NO_AUTO_INSTALL: '1' } }),
      (err: unknown) =>
        err instanceof PrerequisiteError &&
        /missing: chromium/.test(err.message) &&
        err.message.includes('bash scripts/install-system-deps.sh'),
    );
  });

  const asRoot = canInstallSystemPackages({}) ? it : it.skip;

  asRoot('as root, runs the install script, says so, and checks again', () => {
    const marker = path.join(dir, 'installed');
    const script = path.join(dir, 'install.sh');
    writeFileSync(script, `touch '${marker}'\n`);
    const lines: string[] = [];
    provideSystemPackages(
      ['ripgrep'],
      () => (existsSync(marker) ? [] : ['ripgrep']),
      (l) => lines.push(l),
      {
        env: {},
        script,
      },
    );
    assert.ok(existsSync(marker), 'the install script ran');
    assert.match(lines[0] ?? '', /missing ripgrep: installing the system packages as root/);
  });

  asRoot('as root, names what is still missing when the install did not provide it', () => {
    const script = path.join(dir, 'install.sh');
    writeFileSync(script, 'exit 0\n');
    assert.throws(
      () => provideSystemPackages(['ripgrep'], () => ['ripgrep'], quiet, { env: {}, script }),
      (err: unknown) =>
        err instanceof PrerequisiteError && /ran, but These system packages are missing: ripgrep/.test(err.message),
    );
  });
});
