/**
 * Diagnostics for a connection file, computed from its text alone: the checks the JSON schema
 * makes (so the CLI gives the same verdicts without VS Code) and those a schema cannot express.
 * Pure and total: any text, however broken or large, gives diagnostics and never throws.
 */
import { MAX_CONNECTION_FILE_CHARS, MAX_NESTING_DEPTH, nestingDeeperThan } from './parseLimits';
import { OIDC_URL_OPTIONS, providerHostsOf, strayProviderHosts } from './providerHosts';
import { type Node, type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';
import type { ConnectionDiagnostic, DiagnosticCode, OffsetSpan, Severity } from './diagnostic';
import {
  API_TOP_LEVEL_PROPERTIES,
  AUTH0_OIDC_STRATEGY,
  FILE_ONLY_PROPERTIES,
  KNOWN_SCOPES,
  OIDC_STRATEGY,
  connectionNameProblem,
  strategyOfFileName,
} from './connectionModel';
import { isLoopbackHost } from '../auth0Api/loopbackHost';
import { oidcOptionProblems } from './oidcOptionRules';
import { isMalformedPlaceholder, isPlaceholder } from './placeholders';
import { isSecretKey } from '../secrets';
import { bareHostFrom, hostProblem } from './host';
import {
  KIND_BOOLEAN as BOOLEAN_KIND,
  KIND_MASK as MASK_OF_KIND,
  KIND_NULL as NULL_KIND,
  KIND_STRING as STRING_KIND,
  KEY_ESCAPED as ESCAPED_KEY,
  VALUE_ESCAPED as ESCAPED_VALUE,
  TYPE_OF_KIND as TYPES_OF_KINDS,
  parseJson,
  parseJsonWithin,
  tapeOfTree,
  type JsonTape,
  type ParsedJson,
  type TapeLevel,
} from './jsonTree';
import {
  HashIndex,
  hashChars as hashOfChars,
  hashEnd as endOfHash,
  hashStart as startOfHash,
  hashStep as stepOfHash,
} from './hashIndex';
import { LineIndex } from './lineIndex';
import { RepeatFinder } from './repeatFinder';

export interface ValidationContext {
  /** Domains of the Relying Party tenants the user has configured, for `domain-is-relying-party`. */
  readonly relyingPartyDomains?: readonly string[];
  /** The file's name or path: `*.oidc-connection.json` must hold an `oidc` connection, the others `auth0-oidc`. */
  readonly fileName?: string;
}

/**
 * Beyond this many, more diagnostics only slow the editor down; the first ones say enough. The
 * last place goes to `more-problems`, which counts the rest and carries the worst severity among
 * them, so a file whose unlisted problems include an error is still refused.
 */
export const MAX_DIAGNOSTICS = 1000;

/**
 * How deep the validator's tape is recorded (parseJson's expandDepth): the root and its values
 * (options, enabled_clients, metadata...) get children, whose records give type and scalar value;
 * anything deeper (options.oidc_metadata's keys, an array inside metadata) is checked as JSON but
 * not recorded, so its size costs a scan and nothing more. A rule that reads deeper raises this to 3.
 */
const TREE_EXPAND_DEPTH = 2;

/** A message, or how to write it: built only when the diagnostic is listed (a 1 MB file may hold 100,000). */
type Message = string | (() => string);

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { hint: 0, information: 1, warning: 2, error: 3 };

const DEPRECATION_HREF = 'https://auth0.com/docs/authenticate/identity-providers/enterprise-identity-providers/oidc';
const ENABLED_CLIENTS_HREF =
  'https://auth0.com/docs/troubleshoot/product-lifecycle/deprecations-and-migrations/migrate-dedicated-connection-endpoints';

// Module constants, read once: an imported binding costs a getter call per read once compiled to
// CommonJS (tsx, mocha), and the loops over 500,000 items read them for every item.
const KIND_BOOLEAN = BOOLEAN_KIND;
const KIND_MASK = MASK_OF_KIND;
const KIND_NULL = NULL_KIND;
const KIND_STRING = STRING_KIND;
const KEY_ESCAPED = ESCAPED_KEY;
const VALUE_ESCAPED = ESCAPED_VALUE;
const TYPE_OF_KIND = TYPES_OF_KINDS;
const hashChars = hashOfChars;
const hashStart = startOfHash;
const hashStep = stepOfHash;
const hashEnd = endOfHash;

const CLIENT_ID_MAX_LENGTH = 128;
/** The characters of a client ID (letters, digits, ".", "_" and "-"), by code unit. */
const CLIENT_ID_CHAR = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-')
  CLIENT_ID_CHAR[c.charCodeAt(0)] = 1;

type JsonType = 'string' | 'number' | 'boolean' | 'object' | 'array' | 'null';

/**
 * A value a rule reads by name ("options", "options.domain"...): its type, span and scalar value,
 * and its record on the tape (level `depth`, `index`) for its entries. Long lists are never read as
 * Values, but record by record (see Props and checkEnabledClients).
 */
interface Value {
  readonly type: Node['type'];
  readonly offset: number;
  readonly length: number;
  readonly value: unknown;
  readonly depth: number;
  readonly index: number;
}

/** The entries of a container: records first..first+count-1 of `level`. */
interface Entries {
  readonly level: TapeLevel;
  readonly depth: number;
  readonly first: number;
  readonly count: number;
}

export function validateConnectionText(text: string, context: ValidationContext = {}): ConnectionDiagnostic[] {
  return new Validator(text, context).run();
}

/** The diagnostics with what the validator read to make them, for readConnectionFile. */
export interface ValidatedText {
  readonly diagnostics: readonly ConnectionDiagnostic[];
  /**
   * The whole JSON tree, recovered from syntax errors; undefined when none could be read (empty,
   * nested too deeply). The validator reads only two levels of plain JSON: the whole tree is built
   * on first use, for the callers that walk it (auth0-deploy-cli's files).
   */
  readonly tree: Node | undefined;
  /** JSON.parse's value, when the text is plain JSON. */
  readonly json: { readonly value: unknown } | undefined;
}

export function validateConnectionTree(text: string, context: ValidationContext = {}): ValidatedText {
  const validator = new Validator(text, context);
  const diagnostics = validator.run();
  // The validator read plain JSON from a two-level tape; anything else from a whole tree.
  return new Validated(text, diagnostics, validator.json, validator.json === undefined ? validator.tree : undefined);
}

/** A class, not an object literal with a getter (see jsonTree.ts, Scanned). */
class Validated implements ValidatedText {
  private built: boolean;

  constructor(
    private readonly text: string,
    readonly diagnostics: readonly ConnectionDiagnostic[],
    readonly json: ParsedJson | undefined,
    private whole: Node | undefined,
  ) {
    this.built = json === undefined;
  }

  get tree(): Node | undefined {
    if (!this.built) {
      this.built = true;
      this.whole = parseJson(this.text)?.tree;
    }
    return this.whole;
  }
}

/**
 * The rules for a connection already read as a tree whose offsets point into `text` (an entry of
 * an auth0-deploy-cli tenant.yaml, src/core/a0deploy): no parse, only the connection's checks.
 */
export function validateConnectionNode(
  text: string,
  root: Node,
  context: ValidationContext = {},
): ConnectionDiagnostic[] {
  return new Validator(text, context).runOn(root);
}

class Validator {
  private readonly diagnostics: ConnectionDiagnostic[] = [];
  private readonly lines: LineIndex;
  /** What run() read: the tree (anything but plain JSON), or JSON.parse's value for plain JSON. */
  tree: Node | undefined;
  json: ParsedJson | undefined;
  /** What the rules read: the tape of the text's plain JSON, or of the tree's first levels. */
  private tape: JsonTape | undefined;
  /** The body is an OIDC enterprise connection (strategy `oidc`): its options differ. */
  private oidc = false;
  /** Problems past MAX_DIAGNOSTICS - 1: how many, the worst severity, where the first one is. */
  private unlisted: { count: number; errors: number; severity: Severity; span: OffsetSpan } | undefined;

  constructor(
    private readonly text: string,
    private readonly context: ValidationContext,
  ) {
    this.lines = new LineIndex(text);
  }

  run(): ConnectionDiagnostic[] {
    this.check();
    return this.finish();
  }

  /** The list in the order of the text, with the count of the unlisted ones when there are any. */
  private finish(): ConnectionDiagnostic[] {
    const unlisted = this.unlisted;
    if (unlisted) {
      this.diagnostics.push(
        this.diagnostic(
          'more-problems',
          unlisted.severity,
          `${unlisted.count.toLocaleString('en')} more problems (${unlisted.errors.toLocaleString('en')} of them errors) are not listed: only the first ${(MAX_DIAGNOSTICS - 1).toLocaleString('en')} are. The first unlisted one is here; fix the listed ones and the rest appear.`,
          unlisted.span,
        ),
      );
    }
    return this.diagnostics.sort((a, b) => a.span.offset - b.span.offset);
  }

  private check(): void {
    if (this.text.trim().length === 0) {
      this.fileError(
        'empty-file',
        'The file is empty. Run "Auth0 OIDC: New Connection File", or type { and pick the "New auth0-oidc connection" snippet.',
      );
      return;
    }
    if (this.text.length > MAX_CONNECTION_FILE_CHARS)
      return this.fileError(
        'file-too-large',
        `The file has ${this.text.length.toLocaleString('en')} characters; a connection file is a few kilobytes, and files over ${MAX_CONNECTION_FILE_CHARS.toLocaleString('en')} are not read (nothing is validated, deployed or sent).`,
      );
    // Plain JSON (nearly every file) gets the fast tape, whose scan also measures the nesting; for
    // anything else nestingDeeperThan does, before jsonc-parser (which recurses) reads it.
    const scanned = parseJsonWithin(this.text, TREE_EXPAND_DEPTH, MAX_NESTING_DEPTH);
    if (scanned === 'too-deep' || (scanned === undefined && nestingDeeperThan(this.text, MAX_NESTING_DEPTH)))
      return this.fileError(
        'nesting-too-deep',
        `The JSON nests more than ${MAX_NESTING_DEPTH} levels deep, so it is not read. A connection file is an object with "options" inside it.`,
      );
    if (scanned) {
      this.json = scanned;
      this.tape = scanned.tape;
      const root = this.valueAt(0, 0);
      if (root.type !== 'object') return this.notAnObject(root);
      return this.checkConnection(root);
    }
    // Anything but plain JSON gets jsonc-parser's tree, with its errors.
    const errors: ParseError[] = [];
    let root: Node | undefined;
    try {
      root = parseTree(this.text, errors, {
        disallowComments: true,
        allowTrailingComma: false,
        allowEmptyContent: false,
      });
    } catch (error) {
      // The parser recurses per nesting level; absurd nesting overflows the stack. Say so instead.
      if (!(error instanceof RangeError)) throw error;
      return this.fileError(
        'json-syntax',
        'The JSON is nested too deeply to read. A connection file is a flat object with "options" inside it.',
      );
    }
    for (const error of errors) {
      this.report(
        'json-syntax',
        'error',
        `${describeParseError(printParseErrorCode(error.error))} The file must be plain JSON, as the Management API reads it.`,
        { offset: error.offset, length: error.length },
      );
    }
    this.tree = root;
    if (!root) return;
    if (root.type !== 'object') return this.notAnObject(root);
    this.checkTree(root);
  }

  private notAnObject(root: { readonly type: Node['type']; readonly offset: number; readonly length: number }): void {
    this.report(
      'not-an-object',
      'error',
      `The file must hold one JSON object (the connection), not ${article(root.type)}.`,
      spanOf(root),
    );
  }

  runOn(root: Node): ConnectionDiagnostic[] {
    this.tree = root;
    this.checkTree(root);
    return this.finish();
  }

  /** The rules on a tree's object: read through a tape of its first levels, as plain JSON is. */
  private checkTree(root: Node): void {
    this.tape = tapeOfTree(this.text, root, TREE_EXPAND_DEPTH);
    this.checkConnection(this.valueAt(0, 0));
  }

  private checkConnection(root: Value): void {
    const props = this.properties(root);
    const tape = this.tape!;
    for (let k = 0; k < props.size; k++) {
      const at = props.winners[k]!;
      if (
        !props.keyIn(at, TOP_LEVEL_KEYS) &&
        !this.countedPastList('error', props.keyOffset(at), props.keyLength(at))
      ) {
        this.reportAt(
          'unknown-property',
          'error',
          () =>
            `Auth0 rejects unknown properties: remove "${truncate(tape.key(props.level, at))}". A connection body takes ${API_TOP_LEVEL_PROPERTIES.map((p) => `"${p}"`).join(', ')}.`,
          props.keyOffset(at),
          props.keyLength(at),
        );
      }
    }
    const openingBrace: OffsetSpan = { offset: root.offset, length: 1 };
    for (const required of ['name', 'strategy', 'options']) {
      if (!props.has(required))
        this.report('missing-property', 'error', `Add "${required}": ${REQUIRED_HINT[required]}`, openingBrace);
    }

    const name = this.valueOf(props, 'name');
    const nameValue = name && this.stringValue(name, '"name"');
    if (name && nameValue !== undefined) this.checkName(name, nameValue);

    const strategy = this.valueOf(props, 'strategy');
    // The file name says which body this is; without one (a pasted text, the CLI's stdin) the
    // strategy written in the file does, among the two the extension handles.
    const expected = this.context.fileName !== undefined ? strategyOfFileName(this.context.fileName) : undefined;
    // The options are checked as the body the file is meant to hold.
    this.oidc = expected !== undefined ? expected === OIDC_STRATEGY : strategy?.value === OIDC_STRATEGY;
    if (strategy && this.stringValue(strategy, '"strategy"') !== undefined) {
      const allowed = expected !== undefined ? [expected] : [AUTH0_OIDC_STRATEGY, OIDC_STRATEGY];
      if (!allowed.includes(strategy.value as string)) {
        this.report(
          'strategy-invalid',
          'error',
          expected === OIDC_STRATEGY
            ? `"strategy" must be "${OIDC_STRATEGY}" in a *.oidc-connection.json file.`
            : `"strategy" must be "${AUTH0_OIDC_STRATEGY}" for this file (an OIDC enterprise connection, strategy "${OIDC_STRATEGY}", goes in NAME.oidc-connection.json); other strategies need another kind of body.`,
          spanOf(strategy),
        );
      } else if (strategy.value === AUTH0_OIDC_STRATEGY) {
        this.report(
          'strategy-deprecated',
          'information',
          'Auth0 documents the auth0-oidc strategy as deprecated (it needs the legacy user profile) and recommends the OIDC enterprise connection (strategy "oidc"). It still works; plan the move when you can.',
          spanOf(strategy),
          DEPRECATION_HREF,
        );
      }
    }

    const displayName = this.valueOf(props, 'display_name');
    const displayNameValue = displayName && this.stringValue(displayName, '"display_name"');
    if (displayName && displayNameValue !== undefined)
      this.checkMaxLength(displayName, displayNameValue, '"display_name"', 128);

    const options = this.valueOf(props, 'options');
    if (options && this.expectType(options, 'object', '"options"'))
      this.checkOptions(props.keySpan('options'), options);

    const enabled = this.valueOf(props, 'enabled_clients');
    if (enabled && this.expectType(enabled, 'array', '"enabled_clients"'))
      this.checkEnabledClients(props.keySpan('enabled_clients'), enabled);

    for (const flag of ['is_domain_connection', 'show_as_button']) {
      const node = this.valueOf(props, flag);
      if (node) this.expectType(node, 'boolean', `"${flag}"`);
    }
    const realms = this.valueOf(props, 'realms');
    if (realms && this.expectType(realms, 'array', '"realms"')) {
      const { level, first, count } = this.entries(realms);
      let unlistedErrors = 0;
      for (let i = first; i < first + count; i++) {
        if (this.unlisted && (level.kind[i]! & KIND_MASK) !== KIND_STRING) unlistedErrors++;
        else this.expectKind(level, i, KIND_STRING, 'Each realm');
      }
      this.unlistErrors(unlistedErrors);
    }
    const metadata = this.valueOf(props, 'metadata');
    if (metadata && this.expectType(metadata, 'object', '"metadata"')) this.checkMetadata(metadata);
    for (const purpose of ['authentication', 'connected_accounts']) {
      const value = this.valueOf(props, purpose);
      if (value && this.expectType(value, 'object', `"${purpose}"`))
        this.checkPurpose(purpose, props.keySpan(purpose), value);
    }
  }

  private checkName(name: Value, value: string): void {
    const problem = connectionNameProblem(value);
    if (problem) this.report('name-invalid', 'error', `Invalid connection name. ${problem}`, spanOf(name));
  }

  private checkOptions(optionsKey: OffsetSpan, options: Value): void {
    const props = this.properties(options);
    const tape = this.tape!;
    // An oidc body names its provider by discovery_url (and its channel by type); a front channel needs no secret.
    const requiredOptions = this.oidc
      ? [
          'type',
          'discovery_url',
          'client_id',
          ...(this.valueOf(props, 'type')?.value === 'front_channel' ? [] : ['client_secret']),
        ]
      : ['client_id', 'client_secret', 'domain'];
    for (const required of requiredOptions) {
      if (!props.has(required))
        this.report('missing-property', 'error', `Add "options.${required}": ${REQUIRED_HINT[required]}`, optionsKey);
    }
    if (this.oidc) this.checkOidcOptions(props);
    if (this.oidc)
      for (const p of oidcOptionProblems(new PropsValues(props)))
        this.report(p.code, p.severity, p.message, p.option ? spanOf(this.valueOf(props, p.option)!) : optionsKey);
    const clientId = this.valueOf(props, 'client_id');
    const clientIdValue = clientId && this.nonEmptyStringValue(clientId, '"options.client_id"');
    if (clientId && clientIdValue !== undefined) {
      if (!isWellFormedClientId(clientIdValue)) {
        this.report(
          'client-id-malformed',
          'error',
          `"${truncate(clientIdValue)}" is not a client ID: copy the Client ID of the provider application (letters, digits, "-", "_" and ".", no spaces).`,
          spanOf(clientId),
        );
      }
    }
    const secret = this.valueOf(props, 'client_secret');
    const secretValue = secret && this.nonEmptyStringValue(secret, '"options.client_secret"');
    if (secret && secretValue !== undefined) {
      if (isMalformedPlaceholder(secretValue)) {
        // The value is not quoted: it may be the secret itself.
        this.report(
          'placeholder-malformed',
          'error',
          'This looks like a placeholder but is not one: write ##NAME## with capital letters, digits and "_" (for example ##PARTNER_CLIENT_SECRET##).',
          spanOf(secret),
        );
      } else if (!isPlaceholder(secretValue)) {
        this.report(
          'client-secret-literal',
          'warning',
          "The client secret is written in the file, where it can end up in version control. Move it into VS Code's secret storage and keep a ##PLACEHOLDER## here.",
          spanOf(secret),
        );
      }
    }
    const level = props.level;
    for (let k = 0; k < props.size; k++) {
      const at = props.winners[k]!;
      // A string between ## and ##, then only the option's name: no string or regex per option.
      if ((level.kind[at]! & KIND_MASK) !== KIND_STRING) continue;
      tape.stringChars(level, at);
      if (!enclosedInHashes(tape.chars, tape.from, tape.to)) continue;
      if (!/^##.*##$/.test(tape.string(level, at))) continue;
      const option = tape.key(level, at);
      if (isSecretKey(option) || this.countedPastList('error', level.start[at]!, level.end[at]! - level.start[at]!))
        continue;
      this.reportAt(
        'placeholder-outside-secret',
        'error',
        () =>
          `Placeholders are only filled in for secret options such as client_secret; "options.${truncate(option)}" would be sent as written. Put the value itself here.`,
        level.start[at]!,
        level.end[at]! - level.start[at]!,
      );
    }
    const domain = this.oidc ? undefined : this.valueOf(props, 'domain');
    const domainValue = domain && this.nonEmptyStringValue(domain, '"options.domain"');
    if (domain && domainValue !== undefined) this.checkDomain(domain, domainValue);
    const scope = this.valueOf(props, 'scope');
    const scopeValue = scope && this.stringValue(scope, '"options.scope"');
    if (scope && scopeValue !== undefined) this.checkScope(scope, scopeValue);
  }

  /** An `oidc` body's own options (Auth0's ConnectionOptionsOIDC): the channel and the provider's URLs. */
  private checkOidcOptions(props: Props): void {
    const type = this.valueOf(props, 'type');
    const typeValue = type && this.stringValue(type, '"options.type"');
    if (type && typeValue !== undefined && typeValue !== 'back_channel' && typeValue !== 'front_channel')
      this.report(
        'value-invalid',
        'error',
        '"options.type" must be "back_channel" (the code exchanged with the client secret) or "front_channel".',
        spanOf(type),
      );
    for (const option of OIDC_URL_OPTIONS) {
      const node = this.valueOf(props, option);
      const value = node && this.nonEmptyStringValue(node, `"options.${option}"`);
      if (node && value !== undefined) {
        this.checkMaxLength(node, value, `"options.${option}"`, 255);
        if (!isProviderUrl(value))
          this.report(
            'url-invalid',
            'error',
            `"options.${option}" must be an https URL, e.g. https://partner.eu.auth0.com${OIDC_URL_EXAMPLE_PATH[option] ?? '/'} (Auth0 accepts no other; plain http only for a provider on loopback, the local sandbox).`,
            spanOf(node),
          );
      }
    }
    // Every host the connection contacts must be the provider's: the stored secret is bound to one
    // host, and Auth0 sends it to token_endpoint (issue 23.1). A decoy `domain` has no place here.
    if (props.has('domain'))
      this.report(
        'oidc-domain',
        'error',
        'An oidc connection names its provider by URL ("options.discovery_url"); "options.domain" is not one of its options, and Auth0 would never contact it. Remove it.',
        props.keySpan('domain'),
      );
    const values = Object.fromEntries(
      OIDC_URL_OPTIONS.filter((o) => this.valueOf(props, o)?.type === 'string').map((o) => [
        o,
        this.valueOf(props, o)!.value,
      ]),
    );
    const first = providerHostsOf(values)[0];
    for (const stray of strayProviderHosts(values)) {
      const node = this.valueOf(props, stray.option);
      if (!node || !first) continue;
      this.report(
        'provider-hosts-differ',
        'error',
        `"options.${stray.option}" is on ${stray.host ?? '?'}, but "options.${first.option}" is on ${first.host ?? '?'}: every URL of an oidc connection must be on the provider's host, or the client secret (sent to token_endpoint) would go elsewhere.`,
        spanOf(node),
      );
    }
  }
  private checkDomain(domain: Value, value: string): void {
    const host = bareHostFrom(value);
    if (host !== value && host !== undefined && hostProblem(host) === undefined) {
      this.report(
        'domain-not-bare-host',
        'error',
        `"options.domain" must be a bare host name: use "${host}" (no scheme, path or trailing slash).`,
        spanOf(domain),
      );
      return;
    }
    const problem = hostProblem(value);
    if (problem) {
      this.report(
        'domain-invalid',
        'error',
        `"options.domain" must be the provider tenant's host name, such as partner.eu.auth0.com: ${problem}`,
        spanOf(domain),
      );
      return;
    }
    const rpDomains = (this.context.relyingPartyDomains ?? []).map((d) => (bareHostFrom(d) ?? d).toLowerCase());
    if (rpDomains.includes(value.toLowerCase())) {
      this.report(
        'domain-is-relying-party',
        'warning',
        `"${value}" is a Relying Party tenant you configured: "options.domain" must name the provider tenant, whose application users log in through.`,
        spanOf(domain),
      );
    }
  }

  private checkScope(scope: Value, value: string): void {
    const tokens = value.split(' ').filter((t) => t.length > 0);
    if (!tokens.includes('openid')) {
      this.report(
        'scope-missing-openid',
        'warning',
        'Add "openid" to "options.scope": without it the provider returns no ID token and the login fails.',
        spanOf(scope),
      );
    }
    const seen = new Set<string>();
    let position = scope.offset + 1;
    for (const part of value.split(' ')) {
      const offset = position;
      position += part.length + 1;
      if (part.length === 0) continue;
      if (this.listFull()) {
        // Only counted from here on: no span, message or closure per word of a 100 KB scope.
        if (seen.has(part) || !KNOWN_SCOPES.includes(part)) this.unlist('information', offset, part.length);
        seen.add(part);
        continue;
      }
      const span = { offset, length: part.length };
      if (seen.has(part)) {
        this.report(
          'scope-duplicate',
          'information',
          () => `"${truncate(part)}" is listed twice in "options.scope"; once is enough.`,
          span,
        );
      } else if (!KNOWN_SCOPES.includes(part)) {
        this.report(
          'scope-unknown',
          'information',
          () =>
            `"${truncate(part)}" is not a scope an Auth0 provider tenant knows for this connection (${KNOWN_SCOPES.join(', ')}); check the spelling.`,
          span,
        );
      }
      seen.add(part);
    }
  }

  private checkEnabledClients(key: OffsetSpan, list: Value): void {
    // A hint, never a deprecation: in a connection file `enabled_clients` is the list of applications
    // to enable, which Deploy and the CLI apply through the dedicated endpoint and never send in the
    // body, where Auth0 deprecates it. New Connection File writes it, and a fresh file stays clean (issue 13).
    this.report(
      'enabled-clients-endpoint',
      'hint',
      '"enabled_clients" lists the applications to enable: Deploy enables them through PATCH /api/v2/connections/{id}/clients and never sends the field in the connection body, where Auth0 deprecates it. Keep it here; only a body POSTed by hand must leave it out.',
      key,
      ENABLED_CLIENTS_HREF,
    );
    const tape = this.tape!;
    const { level, first, count } = this.entries(list);
    // The verdicts first, in small functions of one loop each (the engine optimizes each alone),
    // then the report, which looks only at the items with a problem.
    const verdicts = enabledClientVerdicts(tape, level, first, count);
    let n = 0;
    for (; n < count && !this.unlisted; n++) {
      const verdict = verdicts[n]!;
      if (verdict === ITEM_OK) continue;
      const i = first + n;
      if (verdict === ITEM_REPEATED) {
        if (!this.countedPastList('warning', level.start[i]!, level.end[i]! - level.start[i]!))
          this.reportAt(
            'enabled-client-duplicate',
            'warning',
            () => `"${tape.string(level, i)}" is listed twice in "enabled_clients"; remove the repeat.`,
            level.start[i]!,
            level.end[i]! - level.start[i]!,
          );
      } else if (verdict === ITEM_NOT_STRING) this.expectKind(level, i, KIND_STRING, 'Each entry of "enabled_clients"');
      else if (this.listFull()) this.unlist('error', level.start[i]!, level.end[i]! - level.start[i]!);
      else
        this.reportAt(
          'enabled-client-malformed',
          'error',
          () =>
            `"${truncate(tape.string(level, i))}" is not a client ID: list the Client IDs of the Relying Party applications (letters, digits, "-", "_" and ".").`,
          level.start[i]!,
          level.end[i]! - level.start[i]!,
        );
    }
    // Past the list: a count per kind of problem, no call per item.
    let errors = 0;
    let warnings = 0;
    for (; n < count; n++) {
      const verdict = verdicts[n]!;
      if (verdict === ITEM_REPEATED) warnings++;
      else if (verdict !== ITEM_OK) errors++;
    }
    this.unlistCounted(errors, warnings);
  }

  private checkMetadata(metadata: Value): void {
    const props = this.properties(metadata);
    if (props.size > 10)
      this.report(
        'metadata-too-many',
        'error',
        `"metadata" holds ${props.size} keys; Auth0 accepts at most 10.`,
        spanOf(metadata),
      );
    const { level } = props;
    const tape = this.tape!;
    for (let k = 0; k < props.size; k++) {
      const at = props.winners[k]!;
      const kind = level.kind[at]! & KIND_MASK;
      if (kind === KIND_NULL) continue;
      if (kind !== KIND_STRING) {
        if (!this.countedPastList('error', level.start[at]!, level.end[at]! - level.start[at]!))
          this.expectKind(level, at, KIND_STRING, () => metadataName(tape, level, at));
        continue;
      }
      tape.stringChars(level, at);
      if (tape.to - tape.from > 255)
        this.checkMaxLength(this.valueAt(props.depth, at), tape.string(level, at), metadataName(tape, level, at), 255);
    }
  }

  private checkPurpose(purpose: string, key: OffsetSpan, node: Value): void {
    const props = this.properties(node);
    const tape = this.tape!;
    const allowedKeys = purpose === 'authentication' ? AUTHENTICATION_KEYS : CONNECTED_ACCOUNTS_KEYS;
    const allowed = allowedKeys.names;
    if (!props.has('active')) this.report('missing-property', 'error', `Add "${purpose}.active": true or false.`, key);
    for (let k = 0; k < props.size; k++) {
      const at = props.winners[k]!;
      const { level } = props;
      if (!props.keyIn(at, allowedKeys)) {
        if (!this.countedPastList('error', props.keyOffset(at), props.keyLength(at)))
          this.reportAt(
            'unknown-property',
            'error',
            () =>
              `Auth0 rejects "${purpose}.${truncate(tape.key(level, at))}": remove it (allowed: ${allowed.join(', ')}).`,
            props.keyOffset(at),
            props.keyLength(at),
          );
      } else if (
        (level.kind[at]! & KIND_MASK) !== KIND_BOOLEAN &&
        !this.countedPastList('error', level.start[at]!, level.end[at]! - level.start[at]!)
      )
        this.expectKind(level, at, KIND_BOOLEAN, () => `"${purpose}.${tape.key(level, at)}"`);
    }
  }

  private checkMaxLength(node: Value, value: string, what: string, max: number): void {
    if (value.length > max)
      this.report(
        'value-too-long',
        'error',
        `${what} is ${value.length} characters long; Auth0 accepts at most ${max}.`,
        spanOf(node),
      );
  }

  /** The string held by `node`; reports `wrong-type` and gives undefined for anything else. */
  private stringValue(node: Value, what: string): string | undefined {
    return this.expectType(node, 'string', what) ? (node.value as string) : undefined;
  }

  private nonEmptyStringValue(node: Value, what: string): string | undefined {
    const value = this.stringValue(node, what);
    if (value === undefined || value.trim().length > 0) return value;
    this.report('empty-value', 'error', `${what} is empty: fill it in.`, spanOf(node));
    return undefined;
  }

  private expectType(node: Value, type: JsonType, what: string): boolean {
    if (node.type === type) return true;
    this.wrongType(type, node.type, what, node.offset, node.length);
    return false;
  }

  /** expectType for record `index` of `level`, read in place (an item of a long list). */
  private expectKind(level: TapeLevel, index: number, kind: number, what: string | (() => string)): boolean {
    const actual = level.kind[index]! & KIND_MASK;
    if (actual === kind) return true;
    this.wrongType(
      TYPE_OF_KIND[kind] as JsonType,
      TYPE_OF_KIND[actual]!,
      what,
      level.start[index]!,
      level.end[index]! - level.start[index]!,
    );
    return false;
  }

  private wrongType(
    type: JsonType,
    actual: Node['type'],
    what: string | (() => string),
    offset: number,
    length: number,
  ): void {
    // Past the list, a count alone: an array of 500,000 numbers allocates nothing per item here.
    if (this.listFull()) return this.unlist('error', offset, length);
    this.reportAt(
      'wrong-type',
      'error',
      () => `${typeof what === 'string' ? what : what()} must be ${article(type)}, not ${article(actual)}.`,
      offset,
      length,
    );
  }

  /** The value of record `index` at `depth` of the tape. */
  private valueAt(depth: number, index: number): Value {
    const tape = this.tape!;
    const level = tape.levels[depth]!;
    const offset = level.start[index]!;
    return {
      type: TYPE_OF_KIND[level.kind[index]! & KIND_MASK]!,
      offset,
      length: level.end[index]! - offset,
      value: tape.scalar(level, index),
      depth,
      index,
    };
  }

  /** The value of `name` in an object's properties (the last one, as in JSON.parse). */
  private valueOf(props: Props, name: string): Value | undefined {
    const at = props.indexOf(name);
    return at < 0 ? undefined : this.valueAt(props.depth, at);
  }

  /** The records of a container's children (none for one deeper than the tape goes). */
  private entries(container: Value): Entries {
    const tape = this.tape!;
    const parents = tape.levels[container.depth]!;
    const level = tape.levels[container.depth + 1];
    if (!level || !parents.first || !parents.size)
      return { level: parents, depth: container.depth, first: 0, count: 0 };
    return {
      level,
      depth: container.depth + 1,
      first: parents.first[container.index]!,
      count: parents.size[container.index]!,
    };
  }

  /**
   * An object's properties by key: a repeated key is reported and the last one wins, as in
   * JSON.parse. Nothing per property but a few typed-array slots, for an options object of
   * 100,000 keys (see Props).
   */
  private properties(object: Value): Props {
    return new Props(this.tape!, this.entries(object), (at, level) => {
      const offset = level.keyStart![at]!;
      const length = level.keyEnd![at]! - offset;
      if (this.countedPastList('error', offset, length)) return;
      this.reportAt(
        'duplicate-key',
        'error',
        () =>
          `"${truncate(this.tape!.key(level, at))}" appears twice in this object; only the last one would count. Remove one.`,
        offset,
        length,
      );
    });
  }

  /** An error about the file as a whole, at its start; nothing else can be said about it. */
  private fileError(code: DiagnosticCode, message: string): void {
    this.report(code, 'error', message, { offset: 0, length: 0 });
  }

  private report(code: DiagnosticCode, severity: Severity, message: Message, span: OffsetSpan, href?: string): void {
    this.reportAt(code, severity, message, span.offset, span.length, href);
  }

  private reportAt(
    code: DiagnosticCode,
    severity: Severity,
    message: Message,
    offset: number,
    length: number,
    href?: string,
  ): void {
    if (!this.listFull()) {
      this.diagnostics.push(
        this.diagnostic(code, severity, typeof message === 'string' ? message : message(), { offset, length }, href),
      );
      return;
    }
    this.unlist(severity, offset, length);
  }

  /** Whether the list is full: further problems are only counted (see MAX_DIAGNOSTICS). */
  private listFull(): boolean {
    return this.diagnostics.length >= MAX_DIAGNOSTICS - 1;
  }

  /**
   * Past the list, counts a problem and says so, before its message is even prepared: the hot
   * loops call it first, so that 100,000 problems past the list cost no closure each.
   */
  private countedPastList(severity: Severity, offset: number, length: number): boolean {
    if (!this.listFull()) return false;
    this.unlist(severity, offset, length);
    return true;
  }

  /** Adds `count` errors past the list, once the first one past it has been counted (`unlisted`). */
  private unlistErrors(count: number): void {
    this.unlistCounted(count, 0);
  }

  /** Adds errors and warnings past the list, once the first one past it has been counted (`unlisted`). */
  private unlistCounted(errors: number, warnings: number): void {
    if (errors + warnings === 0) return;
    const unlisted = this.unlisted!;
    unlisted.count += errors + warnings;
    unlisted.errors += errors;
    if (errors > 0) unlisted.severity = 'error';
    else if (SEVERITY_RANK.warning > SEVERITY_RANK[unlisted.severity]) unlisted.severity = 'warning';
  }

  /** Counts a problem past the list: a file of 100,000 bad items costs a count each, not a message. */
  private unlist(severity: Severity, offset: number, length: number): void {
    const unlisted = (this.unlisted ??= { count: 0, errors: 0, severity, span: { offset, length } });
    unlisted.count++;
    if (severity === 'error') unlisted.errors++;
    if (SEVERITY_RANK[severity] > SEVERITY_RANK[unlisted.severity]) unlisted.severity = severity;
  }

  private diagnostic(
    code: DiagnosticCode,
    severity: Severity,
    message: string,
    reported: OffsetSpan,
    href?: string,
  ): ConnectionDiagnostic {
    // jsonc-parser can place an error at an unclosed string or comment past the end of the text.
    const offset = Math.min(Math.max(0, reported.offset), this.text.length);
    const span = { offset, length: Math.max(0, Math.min(reported.length, this.text.length - offset)) };
    const range = { start: this.lines.positionAt(span.offset), end: this.lines.positionAt(span.offset + span.length) };
    return href === undefined
      ? { code, severity, message, range, span }
      : { code, severity, message, range, span, href };
  }
}

/** What checkEnabledClients says of an item of the list. */
const ITEM_OK = 0;
const ITEM_NOT_STRING = 1;
const ITEM_MALFORMED = 2;
const ITEM_REPEATED = 3;

/**
 * A verdict per item of `enabled_clients` (records first..first+count-1 of `level`): a string of
 * client-ID characters, or not, and whether it repeats an earlier id. Only the ids whose hash
 * another one shares can repeat, and only those are compared (see hashIndex.ts).
 */
function enabledClientVerdicts(tape: JsonTape, level: TapeLevel, first: number, count: number): Uint8Array {
  const verdicts = new Uint8Array(count);
  const text = tape.text;
  // Made at the first id: a list of 500,000 numbers needs no table.
  let repeats: RepeatFinder | undefined;
  for (let n = 0; n < count; n++) {
    const i = first + n;
    const kind = level.kind[i]!;
    if ((kind & KIND_MASK) !== KIND_STRING) {
      verdicts[n] = ITEM_NOT_STRING;
      continue;
    }
    let chars = text;
    let from = level.start[i]! + 1;
    let to = level.end[i]! - 1;
    if (level.values || kind & VALUE_ESCAPED) {
      tape.stringChars(level, i);
      ({ chars, from, to } = tape);
    }
    if (to <= from || to - from > CLIENT_ID_MAX_LENGTH) {
      verdicts[n] = ITEM_MALFORMED;
      continue;
    }
    // The characters checked and hashed in one pass.
    let hash = hashStart(to - from);
    let k = from;
    for (; k < to; k++) {
      const c = chars.charCodeAt(k);
      if (c >= 128 || CLIENT_ID_CHAR[c] === 0) break;
      hash = hashStep(hash, c);
    }
    if (k < to) verdicts[n] = ITEM_MALFORMED;
    else if ((repeats ??= new RepeatFinder(tape, level, first, count)).repeatsEarlier(i, hashEnd(hash)))
      verdicts[n] = ITEM_REPEATED;
  }
  return verdicts;
}

/** Names a key is tested against in place (Props.keyIn), by length: a key meets only those of its own. */
class KeyNames {
  private readonly byLength: (readonly string[])[];

  constructor(readonly names: readonly string[]) {
    const longest = Math.max(0, ...names.map((n) => n.length));
    this.byLength = Array.from({ length: longest + 1 }, (_, length) => names.filter((n) => n.length === length));
  }

  ofLength(length: number): readonly string[] {
    return length < this.byLength.length ? this.byLength[length]! : NO_NAMES;
  }
}

const NO_NAMES: readonly string[] = [];
const TOP_LEVEL_KEYS = new KeyNames([...API_TOP_LEVEL_PROPERTIES, ...FILE_ONLY_PROPERTIES]);
const AUTHENTICATION_KEYS = new KeyNames(['active']);
const CONNECTED_ACCOUNTS_KEYS = new KeyNames(['active', 'cross_app_access']);

/**
 * An object's properties as a Map of JSON.parse's semantics would hold them, without a Map: the
 * distinct keys in the order they first appear (`winners`: the record of the last property of
 * each, which JSON.parse keeps), and lookups by name. Only keys whose hash another key shares go
 * through a real Map to decide whether they repeat (hashIndex.ts); the rest cannot.
 */
class Props {
  readonly level: TapeLevel;
  readonly depth: number;
  /** Records (indexes in `level`) of the distinct keys' last properties, `size` of them. */
  readonly winners: Int32Array;
  readonly size: number;
  private readonly first: number;
  private readonly count: number;
  /** Keys by hash; none for a small object. */
  private readonly index: HashIndex | undefined;

  constructor(
    readonly tape: JsonTape,
    entries: Entries,
    /** Told of each repeated key, in the order of the text, as it is found. */
    onRepeat: (at: number, level: TapeLevel) => void,
  ) {
    const { level, first, count } = entries;
    this.level = level;
    this.depth = entries.depth;
    this.first = first;
    this.count = count;
    let candidate: Uint8Array;
    if (count <= SMALL_OBJECT) {
      // A handful of keys: compared pair by pair, with no hashing.
      candidate = new Uint8Array(count);
      for (let i = 1; i < count; i++)
        for (let j = 0; j < i; j++) if (sameKey(tape, level, first + i, first + j)) candidate[i] = candidate[j] = 1;
    } else {
      const hashes = new Int32Array(count);
      for (let i = 0; i < count; i++) {
        tape.keyChars(level, first + i);
        hashes[i] = hashChars(tape.chars, tape.from, tape.to);
      }
      this.index = new HashIndex(hashes, count);
      candidate = this.index.candidate;
    }
    const winners = new Int32Array(count);
    let size = 0;
    // Distinct key -> its place in `winners`; only for the keys that may repeat.
    let places: Map<string, number> | undefined;
    for (let i = 0; i < count; i++) {
      const at = first + i;
      if (candidate[i] === 0) {
        winners[size++] = at;
        continue;
      }
      const key = tape.key(level, at);
      places ??= new Map();
      const place = places.get(key);
      if (place === undefined) {
        places.set(key, size);
        winners[size++] = at;
      } else {
        onRepeat(at, level);
        winners[place] = at;
      }
    }
    this.winners = winners;
    this.size = size;
  }

  /** The record of the last property named `name`; -1 for none. */
  indexOf(name: string): number {
    if (this.count <= SMALL_OBJECT) {
      // A handful of keys (every real file): comparing them costs less than hashing the name.
      for (let at = this.first + this.count - 1; at >= this.first; at--)
        if (this.tape.keyIs(this.level, at, name)) return at;
      return -1;
    }
    const hash = hashChars(name, 0, name.length);
    const index = this.index!;
    for (let at = index.lastWith(hash); at !== 0; at = index.before(at - 1, hash)) {
      if (this.tape.keyIs(this.level, this.first + at - 1, name)) return this.first + at - 1;
    }
    return -1;
  }

  has(name: string): boolean {
    return this.indexOf(name) >= 0;
  }

  keyIn(at: number, names: KeyNames): boolean {
    const { level, tape } = this;
    if (level.keys || level.kind[at]! & KEY_ESCAPED) return names.names.includes(tape.key(level, at));
    // In place: only the names of the key's length are compared.
    const start = level.keyStart![at]! + 1;
    const sameLength = names.ofLength(level.keyEnd![at]! - 1 - start);
    for (let n = 0; n < sameLength.length; n++) if (tape.text.startsWith(sameLength[n]!, start)) return true;
    return false;
  }

  keyOffset(at: number): number {
    return this.level.keyStart![at]!;
  }

  keyLength(at: number): number {
    return this.level.keyEnd![at]! - this.level.keyStart![at]!;
  }

  /** The span of the key of the last property named `name`, which must exist. */
  keySpan(name: string): OffsetSpan {
    const at = this.indexOf(name);
    return { offset: this.keyOffset(at), length: this.keyLength(at) };
  }
}

/** Up to this many properties, Props compares keys one by one instead of hashing them. */
const SMALL_OBJECT = 12;

/** Whether records `a` and `b` of `level` have the same key, decoding only keys with escapes. */
function sameKey(tape: JsonTape, level: TapeLevel, a: number, b: number): boolean {
  if (level.keys || (level.kind[a]! | level.kind[b]!) & KEY_ESCAPED) return tape.key(level, a) === tape.key(level, b);
  const start = level.keyStart!;
  const end = level.keyEnd!;
  const length = end[a]! - start[a]!;
  if (length !== end[b]! - start[b]!) return false;
  const text = tape.text;
  for (let i = 1; i < length - 1; i++)
    if (text.charCodeAt(start[a]! + i) !== text.charCodeAt(start[b]! + i)) return false;
  return true;
}

/** The options' values by name, as oidcOptionProblems reads them, without a Map of every option. */
class PropsValues implements ReadonlyMap<string, unknown> {
  private all: Map<string, unknown> | undefined;

  constructor(private readonly props: Props) {}

  get(name: string): unknown {
    const at = this.props.indexOf(name);
    return at < 0 ? undefined : this.tape.scalar(this.props.level, at);
  }

  has(name: string): boolean {
    return this.props.has(name);
  }

  get size(): number {
    return this.props.size;
  }

  forEach(callback: (value: unknown, key: string, map: ReadonlyMap<string, unknown>) => void, thisArg?: unknown): void {
    this.map().forEach((value, key) => callback.call(thisArg, value, key, this));
  }

  entries(): MapIterator<[string, unknown]> {
    return this.map().entries();
  }

  keys(): MapIterator<string> {
    return this.map().keys();
  }

  values(): MapIterator<unknown> {
    return this.map().values();
  }

  [Symbol.iterator](): MapIterator<[string, unknown]> {
    return this.map()[Symbol.iterator]();
  }

  private get tape(): JsonTape {
    return this.props.tape;
  }

  /** Every option, for the callers that iterate: built once, on first use. */
  private map(): Map<string, unknown> {
    if (!this.all) {
      const { level, winners, size } = this.props;
      this.all = new Map();
      for (let k = 0; k < size; k++)
        this.all.set(this.tape.key(level, winners[k]!), this.tape.scalar(level, winners[k]!));
    }
    return this.all;
  }
}

const REQUIRED_HINT: Record<string, string> = {
  name: 'how the connection is referenced, e.g. "partner".',
  strategy: '"auth0-oidc" (or "oidc" in NAME.oidc-connection.json).',
  options: "the provider application's client_id, client_secret and domain.",
  client_id: 'the Client ID of the application in the provider tenant.',
  client_secret:
    'a placeholder such as "##PARTNER_CLIENT_SECRET##", whose value the extension keeps in secret storage.',
  domain: 'the provider tenant\'s domain, e.g. "partner.eu.auth0.com".',
  type: '"back_channel" (the authorization code, exchanged with the client secret).',
  discovery_url:
    'the provider\'s discovery document, e.g. "https://partner.eu.auth0.com/.well-known/openid-configuration".',
};

/** Where each oidc URL option points on an Auth0 provider (its discovery document's values). */
const OIDC_URL_EXAMPLE_PATH: Readonly<Record<string, string>> = {
  discovery_url: '/.well-known/openid-configuration',
  issuer: '/',
  authorization_endpoint: '/authorize',
  token_endpoint: '/oauth/token',
  jwks_uri: '/.well-known/jwks.json',
  userinfo_endpoint: '/userinfo',
};

/** https (what Auth0's ConnectionHttpsUrlWithHttpFallback takes), or http to a loopback host. */
function isProviderUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.username !== '' || url.password !== '') return false;
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
}

