// How much slower than a quiet machine of our kind this one runs now, so that the browser runs'
// deadlines stretch with the load instead of failing a busy CI. The integration runner measures
// it before each phase and hands it on in AUTH0_OIDC_TEST_SLOWNESS (to the UI scenarios in its own
// process, and through code-server's environment to the extension host suites); every deadline of
// those tests is a base time multiplied by it (`scaled`), and pollUntil scales its own.
import { createHash } from 'node:crypto';

export const SLOWNESS_ENV = 'AUTH0_OIDC_TEST_SLOWNESS';

/** The factor is never above this: a machine 10x slower than a quiet one is broken, not busy. */
export const MAX_SLOWNESS = 10;

/** The current factor (1 when no runner set one, e.g. in unit tests). */
export function slowness(env: NodeJS.ProcessEnv = process.env): number {
  const f = Number(env[SLOWNESS_ENV]);
  return Number.isFinite(f) && f >= 1 ? Math.min(f, MAX_SLOWNESS) : 1;
}

/** A deadline of `ms` on a quiet machine, stretched by the current factor. */
export function scaled(ms: number): number {
  return Math.round(ms * slowness());
}

/**
 * A fixed piece of CPU work (hashing 8 MiB in 64 KiB chunks) and how long it took: its wall time
 * over the CPU time it used is the share of a core this process gets now. On a quiet machine the
 * two are equal; with the cores shared among N runnable processes the wall time is about N/cores
 * times longer. Measuring against the process's own CPU time needs no reference figure per machine.
 */
export function workload(): { wallMs: number; cpuMs: number } {
  const chunk = Buffer.alloc(64 * 1024, 7);
  const cpu0 = process.cpuUsage();
  const started = process.hrtime.bigint();
  let digest = Buffer.alloc(32);
  for (let i = 0; i < 128; i++) digest = createHash('sha256').update(digest).update(chunk).digest();
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const cpu = process.cpuUsage(cpu0);
  return { wallMs, cpuMs: Math.max(0.001, (cpu.user + cpu.system) / 1000) };
}

/**
 * Measures the factor now: the median of a few runs' wall time over CPU time, yielding between
 * runs so that other processes get their share as they would in a test.
 */
export async function measureSlowness(runs = 7): Promise<number> {
  const ratios: number[] = [];
  for (let i = 0; i < runs; i++) {
    const { wallMs, cpuMs } = workload();
    ratios.push(wallMs / cpuMs);
    await new Promise<void>((resolve) => setTimeout(resolve, 20));
  }
  ratios.sort((a, b) => a - b);
  const median = ratios[Math.floor(ratios.length / 2)]!;
  return Math.min(MAX_SLOWNESS, Math.max(1, Math.round(median * 100) / 100));
}

if (require.main === module) {
  void measureSlowness().then((f) => console.log(`slowness factor now: ${f}`));
}
