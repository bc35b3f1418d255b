/**
 * The tree of a document that is plain JSON, built in one linear pass: the same nodes as
 * jsonc-parser's `parseTree` (type, offset, length, value, children, colonOffset, parent), in a
 * fraction of the time on a large file. The scan checks JSON's grammar itself, as strictly as
 * `JSON.parse` (no comments, no trailing commas, no control characters in strings), with its own
 * stack instead of recursion, and decodes only strings that hold a backslash.
 *
 * `expandDepth` bounds what is built: containers nested deeper than it are still checked, but
 * get a node without children (type, offset, length), and nothing inside them is allocated. The
 * validator reads only the first levels, so a file of a million tiny arrays or keys deep inside
 * costs it a scan, not a million nodes (issue 23.4). `JSON.parse`'s value is computed only when
 * asked for.
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

/**
 * The tree and (lazily) JSON.parse's value, or undefined when the text is not plain JSON.
 * Containers deeper than `expandDepth` (the root is at 0) get no children; see the file comment.
 */
export function parseJson(text: string, expandDepth = Number.POSITIVE_INFINITY): ParsedJson | undefined {
  const tree = new Scanner(text, expandDepth, MAX_TREE_DEPTH).scan();
  if (tree === undefined) return undefined;
  if (tree === TOO_DEEP) {
    // Deeper than a tree is built for: JSON.parse alone (it does not recurse) says what it is.
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return undefined;
    }
    return { value, tree: undefined };
  }
  return lazilyParsed(text, tree);
}

/**
 * parseJson for a caller that refuses nesting past `maxDepth` (parseLimits' nestingDeeperThan):
 * the same scan says so, with no second pass over the text. 'too-deep' when `[`/`{` nest deeper
 * than `maxDepth` before any error; undefined when the text is not plain JSON (nesting unknown).
 */
export function parseJsonWithin(
  text: string,
  expandDepth: number,
  maxDepth: number,
): ParsedJson | 'too-deep' | undefined {
  const tree = new Scanner(text, expandDepth, maxDepth).scan();
  if (tree === TOO_DEEP) return 'too-deep';
  return tree === undefined ? undefined : lazilyParsed(text, tree);
}

