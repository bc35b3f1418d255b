// Generated connection files for differential tests of the validator: the bodies the rules read,
// with what makes their bookkeeping hard (repeated keys at every level, keys and ids that are equal
// only once their escapes are decoded, long lists that go past the 999 listed problems, every
// value of the wrong type somewhere), written as JSON with escapes and blanks of every kind.
import { Prng } from '../../reliability/prng';

/** An object keeps its properties as written, repeats included. */
type Value = null | boolean | number | string | Value[] | { readonly entries: [string, Value][] };

const ROOT_KEYS = [
  'name',
  'strategy',
  'options',
  'enabled_clients',
  'display_name',
  'is_domain_connection',
  'show_as_button',
  'realms',
  'metadata',
  'authentication',
  'connected_accounts',
  '$schema',
  'unknown',
  'k0',
];
const OPTION_KEYS = [
  'client_id',
  'client_secret',
  'domain',
  'scope',
  'type',
  'discovery_url',
  'issuer',
  'authorization_endpoint',
  'token_endpoint',
  'jwks_uri',
  'userinfo_endpoint',
  'oidc_metadata',
  'api_secret',
  'custom',
];
const STRINGS = [
  'partner',
  'auth0-oidc',
  'oidc',
  'partner.eu.auth0.com',
  'https://partner.eu.auth0.com/',
  'https://partner.eu.auth0.com/.well-known/openid-configuration',
  'https://other.example/authorize',
  'http://127.0.0.1:3000/jwks',
  'openid profile email profile custom',
  'back_channel',
  'front_channel',
  '##PARTNER_CLIENT_SECRET##',
  '##bad placeholder##',
  '####',
  '###',
  '##a\nb##',
  'literal-secret',
  '',
  ' ',
  'rp.example',
  'é中文😀',
  'x'.repeat(300),
];
const CLIENT_IDS = [
  'aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY',
  'rpWebApp0',
  'a',
  'a.b_c-d',
  'has space',
  'ä',
  '',
  'x'.repeat(129),
];

function scalar(rng: Prng): Value {
  switch (rng.int(5)) {
    case 0:
      return null;
    case 1:
      return rng.chance(0.5);
    case 2:
      return rng.pick([0, -1, 1.5, 1e21, -0]);
    default:
      return rng.pick(STRINGS);
  }
}

function anyValue(rng: Prng, depth: number): Value {
  if (depth > 3 || rng.chance(0.6)) return scalar(rng);
  if (rng.chance(0.5)) return Array.from({ length: rng.int(4) }, () => anyValue(rng, depth + 1));
  return { entries: Array.from({ length: rng.int(4) }, () => [rng.pick(OPTION_KEYS), anyValue(rng, depth + 1)]) };
}

/** Mostly the expected type, sometimes anything. */
function valueFor(rng: Prng, expected: () => Value, depth: number): Value {
  return rng.chance(0.85) ? expected() : anyValue(rng, depth);
}

/** Entries with some keys repeated (the same key, or another key's value under it). */
function withRepeats(rng: Prng, entries: [string, Value][]): [string, Value][] {
  const out = [...entries];
  for (let r = rng.chance(0.3) ? rng.int(3) + 1 : 0; r > 0 && entries.length > 0; r--) {
    const [key] = rng.pick(entries);
    out.splice(rng.int(out.length + 1), 0, [key, rng.pick(entries)[1]]);
  }
  return out;
}

function clientList(rng: Prng): Value[] {
  const size = rng.chance(0.1) ? 900 + rng.int(400) : rng.int(8);
  const pool = Array.from({ length: Math.max(1, Math.ceil(size / 3)) }, (_, i) =>
    rng.chance(0.8) ? `app${i}` : rng.pick(CLIENT_IDS),
  );
  return Array.from({ length: size }, () => (rng.chance(0.9) ? rng.pick(pool) : scalar(rng)));
}

function options(rng: Prng): Value {
  const entries: [string, Value][] = [];
  for (const key of OPTION_KEYS) {
    if (!rng.chance(0.55)) continue;
    const string = (): Value =>
      key === 'client_id' ? rng.pick(CLIENT_IDS) : key === 'oidc_metadata' ? anyValue(rng, 2) : rng.pick(STRINGS);
    entries.push([key, valueFor(rng, string, 2)]);
  }
  if (rng.chance(0.1)) for (let i = 0; i < 1100; i++) entries.push([`o${i % 700}`, rng.pick(STRINGS)]);
  return { entries: withRepeats(rng, entries) };
}