export function isWellFormedClientId(value: string): boolean {
  return isClientIdChars(value, 0, value.length);
}

/** `chars[from, to)` is a client ID: 1 to 128 letters, digits, ".", "_" and "-". */
function isClientIdChars(chars: string, from: number, to: number): boolean {
  if (to <= from || to - from > CLIENT_ID_MAX_LENGTH) return false;
  for (let i = from; i < to; i++) {
    const c = chars.charCodeAt(i);
    if (c >= 128 || CLIENT_ID_CHAR[c] === 0) return false;
  }
  return true;
}

/** `chars[from, to)` starts and ends with "##" (four characters at least): it may be a placeholder. */
function enclosedInHashes(chars: string, from: number, to: number): boolean {
  const HASH = 0x23;
  return (
    to - from >= 4 &&
    chars.charCodeAt(from) === HASH &&
    chars.charCodeAt(from + 1) === HASH &&
    chars.charCodeAt(to - 2) === HASH &&
    chars.charCodeAt(to - 1) === HASH
  );
}

/** How a diagnostic names a metadata key. */
function metadataName(tape: JsonTape, level: TapeLevel, at: number): string {
  return `"metadata.${truncate(tape.key(level, at))}"`;
}

function spanOf(node: { readonly offset: number; readonly length: number }): OffsetSpan {
  return { offset: node.offset, length: node.length };
}

