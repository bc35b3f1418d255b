// The activation figures from the windows bench/vscode.ts ran: which windows pair up, and the
// statistics over the pairs. Pure, so the unit tests check it without VS Code.
import type { HostResult } from './host/index';
import { figure, type Figure } from './stats';

export type Side = 'ours' | 'minimal';
export type Phase = 'activation' | 'loaded';

/** One fresh window: which extension it activates, in which phase, as which half of which pair. */
export interface WindowRecord {
  readonly pair: number;
  readonly phase: Phase;
  readonly which: Side;
  /** Whether this window ran before the other one of its pair. */
  readonly first: boolean;
  readonly result: HostResult;
}

/**
 * The order of the windows: `pairs` pairs timing activation, then `loadedPairs` pairs timing it once
 * the main module is loaded (both sides require() theirs first, so that row compares like with
 * like). Within each pair the two windows run back to back, and which side goes first alternates
 * from pair to pair, so neither side always follows the other.
 */
export function windowPlan(pairs: number, loadedPairs: number): { pair: number; phase: Phase; which: Side; first: boolean }[] {
  const plan: { pair: number; phase: Phase; which: Side; first: boolean }[] = [];
  const add = (phase: Phase, count: number): void => {
    for (let pair = 0; pair < count; pair++) {
      const order: Side[] = pair % 2 === 0 ? ['ours', 'minimal'] : ['minimal', 'ours'];
      order.forEach((which, i) => plan.push({ pair, phase, which, first: i === 0 }));
    }
  };
  add('activation', pairs);
  add('loaded', loadedPairs);
  return plan;
}

/** The goal is judged only on this many pairs or more: fewer, and the median ratio swings too far from run to run. */
export const MIN_PAIRS_TO_JUDGE = 20;
export const ACTIVATION_GOAL = 1.5;

/**
 * Per phase, the pairs whose two windows both measured: `ours[i]` and `minimal[i]` ran back to
 * back. A window whose extension was already active before the request has no figure, and its
 * pair is left out (counted in `skipped`).
 */
export function pairedRuns(windows: readonly WindowRecord[], phase: Phase, pick: (r: HostResult, which: Side) => number | undefined): { ours: number[]; minimal: number[]; skipped: number } {
  const ours: number[] = [];
  const minimal: number[] = [];
  let skipped = 0;
  const pairs = new Set(windows.filter((w) => w.phase === phase).map((w) => w.pair));
  for (const pair of [...pairs].sort((a, b) => a - b)) {
    const o = windows.find((w) => w.phase === phase && w.pair === pair && w.which === 'ours');
    const m = windows.find((w) => w.phase === phase && w.pair === pair && w.which === 'minimal');
    const a = o && pick(o.result, 'ours');
    const b = m && pick(m.result, 'minimal');
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
  const seen = new Set(windows.filter((w) => w.phase === 'activation' && w.which === 'ours').map((w) => (w.result.activation.loadedBundles ?? []).join(', ')));
  return [...seen].filter((s) => s.length > 0).map((s) => `loaded at activation: ${s}`);
}

export function toFigures(windows: readonly WindowRecord[], requestedPairs: number): Figure[] {
  const results = windows.map((w) => w.result);
  const activationRuns = pairedRuns(windows, 'activation', (r, which) => r.activation[which]);
  const cpuRuns = pairedRuns(windows, 'activation', (r) => r.activation.cpu);
  const loadRuns = pairedRuns(windows, 'loaded', (r) => r.activation.load);
  const afterLoadRuns = pairedRuns(windows, 'loaded', (r) => r.activation.afterLoad);
  const activation = figure({ id: 'activation', label: 'activation in code-server (activate() request to resolved)', unit: 'ms', oursRuns: activationRuns.ours, baselineRuns: activationRuns.minimal, baselineLabel: 'minimal extension', goal: `median of per-pair ratios ≤ ${ACTIVATION_GOAL}x minimal` });
  const judged = activationRuns.ours.length >= MIN_PAIRS_TO_JUDGE;
  const activationNotes = [
    `${activationRuns.ours.length} of ${requestedPairs} pairs of fresh windows, each timed once the window finished starting up`,
    ...(activationRuns.skipped > 0 ? [`${activationRuns.skipped} pair(s) left out: an extension was active before the request`] : []),
    ...(!judged ? [`fewer than ${MIN_PAIRS_TO_JUDGE} pairs: not judged`] : []),
    ...loadedAtActivation(windows),
  ];
  const last = results.find((r) => r.deployCreate.length > 0 || r.errors.length > 0 || r.testLogin.length > 0) ?? results.find((r) => r.commands.length > 0);
  const commandNote = last && last.errors.length > 0 ? `failed: ${last.errors[0]!.split('\n')[0]}` : undefined;
  const figures: Figure[] = [
    { ...activation, ...(judged && activation.ratio !== undefined ? { met: activation.ratio <= ACTIVATION_GOAL } : {}), note: activationNotes.join('; ') },
    figure({ id: 'activation-cpu', label: 'extension host CPU time during that activation', unit: 'ms', oursRuns: cpuRuns.ours, baselineRuns: cpuRuns.minimal, baselineLabel: 'minimal extension', goal: 'reported (less disturbed by load; the wall time is the goal)' }),
    figure({ id: 'activation-load', label: 'require() of the main module (dist/extension.js)', unit: 'ms', oursRuns: loadRuns.ours, baselineRuns: loadRuns.minimal, baselineLabel: 'minimal extension', goal: 'reported' }),
    figure({ id: 'activation-after-load', label: 'activation once the main module is loaded (both sides)', unit: 'ms', oursRuns: afterLoadRuns.ours, baselineRuns: afterLoadRuns.minimal, baselineLabel: 'minimal extension', goal: 'reported' }),
    { ...figure({ id: 'deploy-create', label: 'deploy (create) from the command to its result', unit: 'ms', oursRuns: last?.deployCreate ?? [], goal: 'reported' }), ...(commandNote ? { note: commandNote } : {}) },
    { ...figure({ id: 'deploy-update', label: 'deploy (update, diff confirmed by argument) to its result', unit: 'ms', oursRuns: last?.deployUpdate ?? [], goal: 'reported' }) },
  ];
  if (last?.testLoginAvailable) {
    figures.push(figure({ id: 'test-login', label: 'test login, command to decoded result (sandbox login, no typing)', unit: 'ms', oursRuns: last.testLogin, goal: 'reported' }));
  } else {
    figures.push({ id: 'test-login', label: 'test login', unit: 'ms', goal: 'reported', note: 'not yet measurable: auth0Oidc.testLogin is not registered in this build' });
  }
  return figures;
}