function lazilyParsed(text: string, tree: TreeNode): ParsedJson {
  let value: unknown;
  let parsed = false;
  return {
    tree: tree as Node,
    get value() {
      if (!parsed) {
        value = JSON.parse(text);
        parsed = true;
      }
      return value;
    },
  };
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

const TOO_DEEP = Symbol('too deep');

/** An open object or array: its node when it is built, and the property whose value comes next. */
interface Frame {
  readonly node: TreeNode | undefined;
  /** Its children are built (it is built and no deeper than expandDepth). */
  readonly expanded: boolean;
  readonly isObject: boolean;
  property: TreeNode | undefined;
  /** The key of `property`, until its value is complete. */
  keyNode: TreeNode | undefined;
}

class Scanner {
  private pos = 0;
  /** Set by scanString: whether the string just scanned holds an escape. */
  private escaped = false;

  constructor(
    private readonly text: string,
    private readonly expandDepth: number,
    /** Opening a container with this many open gives TOO_DEEP. */
    private readonly maxDepth: number,
  ) {}

  /** The root's node, undefined when the text is not plain JSON, TOO_DEEP past maxDepth. */
  scan(): TreeNode | undefined | typeof TOO_DEEP {
    const text = this.text;
    const stack: Frame[] = [];
    for (;;) {
      // A value starts here; its parent is the innermost open container (none for the root).
      this.skipBlanks();
      const top = stack.length > 0 ? stack[stack.length - 1] : undefined;
      const built = top === undefined || top.expanded;
      const parent = top === undefined ? undefined : top.isObject ? top.property : top.node;
      const start = this.pos;
      const c = text.charCodeAt(start);
      let done: TreeNode | undefined;
      if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
        if (stack.length >= this.maxDepth) return TOO_DEEP;
        const isObject = c === 0x7b;
        const expanded = built && stack.length < this.expandDepth;
        const node: TreeNode | undefined = built
          ? expanded
            ? { type: isObject ? 'object' : 'array', offset: start, length: -1, children: [], parent }
            : { type: isObject ? 'object' : 'array', offset: start, length: -1, parent }
          : undefined;
        this.pos++;
        this.skipBlanks();
        if (text.charCodeAt(this.pos) !== (isObject ? 0x7d /* } */ : 0x5d) /* ] */) {
          const frame: Frame = { node, expanded, isObject, property: undefined, keyNode: undefined };
          stack.push(frame);
          if (isObject && !this.key(frame)) return undefined;
          continue;
        }
        this.pos++;
        if (node) node.length = this.pos - start;
        done = node;
      } else if (c === QUOTE) {
        if (!this.scanString()) return undefined;
        if (built) done = this.stringNode(parent, start);
      } else if (c === 0x74 /* t */ || c === 0x66 /* f */ || c === 0x6e /* n */) {
        const word = c === 0x74 ? 'true' : c === 0x66 ? 'false' : 'null';
        if (!text.startsWith(word, start)) return undefined;
        this.pos += word.length;
        if (built)
          done =
            c === 0x6e
              ? literal(parent, 'null', null, start, 4)
              : literal(parent, 'boolean', c === 0x74, start, word.length);
      } else {
        const value = this.scanNumber();
        if (value === undefined) return undefined;
        if (built) done = literal(parent, 'number', value, start, this.pos - start);
      }
      // The value is complete: attach it, then close every container that ends here.
      for (;;) {
        const frame = stack.length > 0 ? stack[stack.length - 1] : undefined;
        if (frame === undefined) {
          this.skipBlanks();
          return this.pos === text.length ? done : undefined;
        }
        if (frame.expanded && done) {
          if (frame.isObject) {
            const property = frame.property!;
            // Both children at once, in an array of two: a push onto [] reserves 17 slots, and
            // an options object of 100,000 keys would hold 100,000 of those.
            property.children = [frame.keyNode!, done];
            property.length = this.pos - property.offset;
            frame.node!.children!.push(property);
          } else frame.node!.children!.push(done);
        }
        this.skipBlanks();
        const next = text.charCodeAt(this.pos);
        if (next === 0x2c /* , */) {
          this.pos++;
          if (frame.isObject && !this.key(frame)) return undefined;
          break;
        }
        if (next !== (frame.isObject ? 0x7d /* } */ : 0x5d) /* ] */) return undefined;
        this.pos++;
        stack.pop();
        if (frame.node) frame.node.length = this.pos - frame.node.offset;
        done = frame.node;
      }
    }
  }

  /** A property's key and colon; `pos` ends after the colon. False when the text is not JSON. */
  private key(frame: Frame): boolean {
    const text = this.text;
    this.skipBlanks();
    const start = this.pos;
    if (text.charCodeAt(start) !== QUOTE || !this.scanString()) return false;
    let property: TreeNode | undefined;
    if (frame.expanded) {
      // Its children are set when the value is complete (same shape for every property node).
      property = {
        type: 'property',
        offset: start,
        length: -1,
        children: undefined,
        parent: frame.node,
        colonOffset: -1,
      };
      frame.keyNode = this.stringNode(property, start);
    }
    this.skipBlanks();
    if (text.charCodeAt(this.pos) !== 0x3a /* : */) return false;
    if (property) property.colonOffset = this.pos;
    frame.property = property;
    this.pos++;
    return true;
  }

  /**
   * Past the number starting at `pos`, and its value; undefined when it is not a JSON number. A
   * short integer (the common case, and a file of 500,000 of them) is read digit by digit: no
   * regex, no substring and no string-to-number conversion per number.
   */
  private scanNumber(): number | undefined {
    const text = this.text;
    const start = this.pos;
    let pos = start;
    const negative = text.charCodeAt(pos) === 0x2d; /* - */
    if (negative) pos++;
    let value = 0;
    const digitsStart = pos;
    for (let d = text.charCodeAt(pos) - 0x30; d >= 0 && d <= 9; d = text.charCodeAt(++pos) - 0x30)
      value = value * 10 + d;
    const digits = pos - digitsStart;
    const next = text.charCodeAt(pos);
    // Up to 15 digits the sum is exact; a fraction, an exponent or a leading 0 goes to the regex.
    if (digits > 0 && digits <= 15 && next !== 0x2e /* . */ && (next | 0x20) !== 0x65 /* e, E */) {
      if (digits > 1 && text.charCodeAt(digitsStart) === 0x30) return undefined; // JSON forbids 01
      this.pos = pos;
      return negative ? -value : value;
    }
    NUMBER.lastIndex = start;
    if (!NUMBER.test(text)) return undefined;
    this.pos = NUMBER.lastIndex;
    return Number(text.slice(start, this.pos));
  }

  /** Past the string starting at `pos`, as JSON.parse reads strings. False when it is not one. */
  private scanString(): boolean {
    const text = this.text;
    let pos = this.pos + 1;
    this.escaped = false;
    for (;;) {
      PLAIN_CHARS.lastIndex = pos;
      PLAIN_CHARS.test(text);
      pos = PLAIN_CHARS.lastIndex;
      const c = text.charCodeAt(pos);
      if (c === QUOTE) {
        this.pos = pos + 1;
        return true;
      }
      if (c !== BACKSLASH) return false; // a control character, or the end of the text
      this.escaped = true;
      const e = text.charCodeAt(pos + 1);
      if (e === 0x75 /* u */) {
        HEX4.lastIndex = pos + 2;
        if (!HEX4.test(text)) return false;
        pos += 6;
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
        pos += 2;
      else return false;
    }
  }

  /** The node of the string just scanned, from `start` to `pos`. */
  private stringNode(parent: TreeNode | undefined, start: number): TreeNode {
    const text = this.text;
    const end = this.pos;
    // Only a string holding an escape needs decoding; it is valid JSON, so JSON.parse decodes it.
    const value = this.escaped ? (JSON.parse(text.slice(start, end)) as string) : text.slice(start + 1, end - 1);
    return literal(parent, 'string', value, start, end - start);
  }

  private skipBlanks(): void {
    const text = this.text;
    let pos = this.pos;
    for (;;) {
      const ch = text.charCodeAt(pos);
      // JSON's whitespace: space, tab, line feed, carriage return.
      if (ch === 0x20 || ch === 0x0a || ch === 0x0d || ch === 0x09) pos++;
      else break;
    }
    this.pos = pos;
  }
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
