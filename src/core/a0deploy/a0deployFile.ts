/**
 * auth0-deploy-cli (a0deploy) repositories understood in place: the auth0-oidc and oidc entries of
 * its YAML format (the `connections:` list of tenant.yaml) and of its directory format
 * (`connections/NAME.json`), checked with the connection file's rules at their own positions.
 *
 * What differs from the extension's own files, from a0deploy's sources (src/tools/utils.ts,
 * src/tools/auth0/handlers/connections.ts):
 * - a0deploy replaces `##KEY##` (in strings) and `@@KEY@@` (a whole value, JSON-encoded) from
 *   AUTH0_KEYWORD_REPLACE_MAPPINGS anywhere in the file before reading it, so a value holding a
 *   keyword is not judged: only its replacement could be.
 * - `enabled_clients` lists application names, which a0deploy maps to client ids
 *   (convertClientNameToId, which keeps a value that is no name: an id works too); the id rules do
 *   not apply, and names are checked against the tenant by the editor (unknownApplicationNames).
 */
import { type Node, parseTree } from 'jsonc-parser';
import { parseDocument, isMap, isScalar, isSeq, Scalar } from 'yaml';
import type { ConnectionDiagnostic, OffsetSpan, Range } from '../connectionFile/diagnostic';
import { AUTH0_OIDC_STRATEGY, OIDC_STRATEGY } from '../connectionFile/connectionModel';
import { LineIndex } from '../connectionFile/lineIndex';
import { MAX_CONNECTION_FILE_CHARS } from '../connectionFile/parseLimits';
import { valueOfTree } from '../connectionFile/jsonTree';
import { validateConnectionNode, validateConnectionTree } from '../connectionFile/validate';
import { hasA0DeployKeyword } from './a0deployKeywords';
import { yamlToTree } from './yamlTree';

import type { A0DeployFormat } from './a0deployPath';

export { a0deployFormatOf, type A0DeployFormat } from './a0deployPath';

/** The strategies whose entries the extension reads; every other connection is left alone. */
const STRATEGIES: readonly string[] = [AUTH0_OIDC_STRATEGY, OIDC_STRATEGY];

/**
 * A bare `@@KEY@@` in JSON (not quoted): a0deploy replaces it before JSON.parse sees it. Its key
 * follows a0deploy's rule (a0deployKeywords.ts): no quote or backslash, so `"@KEY@"` is a string.
 */
