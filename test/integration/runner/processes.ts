// Everything the runner starts is registered here, and ended in reverse order on success,
// failure, deadline and SIGINT/SIGTERM. Children run in their own process group (detached), so
// ending a group also ends whatever they started (code-server's extension host, pty host, ...).
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { pollUntil } from '../../pollUntil';
import { readdirSync, readFileSync } from 'node:fs';

type Cleanup = { name: string; fn: () => Promise<void> };
const cleanups: Cleanup[] = [];

export function onCleanup(name: string, fn: () => Promise<void>): void {
  cleanups.push({ name, fn });
}

let cleaning: Promise<void> | undefined;

/** True while cleanupAll() runs: a child ending then is expected, not news. */
export function isCleaningUp(): boolean {
  return cleaning !== undefined;
}

/** Runs every registered cleanup once, newest first; never throws. */
export function cleanupAll(): Promise<void> {
  cleaning ??= (async () => {
    while (cleanups.length > 0) {
      const c = cleanups.pop()!;
      try {
        await c.fn();
      } catch (err) {
        console.error(`[runner] cleanup of ${c.name} failed: ${String(err)}`);
      }
    }
  })().finally(() => {
    cleaning = undefined;
  });
  return cleaning;
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Polls until `check` is true or the deadline passes. */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  intervalMs = 50,
): Promise<boolean> {
  return pollUntil('a condition', check, { timeoutMs, intervalMs }).then(
    () => true,
    () => false,
  );
}

/** SIGTERM to the whole group, then SIGKILL if it is still there after `graceMs`. */
export async function killGroup(pgid: number, graceMs = 5000): Promise<void> {
  if (!groupAlive(pgid)) return;
  try {
    process.kill(-pgid, 'SIGTERM');
  } catch {
    /* gone */
  }
  if (await waitFor(() => !groupAlive(pgid), graceMs)) return;
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    /* gone */
  }
  await waitFor(() => !groupAlive(pgid), 2000);
}

/** Spawns a child in its own process group and registers the group for cleanup. */
export function spawnTracked(name: string, cmd: string, args: string[], opts: SpawnOptions): ChildProcess {
  const child = spawn(cmd, args, { ...opts, detached: true });
  const pid = child.pid;
  if (pid !== undefined) onCleanup(name, () => killGroup(pid));
  return child;
}

/**
 * Installs SIGINT/SIGTERM/SIGHUP handlers that end every child and exit, by default with
 * 130/143/129, and the same for an uncaught exception or unhandled rejection (exit 1). Returns a
 * function that removes them.
 */
export function handleSignals(opts: { name?: string; exitCode?: (sig: NodeJS.Signals) => number } = {}): () => void {
  const handler = (sig: NodeJS.Signals): void => {
    console.error(`\n[${opts.name ?? 'runner'}] ${sig}: ending every process started by this run`);
    const code = opts.exitCode?.(sig) ?? (sig === 'SIGINT' ? 130 : sig === 'SIGTERM' ? 143 : 129);
    void cleanupAll().finally(() => process.exit(code));
  };
  const sigs: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const s of sigs) process.on(s, handler);
  // A scenario's stray rejection (a waitForEvent left behind by a failure) used to end the run
  // there, leaving code-server and Chromium running with no parent.
  const crash = (error: unknown): void => {
    console.error(
      `\n[${opts.name ?? 'runner'}] crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n` +
        `[${opts.name ?? 'runner'}] ending every process started by this run`,
    );
    void cleanupAll().finally(() => process.exit(1));
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
  return () => {
    for (const s of sigs) process.off(s, handler);
    process.off('uncaughtException', crash);
    process.off('unhandledRejection', crash);
  };
}

/**
 * Processes whose command line mentions `marker` (e.g. a run's profile folder, which both
 * code-server's and Chromium's arguments name), other than this one. Linux only; [] elsewhere.
 */
export function processesMentioning(marker: string): { pid: number; cmd: string }[] {
  const found: { pid: number; cmd: string }[] = [];
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return found;
  }
  for (const e of entries) {
    const pid = Number(e);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
      if (cmd.includes(marker)) found.push({ pid, cmd });
    } catch {
      /* ended meanwhile */
    }
  }
  return found;
}
