// Each phase of a run (the in-host suites, each UI scenario, the trust run, the self-test) has a
// time budget of its own: a quiet machine's time, multiplied by the slowness factor measured just
// before the phase. A busy machine stretches the budgets instead of failing the run; a phase that
// truly hangs is ended when its budget is spent, counted as failed, and the run goes on, so no
// whole-run deadline is needed and every process is still cleaned up at the end.
import { measureSlowness, SLOWNESS_ENV } from '../../slowness';

export interface Budget {
  readonly what: string;
  /** The phase's time on a quiet machine, with a generous margin. */
  readonly baseMs: number;
  readonly factor: number;
  readonly ms: number;
}

/** Quiet-machine budgets of the phases, in ms: about three times what each takes on 2 quiet cores. */
export const BASE_BUDGETS = {
  hostSuites: 360_000,
  scenario: 150_000,
  trust: 240_000,
  selfTest: 120_000,
  /** The web worker phase: its own code-server, the web suite and the web scenarios. */
  web: 300_000,
} as const;

export class BudgetExceeded extends Error {
  constructor(readonly budget: Budget) {
    super(
      `${budget.what} did not finish within its budget of ${Math.round(budget.ms / 1000)} s ` +
        `(${Math.round(budget.baseMs / 1000)} s on a quiet machine × slowness ${budget.factor})`,
    );
  }
}

/**
 * Measures the machine now and gives `what` its budget. The factor also goes into this process's
 * environment, where the UI scenarios' deadlines (test/slowness.ts `scaled`) and pollUntil read it,
 * and into the environment of every code-server started afterwards (its extension host's suites).
 */
export async function budgetFor(what: string, baseMs: number, fixedFactor?: number): Promise<Budget> {
  const factor = fixedFactor ?? (await measureSlowness());
  process.env[SLOWNESS_ENV] = String(factor);
  return { what, baseMs, factor, ms: Math.round(baseMs * factor) };
}

/**
 * Waits for `work` at most the budget's time. Past it, calls `abandon` (which should end what the
 * work waits on: close its page, stop its server) and throws BudgetExceeded. The abandoned work's
 * later rejection is swallowed, so that it cannot crash the run.
 */
export async function withinBudget<T>(budget: Budget, work: Promise<T>, abandon?: () => Promise<void>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const spent = new Promise<'spent'>((resolve) => {
    timer = setTimeout(() => resolve('spent'), budget.ms);
  });
  work.catch(() => undefined);
  try {
    const first = await Promise.race([work.then((value) => ({ value })), spent]);
    if (first !== 'spent') return first.value;
  } finally {
    clearTimeout(timer);
  }
  await abandon?.().catch(() => undefined);
  throw new BudgetExceeded(budget);
}
