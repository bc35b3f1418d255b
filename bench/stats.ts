// Figures and their statistics: every figure is the median of several runs, and every comparison
// is a ratio of two medians measured in the same run of `npm run bench`.

export interface Figure {
  /** Stable key in the JSON file. */
  readonly id: string;
  readonly label: string;
  readonly unit: string;
  /** Median of `oursRuns`; undefined when it could not be measured (see `note`). */
  readonly ours?: number;
  readonly baseline?: number;
  readonly baselineLabel?: string;
  /** Median of the per-run ratios ours/baseline when runs are paired, else the ratio of the medians. */
  readonly ratio?: number;
  readonly goal: string;
  /** undefined: no goal to meet, or not measurable. */
  readonly met?: boolean;
  readonly note?: string;
  readonly oursRuns?: readonly number[];
  readonly baselineRuns?: readonly number[];
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function figure(
  f: Omit<Figure, 'ours' | 'baseline' | 'ratio'> & { oursRuns?: readonly number[]; baselineRuns?: readonly number[] },
): Figure {
  const ours = f.oursRuns && f.oursRuns.length > 0 ? median(f.oursRuns) : undefined;
  const baseline = f.baselineRuns && f.baselineRuns.length > 0 ? median(f.baselineRuns) : undefined;
  // Runs measured in pairs (both sides back to back, alternating which goes first) give the median
  // of the per-pair ratios, which a machine whose load changes during the run disturbs least;
  // otherwise the ratio of the medians.
  const paired = f.oursRuns && f.baselineRuns && f.oursRuns.length === f.baselineRuns.length && f.oursRuns.length > 0;
  const ratio = paired
    ? median(f.oursRuns!.map((o, i) => o / f.baselineRuns![i]!))
    : ours !== undefined && baseline !== undefined && baseline > 0
      ? ours / baseline
      : undefined;
  return {
    ...f,
    ...(ours !== undefined ? { ours } : {}),
    ...(baseline !== undefined ? { baseline } : {}),
    ...(ratio !== undefined ? { ratio } : {}),
  };
}

export function formatValue(value: number | undefined, unit: string): string {
  if (value === undefined || Number.isNaN(value)) return 'n/a';
  switch (unit) {
    case 'ms':
      return value < 1
        ? `${(value * 1000).toFixed(0)} µs`
        : value < 100
          ? `${value.toFixed(2)} ms`
          : `${value.toFixed(0)} ms`;
    case 'bytes':
      return value >= 1024 * 1024 ? `${(value / 1024 / 1024).toFixed(1)} MB` : `${(value / 1024).toFixed(1)} KB`;
    case 'MB':
      return `${value.toFixed(0)} MB`;
    default:
      return `${Number.isInteger(value) ? value : value.toFixed(2)} ${unit}`;
  }
}

export function formatRatio(ratio: number | undefined): string {
  if (ratio === undefined) return '';
  return ratio < 0.01 ? `${ratio.toPrecision(2)}x` : `${ratio.toFixed(2)}x`;
}

export function verdict(met: boolean | undefined): string {
  return met === undefined ? '–' : met ? 'yes' : 'no';
}

/** The table printed at the end of a run (also the shape of the README's table). */
export function renderTable(figures: readonly Figure[]): string {
  const rows = figures.map((f) => [
    f.label,
    formatValue(f.ours, f.unit),
    f.baselineLabel ? `${formatValue(f.baseline, f.unit)} (${f.baselineLabel})` : '',
    formatRatio(f.ratio),
    f.goal,
    verdict(f.met),
  ]);
  const header = ['figure', 'ours', 'baseline', 'ratio', 'goal', 'met?'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ');
  const lines = [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line)];
  const notes = figures.filter((f) => f.note).map((f) => `  * ${f.label}: ${f.note}`);
  return [...lines, ...(notes.length > 0 ? ['', 'notes:', ...notes] : [])].join('\n');
}

/** Alternates which side goes first, so neither always pays for a cold cache. */
export async function alternate<T>(index: number, a: () => Promise<T> | T, b: () => Promise<T> | T): Promise<[T, T]> {
  if (index % 2 === 0) {
    const x = await a();
    return [x, await b()];
  }
  const y = await b();
  return [await a(), y];
}

/** The same table in Markdown, for the README (`npm run bench -- --markdown`). */
export function renderMarkdown(figures: readonly Figure[], why: Readonly<Record<string, string>> = {}): string {
  const cell = (s: string): string => s.replace(/\|/g, '\\|');
  const rows = figures.map((f) => {
    const met = verdict(f.met) + (why[f.id] ? `: ${why[f.id]}` : '');
    return `| ${cell(f.label)} | ${formatValue(f.ours, f.unit)} | ${f.baselineLabel ? `${formatValue(f.baseline, f.unit)} (${f.baselineLabel})` : ''} | ${formatRatio(f.ratio)} | ${cell(f.goal)} | ${cell(met)} |`;
  });
  return ['| figure | ours | baseline | ratio | goal | met? |', '| - | - | - | - | - | - |', ...rows].join('\n');
}
