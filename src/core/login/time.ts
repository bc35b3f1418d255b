// Times in plain words, for token expiry and issue times. Pure and browser-safe: the webview app
// uses it for the live countdown, the extension for messages.

const UNITS: readonly (readonly [name: string, ms: number])[] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1_000],
];

/**
 * A duration as its largest unit and the next one, floored: "9 hours 58 minutes",
 * "3 minutes", "2 days 1 hour", "45 seconds". Under a second: "less than a second".
 */
export function describeDuration(ms: number): string {
  const total = Math.floor(Math.abs(ms));
  const index = UNITS.findIndex(([, size]) => total >= size);
  if (index < 0) return 'less than a second';
  const [name, size] = UNITS[index]!;
  const count = Math.floor(total / size);
  const words = [plural(count, name)];
  const next = UNITS[index + 1];
  if (next) {
    const nextCount = Math.floor((total - count * size) / next[1]);
    if (nextCount > 0) words.push(plural(nextCount, next[0]));
  }
  return words.join(' ');
}

function plural(count: number, name: string): string {
  return `${count} ${name}${count === 1 ? '' : 's'}`;
}

/** "expires in 9 hours 58 minutes" or "expired 3 minutes ago", for a JWT `exp` in seconds. */
export function describeExpiry(expSeconds: number, nowMs: number): string {
  const delta = expSeconds * 1000 - nowMs;
  return delta > 0 ? `expires in ${describeDuration(delta)}` : `expired ${describeDuration(delta)} ago`;
}

/** "issued 2 minutes ago", or "issued in 5 minutes" for a clock that runs ahead. */
export function describeIssued(iatSeconds: number, nowMs: number): string {
  const delta = nowMs - iatSeconds * 1000;
  return delta >= 0
    ? `issued ${describeDuration(delta)} ago`
    : `issued in ${describeDuration(delta)} (the issuer's clock is ahead)`;
}

/** A JWT NumericDate as an ISO-8601 UTC time, or undefined when it is not a number. */
export function numericDateToIso(value: unknown): string | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  const date = new Date(value * 1000);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