function metadata(rng: Prng): Value {
  const count = rng.chance(0.1) ? 1000 + rng.int(200) : rng.int(14);
  const entries: [string, Value][] = Array.from({ length: count }, (_, i) => [
    `m${i % (count > 20 ? 800 : 20)}`,
    rng.chance(0.7) ? rng.pick(STRINGS) : scalar(rng),
  ]);
  return { entries: withRepeats(rng, entries) };
}

function purpose(rng: Prng): Value {
  const entries: [string, Value][] = [];
  for (const key of ['active', 'cross_app_access', 'other']) {
    if (rng.chance(0.6)) entries.push([key, valueFor(rng, () => rng.chance(0.5), 2)]);
  }
  return { entries: withRepeats(rng, entries) };
}

function body(rng: Prng): Value {
  const entries: [string, Value][] = [];
  for (const key of ROOT_KEYS) {
    if (!rng.chance(key === 'name' || key === 'strategy' || key === 'options' ? 0.9 : 0.35)) continue;
    const expected = (): Value => {
      switch (key) {
        case 'options':
          return options(rng);
        case 'enabled_clients':
          return clientList(rng);
        case 'realms':
          return Array.from({ length: rng.int(4) }, () => (rng.chance(0.7) ? 'realm' : scalar(rng)));
        case 'metadata':
          return metadata(rng);
        case 'authentication':
        case 'connected_accounts':
          return purpose(rng);
        case 'is_domain_connection':
        case 'show_as_button':
          return rng.chance(0.5);
        case 'strategy':
          return rng.pick(['auth0-oidc', 'oidc', 'oidc', 'waad']);
        default:
          return rng.pick(STRINGS);
      }
    };
    entries.push([key, valueFor(rng, expected, 1)]);
  }
  if (rng.chance(0.05)) for (let i = 0; i < 1100; i++) entries.push([`u${i}`, i]);
  return { entries: withRepeats(rng, entries) };
}

const BLANKS = ['', '', '', ' ', '\n', '\r\n  ', '\t'];

/** A JSON string literal of `text`, with some characters escaped that need not be. */
function quote(rng: Prng, text: string): string {
  let out = '';
  for (const char of JSON.stringify(text).slice(1, -1)) {
    if (rng.chance(0.03)) {
      out += char === '/' ? '\\/' : `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
      continue;
    }
    out += char;
  }
  // One escape in about a tenth of the strings, so that escaped and plain spellings of one key meet.
  return `"${rng.chance(0.1) && /^[a-z]/.test(out) ? `\\u00${out.charCodeAt(0).toString(16)}${out.slice(1)}` : out}"`;
}

function write(rng: Prng, value: Value): string {
  const blank = (): string => (rng.chance(0.3) ? rng.pick(BLANKS) : '');
  if (value === null || typeof value === 'boolean' || typeof value === 'number') return JSON.stringify(value);
  if (typeof value === 'string') return quote(rng, value);
  if (Array.isArray(value)) return `[${blank()}${value.map((v) => write(rng, v)).join(`,${blank()}`)}${blank()}]`;
  return `{${blank()}${value.entries
    .map(([k, v]) => `${quote(rng, k)}${blank()}:${blank()}${write(rng, v)}`)
    .join(`,${blank()}`)}${blank()}}`;
}

/** A connection file, plain JSON; `broken` ones have a few characters inserted or removed. */
export function generatedConnectionText(rng: Prng, broken = false): string {
  const text = write(rng, body(rng));
  if (!broken) return text;
  const chars = [...text];
  for (let m = rng.int(3) + 1; m > 0; m--) {
    const at = rng.int(chars.length + 1);
    if (rng.chance(0.5)) chars.splice(at, 1);
    else chars.splice(at, 0, rng.pick([...'{}[]:,"\\ 0x']));
  }
  return chars.join('');
}

/** What the validator may be told about a file. */
export function generatedContext(rng: Prng): { fileName?: string; relyingPartyDomains?: string[] } {
  return {
    ...(rng.chance(0.5) ? { fileName: rng.pick(['partner.oidc-connection.json', 'auth0-oidc-connection.json']) } : {}),
    ...(rng.chance(0.2) ? { relyingPartyDomains: ['partner.eu.auth0.com'] } : {}),
  };
}