function article(type: string): string {
  switch (type) {
    case 'object':
    case 'array':
      return `an ${type}`;
    case 'null':
      return 'null';
    case 'property':
      return 'a property';
    default:
      return `a ${type}`;
  }
}

function truncate(value: string, max = 60): string {
  return value.length > max ? `${value.slice(0, max)}…` : value;
}

function describeParseError(code: string): string {
  switch (code) {
    case 'InvalidSymbol':
      return 'Unexpected character.';
    case 'InvalidNumberFormat':
      return 'This number is not valid JSON.';
    case 'PropertyNameExpected':
      return 'A property name in double quotes is expected here.';
    case 'ValueExpected':
      return 'A value is expected here.';
    case 'ColonExpected':
      return 'A colon is expected after the property name.';
    case 'CommaExpected':
      return 'A comma is expected here.';
    case 'CloseBraceExpected':
      return 'A closing } is expected.';
    case 'CloseBracketExpected':
      return 'A closing ] is expected.';
    case 'EndOfFileExpected':
      return 'Nothing may follow the connection object.';
    case 'InvalidCommentToken':
      return 'Comments are not allowed in JSON.';
    case 'UnexpectedEndOfComment':
    case 'UnexpectedEndOfString':
      return 'This string or comment is not closed.';
    case 'UnexpectedEndOfNumber':
      return 'This number is incomplete.';
    case 'InvalidUnicode':
    case 'InvalidEscapeCharacter':
    case 'InvalidCharacter':
      return 'Invalid character or escape in a string.';
    default:
      return `Invalid JSON (${code}).`;
  }
}
