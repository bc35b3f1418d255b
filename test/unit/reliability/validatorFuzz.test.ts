// The validator and its quick fixes on 100,000 generated and mutated documents: never an
// exception, never slow, every range inside the document with positions that match its offsets,
// and quick fixes that apply cleanly and never turn parseable JSON into unparseable JSON.
// Seeded: a failure names its seed and case index; FUZZ_SEED=<n> FUZZ_CASES=<n> reproduce it.
// FUZZ_DEBUG=1 prints each hostile 100 KB document that took over 3 ms.
import * as assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { parseTree, type ParseError } from 'jsonc-parser';
import type { ConnectionDiagnostic, Position } from '../../../src/core/connectionFile/diagnostic';
import {
  FIXABLE_CODES,
  applyTextEdits,
  quickFixesFor,
  type QuickFix,
} from '../../../src/core/connectionFile/quickFixes';
import { validateConnectionText } from '../../../src/core/connectionFile/validate';
import { validConnection } from '../core/connectionFile/fixtures';
import { Prng } from './prng';

const SEED = Number(process.env.FUZZ_SEED ?? 20251127);
const CASES = Number(process.env.FUZZ_CASES ?? 100_000);
/** Per document; generous for a loaded 2-core CI machine (GC pauses), far below what a hang takes. */
const BUDGET_MS = 1000;
/** Huge and deeply nested documents are slower by nature; they get their own bound. */
const BIG_BUDGET_MS = 3000;

/**
 * Defects this suite found in src/core were fixed (spans past the end of the text, fixes that
 * threw, fixes out of bounds, fixes that made broken JSON worse); every violation now fails.
 */
// Kinds of violation tolerated while a fix is pending; empty now that the core clamps spans and
// drops fixes it cannot compute or that would add syntax errors.
const KNOWN_DEFECTS: ReadonlySet<string> = new Set();

interface Violation {
  readonly kind: string;
  readonly detail: string;
}

const WORDS = [
  'partner',
  'acme',
  'rp',
  'provider',
  'a',
  'x-1',
  'Partner-Two',
  '-bad',
  'bad-',
  'two--dashes',
  'ünïcode',
  '',
];
const SCOPES = ['openid', 'profile', 'email', 'identities', 'offline_access', 'openid', 'custom:scope', ''];
const DOMAINS = [
  'partner.eu.auth0.com',
  'https://partner.eu.auth0.com/',
  'http://x/y?z',
  'partner.eu.auth0.com:443',
  '127.0.0.1:3000',
  'rp.example',
  'bad domain',
  '',
  'xn--bcher-kva.example',
  'a'.repeat(300),
];
const CLIENT_IDS = [
  'aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY',
  'rpWebApp000000000000000000000000',
  'has space',
  'x',
  '',
  'ä'.repeat(40),
];
const SECRETS = ['##PARTNER_CLIENT_SECRET##', '##bad placeholder##', 'literal-secret-value-123', '', '##A##', '#NOT#'];
const UNICODE = [
  'é',
  '中文',
  '😀',
  '\u200b',
  '\u202e',
  '\ufeff',
  '\ud800',
  '\udc00',
  '\u2028',
  '\u0000',
  '\t',
  '\u00a0',
  '\\u0041',
  '\\ud83d\\ude00',
  '\\x',
];
const JSONISH = '{}[]:,"\\ \n\r\t0123456789-+.eEtruefalsnl';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function randomValue(rng: Prng, depth = 0): Json {
  switch (rng.int(depth > 2 ? 4 : 6)) {
    case 0:
      return null;
    case 1:
      return rng.chance(0.5);
    case 2:
      return rng.pick([0, -1, 1.5e300, 42, 1e-7]);
    case 3:
      return rng.pick([...WORDS, ...UNICODE]);
    case 4:
      return Array.from({ length: rng.int(4) }, () => randomValue(rng, depth + 1));
    default:
      return Object.fromEntries(
        Array.from({ length: rng.int(4) }, () => [rng.pick(WORDS), randomValue(rng, depth + 1)]),
      );
  }
}

