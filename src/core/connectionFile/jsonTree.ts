/**
 * Plain JSON read in one linear pass, as strictly as `JSON.parse` (no comments, no trailing
 * commas, no control characters in strings), with its own stack instead of recursion.
 *
 * The scan fills a `JsonTape`: for each value, its kind and offsets in typed arrays, one set of
 * arrays per nesting level, and nothing decoded until it is asked for. The validator reads the tape
 * directly, so a file of 500,000 array items or 100,000 keys costs it a few bytes per item and no
 * object per item (issue 23.4: one node object each made a 1 MB file of tiny items cost 100+ ms).
 * The same nodes as jsonc-parser's `parseTree` (type, offset, length, value, children,
 * colonOffset, parent) are built from the tape for the callers that walk a tree.
 *
 * `expandDepth` bounds what is recorded: containers nested deeper than it are still checked, but
 * get a record (a node) without children, and nothing inside them is recorded. The validator reads
 * only the first levels. `JSON.parse`'s value is computed only when asked for.
 *
 * Returns undefined when the text is not plain JSON: the caller then uses jsonc-parser, which
 * reports the errors and recovers from them.
 */
import type { Node } from 'jsonc-parser';

/** A Node as it is being built (jsonc-parser's type is read-only). */
interface TreeNode {
  type: Node['type'];
  offset: number;
  length: number;
  value?: unknown;
  children?: TreeNode[] | undefined;
  parent?: TreeNode | undefined;
  colonOffset?: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
/** A run of string characters that need no attention: no quote, backslash or control character. */
// eslint-disable-next-line no-control-regex -- JSON forbids these characters raw in a string: the scan stops at them.
const PLAIN_CHARS = /[^"\\\u0000-\u001f]*/y;
const HEX4 = /[0-9a-fA-F]{4}/y;

/**
 * Beyond this, a full tree is not built (the callers walk trees recursively); the text is still
 * told apart as plain JSON. The validator never gets here: parseLimits refuses nesting past 64.
 */
const MAX_TREE_DEPTH = 5000;

/** What a tape record holds, in its `kind` byte (the low three bits). */
export const KIND_NULL = 0;
export const KIND_BOOLEAN = 1;
export const KIND_NUMBER = 2;
export const KIND_STRING = 3;
export const KIND_OBJECT = 4;
export const KIND_ARRAY = 5;
export const KIND_MASK = 7;
/** Flag of a string record whose text holds an escape: decoding it needs JSON.parse. */
export const VALUE_ESCAPED = 8;
/** Flag of a record inside an object whose key holds an escape. */
export const KEY_ESCAPED = 16;

/** jsonc-parser's type name of each kind. */
export const TYPE_OF_KIND: readonly Node['type'][] = ['null', 'boolean', 'number', 'string', 'object', 'array'];

/**
 * The values at one nesting level, in the order of the text (record i starts before record i+1).
 * The children of each container of level d are a contiguous run of level d+1, in the same order
 * as the containers, so a container only says where its run starts and how long it is.
 */
export class TapeLevel {
  count = 0;
  kind: Uint8Array;
  /** Offset of the value. */
  start: Int32Array;
  /** Offset just past the value. */
  end: Int32Array;
  /** Inside an object: the offsets of the key's opening quote and just past its closing one. */
  keyStart: Int32Array | undefined;
  keyEnd: Int32Array | undefined;
  /** A container with children: where they start in the next level, and how many. */
  first: Int32Array | undefined;
  size: Int32Array | undefined;
  /** A tape made from a tree (tapeOfTree): the scalar values and keys the tree holds. */
  values: unknown[] | undefined;
  keys: string[] | undefined;

  capacity: number;

  constructor(
    capacity: number,
    /** The length of the text: how far the records can go, for estimating how many there will be. */
    private readonly textLength: number,
  ) {
    this.capacity = capacity;
    this.kind = new Uint8Array(capacity);
    this.start = new Int32Array(capacity);
    this.end = new Int32Array(capacity);
  }

  /** A new record (its `end` is set by the caller); its index. */
  add(kind: number, start: number): number {
    const index = this.count;
    if (index === this.capacity) this.grow(start);
    this.kind[index] = kind;
    this.start[index] = start;
    this.count = index + 1;
    return index;
  }

  setKey(index: number, start: number, end: number): void {
    (this.keyStart ??= new Int32Array(this.capacity))[index] = start;
    (this.keyEnd ??= new Int32Array(this.capacity))[index] = end;
  }

  setChildren(index: number, first: number, size: number): void {
    (this.first ??= new Int32Array(this.capacity))[index] = first;
    (this.size ??= new Int32Array(this.capacity))[index] = size;
  }

  /** Room for more records, the next one starting at `offset`. */
  grow(offset: number): void {
    // At least double (each record is copied a bounded number of times: filling n is linear), and
    // as many as the records so far foretell for the rest of the text, as in a long array of
    // small items: one or two copies instead of sixteen. A record takes two characters at least.
    const foretold = Math.ceil(((this.count * this.textLength) / Math.max(offset, 1)) * 1.125);
    const capacity = Math.max(this.capacity * 2, Math.min(foretold, (this.textLength >> 1) + 2));
    const widen = <T extends Uint8Array | Int32Array>(old: T, make: (n: number) => T): T => {
      const wider = make(capacity);
      wider.set(old);
      return wider;
    };
    const int32 = (n: number): Int32Array => new Int32Array(n);
    this.kind = widen(this.kind, (n) => new Uint8Array(n));
    this.start = widen(this.start, int32);
    this.end = widen(this.end, int32);
    if (this.keyStart) this.keyStart = widen(this.keyStart, int32);
    if (this.keyEnd) this.keyEnd = widen(this.keyEnd, int32);
    if (this.first) this.first = widen(this.first, int32);
    if (this.size) this.size = widen(this.size, int32);
    this.capacity = capacity;
  }
}

/**
 * A document's values by level (the root is record 0 of level 0), read in place: offsets into
 * `text`, strings decoded only when asked for.
 */
export class JsonTape {
  readonly levels: TapeLevel[] = [];

  constructor(readonly text: string) {}

  /** The level at `depth`, created empty when the scan first reaches it. */
  level(depth: number): TapeLevel {
    return (this.levels[depth] ??= new TapeLevel(depth === 0 ? 1 : 16, this.text.length));
  }

  /** The string record `index` of `level` holds, decoded. */
  string(level: TapeLevel, index: number): string {
    if (level.values) return level.values[index] as string;
    const start = level.start[index]!;
    const end = level.end[index]!;
    // Only a string holding an escape needs decoding; it is valid JSON, so JSON.parse decodes it.
    return level.kind[index]! & VALUE_ESCAPED
      ? (JSON.parse(this.text.slice(start, end)) as string)
      : this.text.slice(start + 1, end - 1);
  }

  /** The value of a scalar record as JSON.parse gives it; undefined for a container. */
  scalar(level: TapeLevel, index: number): unknown {
    const kind = level.kind[index]! & KIND_MASK;
    if (kind === KIND_OBJECT || kind === KIND_ARRAY) return undefined;
    if (level.values) return level.values[index];
    switch (kind) {
      case KIND_NULL:
        return null;
      case KIND_BOOLEAN:
        return this.text.charCodeAt(level.start[index]!) === 0x74; /* t */
      case KIND_NUMBER:
        // The same conversion as JSON.parse's for a JSON number literal.
        return Number(this.text.slice(level.start[index], level.end[index]));
      default:
        return this.string(level, index);
    }
  }

  /** The key of record `index` (inside an object), decoded. */
  key(level: TapeLevel, index: number): string {
    if (level.keys) return level.keys[index]!;
    const start = level.keyStart![index]!;
    const end = level.keyEnd![index]!;
    return level.kind[index]! & KEY_ESCAPED
      ? (JSON.parse(this.text.slice(start, end)) as string)
      : this.text.slice(start + 1, end - 1);
  }

  /** Whether the key of record `index` is `name`, without decoding it when it holds no escape. */
  keyIs(level: TapeLevel, index: number, name: string): boolean {
    if (level.keys) return level.keys[index] === name;
    if (level.kind[index]! & KEY_ESCAPED) return this.key(level, index) === name;
    const start = level.keyStart![index]! + 1;
    return level.keyEnd![index]! - 1 - start === name.length && this.text.startsWith(name, start);
  }

  /**
   * The characters of a string, in place when it holds no escape: `chars` and the range
   * [`from`, `to`) of it, set by `stringChars` / `keyChars` for the caller to read without a
   * slice (the validator's hot loops).
   */
  chars = '';
  from = 0;
  to = 0;

  stringChars(level: TapeLevel, index: number): void {
    if (level.values || level.kind[index]! & VALUE_ESCAPED) this.whole(this.string(level, index));
    else this.inText(level.start[index]!, level.end[index]!);
  }

  keyChars(level: TapeLevel, index: number): void {
    if (level.keys || level.kind[index]! & KEY_ESCAPED) this.whole(this.key(level, index));
    else this.inText(level.keyStart![index]!, level.keyEnd![index]!);
  }

  private whole(decoded: string): void {
    this.chars = decoded;
    this.from = 0;
    this.to = decoded.length;
  }

  private inText(quote: number, end: number): void {
    this.chars = this.text;
    this.from = quote + 1;
    this.to = end - 1;
  }
}

export function parseValidJsonTree(text: string): Node | undefined {
  return parseJson(text)?.tree;
}

/** Plain JSON read once: the tree, and JSON.parse's value of the same text when asked for. */
export interface ParsedJson {
  /** JSON.parse's value, computed on first use. */
  readonly value: unknown;
  /** Undefined when the text nests deeper than MAX_TREE_DEPTH. */
  readonly tree: Node | undefined;
}

/** ParsedJson with the tape the tree is built from (on first use of `tree`). */
export interface ScannedJson extends ParsedJson {
  readonly tape: JsonTape;
}

/**
 * The tree and (lazily) JSON.parse's value, or undefined when the text is not plain JSON.
 * Containers deeper than `expandDepth` (the root is at 0) get no children; see the file comment.
 */
export function parseJson(text: string, expandDepth = Number.POSITIVE_INFINITY): ParsedJson | undefined {
  const tape = new Scanner(text, expandDepth, MAX_TREE_DEPTH).scan();
  if (tape === undefined) return undefined;
  if (tape === TOO_DEEP) {
    // Deeper than a tree is built for: JSON.parse alone (it does not recurse) says what it is.
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return undefined;
    }
    return { value, tree: undefined };
  }
  return new Scanned(text, tape, expandDepth, treeOfTape(tape, expandDepth));
}

/**
 * The tape of plain JSON for a caller that refuses nesting past `maxDepth` (parseLimits'
 * nestingDeeperThan): the same scan says so, with no second pass over the text. 'too-deep' when
 * `[`/`{` nest deeper than `maxDepth` before any error; undefined when the text is not plain JSON
 * (nesting unknown). The tree is built from the tape on first use of `tree`.
 */
export function parseJsonWithin(
  text: string,
  expandDepth: number,
  maxDepth: number,
): ScannedJson | 'too-deep' | undefined {
  const tape = new Scanner(text, expandDepth, maxDepth).scan();
  if (tape === TOO_DEEP) return 'too-deep';
  return tape === undefined ? undefined : new Scanned(text, tape, expandDepth);
}

/**
 * A class, not an object literal with getters: a literal's accessors are new functions each time,
 * which gives every result its own hidden class (about 10 µs each, and old-space garbage).
 */
class Scanned implements ScannedJson {
  private parsed = false;
  private parsedValue: unknown;

