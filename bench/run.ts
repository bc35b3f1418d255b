// `npm run bench`: measures the extension against what users would otherwise use, side by side in
// one run, prints a table and writes the figures as JSON.
//
// npm run bench -- [--out bench/results.json] [--runs 5] [--only validation,listing,free-tenant,bundle,vscode]
// [--markdown] [--verbose]
//
// Every figure is the median of --runs runs; every ratio compares two medians from this run.
import { mkdirSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { benchBundle } from './bundle';
import { benchFreeTenant } from './freeTenant';
import { benchListing } from './listing';
import { renderMarkdown, renderTable, type Figure } from './stats';
import { benchValidation } from './validation';
import { benchVsCode } from './vscode';

const REPO = path.resolve(__dirname, '..');
const PARTS = ['bundle', 'validation', 'listing', 'free-tenant', 'vscode'] as const;

const { values: args } = parseArgs({
  options: {
    out: { type: 'string', default: path.join('bench', 'results.json') },
    runs: { type: 'string', default: '5' },
    only: { type: 'string' },
    verbose: { type: 'boolean', default: false },
    markdown: { type: 'boolean', default: false },
  },
});

async function main(): Promise<void> {
  const runs = Number(args.runs);
  if (!Number.isInteger(runs) || runs < 1 || runs > 50) throw new Error('--runs takes a whole number from 1 to 50');
  const only = new Set(args.only ? args.only.split(',') : PARTS);
  for (const part of only)
    if (!(PARTS as readonly string[]).includes(part))
      throw new Error(`--only: unknown part "${part}" (parts: ${PARTS.join(', ')})`);
  const log = (line: string): void => console.log(line);
  const started = Date.now();
  const figures: Figure[] = [];
  if (only.has('bundle')) figures.push(...benchBundle({ log }));
  if (only.has('vscode')) figures.push(...(await benchVsCode({ runs, log, verbose: args.verbose })));
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
    figures,
  };
  const out = path.resolve(REPO, args.out);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(result, undefined, 2)}\n`);
  console.log(`\n${renderTable(figures)}\n`);
  if (args.markdown) console.log(`${renderMarkdown(figures)}\n`);
  console.log(
    `[bench] ${figures.length} figures in ${result.durationSeconds} s, written to ${path.relative(process.cwd(), out) || out}`,
  );
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(`[bench] failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  },
);