/** A connection body: mostly plausible, sometimes with a wrong type, a missing or unknown field. */
function generateBody(rng: Prng): Record<string, Json> {
  const options: Record<string, Json> = {
    client_id: rng.pick(CLIENT_IDS),
    client_secret: rng.pick(SECRETS),
    domain: rng.pick(DOMAINS),
  };
  if (rng.chance(0.8))
    options.scope = Array.from({ length: rng.int(5) }, () => rng.pick(SCOPES)).join(rng.chance(0.9) ? ' ' : '  ');
  if (rng.chance(0.1)) options.upstream_params = randomValue(rng);
  const body: Record<string, Json> = {
    name: rng.pick(WORDS),
    strategy: rng.chance(0.9) ? 'auth0-oidc' : rng.pick(['oidc', 'auth0', '']),
    options,
  };
  if (rng.chance(0.6)) body.enabled_clients = Array.from({ length: rng.int(6) }, () => rng.pick(CLIENT_IDS));
  if (rng.chance(0.2)) body.display_name = rng.pick(WORDS);
  if (rng.chance(0.1))
    body.metadata = Object.fromEntries(
      Array.from({ length: rng.int(13) }, (_, i) => [`k${i}`, rng.chance(0.9) ? rng.pick(WORDS) : randomValue(rng)]),
    );
  if (rng.chance(0.1)) body.realms = [rng.pick(WORDS), randomValue(rng)];
  if (rng.chance(0.1)) body.is_domain_connection = randomValue(rng);
  if (rng.chance(0.1)) body.authentication = rng.chance(0.5) ? { active: true } : randomValue(rng);
  if (rng.chance(0.1)) body.connected_accounts = { active: rng.chance(0.5), ...(rng.chance(0.5) ? { extra: 1 } : {}) };
  if (rng.chance(0.05)) body[rng.pick(['foo', '$schema', 'id', 'Name'])] = randomValue(rng);
  // Wrong types anywhere, and missing required fields.
  if (rng.chance(0.15)) {
    const target = rng.chance(0.5) ? body : options;
    const keys = Object.keys(target);
    const key = rng.pick(keys);
    if (rng.chance(0.3)) delete target[key];
    else target[key] = randomValue(rng);
  }
  return body;
}

function serialize(rng: Prng, body: Json): string {
  const indent = rng.pick([0, 2, 4, '\t'] as const);
  let text = JSON.stringify(body, undefined, indent);
  if (rng.chance(0.2)) text = text.replace(/\n/g, '\r\n');
  if (rng.chance(0.05)) text = text.replace(/\n/g, '\r');
  if (rng.chance(0.1)) text += rng.pick(['\n', '\r\n', '   ', '\n\n']);
  if (rng.chance(0.02)) text = `\ufeff${text}`;
  return text;
}

