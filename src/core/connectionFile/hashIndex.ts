/**
 * Which strings of a long list may repeat, without a Set entry per string: the validator's
 * duplicate checks (keys of an object, `enabled_clients`) over 100,000 items of a 1 MB file. A
 * JavaScript Set of every string costs a string and an entry each, about half the time of a
 * validation (issue 23.4).
 *
 * Each item gets a 32-bit hash, seeded at random per process so that no file can be written to
 * make its items collide. Items whose hash no other item has cannot repeat; only the others
 * ("candidates") go through a real Set or Map, which decides. The hash never decides that two
 * items are equal, so a collision costs time, never a wrong answer; and as no bucket is searched
 * past a few entries (a crowded bucket makes all its items candidates), the cost stays linear
 * even if every hash collided: it is then that of a Set of every item, as before.
 */

/** Per process: a file cannot be crafted against it. */
const SEED = (Math.random() * 0x1_0000_0000) | 0;

/** Entries of a bucket looked at before all its items are taken as candidates. */
const MAX_PROBES = 4;

/** The hash of `chars[from, to)`, seeded. */
export function hashChars(chars: string, from: number, to: number): number {
  let h = hashStart(to - from);
  for (let i = from; i < to; i++) h = hashStep(h, chars.charCodeAt(i));
  return hashEnd(h);
}

// hashChars in three steps, for a loop that reads each character for another reason too (the
// validator checks an id's characters and hashes them in one pass).

/** The state before the first character of a string of `length` characters. */
export function hashStart(length: number): number {
  return SEED ^ length;
}

export function hashStep(h: number, charCode: number): number {
  return Math.imul(h ^ charCode, 0x5bd1e995);
}

/** murmur3's finalizer: every bit of the input reaches the low bits the buckets use. */
export function hashEnd(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/**
 * Items 0..count-1 by hash: which may equal another (`candidate`), and the items of one hash
 * (for lookups by name). Items left out by the caller (`included` 0) are ignored.
 */
export class HashIndex {
  /** 1 for an item whose hash another item shares, or whose bucket is crowded: compare its string. */
  readonly candidate: Uint8Array;
  private readonly hashes: Int32Array;
  /** Per bucket, the last item put in it plus one (0: none); `previous` chains the others. */
  private readonly heads: Int32Array;
  private readonly previous: Int32Array;
  private readonly mask: number;

  constructor(hashes: Int32Array, count: number, included?: Uint8Array) {
    let buckets = 16;
    while (buckets < count * 2) buckets *= 2;
    this.mask = buckets - 1;
    this.hashes = hashes;
    this.heads = new Int32Array(buckets);
    this.previous = new Int32Array(count);
    this.candidate = new Uint8Array(count);
    const crowded = new Uint8Array(buckets);
    for (let i = 0; i < count; i++) {
      if (included && included[i] === 0) continue;
      const hash = hashes[i]!;
      const bucket = hash & this.mask;
      const head = this.heads[bucket]!;
      this.previous[i] = head;
      this.heads[bucket] = i + 1;
      if (head === 0) continue;
      if (crowded[bucket] === 1) {
        this.candidate[i] = 1;
        continue;
      }
      let probes = 0;
      let at = head;
      for (; at !== 0 && probes < MAX_PROBES; at = this.previous[at - 1]!, probes++) {
        if (hashes[at - 1] === hash) {
          // The earlier one of the same hash was marked when it met its own equal, if any.
          this.candidate[i] = 1;
          this.candidate[at - 1] = 1;
          break;
        }
      }
      if (at !== 0 && probes === MAX_PROBES) {
        // A crowded bucket: everything in it is compared for real, now and from now on.
        crowded[bucket] = 1;
        for (let j = i + 1; j !== 0; j = this.previous[j - 1]!) this.candidate[j - 1] = 1;
      }
    }
  }

  /** The last item with `hash`, plus one (0: none); `before` walks back through the others. */
  lastWith(hash: number): number {
    return this.next(this.heads[hash & this.mask]!, hash);
  }

  before(item: number, hash: number): number {
    return this.next(this.previous[item]!, hash);
  }

  private next(at: number, hash: number): number {
    while (at !== 0 && this.hashes[at - 1] !== hash) at = this.previous[at - 1]!;
    return at;
  }
}
