/**
 * Where a connection file holds `##KEY##` in a secret option: what the Set Stored Secret lens sits
 * on and what the command offers. Pure: text in, positions out; total on any text.
 */
import { parseTree } from 'jsonc-parser';
import { isSecretKey } from '../secrets';
import { placeholderKey } from './placeholders';
import { withinParseLimits } from './parseLimits';

export interface PlaceholderSlot {
  /** The secret option (`client_secret`). */
  readonly option: string;
  /** The key inside `##KEY##`. */
  readonly key: string;
  /** The value's string, quotes included. */
  readonly offset: number;
  readonly length: number;
}

/** Every `##KEY##` in a secret option of the top-level `options`, in the order of the text. */
export function placeholderSlots(text: string): PlaceholderSlot[] {
  // A file past the size or nesting limits is reported by the validator and parsed by no one.
  if (!withinParseLimits(text)) return [];
  let root;
  try {
    root = parseTree(text, [], { allowTrailingComma: true });
  } catch {
    return [];
  }
  if (root?.type !== 'object') return [];
  const options = root.children?.find((p) => p.children?.[0]?.value === 'options')?.children?.[1];
  if (options?.type !== 'object') return [];
  const slots: PlaceholderSlot[] = [];
  for (const property of options.children ?? []) {
    const [name, value] = property.children ?? [];
    if (typeof name?.value !== 'string' || !isSecretKey(name.value)) continue;
    if (value?.type !== 'string' || typeof value.value !== 'string') continue;
    const key = placeholderKey(value.value);
    if (key) slots.push({ option: name.value, key, offset: value.offset, length: value.length });
  }
  return slots;
}