/** Textual mutations; `big` tells the caller the document may legitimately be slow. */
function mutate(rng: Prng, input: string): { text: string; big: boolean } {
  let text = input;
  let big = false;
  const rounds = rng.int(4);
  for (let r = 0; r < rounds; r++) {
    const at = rng.int(text.length + 1);
    switch (rng.int(11)) {
      case 0: // delete a range
        text = text.slice(0, at) + text.slice(at + 1 + rng.int(8));
        break;
      case 1: // insert JSON-ish characters
        text = text.slice(0, at) + rng.string(JSONISH, 1, 6) + text.slice(at);
        break;
      case 2: // replace a character
        text = text.slice(0, at) + rng.pick([...JSONISH, ...UNICODE]) + text.slice(at + 1);
        break;
      case 3: // truncate
        text = text.slice(0, at);
        break;
      case 4: {
        // duplicate a property (a repeated key)
        const m =
          /"[^"\\]{1,20}"\s*:\s*("[^"\\]*"|[-\d.eE]+|true|false|null)/.exec(text.slice(at)) ??
          /"[^"\\]{1,20}"\s*:\s*("[^"\\]*"|[-\d.eE]+|true|false|null)/.exec(text);
        if (m) {
          const i = text.indexOf(m[0]);
          text = `${text.slice(0, i)}${m[0]}, ${m[0]}${text.slice(i + m[0].length)}`;
        }
        break;
      }
      case 5: {
        // deep nesting in a value position
        const depth = rng.chance(0.002) ? 20_000 + rng.int(30_000) : 10 + rng.int(500);
        const open = rng.chance(0.5) ? '[' : '{"a":';
        const close = open === '[' ? ']' : '}';
        const closed = rng.chance(0.7);
        text = text.slice(0, at) + open.repeat(depth) + (closed ? `1${close.repeat(depth)}` : '') + text.slice(at);
        big ||= depth > 10_000;
        break;
      }
      case 6: {
        // a huge string
        const size = rng.chance(0.003)
          ? 200_000 + rng.int(300_000)
          : rng.chance(0.1)
            ? 5000 + rng.int(20_000)
            : 100 + rng.int(2000);
        text =
          text.slice(0, at) +
          `"${rng.pick(['a', 'é', '😀', '\\n', '##A##'])}`.repeat(1) +
          'x'.repeat(size) +
          '"' +
          text.slice(at);
        big ||= size > 100_000;
        break;
      }
      case 7: // unicode, including lone surrogates and escapes
        text = text.slice(0, at) + rng.pick(UNICODE) + text.slice(at);
        break;
      case 8: // line endings
        text = rng.chance(0.5) ? text.replace(/\n/g, '\r\n') : text.replace(/\r?\n/g, '\r');
        break;
      case 9: // a comment or a trailing comma
        text = text.slice(0, at) + rng.pick(['// c\n', '/* c */', ',', '/*', '*/']) + text.slice(at);
        break;
      default: // swap two halves
        text = text.slice(at) + text.slice(0, at);
    }
  }
  return { text, big };
}

/** Positions computed independently of the validator's LineIndex: \r\n, \r and \n end a line. */
function referencePositions(text: string): (offset: number) => Position {
  const starts = [0];
  const re = /\r\n|\r|\n/g;
  for (let m = re.exec(text); m; m = re.exec(text)) starts.push(m.index + m[0].length);
  return (offset) => {
    let line = 0;
    let low = 0;
    let high = starts.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (starts[mid]! <= offset) {
        line = mid;
        low = mid + 1;
      } else high = mid - 1;
    }
    return { line, character: offset - starts[line]! };
  };
}

function syntaxErrors(text: string): number {
  const errors: ParseError[] = [];
  try {
    parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  } catch {
    return Number.POSITIVE_INFINITY; // too deep to parse
  }
  return errors.length;
}

function checkDocument(text: string, diagnostics: ConnectionDiagnostic[]): Violation[] {
  const violations: Violation[] = [];
  const positionAt = referencePositions(text);
  for (const d of diagnostics) {
    const { offset, length } = d.span;
    if (!(Number.isInteger(offset) && Number.isInteger(length) && offset >= 0 && length >= 0)) {
      violations.push({ kind: 'span-invalid', detail: `${d.code} has span ${offset}+${length}` });
    } else if (offset + length > text.length) {
      violations.push({
        kind: 'span-past-end',
        detail: `${d.code} span ${offset}+${length} runs past the end (${text.length})`,
      });
    } else {
      const start = positionAt(offset);
      const end = positionAt(offset + length);
      if (
        d.range.start.line !== start.line ||
        d.range.start.character !== start.character ||
        d.range.end.line !== end.line ||
        d.range.end.character !== end.character
      ) {
        violations.push({
          kind: 'range-mismatch',
          detail: `${d.code} range ${JSON.stringify(d.range)} does not match offsets ${offset}..${offset + length} (${JSON.stringify({ start, end })})`,
        });
      }
    }
    if (d.message.length === 0) violations.push({ kind: 'no-message', detail: d.code });
  }
  return violations;
}

