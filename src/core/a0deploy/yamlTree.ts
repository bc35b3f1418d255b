/**
 * A YAML node as the connection validator reads JSON: jsonc-parser's `Node` shape (type, offset,
 * length, value, children, parent), with offsets into the YAML text, so the same rules run on an
 * entry of an auth0-deploy-cli tenant.yaml and report at the right place.
 */
import type { Node } from 'jsonc-parser';
import { isAlias, isMap, isPair, isScalar, isSeq, Scalar } from 'yaml';

interface TreeNode {
  type: Node['type'];
  offset: number;
  length: number;
  value?: unknown;
  children?: TreeNode[];
  parent?: TreeNode | undefined;
  colonOffset?: number;
}

/** What the conversion learnt beside the tree: plain (unquoted) scalars, whose text has no quote to skip. */
export interface YamlTree {
  readonly root: Node;
  /** [start, end) of every plain scalar. */
  readonly plainScalars: readonly (readonly [number, number])[];
}

export function yamlToTree(node: unknown, at: number): YamlTree {
  const plainScalars: [number, number][] = [];
  const root = convert(node, undefined, at, plainScalars) as Node;
  return { root, plainScalars };
}

function convert(node: unknown, parent: TreeNode | undefined, at: number, plain: [number, number][]): TreeNode {
  const range = (node as { range?: [number, number, number] | null } | null)?.range;
  const offset = range?.[0] ?? at;
  const end = range?.[1] ?? at;
  if (isMap(node)) {
    const object: TreeNode = { type: 'object', offset, length: end - offset, children: [], parent };
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const keyRange = (pair.key as { range?: [number, number, number] } | null)?.range;
      if (!keyRange) continue;
      const property: TreeNode = { type: 'property', offset: keyRange[0], length: 0, children: [], parent: object };
      const keyValue: unknown = isScalar(pair.key) ? pair.key.value : undefined;
      const key: TreeNode = {
        type: 'string',
        offset: keyRange[0],
        length: keyRange[1] - keyRange[0],
        value: textOf(keyValue),
        parent: property,
      };
      // `key:` with nothing after it holds null, placed at the end of the key.
      const value = convert(pair.value, property, keyRange[1], plain);
      property.children!.push(key, value);
      property.length = value.offset + value.length - property.offset;
      object.children!.push(property);
    }
    return object;
  }
  if (isSeq(node)) {
    const array: TreeNode = { type: 'array', offset, length: end - offset, children: [], parent };
    for (const item of node.items) array.children!.push(convert(item, array, end, plain));
    return array;
  }
  if (isScalar(node)) {
    if (node.type === Scalar.PLAIN && range) plain.push([range[0], range[1]]);
    const value: unknown = node.value;
    const length = end - offset;
    if (typeof value === 'string') return { type: 'string', offset, length, value, parent };
    if (typeof value === 'number' || typeof value === 'bigint')
      return { type: 'number', offset, length, value: Number(value), parent };
    if (typeof value === 'boolean') return { type: 'boolean', offset, length, value, parent };
    if (value === null || value === undefined) return { type: 'null', offset, length, value: null, parent };
    return { type: 'string', offset, length, value: textOf(value), parent };
  }
  // An alias (*anchor) or nothing at all: read as null, as no rule of a connection takes one.
  if (isAlias(node)) return { type: 'null', offset, length: end - offset, value: null, parent };
  return { type: 'null', offset: at, length: 0, value: null, parent };
}

/** A key or value of another type (a number key, a date) as the text a JSON reader would see. */
function textOf(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value) ?? '';
}