  constructor(
    private readonly text: string,
    readonly tape: JsonTape,
    private readonly expandDepth: number,
    private built: Node | undefined = undefined,
  ) {}

  get value(): unknown {
    if (!this.parsed) {
      this.parsedValue = JSON.parse(this.text);
      this.parsed = true;
    }
    return this.parsedValue;
  }

  get tree(): Node | undefined {
    return (this.built ??= treeOfTape(this.tape, this.expandDepth));
  }
}

/**
 * The value a tree holds, as JSON.parse builds it (plain objects, the last of repeated keys), for
 * a tree jsonc-parser recovered from broken text. A property without a value is left out.
 */
export function valueOfTree(node: Node): unknown {
  switch (node.type) {
    case 'object': {
      const object: Record<string, unknown> = {};
      for (const property of node.children ?? []) {
        const [key, value] = property.children ?? [];
        if (!key || !value || typeof key.value !== 'string') continue;
        // An own property, as JSON.parse makes it, even for "__proto__".
        Object.defineProperty(object, key.value, {
          value: valueOfTree(value),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return object;
    }
    case 'array':
      return (node.children ?? []).map(valueOfTree);
    default:
      return node.value;
  }
}

/**
 * A tree's first levels as a tape (for the validator, which reads tapes): the tree of a file that
 * is not plain JSON (jsonc-parser's, recovered from errors) or of an auth0-deploy-cli YAML entry.
 * Values and keys are taken from the tree, offsets from its nodes. A property without a key, a
 * value or a string key is left out, as JSON.parse leaves it out of the value.
 */
export function tapeOfTree(text: string, root: Node, expandDepth: number): JsonTape {
  const tape = new JsonTape(text);
  const record = (node: Node, depth: number, key: Node | undefined): void => {
    const level = tape.level(depth);
    const index = level.add(kindOfNode(node), node.offset);
    level.end[index] = node.offset + node.length;
    (level.values ??= [])[index] = node.value;
    if (key) {
      level.setKey(index, key.offset, key.offset + key.length);
      (level.keys ??= [])[index] = key.value as string;
    }
    if ((node.type !== 'object' && node.type !== 'array') || depth >= expandDepth) return;
    const first = tape.level(depth + 1).count;
    for (const child of node.children ?? []) {
      if (node.type === 'array') record(child, depth + 1, undefined);
      else {
        const [childKey, value] = child.children ?? [];
        if (childKey && value && typeof childKey.value === 'string') record(value, depth + 1, childKey);
      }
    }
    level.setChildren(index, first, tape.level(depth + 1).count - first);
  };
  record(root, 0, undefined);
  return tape;
}

function kindOfNode(node: Node): number {
  switch (node.type) {
    case 'null':
      return KIND_NULL;
    case 'boolean':
      return KIND_BOOLEAN;
    case 'number':
      return KIND_NUMBER;
    case 'object':
      return KIND_OBJECT;
    case 'array':
      return KIND_ARRAY;
    default:
      // A string; a property node never stands as a value.
      return KIND_STRING;
  }
}

/**
 * jsonc-parser's nodes for a tape, level by level (no recursion): a container of a level below
 * `expandDepth` gets its children, one deeper gets none.
 */
function treeOfTape(tape: JsonTape, expandDepth: number): Node | undefined {
  const text = tape.text;
  let above: TreeNode[] = [];
  let root: TreeNode | undefined;
  for (let depth = 0; depth < tape.levels.length; depth++) {
    const level = tape.levels[depth]!;
    const nodes: TreeNode[] = new Array<TreeNode>(level.count);
    if (depth === 0) {
      root = nodeOf(tape, level, 0, undefined, expandDepth > 0);
      nodes[0] = root;
    } else {
      // Each container of the level above, in order, owns the next run of this level.
      const parents = tape.levels[depth - 1]!;
      for (let p = 0; p < parents.count; p++) {
        const parent = above[p]!;
        if (!parent.children) continue;
        const first = parents.first![p]!;
        const end = first + parents.size![p]!;
        const isObject = parent.type === 'object';
        const expanded = depth < expandDepth;
        for (let i = first; i < end; i++) {
          if (!isObject) {
            nodes[i] = nodeOf(tape, level, i, parent, expanded);
            parent.children.push(nodes[i]!);
            continue;
          }
          const keyStart = level.keyStart![i]!;
          const keyEnd = level.keyEnd![i]!;
          let colon = keyEnd;
          while (text.charCodeAt(colon) !== 0x3a /* : */) colon++;
          const property: TreeNode = {
            type: 'property',
            offset: keyStart,
            length: level.end[i]! - keyStart,
            children: undefined,
            parent,
            colonOffset: colon,
          };
          const key = literal(property, 'string', tape.key(level, i), keyStart, keyEnd - keyStart);
          nodes[i] = nodeOf(tape, level, i, property, expanded);
          // Both children at once, in an array of two: a push onto [] reserves 17 slots.
          property.children = [key, nodes[i]!];
          parent.children.push(property);
        }
      }
    }
    above = nodes;
  }
  return root as Node | undefined;
}

/** The node of record `index`; a container gets `children` (filled by the caller) when expanded. */
function nodeOf(
  tape: JsonTape,
  level: TapeLevel,
  index: number,
  parent: TreeNode | undefined,
  expanded: boolean,
): TreeNode {
  const kind = level.kind[index]! & KIND_MASK;
  const offset = level.start[index]!;
  const length = level.end[index]! - offset;
  if (kind === KIND_OBJECT || kind === KIND_ARRAY) {
    const type = TYPE_OF_KIND[kind]!;
    return expanded ? { type, offset, length, children: [], parent } : { type, offset, length, parent };
  }
  return literal(parent, TYPE_OF_KIND[kind]!, tape.scalar(level, index), offset, length);
}

const TOO_DEEP = Symbol('too deep');

class Scanner {
  /** Set by stringEnd: whether the string just scanned holds an escape. */
  private escaped = false;
  private readonly tape: JsonTape;
  // The open containers, by depth (0: the root): whether each is an object, its record (when it
  // has one), and the key of the property being read in it. Typed arrays, not an object per
  // container: a file of 8,000 items nested 60 deep opens half a million containers.
  private openIsObject = new Uint8Array(16);
  private openRecord = new Int32Array(16);
  private openKeyStart = new Int32Array(16);
  private openKeyEnd = new Int32Array(16);
  private openKeyEscaped = new Uint8Array(16);

  constructor(
    private readonly text: string,
    private readonly expandDepth: number,
    /** Opening a container with this many open gives TOO_DEEP. */
    private readonly maxDepth: number,
  ) {
    this.tape = new JsonTape(text);
  }

  /** The tape, undefined when the text is not plain JSON, TOO_DEEP past maxDepth. */
  scan(): JsonTape | undefined | typeof TOO_DEEP {
    const text = this.text;
    const expandDepth = this.expandDepth;
    this.tape.level(0);
    let pos = 0;
    /** How many containers are open: the depth of the value that starts next. */
    let depth = 0;
    for (;;) {
      // A value starts here; its parent is the innermost open container (none for the root).
      let c = text.charCodeAt(pos);
      // JSON's whitespace: space, line feed, carriage return, tab.
      while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = text.charCodeAt(++pos);
      const start = pos;
      if (c === QUOTE) {
        pos = this.stringEnd(pos);
        if (pos < 0) return undefined;
        if (depth <= expandDepth)
          this.record(depth, this.escaped ? KIND_STRING | VALUE_ESCAPED : KIND_STRING, start, pos);
      } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
        if (depth >= this.maxDepth) return TOO_DEEP;
        const isObject = c === 0x7b;
        const record =
          depth <= expandDepth ? this.record(depth, isObject ? KIND_OBJECT : KIND_ARRAY, start, start) : -1;
        c = text.charCodeAt(++pos);
        while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = text.charCodeAt(++pos);
        if (c !== (isObject ? 0x7d /* } */ : 0x5d) /* ] */) {
          if (depth === this.openRecord.length) this.growStack();
          this.openIsObject[depth] = isObject ? 1 : 0;
          this.openRecord[depth] = record;
          depth++;
          if (isObject && (pos = this.keyEnd(pos, depth - 1)) < 0) return undefined;
          continue;
        }
        pos++;
        if (record >= 0) this.close(depth, record, pos);
      } else if ((c >= 0x30 && c <= 0x39) /* 0-9 */ || c === 0x2d /* - */) {
        pos = numberEnd(text, pos);
        if (pos < 0) return undefined;
        if (depth <= expandDepth) this.record(depth, KIND_NUMBER, start, pos);
      } else {
        const word = c === 0x74 /* t */ ? 'true' : c === 0x66 /* f */ ? 'false' : c === 0x6e /* n */ ? 'null' : '';
        if (word === '' || !text.startsWith(word, start)) return undefined;
        pos += word.length;
        if (depth <= expandDepth) this.record(depth, c === 0x6e ? KIND_NULL : KIND_BOOLEAN, start, pos);
      }
      // The value is complete: close every container that ends here.
      for (;;) {
        c = text.charCodeAt(pos);
        while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = text.charCodeAt(++pos);
        if (depth === 0) return pos === text.length ? this.tape : undefined;
        const isObject = this.openIsObject[depth - 1] === 1;
        if (c === 0x2c /* , */) {
          pos++;
          if (isObject && (pos = this.keyEnd(pos, depth - 1)) < 0) return undefined;
          break;
        }
        if (c !== (isObject ? 0x7d /* } */ : 0x5d) /* ] */) return undefined;
        pos++;
        depth--;
        if (depth <= expandDepth) this.close(depth, this.openRecord[depth]!, pos);
      }
    }
  }

  /**
   * A record at `depth` for the value from `start` to `end` (a container's end is set again by
   * `close`), with the key it is the value of. The level exists: the scan makes level 0, and a
   * container makes the level of its children when it opens.
   */
  private record(depth: number, kind: number, start: number, end: number): number {
    const level = this.tape.levels[depth]!;
    const inObject = depth > 0 && this.openIsObject[depth - 1] === 1;
    const index = level.add(inObject && this.openKeyEscaped[depth - 1] ? kind | KEY_ESCAPED : kind, start);
    level.end[index] = end;
    if (inObject) level.setKey(index, this.openKeyStart[depth - 1]!, this.openKeyEnd[depth - 1]!);
    // A container's children are the records the next level gets until it closes.
    if ((kind === KIND_OBJECT || kind === KIND_ARRAY) && depth < this.expandDepth)
      level.setChildren(index, this.tape.level(depth + 1).count, 0);
    return index;
  }

  /** The container of record `index` at `depth` ends at `end`. */
  private close(depth: number, index: number, end: number): void {
    const level = this.tape.levels[depth]!;
    level.end[index] = end;
    if (depth < this.expandDepth) level.size![index] = this.tape.levels[depth + 1]!.count - level.first![index]!;
  }

  private growStack(): void {
    const grow = <T extends Uint8Array | Int32Array>(old: T, make: (n: number) => T): T => {
      const wider = make(old.length * 2);
      wider.set(old);
      return wider;
    };
    this.openIsObject = grow(this.openIsObject, (n) => new Uint8Array(n));
    this.openRecord = grow(this.openRecord, (n) => new Int32Array(n));
    this.openKeyStart = grow(this.openKeyStart, (n) => new Int32Array(n));
    this.openKeyEnd = grow(this.openKeyEnd, (n) => new Int32Array(n));
    this.openKeyEscaped = grow(this.openKeyEscaped, (n) => new Uint8Array(n));
  }

  /**
   * A property's key and colon, from `pos`, in the object open at `depth`: where its value may
   * start (after the colon), or -1 when the text is not JSON.
   */
  private keyEnd(pos: number, depth: number): number {
    const text = this.text;
    let c = text.charCodeAt(pos);
    while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = text.charCodeAt(++pos);
    if (c !== QUOTE) return -1;
    const end = this.stringEnd(pos);
    if (end < 0) return -1;
    this.openKeyStart[depth] = pos;
    this.openKeyEnd[depth] = end;
    this.openKeyEscaped[depth] = this.escaped ? 1 : 0;
    pos = end;
    c = text.charCodeAt(pos);
    while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = text.charCodeAt(++pos);
    return c === 0x3a /* : */ ? pos + 1 : -1;
  }

  /**
   * Past the string starting at `pos` (its opening quote), as JSON.parse reads strings; -1 when it
   * is not one. Sets `escaped`.
   */
  private stringEnd(pos: number): number {
    const text = this.text;
    this.escaped = false;
    for (;;) {
      // A run of plain characters: the first ones one by one (ids and keys are short, and a regex
      // call costs more than a short loop), the rest of a long run by the regex (faster per
      // character). Past the end charCodeAt gives NaN, which ends the loop as no character would.
      let c = text.charCodeAt(++pos);
      for (let n = 0; c !== QUOTE && c !== BACKSLASH && c >= 0x20; n++) {
        if (n === 32) {
          PLAIN_CHARS.lastIndex = pos;
          PLAIN_CHARS.test(text);
          pos = PLAIN_CHARS.lastIndex;
          c = text.charCodeAt(pos);
          break;
        }
        c = text.charCodeAt(++pos);
      }
      if (c === QUOTE) return pos + 1;
      if (c !== BACKSLASH) return -1; // a control character, or the end of the text
      this.escaped = true;
      const e = text.charCodeAt(pos + 1);
      // `pos` ends on the escape's last character: the run after it starts with ++pos.
      if (e === 0x75 /* u */) {
        HEX4.lastIndex = pos + 2;
        if (!HEX4.test(text)) return -1;
        pos += 5;
      } else if (
        e === QUOTE ||
        e === BACKSLASH ||
        e === 0x2f /* / */ ||
        e === 0x62 /* b */ ||
        e === 0x66 /* f */ ||
        e === 0x6e /* n */ ||
        e === 0x72 /* r */ ||
        e === 0x74 /* t */
      )
        pos += 1;
      else return -1;
    }
  }
}

/**
 * Past the number starting at `pos`; -1 when it is not a JSON number. An integer (the common
 * case, and a file of 500,000 of them) is read digit by digit, with no regex.
 */
function numberEnd(text: string, start: number): number {
  let pos = start;
  if (text.charCodeAt(pos) === 0x2d /* - */) pos++;
  const digitsStart = pos;
  for (let d = text.charCodeAt(pos) - 0x30; d >= 0 && d <= 9; d = text.charCodeAt(++pos) - 0x30);
  const next = text.charCodeAt(pos);
  // A fraction or an exponent goes to the regex.
  if (pos > digitsStart && next !== 0x2e /* . */ && (next | 0x20) !== 0x65 /* e, E */)
    return pos - digitsStart > 1 && text.charCodeAt(digitsStart) === 0x30 ? -1 : pos; // JSON forbids 01
  NUMBER.lastIndex = start;
  return NUMBER.test(text) ? NUMBER.lastIndex : -1;
}

// Every node has `parent` (undefined only at the root, as jsonc-parser leaves it), so that all
// nodes of a kind share one shape in the engine.
function literal(
  parent: TreeNode | undefined,
  type: Node['type'],
  value: unknown,
  offset: number,
  length: number,
): TreeNode {
  return { type, value, offset, length, parent };
}
