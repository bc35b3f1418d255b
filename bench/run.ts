// `npm run bench`: measures the extension against what users would otherwise use, side by side in
// one run, prints a table and writes the figures as JSON.
//
//   npm run bench -- [--out bench/results.json] [--runs 5] [--pairs 20] [--loaded-pairs 10]
//                    [--compare previous.json] [--only validation,listing,free-tenant,bundle,vscode] [--markdown]
//                    [--verbose]
//
// Validation and listing figures are the median of --runs runs. Activation is --pairs pairs of fresh
// windows (ours and the minimal extension back to back, alternating which goes first) and is judged
// on the median of the per-pair ratios. --compare prints how far this run's ratios are from those of
// an earlier results file (the goal asks two consecutive runs to agree within 15%).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { benchBundle } from './bundle';
import { benchFreeTenant } from './freeTenant';
import { benchListing } from './listing';
import {
  disagreement,
  renderMarkdown,
  renderSpreadMarkdown,
  renderSpreadTable,
  renderTable,
  type Figure,
} from './stats';
import { benchValidation } from './validation';
import type { WindowRecord } from './activation';
import { benchVsCode } from './vscode';

const REPO = path.resolve(__dirname, '..');
const PARTS = ['bundle', 'validation', 'listing', 'free-tenant', 'vscode'] as const;

const { values: args } = parseArgs({
  options: {
    out: { type: 'string', default: path.join('bench', 'results.json') },
    runs: { type: 'string', default: '5' },
    pairs: { type: 'string', default: '20' },
    'loaded-pairs': { type: 'string', default: '10' },
    compare: { type: 'string' },
    only: { type: 'string' },
    verbose: { type: 'boolean', default: false },
    markdown: { type: 'boolean', default: false },
  },
});

async function main(): Promise<void> {
  const runs = Number(args.runs);
  if (!Number.isInteger(runs) || runs < 1 || runs > 50) throw new Error('--runs takes a whole number from 1 to 50');
  const pairs = Number(args.pairs);
  const loadedPairs = Number(args['loaded-pairs']);
  if (!Number.isInteger(pairs) || pairs < 1 || pairs > 200)
    throw new Error('--pairs takes a whole number from 1 to 200');
  if (!Number.isInteger(loadedPairs) || loadedPairs < 0 || loadedPairs > 200)
    throw new Error('--loaded-pairs takes a whole number from 0 to 200');
  const previous = args.compare ? readPrevious(path.resolve(REPO, args.compare)) : undefined;
  const only = new Set(args.only ? args.only.split(',') : PARTS);
  for (const part of only)
    if (!(PARTS as readonly string[]).includes(part))
      throw new Error(`--only: unknown part "${part}" (parts: ${PARTS.join(', ')})`);
  const log = (line: string): void => console.log(line);
  const started = Date.now();
  const loadAtStart = os.loadavg().map((l) => Math.round(l * 100) / 100);
  const figures: Figure[] = [];
  if (only.has('bundle')) figures.push(...benchBundle({ log }));
  let windows: WindowRecord[] = [];
  if (only.has('vscode')) {
    const vscode = await benchVsCode({ pairs, loadedPairs, commandRuns: runs, log, verbose: args.verbose });
    figures.push(...vscode.figures);
    windows = vscode.windows;
  }
  if (only.has('validation')) figures.push(...(await benchValidation({ runs, log })));
  if (only.has('listing')) figures.push(...(await benchListing({ runs, log })));
  if (only.has('free-tenant')) figures.push(...(await benchFreeTenant({ runs, log })));

  const result = {
    date: new Date().toISOString(),
    runs,
    machine: {
      cpus: os.cpus().length,
      cpu: os.cpus()[0]?.model ?? 'unknown',
      memoryGB: Math.round(os.totalmem() / 1024 ** 3),
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
    },
    durationSeconds: Math.round((Date.now() - started) / 1000),
    // What else ran while this one did: the machine is shared, and the figures should say so.
    loadAverage: { atStart: loadAtStart, atEnd: os.loadavg().map((l) => Math.round(l * 100) / 100) },
    figures,
    ...(previous ? { comparison: compare(previous.file, previous.figures, figures) } : {}),
    // Every activation window, in the order they ran, so anyone can recompute the figures.
    ...(windows.length > 0 ? { activationWindows: windows.map(rawWindow) } : {}),
  };
  const out = path.resolve(REPO, args.out);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(result, undefined, 2)}\n`);
  console.log(`\n${renderTable(figures)}\n`);
  const spreadTable = renderSpreadTable(figures);
  if (spreadTable) console.log(`${spreadTable}\n`);
  if (result.comparison)
    for (const c of result.comparison)
      console.log(
        `[bench] ${c.id}: ratio ${c.current.toFixed(3)}x here, ${c.previous.toFixed(3)}x in ${c.file}: ${(c.disagreement * 100).toFixed(1)}% apart (${c.within15Percent ? 'within' : 'NOT within'} 15%)`,
      );
  if (args.markdown) console.log(`${renderMarkdown(figures)}\n\n${renderSpreadMarkdown(figures)}\n`);
  console.log(
    `[bench] ${figures.length} figures in ${result.durationSeconds} s, written to ${path.relative(process.cwd(), out) || out}`,
  );
}

function readPrevious(file: string): { file: string; figures: Figure[] } {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { figures?: Figure[] };
  if (!Array.isArray(parsed.figures)) throw new Error(`--compare: ${file} holds no figures`);
  return { file: path.relative(REPO, file), figures: parsed.figures };
}

/** This run's paired ratios next to an earlier run's. */
function compare(
  file: string,
  before: readonly Figure[],
  now: readonly Figure[],
): { id: string; file: string; previous: number; current: number; disagreement: number; within15Percent: boolean }[] {
  const rows = [];
  for (const f of now) {
    const earlier = before.find((b) => b.id === f.id);
    if (!f.spread?.ratio || f.ratio === undefined || earlier?.ratio === undefined) continue;
    const d = disagreement(f.ratio, earlier.ratio);
    rows.push({
      id: f.id,
      file,
      previous: earlier.ratio,
      current: f.ratio,
      disagreement: d,
      within15Percent: d <= 0.15,
    });
  }
  return rows;
}

function rawWindow(w: WindowRecord): Record<string, unknown> {
  const a = w.result.activation;
  return {
    pair: w.pair,
    phase: w.phase,
    first: w.first,
    ours: a.ours,
    minimal: a.minimal,
    loadedBundles: a.loadedBundles,
    startupWaitMs: a.startupWait,
    warmupMs: a.warmup,
    alreadyActive: a.alreadyActive,
  };
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(`[bench] failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  },
);
