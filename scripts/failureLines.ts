/**
 * The lines of a run's output that name a failure: a UI scenario or runner check (`✘ name: …`,
 * the self-test's too) and mocha's numbered failures (`1) suite test`). CI keeps only the end of
 * a long log, so the summary repeats them there.
 */
export function failureLines(output: string): string[] {
  const seen = new Set<string>();
  for (const line of output.split('\n')) {
    if (line.startsWith('    |')) continue; // the self-test quoting a fixture's output
    const t = line.trim();
    if (!t.includes('✘ ') && !/^\d+\) \S/.test(t)) continue;
    seen.add(t.length > 240 ? `${t.slice(0, 240)}…` : t);
  }
  return [...seen].slice(0, 20);
}
