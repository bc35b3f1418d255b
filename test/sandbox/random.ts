// Auth0-looking random identifiers (con_..., jti).
import { randomBytes } from 'node:crypto';

export function randomAlphanumeric(length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = randomBytes(length * 2);
  let out = '';
  for (let i = 0; i < bytes.length && out.length < length; i++) {
    // 248 = 4 * 62: rejection sampling keeps the distribution uniform.
    const b = bytes[i] ?? 255;
    if (b < 248) out += alphabet[b % 62];
  }
  return out.length === length ? out : out + randomAlphanumeric(length - out.length);
}