const BARE_ARRAY_KEYWORD = /(?<!["'])@@([^@\r\n"'\\]+)@@(?!["'])/g;
/** What a bare `@@KEY@@` reads as meanwhile. */
const BARE_STAND_IN = /^@([^@\r\n"'\\]+)@$/;

/** Rules that do not hold in a0deploy files: enabled_clients holds names, handled by a0deploy itself. */
const NOT_IN_A0DEPLOY = new Set(['enabled-client-malformed', 'enabled-clients-endpoint']);

export interface EnabledClientName {
  readonly name: string;
  readonly span: OffsetSpan;
}

export interface A0DeployEntry {
  /** The connection's name, when it is a string. */
  readonly name: string | undefined;
  readonly strategy: typeof AUTH0_OIDC_STRATEGY | typeof OIDC_STRATEGY;
  /** The entry's object in the file (for the CodeLens and the entry's commands). */
  readonly span: OffsetSpan;
  readonly range: Range;
  /** The connection as written (keywords not replaced): name, strategy, options, enabled_clients, ... */
  readonly connection: Readonly<Record<string, unknown>>;
  /** The names (or ids) in enabled_clients that hold no keyword, for the check against the tenant. */
  readonly enabledClients: readonly EnabledClientName[];
  /** The connection file rules' findings on this entry, in the file's positions. */
  readonly diagnostics: readonly ConnectionDiagnostic[];
  /** options.client_secret as written and where its value is; undefined when options has none. */
  readonly clientSecret: { readonly value: unknown; readonly span: OffsetSpan } | undefined;
}

export interface A0DeployReading {
  readonly entries: readonly A0DeployEntry[];
  /** The entries' diagnostics and those of the file itself (a YAML or JSON syntax error), in text order. */
  readonly diagnostics: readonly ConnectionDiagnostic[];
}

const NOTHING: A0DeployReading = { entries: [], diagnostics: [] };

export function readA0DeployFile(text: string, format: A0DeployFormat): A0DeployReading {
  // A file past the connection file's size limit is read by no rule (tenant.yaml of a big tenant is far below).
  if (text.length > MAX_CONNECTION_FILE_CHARS) return NOTHING;
  try {
    return format === 'yaml' ? readYaml(text) : readDirectoryFile(text);
  } catch (error) {
    // The YAML parser recurses per nesting level: absurd nesting is read as nothing, as for JSON.
    if (error instanceof RangeError) return NOTHING;
    throw error;
  }
}

function readYaml(text: string): A0DeployReading {
  const lines = new LineIndex(text);
  const document = parseDocument(text, { prettyErrors: false, uniqueKeys: false });
  const fileDiagnostics: ConnectionDiagnostic[] = document.errors.map((error) => {
    const [start, end] = error.pos;
    return {
      code: 'json-syntax',
      severity: 'error',
      message: `a0deploy cannot read this YAML: ${firstLine(error.message)}`,
      span: { offset: start, length: end - start },
      range: { start: lines.positionAt(start), end: lines.positionAt(end) },
    };
  });
  const connections = isMap(document.contents) ? document.contents.get('connections', true) : undefined;
  const entries: A0DeployEntry[] = [];
  if (isSeq(connections)) {
    for (const item of connections.items) {
      if (!isMap(item)) continue;
      const strategy = item.get('strategy', true);
      if (!isScalar(strategy) || !STRATEGIES.includes(String(strategy.value))) continue;
      const { root, plainScalars } = yamlToTree(item, item.range?.[0] ?? 0);
      const raw = validateConnectionNode(text, root);
      entries.push(entryOf(text, lines, root, raw, plainScalars));
    }
  }
  return { entries, diagnostics: sortByOffset([...fileDiagnostics, ...entries.flatMap((e) => e.diagnostics)]) };
}

function readDirectoryFile(text: string): A0DeployReading {
  // `"enabled_clients": @@APPS@@` is no JSON until a0deploy replaces it: read it as the string
  // "@APPS@", of the same length, so every offset stays the file's.
  const readable = readableJson(text);
  const root = parseTree(readable, [], { disallowComments: true });
  if (root?.type !== 'object') return NOTHING;
  const strategy: unknown = propertyValue(root, 'strategy')?.value;
  if (typeof strategy !== 'string' || !STRATEGIES.includes(strategy)) return NOTHING;
  const { diagnostics: raw, tree } = validateConnectionTree(readable);
  if (!tree) return NOTHING;
  const read = entryOf(readable, new LineIndex(text), tree, raw, []);
  // The connection gets its keywords back as written, `@@APPS@@`, for what replaces them (Deploy).
  const bare = new Set([...text.matchAll(BARE_ARRAY_KEYWORD)].map((m) => m[1]!));
  const entry = bare.size > 0 ? { ...read, connection: withBareKeywords(read.connection, bare) } : read;
  return { entries: [entry], diagnostics: entry.diagnostics };
}

/**
 * A connections/NAME.json file as JSON: each bare `@@KEY@@` as the string `"@KEY@"`, of the same
 * length, so every offset stays the file's.
 */
export function readableJson(text: string): string {
  return text.replace(BARE_ARRAY_KEYWORD, (_match, key: string) => `"@${key}@"`);
}

/** Each `"@KEY@"` that stood for a bare `@@KEY@@` of the file, as the keyword again. */
function withBareKeywords(connection: Readonly<Record<string, unknown>>, keys: ReadonlySet<string>) {
  const restore = (value: unknown): unknown => {
    if (typeof value === 'string') {
      const key = BARE_STAND_IN.exec(value)?.[1];
      return key !== undefined && keys.has(key) ? `@@${key}@@` : value;
    }
    if (Array.isArray(value)) return value.map(restore);
    if (typeof value === 'object' && value !== null)
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, restore(v)]));
    return value;
  };
  return restore(connection) as Readonly<Record<string, unknown>>;
}

function entryOf(
  text: string,
  lines: LineIndex,
  root: Node,
  raw: readonly ConnectionDiagnostic[],
  plainScalars: readonly (readonly [number, number])[],
): A0DeployEntry {
  const keywordSpans = stringNodes(root)
    .filter((n) => hasA0DeployKeyword(text.slice(n.offset, n.offset + n.length)) || BARE_STAND_IN.test(String(n.value)))
    .map((n) => [n.offset, n.offset + n.length] as const);
  const inKeyword = (span: OffsetSpan) =>
    keywordSpans.some(([start, end]) => span.offset >= start && span.offset + span.length <= end);
  const diagnostics = raw
    .filter((d) => !NOT_IN_A0DEPLOY.has(d.code) && !inKeyword(d.span))
    .map((d) => shiftPlainScopeToken(d, plainScalars, lines));
  const connection = valueOfTree(root) as Record<string, unknown>;
  const enabled = propertyValue(root, 'enabled_clients');
  const enabledClients: EnabledClientName[] =
    enabled?.type === 'array'
      ? (enabled.children ?? [])
          .filter((n) => n.type === 'string' && !inKeyword(n))
          .map((n) => ({ name: n.value as string, span: { offset: n.offset, length: n.length } }))
      : [];
  // The validator checks repeats only among well-formed ids; names have spaces, so they are checked here.
  const seen = new Set<string>();
  for (const client of enabledClients) {
    if (
      seen.has(client.name) &&
      !diagnostics.some((d) => d.code === 'enabled-client-duplicate' && d.span.offset === client.span.offset)
    )
      diagnostics.push({
        code: 'enabled-client-duplicate',
        severity: 'warning',
        message: `"${client.name}" is listed twice in "enabled_clients"; remove the repeat.`,
        span: client.span,
        range: {
          start: lines.positionAt(client.span.offset),
          end: lines.positionAt(client.span.offset + client.span.length),
        },
      });
    seen.add(client.name);
  }
  diagnostics.sort((a, b) => a.span.offset - b.span.offset);
  const options = propertyValue(root, 'options');
  const secret = options?.type === 'object' ? propertyValue(options, 'client_secret') : undefined;
  return {
    name: typeof connection['name'] === 'string' ? connection['name'] : undefined,
    strategy: connection['strategy'] === OIDC_STRATEGY ? OIDC_STRATEGY : AUTH0_OIDC_STRATEGY,
    span: { offset: root.offset, length: root.length },
    range: { start: lines.positionAt(root.offset), end: lines.positionAt(root.offset + root.length) },
    connection,
    enabledClients,
    diagnostics,
    clientSecret: secret && {
      value: secret.type === 'string' ? secret.value : valueOfTree(secret),
      span: { offset: secret.offset, length: secret.length },
    },
  };
}