/**
 * Quick fixes of every diagnostic with a fixable code, and of one diagnostic per other code (those
 * give no fix; asking once per code shows they do not throw, without re-parsing the text for each
 * of a thousand syntax errors). Each fix must stay inside the text, apply, and never make the JSON
 * less readable: no more syntax errors after than before (a sound property for any input; on a
 * parseable document it means the fixed document parses too).
 */
function checkQuickFixes(
  text: string,
  diagnostics: ConnectionDiagnostic[],
): { violations: Violation[]; applied: number } {
  const violations: Violation[] = [];
  let applied = 0;
  const before = syntaxErrors(text);
  const askedCodes = new Set<string>();
  for (const d of diagnostics) {
    if (!FIXABLE_CODES.has(d.code)) {
      if (askedCodes.has(d.code)) continue;
      askedCodes.add(d.code);
    }
    let fixes: QuickFix[];
    try {
      fixes = quickFixesFor(text, d);
    } catch (error) {
      violations.push({
        kind: 'fix-throws',
        detail: `quick fixes for ${d.code} threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
      });
      continue;
    }
    for (const fix of fixes) {
      const sorted = [...fix.edits].sort((a, b) => a.offset - b.offset);
      let end = 0;
      let inBounds = true;
      for (const e of sorted) {
        inBounds &&= e.offset >= end && e.length >= 0 && e.offset + e.length <= text.length;
        end = e.offset + e.length;
      }
      if (!inBounds) {
        violations.push({
          kind: 'fix-out-of-bounds',
          detail: `fix "${fix.title}" for ${d.code}: edits ${JSON.stringify(sorted.map((e) => [e.offset, e.length]))} in a text of ${text.length}`,
        });
        continue;
      }
      const fixed = applyTextEdits(text, fix.edits);
      applied++;
      const after = syntaxErrors(fixed);
      if (after > before) {
        violations.push({
          kind: before === 0 ? 'fix-breaks-json' : 'fix-worsens-broken-json',
          detail: `fix "${fix.title}" for ${d.code} raised syntax errors from ${before} to ${after}; result ${JSON.stringify(fixed.slice(0, 300))}`,
        });
      }
      // The fixed text validates again without throwing, with sound ranges.
      try {
        violations.push(
          ...checkDocument(fixed, validateConnectionText(fixed)).map((v) => ({
            kind: v.kind,
            detail: `after fix "${fix.title}": ${v.detail}`,
          })),
        );
      } catch (error) {
        violations.push({ kind: 'validate-throws', detail: `after fix "${fix.title}": ${String(error)}` });
      }
    }
  }
  return { violations, applied };
}

/**
 * Hostile strings for one field: a long run of one character, or a long alternation of two,
 * ending in a character that almost matches. These are the shapes that make a backtracking
 * regular expression quadratic (`/^#+[^#]*#*$/` took 5 s on 80,000 `#`); random documents
 * rarely contain them, so every string field gets them here.
 */
const RUN_CHARS = [
  '#',
  '<',
  ' ',
  '.',
  ';',
  '-',
  '_',
  '"',
  '$',
  '{',
  '}',
  '@',
  ':',
  '/',
  'a',
  '0',
  '*',
  '\\',
  '\n',
  'é',
];
function hostileString(rng: Prng, a: string, alternate: boolean): (size: number) => string {
  const b = alternate ? rng.pick(RUN_CHARS) : a;
  const start = alternate ? rng.pick(['', '#', '##', '${', 'https://', '<']) : '';
  // Ends in an almost-match: another character, then the run's own again (`###…#x#y`).
  return (size) => `${start}${`${a}${b}`.repeat(size >> 1)}x${a}y`;
}

/** Paths of every string field a connection file has, and where a hostile value goes. */
const STRING_FIELDS: readonly (readonly (string | number)[])[] = [
  ['name'],
  ['strategy'],
  ['display_name'],
  ['options', 'client_id'],
  ['options', 'client_secret'],
  ['options', 'domain'],
  ['options', 'scope'],
  ['options', 'discovery_url'],
  ['options', 'issuer'],
  ['options', 'password'],
  ['enabled_clients', 0],
  ['metadata', 'k'],
  ['realms', 0],
];

function withField(path: readonly (string | number)[], value: string): Json {
  const body: Record<string, Json> = {
    ...validConnection,
    options: { ...validConnection.options, scope: 'openid profile' },
    enabled_clients: ['rpWebApp000000000000000000000000'],
  };
  let target: Record<string, Json> | Json[] = body;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i]!;
    const next: Json | undefined = (target as Record<string, Json>)[key];
    const created: Record<string, Json> | Json[] =
      next !== null && typeof next === 'object' ? next : typeof path[i + 1] === 'number' ? [] : {};
    (target as Record<string, Json>)[key] = created;
    target = created;
  }
  (target as Record<string | number, Json>)[path[path.length - 1]!] = value;
  return body;
}

/**
 * A 100 KB file validates in this time: best of five runs, so a GC pause or a busy neighbour on
 * a shared machine is not a failure (a quadratic regex takes seconds on every run).
 */
const HOSTILE_BUDGET_MS = 20;

describe('reliability: the validator on generated and mutated documents', function () {
  this.timeout(180_000);

  it(`survives ${CASES.toLocaleString('en')} documents (seed ${SEED}): no exception, no slow case, ranges inside the text, fixes that apply`, () => {
    const rng = new Prng(SEED);
    let slowest = 0;
    let diagnosticsSeen = 0;
    let fixesApplied = 0;
    const codes = new Set<string>();
    const known = new Map<string, { count: number; first: string }>();
    for (let i = 0; i < CASES; i++) {
      const where = `seed ${SEED} case ${i}`;
      const base = serialize(rng, generateBody(rng));
      const { text, big } = rng.chance(0.85) ? mutate(rng, base) : { text: base, big: false };
      const started = performance.now();
      let diagnostics: ConnectionDiagnostic[];
      try {
        diagnostics = validateConnectionText(text, rng.chance(0.2) ? { relyingPartyDomains: [rng.pick(DOMAINS)] } : {});
      } catch (error) {
        assert.fail(
          `${where}: validateConnectionText threw ${error instanceof Error ? error.stack : String(error)}\n${JSON.stringify(text.slice(0, 600))}`,
        );
      }
      const ms = performance.now() - started;
      slowest = Math.max(slowest, ms);
      assert.ok(
        ms < (big || text.length > 100_000 ? BIG_BUDGET_MS : BUDGET_MS),
        `${where}: took ${ms.toFixed(1)} ms for ${text.length} characters`,
      );
      diagnosticsSeen += diagnostics.length;
      for (const d of diagnostics) codes.add(d.code);
      const violations = checkDocument(text, diagnostics);
      // Quick fixes on every fourth document a person would edit (huge ones would only repeat the
      // same edits slowly); every fixed text is validated again, so it counts as a document too.
      if (i % 4 === 0 && text.length < 20_000) {
        const fixes = checkQuickFixes(text, diagnostics);
        violations.push(...fixes.violations);
        fixesApplied += fixes.applied;
      }
      for (const v of violations) {
        if (!KNOWN_DEFECTS.has(v.kind))
          assert.fail(
            `${where}: ${v.kind}: ${v.detail}\ntext: ${JSON.stringify(text.length > 800 ? `${text.slice(0, 400)}…${text.slice(-400)}` : text)}`,
          );
        const entry = known.get(v.kind) ?? { count: 0, first: `${where}: ${v.detail}` };
        entry.count++;
        known.set(v.kind, entry);
      }
    }
    // The generator must reach the interesting paths, or the run proves little.
    for (const code of [
      'json-syntax',
      'duplicate-key',
      'wrong-type',
      'missing-property',
      'unknown-property',
      'name-invalid',
      'domain-not-bare-host',
      'scope-missing-openid',
      'client-secret-literal',
      'enabled-client-duplicate',
      'metadata-too-many',
    ]) {
      assert.ok(codes.has(code), `no generated document produced ${code}`);
    }
    assert.ok(fixesApplied > CASES / 10, `only ${fixesApplied} quick fixes were applied`);
    console.log(
      `      ${CASES} documents, ${diagnosticsSeen} diagnostics (${codes.size} codes), ${fixesApplied} quick fixes applied; slowest ${slowest.toFixed(1)} ms`,
    );
    for (const [kind, { count, first }] of known)
      console.log(`      known defect ${kind}: ${count} times; first at ${first.slice(0, 300)}`);
  });
  it(`validates a 100 KB file with a hostile string in any field in under ${HOSTILE_BUDGET_MS} ms`, () => {
    const rng = new Prng(SEED + 12);
    validateConnectionText(JSON.stringify(withField(['options', 'scope'], 'openid '.repeat(10_000)))); // warm the JIT up
    // On a machine shared by several test runs (load of 12 on 2 cores was seen) a plain 100 KB file
    // can itself take most of 20 ms; the budget grows with what a benign file of that size takes
    // right now (best of five), never below 20 ms. A quadratic case takes seconds either way.
    // Baselines: 100 KB of varied (not repeated) text in a harmless field and in the name, whose
    // diagnostics are the costliest path; the slower of the two counts.
    const varied = new Prng(SEED + 1212).string('abcdefghij-_.#<> "\\é0123456789', 95_000, 95_000);
    let benignMs = 0;
    for (const path of [['display_name'], ['name']] as const) {
      const benign = JSON.stringify(withField(path, varied));
      let best = Number.POSITIVE_INFINITY;
      for (let run = 0; run < 5; run++) {
        const started = performance.now();
        validateConnectionText(benign, { relyingPartyDomains: ['rp.example'] });
        best = Math.min(best, performance.now() - started);
      }
      benignMs = Math.max(benignMs, best);
    }
    const budget = Math.max(HOSTILE_BUDGET_MS, 4 * benignMs);
    let slowest = 0;
    for (const path of STRING_FIELDS) {
      for (const [round, a] of [...RUN_CHARS, ...RUN_CHARS].entries()) {
        // As long as fits a 100 KB file once escaped (`\n` and `"` take two characters).
        const make = hostileString(rng, a, round >= RUN_CHARS.length);
        const perChar = JSON.stringify(make(1000)).length / 1000;
        const text = JSON.stringify(withField(path, make(Math.floor(99_000 / perChar))));
        assert.ok(text.length > 95_000 && text.length <= 100_000, `document of ${text.length} characters`);
        let best = Number.POSITIVE_INFINITY;
        // Up to 30 tries, so a burst of other processes on a shared machine is waited out; a run over a
        // second is a broken validator, not noise, and ends the tries.
        for (let run = 0; run < 30 && (run === 0 || (best >= budget && best < 1000)); run++) {
          const started = performance.now();
          validateConnectionText(text, { relyingPartyDomains: ['rp.example'] });
          best = Math.min(best, performance.now() - started);
        }
        if (process.env.FUZZ_DEBUG && best > 3)
          console.log(`        ${best.toFixed(1)} ms ${path.join('.')} ${JSON.stringify(text.slice(0, 160))}`);
        slowest = Math.max(slowest, best);
        assert.ok(
          best < budget,
          `budget ${budget.toFixed(1)} ms: ${path.join('.')} = ${JSON.stringify(text.slice(0, 80))}… (${text.length} characters) took ${best.toFixed(1)} ms`,
        );
      }
    }
    console.log(
      `      ${STRING_FIELDS.length * RUN_CHARS.length * 2} hostile documents of 100 KB; slowest ${slowest.toFixed(1)} ms; budget ${budget.toFixed(1)} ms (a varied 100 KB file took ${benignMs.toFixed(1)} ms)`,
    );
  });
});
