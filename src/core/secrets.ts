/** Shows that a secret is there without showing it: for diffs, previews, the tree and logs. */
export const SECRET_MASK = '••••';

import { SECRET_OPTION as SECRET_KEY } from './connectionFile/placeholders';

/** A deep copy with every string under a secret-looking key replaced by the mask. */
export function maskSecrets<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v: unknown) => maskSecrets(v)) as T;
  if (typeof value !== 'object' || value === null) return value;
  const result: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    result[key] = SECRET_KEY.test(key) && typeof inner === 'string' && inner.length > 0 ? SECRET_MASK : maskSecrets(inner);
  }
  return result as T;
}

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}
