/**
 * The tree of a document that is valid JSON, built fast: the same nodes as jsonc-parser's
 * `parseTree` (type, offset, length, value, children, colonOffset, parent), in about a fifth of
 * the time on a large file. jsonc-parser scans every character through a general tokenizer
 * (comments, error recovery); here the engine's own `JSON.parse` first says whether the text is
 * plain JSON, and only then does a scan that may assume it is: strings are found with `indexOf`,
 * and only strings holding a backslash are decoded.
 *
 * Returns undefined when the text is not plain JSON (or nests too deeply to walk): the caller
 * then uses jsonc-parser, which reports the errors and recovers from them.
 */
import type { Node } from 'jsonc-parser';

/** A Node as it is being built (jsonc-parser's type is read-only). */
interface TreeNode {
  type: Node['type'];
  offset: number;
  length: number;
  value?: unknown;
  children?: TreeNode[];
  parent?: TreeNode | undefined;
  colonOffset?: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

export function parseValidJsonTree(text: string): Node | undefined {
  return parseJson(text)?.tree;
}

/** Plain JSON read once: JSON.parse's value and the tree of the same text. */
export interface ParsedJson {
  readonly value: unknown;
  /** Undefined when the text nests too deeply for the tree builder (JSON.parse took it). */
  readonly tree: Node | undefined;
}

/** JSON.parse's value and the tree, or undefined when the text is not plain JSON. */
export function parseJson(text: string): ParsedJson | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  try {
    // Every node has `parent` (undefined at the root): the same shape for all nodes of a kind.
    return { value, tree: new TreeBuilder(text).value(undefined) as Node };
  } catch (error) {
    // Deep nesting: JSON.parse walks it without recursion, this builder does not.
    if (error instanceof RangeError) return { value, tree: undefined };
    throw error;
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

class TreeBuilder {
  private pos = 0;

  constructor(private readonly text: string) {}

  /** The value starting at the next non-blank character; `pos` ends just after it. */
  value(parent: TreeNode | undefined): TreeNode {
    this.skipBlanks();
    const text = this.text;
    const start = this.pos;
    switch (text.charCodeAt(start)) {
      case 0x7b /* { */:
        return this.object(parent, start);
      case 0x5b /* [ */:
        return this.array(parent, start);
      case QUOTE:
        return this.string(parent);
      case 0x74 /* t */:
        this.pos += 4;
        return literal(parent, 'boolean', true, start, 4);
      case 0x66 /* f */:
        this.pos += 5;
        return literal(parent, 'boolean', false, start, 5);
      case 0x6e /* n */:
        this.pos += 4;
        return literal(parent, 'null', null, start, 4);
      default: {
        NUMBER.lastIndex = start;
        const match = NUMBER.exec(text);
        // JSON.parse accepted the text, so a number is all that can start here.
        const raw = match ? match[0] : '';
        this.pos += raw.length;
        return literal(parent, 'number', Number(raw), start, raw.length);
      }
    }
  }

  private object(parent: TreeNode | undefined, start: number): TreeNode {
    const node = container('object', parent, start);
    this.pos++;
    this.skipBlanks();
    if (this.text.charCodeAt(this.pos) === 0x7d /* } */) {
      this.pos++;
      node.length = this.pos - start;
      return node;
    }
    for (;;) {
      this.skipBlanks();
      const property = container('property', node, this.pos);
      property.children!.push(this.string(property));
      this.skipBlanks();
      property.colonOffset = this.pos; // the colon
      this.pos++;
      property.children!.push(this.value(property));
      property.length = this.pos - property.offset;
      node.children!.push(property);
      this.skipBlanks();
      const next = this.text.charCodeAt(this.pos++);
      if (next !== 0x2c /* , */) break; // }
    }
    node.length = this.pos - start;
    return node;
  }

  private array(parent: TreeNode | undefined, start: number): TreeNode {
    const node = container('array', parent, start);
    this.pos++;
    this.skipBlanks();
    if (this.text.charCodeAt(this.pos) === 0x5d /* ] */) {
      this.pos++;
      node.length = this.pos - start;
      return node;
    }
    for (;;) {
      node.children!.push(this.value(node));
      this.skipBlanks();
      const next = this.text.charCodeAt(this.pos++);
      if (next !== 0x2c /* , */) break; // ]
    }
    node.length = this.pos - start;
    return node;
  }

  private string(parent: TreeNode | undefined): TreeNode {
    const text = this.text;
    const start = this.pos;
    let end = text.indexOf('"', start + 1);
    while (escapedAt(text, end)) end = text.indexOf('"', end + 1);
    this.pos = end + 1;
    const inner = text.slice(start + 1, end);
    // Only a string holding an escape needs decoding; JSON.parse decodes it as it did the whole text.
    const value = inner.indexOf('\\') === -1 ? inner : (JSON.parse(text.slice(start, end + 1)) as string);
    return literal(parent, 'string', value, start, end + 1 - start);
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

/** Whether the quote at `index` is escaped: preceded by an odd number of backslashes. */
function escapedAt(text: string, index: number): boolean {
  let backslashes = 0;
  while (text.charCodeAt(index - 1 - backslashes) === BACKSLASH) backslashes++;
  return backslashes % 2 === 1;
}

// Every node has `parent` (undefined only at the root, as jsonc-parser leaves it), so that all
// nodes of a kind share one shape in the engine.
function container(type: 'object' | 'array' | 'property', parent: TreeNode | undefined, offset: number): TreeNode {
  return { type, offset, length: -1, children: [], parent };
}

function literal(
  parent: TreeNode | undefined,
  type: Node['type'],
  value: unknown,
  offset: number,
  length: number,
): TreeNode {
  return { type, value, offset, length, parent };
}
