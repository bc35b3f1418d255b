// Debian's Chromium (or $CHROMIUM_BIN) driven headless by playwright-core; no browser download.
import { accessSync, constants } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { INSTALL_DEPS_COMMAND, PrerequisiteError, provideSystemPackages } from '../../../scripts/systemPackages';
import { onCleanup } from './processes';

export class MissingChromiumError extends Error {}

/** Chromium's path; when it is missing, installs the system packages as root or says how to. */
export function ensureChromium(log?: (line: string) => void): string {
  if (process.env.CHROMIUM_BIN) return chromiumPath();
  try {
    provideSystemPackages(findChromium() ? [] : ['chromium'], () => (findChromium() ? [] : ['chromium']), log);
  } catch (err) {
    if (err instanceof PrerequisiteError) throw new MissingChromiumError(err.message);
    throw err;
  }
  return chromiumPath();
}

function findChromium(): string | undefined {
  try {
    return chromiumPath();
  } catch {
    return undefined;
  }
}

export function chromiumPath(): string {
  const candidates = process.env.CHROMIUM_BIN
    ? [process.env.CHROMIUM_BIN]
    : ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
  for (const c of candidates) {
    try {
      accessSync(c, constants.X_OK);
      return c;
    } catch {
      /* next */
    }
  }
  throw new MissingChromiumError(
    `Chromium was not found (${candidates.join(', ')}${process.env.CHROMIUM_BIN ? ' from $CHROMIUM_BIN' : ''}).\n` +
      `Install the system packages (as root) with: ${INSTALL_DEPS_COMMAND}\n` +
      'or point $CHROMIUM_BIN at a Chromium or Chrome binary.',
  );
}

export async function launchBrowser(env: NodeJS.ProcessEnv, opts: { headless?: boolean } = {}): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: opts.headless ?? true,
    env,
    // The runner ends the browser itself, in order, on signals.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    timeout: 60_000,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  onCleanup('chromium', async () => {
    if (browser.isConnected()) await browser.close();
  });
  return browser;
}
