// The activation figures from the windows bench/vscode.ts ran: which windows pair up, and the
// statistics over the pairs. Pure, so the unit tests check it without VS Code.
import type { HostResult, Side, SideResult } from './host/index';
import { figure, type Figure } from './stats';

export type { Side };
export type Phase = 'activation' | 'loaded';

/**
 * One fresh window, one pair: both extensions are installed in it and activated back to back,
 * `first` first, in the same extension host a few milliseconds apart, so that the load of the
 * machine at that moment weighs on both alike.
 */
export interface WindowRecord {
  readonly pair: number;
  readonly phase: Phase;
  readonly first: Side;
  readonly result: HostResult;
}

/**
 * The order of the windows: `pairs` windows timing activation, then `loadedPairs` windows timing it
 * once both main modules are loaded (both sides require() theirs first, so that row compares like
 * with like). Which side goes first alternates from window to window, so neither side always
 * follows the other.
 */
export function windowPlan(pairs: number, loadedPairs: number): { pair: number; phase: Phase; first: Side }[] {
  const plan: { pair: number; phase: Phase; first: Side }[] = [];
  const add = (phase: Phase, count: number): void => {
    for (let pair = 0; pair < count; pair++) plan.push({ pair, phase, first: pair % 2 === 0 ? 'ours' : 'minimal' });
  };
  add('activation', pairs);
  add('loaded', loadedPairs);
  return plan;
}

/** The other side of a pair. */
export function other(side: Side): Side {
  return side === 'ours' ? 'minimal' : 'ours';
}

/** The goal is judged only on this many pairs or more: fewer, and the median ratio swings too far from run to run. */
export const MIN_PAIRS_TO_JUDGE = 20;
export const ACTIVATION_GOAL = 1.5;

/**
 * Per phase, the pairs whose two sides both measured: `ours[i]` and `minimal[i]` ran back to
 * back in one window. A side whose extension was already active before the request has no figure,
 * and its pair is left out (counted in `skipped`).
 */
export function pairedRuns(
  windows: readonly WindowRecord[],
  phase: Phase,
  pick: (side: SideResult) => number | undefined,
): { ours: number[]; minimal: number[]; skipped: number } {
  const ours: number[] = [];
  const minimal: number[] = [];
  let skipped = 0;
  for (const w of [...windows].filter((x) => x.phase === phase).sort((a, b) => a.pair - b.pair)) {
    const a = w.result.activation.ours && pick(w.result.activation.ours);
    const b = w.result.activation.minimal && pick(w.result.activation.minimal);
    if (a === undefined || b === undefined) {
      skipped++;
      continue;
    }
    ours.push(a);
    minimal.push(b);
  }
  return { ours, minimal, skipped };
}

/** What the windows of ours had loaded once activated, beyond the main module: all should say the same. */
function loadedAtActivation(windows: readonly WindowRecord[]): string[] {
  const seen = new Set(
    windows.filter((w) => w.phase === 'activation').map((w) => (w.result.activation.loadedBundles ?? []).join(', ')),
  );
  return [...seen].filter((s) => s.length > 0).map((s) => `loaded at activation: ${s}`);
}

export function toFigures(windows: readonly WindowRecord[], requestedPairs: number): Figure[] {
  const results = windows.map((w) => w.result);
  const activationRuns = pairedRuns(windows, 'activation', (s) => s.ms);
  const cpuRuns = pairedRuns(windows, 'activation', (s) => s.cpuMs);
  const loadRuns = pairedRuns(windows, 'loaded', (s) => s.loadMs);
  const afterLoadRuns = pairedRuns(windows, 'loaded', (s) => s.ms);
  const activation = figure({
    id: 'activation',
    label: 'activation in code-server (activate() request to resolved)',
    unit: 'ms',
    oursRuns: activationRuns.ours,
    baselineRuns: activationRuns.minimal,
    baselineLabel: 'minimal extension',
    goal: `median of per-pair ratios ≤ ${ACTIVATION_GOAL}x minimal`,
  });
  const judged = activationRuns.ours.length >= MIN_PAIRS_TO_JUDGE;
  const activationNotes = [
    `${activationRuns.ours.length} of ${requestedPairs} pairs, each in one fresh window, timed once the window finished starting up`,
    ...(activationRuns.skipped > 0
      ? [`${activationRuns.skipped} pair(s) left out: an extension was active before the request`]
      : []),
    ...(!judged ? [`fewer than ${MIN_PAIRS_TO_JUDGE} pairs: not judged`] : []),
    ...loadedAtActivation(windows),
  ];
  const last =
    results.find((r) => r.deployCreate.length > 0 || r.errors.length > 0 || r.testLogin.length > 0) ??
    results.find((r) => r.commands.length > 0);
  const commandNote = last && last.errors.length > 0 ? `failed: ${last.errors[0]!.split('\n')[0]}` : undefined;
  const figures: Figure[] = [
    {
      ...activation,
      ...(judged && activation.ratio !== undefined ? { met: activation.ratio <= ACTIVATION_GOAL } : {}),
      note: activationNotes.join('; '),
    },
    figure({
      id: 'activation-cpu',
      label: 'extension host CPU time during that activation',
      unit: 'ms',
      oursRuns: cpuRuns.ours,
      baselineRuns: cpuRuns.minimal,
      baselineLabel: 'minimal extension',
      goal: 'reported (less disturbed by load; the wall time is the goal)',
    }),
    figure({
      id: 'activation-load',
      label: 'require() of the main module (dist/extension.js)',
      unit: 'ms',
      oursRuns: loadRuns.ours,
      baselineRuns: loadRuns.minimal,
      baselineLabel: 'minimal extension',
      goal: 'reported',
    }),
    figure({
      id: 'activation-after-load',
      label: 'activation once the main module is loaded (both sides)',
      unit: 'ms',
      oursRuns: afterLoadRuns.ours,
      baselineRuns: afterLoadRuns.minimal,
      baselineLabel: 'minimal extension',
      goal: 'reported',
    }),
    {
      ...figure({
        id: 'deploy-create',
        label: 'deploy (create) from the command to its result',
        unit: 'ms',
        oursRuns: last?.deployCreate ?? [],
        goal: 'reported',
      }),
      ...(commandNote ? { note: commandNote } : {}),
    },
    {
      ...figure({
        id: 'deploy-update',
        label: 'deploy (update, diff confirmed by argument) to its result',
        unit: 'ms',
        oursRuns: last?.deployUpdate ?? [],
        goal: 'reported',
      }),
    },
  ];
  if (last?.testLoginAvailable) {
    figures.push(
      figure({
        id: 'test-login',
        label: 'test login, command to decoded result (sandbox login, no typing)',
        unit: 'ms',
        oursRuns: last.testLogin,
        goal: 'reported',
      }),
    );
  } else {
    figures.push({
      id: 'test-login',
      label: 'test login',
      unit: 'ms',
      goal: 'reported',
      note: 'not yet measurable: auth0Oidc.testLogin is not registered in this build',
    });
  }
  return figures;
}
