// One extension-host suite in one page: the workbench URL names the suite (extensionTestsPath);
// its output is printed, and its `N passed, N failed` line and exit code are the verdict.
import { format } from 'node:util';
import type { BrowserContext, Page } from 'playwright-core';

export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

/** Workbench chatter that says nothing about the suites; shown with --verbose. */
const WORKBENCH_NOISE = [
  /open-vsx\.org/, // no marketplace offline
  /^Resolv(ing|ed) connection token/,
  /^Creating a socket/,
  /^Updating additional builtin extensions cache/,
  /^\[Service Worker\]/,
  /^ChatSessionStore:/,
  /^Creation of workbench contribution '.*' took \d+ms/,
  /^\[lifecycle\] Long running operations during shutdown/,
];

const SUMMARY = /^(\d+) passed, (\d+) failed(?:, (\d+) skipped)?\s*$/;

export function out(line: string): void {
  process.stdout.write(line.endsWith('\n') ? line : `${line}\n`);
}

export function attachPageLogging(page: Page, verbose: boolean | undefined): void {
  page.on('pageerror', (err) => {
    if (verbose) out(`[page error] ${err.message}`);
  });
  page.on('console', (msg) => {
    if (verbose) out(`[page ${msg.type()}] ${msg.text()}`);
  });
}

/**
 * Opens a workbench URL that names a suite (extensionTestsPath) in a new page of `context`, prints
 * the suite's output, and returns its exit code and its `N passed, N failed` line (a run without
 * that line, or one that exits non-zero with none failed, counts as 1 failed).
 */
export async function runSuiteInPage(
  context: BrowserContext,
  url: string,
  opts: { verbose?: boolean },
): Promise<{ exitCode: number; counts: Counts }> {
  const page = await context.newPage();
  attachPageLogging(page, opts.verbose);

  let counts: Counts | undefined;
  const onText = (text: string): void => {
    for (const line of text.split('\n')) {
      const m = SUMMARY.exec(line.trim());
      if (m) counts = { passed: Number(m[1]), failed: Number(m[2]), skipped: Number(m[3] ?? 0) };
    }
  };
  let resolveExit!: (code: number) => void;
  const exited = new Promise<number>((r) => {
    resolveExit = r;
  });

  await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
    // The workbench forwards console calls with their format string first (`%s`, `%d`, `%c`).
    const text = format(...(Array.isArray(args) ? args : [args]));
    onText(text);
    if (!opts.verbose && WORKBENCH_NOISE.some((re) => re.test(text))) return;
    if (type === 'error') process.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
    else out(text);
  });
  await page.exposeFunction('codeAutomationExit', (code: number) => {
    resolveExit(code);
  });

  await page.goto(url);
  const exitCode = await exited;
  await page.close();

  if (!counts) {
    out('[runner] the extension host suites printed no "N passed, N failed" line; counting the run as 1 failed');
    counts = { passed: 0, failed: 1, skipped: 0 };
  } else if (exitCode !== 0 && counts.failed === 0) {
    counts = { ...counts, failed: 1 };
  }
  return { exitCode, counts };
}
