/**
 * Repeats in a long list of strings (`enabled_clients` of a 1 MB file: 250,000 ids), found in one
 * pass over the tape without making a string per item (issue 23.4).
 */
import { VALUE_ESCAPED as ESCAPED_VALUE, type JsonTape, type TapeLevel } from './jsonTree';

// Module constants: an imported binding costs a getter call per read once compiled to CommonJS.
const VALUE_ESCAPED = ESCAPED_VALUE;

/**
 * Whether a string record equals an earlier one, in one pass: a hash table of the distinct
 * strings so far (records chained per bucket), whose entries of the same hash are compared in
 * place. A list of one id repeated costs a hash and a comparison per item, with no string made.
 * The hash (seeded per process, hashIndex.ts) never decides equality. A bucket that holds more
 * than a few distinct strings (a crafted or unlucky file) hands its strings to a Set, which then
 * decides for every later string of that bucket: linear time whatever the hashes.
 */
export class RepeatFinder {
  /** Per bucket, the last distinct item put in it plus one (0: none); items count from `first`. */
  private readonly heads: Int32Array;
  /** Per item, the one put in its bucket before it, plus one. */
  private readonly previous: Int32Array;
  private readonly hashes: Int32Array;
  private readonly crowded: Uint8Array;
  private readonly mask: number;
  private crowdedStrings: Set<string> | undefined;

  /** For records first..first+count-1 of `level`. */
  constructor(
    private readonly tape: JsonTape,
    private readonly level: TapeLevel,
    private readonly first: number,
    count: number,
  ) {
    let buckets = 16;
    while (buckets < count * 2) buckets *= 2;
    this.mask = buckets - 1;
    this.heads = new Int32Array(buckets);
    this.crowded = new Uint8Array(buckets);
    this.previous = new Int32Array(count);
    this.hashes = new Int32Array(count);
  }

  /** Whether string record `record`, of hash `hash`, equals one asked about before. */
  repeatsEarlier(record: number, hash: number): boolean {
    const bucket = hash & this.mask;
    if (this.crowded[bucket] === 1) return this.inSet(record);
    const first = this.first;
    let at = this.heads[bucket]!;
    for (let probes = 0; at !== 0 && probes < MAX_BUCKET_PROBES; at = this.previous[at - 1]!, probes++)
      if (this.hashes[at - 1] === hash && sameString(this.tape, this.level, first + at - 1, record)) return true;
    if (at !== 0) {
      // Crowded: every distinct string of the bucket goes to the Set, which decides from now on.
      this.crowded[bucket] = 1;
      for (at = this.heads[bucket]!; at !== 0; at = this.previous[at - 1]!) this.inSet(first + at - 1);
      return this.inSet(record);
    }
    const item = record - first;
    this.previous[item] = this.heads[bucket]!;
    this.hashes[item] = hash;
    this.heads[bucket] = item + 1;
    return false;
  }

  /** Adds the string of `record` to the Set: whether it was there. */
  private inSet(record: number): boolean {
    const strings = (this.crowdedStrings ??= new Set());
    // One lookup, not has() then add(): the set did not grow, so it held the string.
    return strings.size === strings.add(this.tape.string(this.level, record)).size;
  }
}

/** Distinct strings of one bucket compared in place before the bucket hands them to a Set. */
const MAX_BUCKET_PROBES = 4;

/** Whether string records `a` and `b` of `level` hold the same characters (read in place without escapes). */
export function sameString(tape: JsonTape, level: TapeLevel, a: number, b: number): boolean {
  if (level.values || (level.kind[a]! | level.kind[b]!) & VALUE_ESCAPED)
    return tape.string(level, a) === tape.string(level, b);
  const text = tape.text;
  let i = level.start[a]!;
  let j = level.start[b]!;
  const length = level.end[a]! - i;
  if (level.end[b]! - j !== length) return false;
  for (const end = i + length; i < end; i++, j++) if (text.charCodeAt(i) !== text.charCodeAt(j)) return false;
  return true;
}
