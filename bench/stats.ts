// Figures and their statistics: every figure is the median of several runs, and every comparison
// is measured in the same run of `npm run bench`: the median of per-pair ratios where the runs are
// paired, else the ratio of two medians. Each side and the ratios come with their spread (min,
// quartiles, max), so a reader sees how far one run's figure can be trusted.

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
  /** How the runs of each side, and the per-pair ratios, are spread. */
  readonly spread?: { readonly ours?: Spread; readonly baseline?: Spread; readonly ratio?: Spread };
}

/** Order statistics of a sample; quartiles by linear interpolation between order statistics. */
export interface Spread {
  readonly n: number;
  readonly min: number;
  readonly q1: number;
  readonly median: number;
  readonly q3: number;
  readonly max: number;
  /** q3 - q1: the middle half of the runs lies in an interval this wide. */
  readonly iqr: number;
}

/** The p-quantile (0..1) of sorted values, interpolating between neighbours (R's type 7, numpy's default). */
export function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * Math.min(1, Math.max(0, p));
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
}

export function spread(values: readonly number[]): Spread | undefined {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  const q1 = quantile(sorted, 0.25);
  const q3 = quantile(sorted, 0.75);
  return {
    n: sorted.length,
    min: sorted[0]!,
    q1,
    median: quantile(sorted, 0.5),
    q3,
    max: sorted[sorted.length - 1]!,
    iqr: q3 - q1,
  };
}

/**
 * How far two measurements of the same figure disagree, relative to the smaller: 0.15 means the
 * larger is 15% above the smaller. The strict side of "agree within 15%" (relative to the larger
 * or the mean would pass more pairs).
 */
export function disagreement(a: number, b: number): number {
  if (!(a > 0 && b > 0)) return Number.POSITIVE_INFINITY;
  return Math.abs(a - b) / Math.min(a, b);
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
  const ratios = paired ? f.oursRuns!.map((o, i) => o / f.baselineRuns![i]!) : undefined;
  const ratio = ratios
    ? median(ratios)
    : ours !== undefined && baseline !== undefined && baseline > 0
      ? ours / baseline
      : undefined;
  const spreads: { ours?: Spread; baseline?: Spread; ratio?: Spread } = {};
  const sides: ['ours' | 'baseline' | 'ratio', readonly number[] | undefined][] = [
    ['ours', f.oursRuns],
    ['baseline', f.baselineRuns],
    ['ratio', ratios],
  ];
  for (const [side, runs] of sides) {
    const s = runs && runs.length > 1 ? spread(runs) : undefined;
    if (s) spreads[side] = s;
  }
  return {
    ...f,
    ...(ours !== undefined ? { ours } : {}),
    ...(baseline !== undefined ? { baseline } : {}),
    ...(ratio !== undefined ? { ratio } : {}),
    ...(Object.keys(spreads).length > 0 ? { spread: spreads } : {}),
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

/** One line per side of each figure that has a spread: n, min, median, quartiles, max. */
export function spreadRows(figures: readonly Figure[]): string[][] {
  const rows: string[][] = [];
  const fmt = (v: number, unit: string): string => (unit === 'x' ? formatRatio(v) : formatValue(v, unit));
  for (const f of figures) {
    if (!f.spread) continue;
    const sides: [string, Spread | undefined, string][] = [
      ['ours', f.spread.ours, f.unit],
      [f.baselineLabel ?? 'baseline', f.spread.baseline, f.unit],
      ['ratio per pair', f.spread.ratio, 'x'],
    ];
    for (const [side, s, unit] of sides) {
      if (!s) continue;
      rows.push([
        f.label,
        side,
        String(s.n),
        fmt(s.min, unit),
        fmt(s.median, unit),
        `${fmt(s.q1, unit)} – ${fmt(s.q3, unit)}`,
        fmt(s.max, unit),
      ]);
    }
  }
  return rows;
}

const SPREAD_HEADER = ['figure', 'runs of', 'n', 'min', 'median', 'IQR (q1 – q3)', 'max'];

/** The spread of the figures that have one, as a text table (after the main table). */
export function renderSpreadTable(figures: readonly Figure[]): string {
  const rows = spreadRows(figures);
  if (rows.length === 0) return '';
  const widths = SPREAD_HEADER.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ');
  return [line(SPREAD_HEADER), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line)].join('\n');
}

/** The spread table in Markdown, for the README. */
export function renderSpreadMarkdown(figures: readonly Figure[]): string {
  const rows = spreadRows(figures);
  if (rows.length === 0) return '';
  const cell = (s: string): string => s.replace(/\|/g, '\\|');
  return [
    `| ${SPREAD_HEADER.join(' | ')} |`,
    `|${' - |'.repeat(SPREAD_HEADER.length)}`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');
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