/**
 * The validator places a scope's words after the opening quote; a plain YAML scalar has none, so
 * its words start one character earlier.
 */
function shiftPlainScopeToken(
  d: ConnectionDiagnostic,
  plainScalars: readonly (readonly [number, number])[],
  lines: LineIndex,
): ConnectionDiagnostic {
  if (d.code !== 'scope-unknown' && d.code !== 'scope-duplicate') return d;
  const start = d.span.offset - 1;
  if (!plainScalars.some(([from, to]) => start >= from && start < to)) return d;
  const span = { offset: start, length: d.span.length };
  return { ...d, span, range: { start: lines.positionAt(start), end: lines.positionAt(start + span.length) } };
}

/** The tenant's applications as far as enabled_clients needs them. */
export interface TenantApplication {
  readonly client_id: string;
  readonly name?: string;
}

/**
 * The entries of enabled_clients that are neither the name nor the client id of one of the
 * tenant's applications: a0deploy would send them as they are, and Auth0 would reject the id.
 */
export function unknownApplicationNames(
  text: string,
  entry: A0DeployEntry,
  apps: readonly TenantApplication[],
  tenantName: string,
): ConnectionDiagnostic[] {
  const known = new Set(apps.flatMap((a) => (a.name !== undefined ? [a.name, a.client_id] : [a.client_id])));
  const lines = new LineIndex(text);
  return entry.enabledClients
    .filter((c) => !known.has(c.name))
    .map((c) => ({
      code: 'enabled-client-unknown',
      severity: 'warning',
      message: `${tenantName} has no application named "${c.name}": a0deploy maps enabled_clients names to client ids, and would send this one unchanged. Check the spelling (names are case-sensitive).`,
      span: c.span,
      range: { start: lines.positionAt(c.span.offset), end: lines.positionAt(c.span.offset + c.span.length) },
    }));
}

function propertyValue(object: Node, key: string): Node | undefined {
  return object.children?.find((p) => p.children?.[0]?.value === key)?.children?.[1];
}

function stringNodes(node: Node): Node[] {
  const found: Node[] = [];
  const stack = [node];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (next.type === 'string') found.push(next);
    if (next.children) stack.push(...next.children);
  }
  return found;
}

function sortByOffset(diagnostics: ConnectionDiagnostic[]): ConnectionDiagnostic[] {
  return diagnostics.sort((a, b) => a.span.offset - b.span.offset);
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

/** Where an application name goes in enabled_clients: the text to replace, and whether it is inside quotes. */
export interface NameSlot {
  readonly replace: OffsetSpan;
  readonly quoted: boolean;
}

/**
 * The enabled_clients item of a tenant.yaml auth0-oidc/oidc entry that `offset` is on (a name
 * being typed, or a fresh `- `), for the completion of application names; undefined elsewhere.
 */
export function enabledClientSlotAt(text: string, offset: number): NameSlot | undefined {
  if (text.length > MAX_CONNECTION_FILE_CHARS) return undefined;
  let document;
  try {
    document = parseDocument(text, { uniqueKeys: false });
  } catch {
    return undefined;
  }
  const connections = isMap(document.contents) ? document.contents.get('connections', true) : undefined;
  if (!isSeq(connections)) return undefined;
  for (const item of connections.items) {
    if (!isMap(item)) continue;
    const strategy = item.get('strategy', true);
    if (!isScalar(strategy) || !STRATEGIES.includes(String(strategy.value))) continue;
    const enabled = item.get('enabled_clients', true);
    if (!isSeq(enabled) || !enabled.range || offset < enabled.range[0] || offset > enabled.range[2]) continue;
    for (const name of enabled.items) {
      if (!isScalar(name) || !name.range) continue;
      const [start, end] = name.range;
      if (offset < start || offset > end) continue;
      const quoted = name.type === Scalar.QUOTE_DOUBLE || name.type === Scalar.QUOTE_SINGLE;
      if (start === end) break;
      return quoted
        ? { replace: { offset: start + 1, length: Math.max(0, end - start - 2) }, quoted }
        : { replace: { offset: start, length: end - start }, quoted };
    }
    // A fresh "- " on its own line.
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    if (/^\s*-\s*$/.test(text.slice(lineStart, offset))) return { replace: { offset, length: 0 }, quoted: false };
  }
  return undefined;
}
