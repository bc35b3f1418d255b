/**
 * Which id-like value of a connection file an editor position is on: what completions and hovers
 * fill in or explain. Pure: text and offset in, a description out.
 */
import { type Node, findNodeAtOffset, getLocation, parseTree } from 'jsonc-parser';
import { withinParseLimits } from './parseLimits';

export type SlotKind = 'client_id' | 'enabled_client' | 'domain';

export interface ValueSlot {
  readonly kind: SlotKind;
  /** The string under the position, quotes included; absent when the value is still to be typed. */
  readonly string?: { readonly offset: number; readonly length: number; readonly value: string };
  /** The file's options.domain, when it is a string: whose applications options.client_id names. */
  readonly providerDomain?: string;
}

/** The slot at `offset`, or undefined when the position is on a key or any other value. */
export function valueSlotAt(text: string, offset: number): ValueSlot | undefined {
  // jsonc-parser recurses per nesting level: a hostile file would overflow the stack on a hover.
  if (!withinParseLimits(text)) return undefined;
  const location = getLocation(text, offset);
  if (location.isAtPropertyKey) return undefined;
  const path = location.path;
  let kind: SlotKind | undefined;
  if (path.length === 2 && path[0] === 'options' && path[1] === 'client_id') kind = 'client_id';
  else if (path.length === 2 && path[0] === 'options' && path[1] === 'domain') kind = 'domain';
  else if (path.length === 2 && path[0] === 'enabled_clients' && typeof path[1] === 'number') kind = 'enabled_client';
  if (!kind) return undefined;
  const root = parseTree(text, [], { disallowComments: false, allowTrailingComma: true });
  const node = root ? findNodeAtOffset(root, offset, true) : undefined;
  const string = stringNode(node, offset);
  const providerDomain = root ? domainOf(root) : undefined;
  return {
    kind,
    ...(string ? { string } : {}),
    ...(providerDomain !== undefined ? { providerDomain } : {}),
  };
}

function stringNode(node: Node | undefined, offset: number): ValueSlot['string'] {
  if (node?.type !== 'string' || typeof node.value !== 'string') return undefined;
  // On the closing quote's far side the position is after the value, not in it.
  if (offset < node.offset || offset > node.offset + node.length) return undefined;
  return { offset: node.offset, length: node.length, value: node.value };
}

function domainOf(root: Node): string | undefined {
  const options = root.children?.find((p) => p.children?.[0]?.value === 'options')?.children?.[1];
  const domain = options?.children?.find((p) => p.children?.[0]?.value === 'domain')?.children?.[1];
  return typeof domain?.value === 'string' ? domain.value : undefined;
}
