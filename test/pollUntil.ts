// The one polling helper of the tests (unit, sandbox, integration suites, UI scenarios, runner):
// tests never sleep a fixed time; they poll a probe with a deadline. The deadline is stretched by
// the machine's measured slowness (test/slowness.ts; 1 unless an integration run set it).
import { slowness } from './slowness';

export interface PollOptions {
  /** How long to keep trying on a quiet machine (multiplied by the slowness factor). Default 5 s. */
  readonly timeoutMs?: number;
  /** Pause between tries; 0 yields to the event loop only. Default 50 ms. */
  readonly intervalMs?: number;
}

/**
 * Calls `probe` until it gives a value (anything but `undefined` or `false`) and returns it. A
 * probe that throws counts as "not yet". After the deadline it throws, naming `what` and the last
 * error the probe threw.
 */
export async function pollUntil<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  options: PollOptions = {},
): Promise<T> {
  const { intervalMs = 50 } = options;
  const timeoutMs = Math.round((options.timeoutMs ?? 5000) * slowness());
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(
        `Timed out after ${timeoutMs} ms waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`,
      );
    await new Promise<void>((resolve) => (intervalMs > 0 ? setTimeout(resolve, intervalMs) : setImmediate(resolve)));
  }
}
