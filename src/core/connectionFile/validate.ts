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
import { parseJson, parseJsonWithin, type ParsedJson } from './jsonTree';
import { LineIndex } from './lineIndex';

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
 * How deep the validator's tree is built (parseJson's expandDepth): the root and its values
 * (options, enabled_clients, metadata...) get children, whose nodes give type and scalar value;
 * anything deeper (options.oidc_metadata's keys, an array inside metadata) is checked as JSON but
 * not built, so its size costs a scan and no allocation. A rule that reads deeper raises this to 3.
 */
const TREE_EXPAND_DEPTH = 2;

/** A message, or how to write it: built only when the diagnostic is listed (a 1 MB file may hold 100,000). */
type Message = string | (() => string);

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { hint: 0, information: 1, warning: 2, error: 3 };

const DEPRECATION_HREF = 'https://auth0.com/docs/authenticate/identity-providers/enterprise-identity-providers/oidc';
const ENABLED_CLIENTS_HREF =
  'https://auth0.com/docs/troubleshoot/product-lifecycle/deprecations-and-migrations/migrate-dedicated-connection-endpoints';

const CLIENT_ID_PATTERN = /^[A-Za-z0-9._-]+$/;
const CLIENT_ID_MAX_LENGTH = 128;

type JsonType = 'string' | 'number' | 'boolean' | 'object' | 'array' | 'null';

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
  // The validator's own tree is whole unless it came from the two-level scan of plain JSON.
  const shallow = validator.json !== undefined && validator.json.tree === validator.tree;
  let tree = shallow ? undefined : validator.tree;
  let built = !shallow;
  return {
    diagnostics,
    json: validator.json,
    get tree() {
      if (!built) {
        built = true;
        tree = parseJson(text)?.tree;
      }
      return tree;
    },
  };
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
  /** What run() read: the tree, and JSON.parse's value for plain JSON. */
  tree: Node | undefined;
  json: ParsedJson | undefined;
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
    // Plain JSON (nearly every file) gets the fast tree, whose scan also measures the nesting; for
    // anything else nestingDeeperThan does, before jsonc-parser (which recurses) reads it.
    const scanned = parseJsonWithin(this.text, TREE_EXPAND_DEPTH, MAX_NESTING_DEPTH);
    if (scanned === 'too-deep' || (scanned === undefined && nestingDeeperThan(this.text, MAX_NESTING_DEPTH)))
      return this.fileError(
        'nesting-too-deep',
        `The JSON nests more than ${MAX_NESTING_DEPTH} levels deep, so it is not read. A connection file is an object with "options" inside it.`,
      );
    const errors: ParseError[] = [];
    // Anything but plain JSON gets jsonc-parser's tree, with its errors.
    this.json = scanned;
    let root: Node | undefined = this.json?.tree;
    try {
      root ??= parseTree(this.text, errors, {
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
    if (root.type !== 'object') {
      this.report(
        'not-an-object',
        'error',
        `The file must hold one JSON object (the connection), not ${article(root.type)}.`,
        spanOf(root),
      );
      return;
    }
    this.checkConnection(root);
  }

  runOn(root: Node): ConnectionDiagnostic[] {
    this.tree = root;
    this.checkConnection(root);
    return this.finish();
  }

  private checkConnection(root: Node): void {
    const props = this.properties(root);
    for (const [key, property] of props) {
      if (!API_TOP_LEVEL_PROPERTIES.includes(key) && !FILE_ONLY_PROPERTIES.includes(key)) {
        this.report(
          'unknown-property',
          'error',
          () =>
            `Auth0 rejects unknown properties: remove "${truncate(key)}". A connection body takes ${API_TOP_LEVEL_PROPERTIES.map((p) => `"${p}"`).join(', ')}.`,
          spanOf(keyOf(property)),
        );
      }
    }
    const openingBrace: OffsetSpan = { offset: root.offset, length: 1 };
    for (const required of ['name', 'strategy', 'options']) {
      if (!props.has(required))
        this.report('missing-property', 'error', `Add "${required}": ${REQUIRED_HINT[required]}`, openingBrace);
    }

    const name = valueOf(props.get('name'));
    const nameValue = name && this.stringValue(name, '"name"');
    if (name && nameValue !== undefined) this.checkName(name, nameValue);

    const strategy = valueOf(props.get('strategy'));
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

    const displayName = valueOf(props.get('display_name'));
    const displayNameValue = displayName && this.stringValue(displayName, '"display_name"');
    if (displayName && displayNameValue !== undefined)
      this.checkMaxLength(displayName, displayNameValue, '"display_name"', 128);

    const options = props.get('options');
    if (options && this.expectType(valueOf(options), 'object', '"options"'))
      this.checkOptions(keyOf(options), valueOf(options));

    const enabled = props.get('enabled_clients');
    if (enabled && this.expectType(valueOf(enabled), 'array', '"enabled_clients"'))
      this.checkEnabledClients(keyOf(enabled), valueOf(enabled));

    for (const flag of ['is_domain_connection', 'show_as_button']) {
      const node = valueOf(props.get(flag));
      if (node) this.expectType(node, 'boolean', `"${flag}"`);
    }
    const realms = valueOf(props.get('realms'));
    if (realms && this.expectType(realms, 'array', '"realms"')) {
      for (const item of realms.children ?? []) this.expectType(item, 'string', 'Each realm');
    }
    const metadata = valueOf(props.get('metadata'));
    if (metadata && this.expectType(metadata, 'object', '"metadata"')) this.checkMetadata(metadata);
    for (const purpose of ['authentication', 'connected_accounts']) {
      const property = props.get(purpose);
      if (property && this.expectType(valueOf(property), 'object', `"${purpose}"`))
        this.checkPurpose(purpose, keyOf(property), valueOf(property));
    }
  }

  private checkName(name: Node, value: string): void {
    const problem = connectionNameProblem(value);
    if (problem) this.report('name-invalid', 'error', `Invalid connection name. ${problem}`, spanOf(name));
  }

  private checkOptions(optionsKey: Node, options: Node): void {
    const props = this.properties(options);
    // An oidc body names its provider by discovery_url (and its channel by type); a front channel needs no secret.
    const requiredOptions = this.oidc
      ? [
          'type',
          'discovery_url',
          'client_id',
          ...(valueOf(props.get('type'))?.value === 'front_channel' ? [] : ['client_secret']),
        ]
      : ['client_id', 'client_secret', 'domain'];
    for (const required of requiredOptions) {
      if (!props.has(required))
        this.report(
          'missing-property',
          'error',
          `Add "options.${required}": ${REQUIRED_HINT[required]}`,
          spanOf(optionsKey),
        );
    }
    if (this.oidc) this.checkOidcOptions(props);
    if (this.oidc)
      for (const p of oidcOptionProblems(
        new Map([...props].map(([option, property]) => [option, valueOf(property).value])),
      ))
        this.report(p.code, p.severity, p.message, spanOf(p.option ? valueOf(props.get(p.option))! : optionsKey));
    const clientId = valueOf(props.get('client_id'));
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
    const secret = valueOf(props.get('client_secret'));
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
    for (const [option, property] of props) {
      const value = valueOf(property);
      if (isSecretKey(option) || value.type !== 'string' || !/^##.*##$/.test(String(value.value))) continue;
      this.report(
        'placeholder-outside-secret',
        'error',
        () =>
          `Placeholders are only filled in for secret options such as client_secret; "options.${truncate(option)}" would be sent as written. Put the value itself here.`,
        spanOf(value),
      );
    }
    const domain = this.oidc ? undefined : valueOf(props.get('domain'));
    const domainValue = domain && this.nonEmptyStringValue(domain, '"options.domain"');
    if (domain && domainValue !== undefined) this.checkDomain(domain, domainValue);
    const scope = valueOf(props.get('scope'));
    const scopeValue = scope && this.stringValue(scope, '"options.scope"');
    if (scope && scopeValue !== undefined) this.checkScope(scope, scopeValue);
  }

  /** An `oidc` body's own options (Auth0's ConnectionOptionsOIDC): the channel and the provider's URLs. */
  private checkOidcOptions(props: Map<string, Node>): void {
    const type = valueOf(props.get('type'));
    const typeValue = type && this.stringValue(type, '"options.type"');
    if (type && typeValue !== undefined && typeValue !== 'back_channel' && typeValue !== 'front_channel')
      this.report(
        'value-invalid',
        'error',
        '"options.type" must be "back_channel" (the code exchanged with the client secret) or "front_channel".',
        spanOf(type),
      );
    for (const option of OIDC_URL_OPTIONS) {
      const node = valueOf(props.get(option));
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
    const domain = props.get('domain');
    if (domain)
      this.report(
        'oidc-domain',
        'error',
        'An oidc connection names its provider by URL ("options.discovery_url"); "options.domain" is not one of its options, and Auth0 would never contact it. Remove it.',
        spanOf(keyOf(domain)),
      );
    const values = Object.fromEntries(
      OIDC_URL_OPTIONS.filter((o) => valueOf(props.get(o))?.type === 'string').map((o) => [
        o,
        valueOf(props.get(o))!.value,
      ]),
    );
    const first = providerHostsOf(values)[0];
    for (const stray of strayProviderHosts(values)) {
      const node = valueOf(props.get(stray.option));
      if (!node || !first) continue;
      this.report(
        'provider-hosts-differ',
        'error',
        `"options.${stray.option}" is on ${stray.host ?? '?'}, but "options.${first.option}" is on ${first.host ?? '?'}: every URL of an oidc connection must be on the provider's host, or the client secret (sent to token_endpoint) would go elsewhere.`,
        spanOf(node),
      );
    }
  }

  private checkDomain(domain: Node, value: string): void {
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

  private checkScope(scope: Node, value: string): void {
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

  private checkEnabledClients(key: Node, list: Node): void {
    // A hint, never a deprecation: in a connection file `enabled_clients` is the list of applications
    // to enable, which Deploy and the CLI apply through the dedicated endpoint and never send in the
    // body, where Auth0 deprecates it. New Connection File writes it, and a fresh file stays clean (issue 13).
    this.report(
      'enabled-clients-endpoint',
      'hint',
      '"enabled_clients" lists the applications to enable: Deploy enables them through PATCH /api/v2/connections/{id}/clients and never sends the field in the connection body, where Auth0 deprecates it. Keep it here; only a body POSTed by hand must leave it out.',
      spanOf(key),
      ENABLED_CLIENTS_HREF,
    );
    const seen = new Set<string>();
    for (const item of list.children ?? []) {
      const value = this.stringValue(item, 'Each entry of "enabled_clients"');
      if (value === undefined) continue;
      if (!isWellFormedClientId(value)) {
        this.report(
          'enabled-client-malformed',
          'error',
          () =>
            `"${truncate(value)}" is not a client ID: list the Client IDs of the Relying Party applications (letters, digits, "-", "_" and ".").`,
          spanOf(item),
        );
        // Malformed ids stay out of `seen`: no well-formed one can equal them.
      } else if (seen.size === seen.add(value).size) {
        // One lookup per id, not has() then add(): the set did not grow, so it held the id.
        this.report(
          'enabled-client-duplicate',
          'warning',
          () => `"${value}" is listed twice in "enabled_clients"; remove the repeat.`,
          spanOf(item),
        );
      }
    }
  }

  private checkMetadata(metadata: Node): void {
    const props = this.properties(metadata);
    if (props.size > 10)
      this.report(
        'metadata-too-many',
        'error',
        `"metadata" holds ${props.size} keys; Auth0 accepts at most 10.`,
        spanOf(metadata),
      );
    for (const [key, property] of props) {
      const value = valueOf(property);
      if (value.type === 'null') continue;
      const what = `"metadata.${truncate(key)}"`;
      const text = this.stringValue(value, what);
      if (text !== undefined) this.checkMaxLength(value, text, what, 255);
    }
  }

  private checkPurpose(purpose: string, key: Node, node: Node): void {
    const props = this.properties(node);
    const allowed = purpose === 'authentication' ? ['active'] : ['active', 'cross_app_access'];
    if (!props.has('active'))
      this.report('missing-property', 'error', `Add "${purpose}.active": true or false.`, spanOf(key));
    for (const [name, property] of props) {
      if (!allowed.includes(name))
        this.report(
          'unknown-property',
          'error',
          () => `Auth0 rejects "${purpose}.${truncate(name)}": remove it (allowed: ${allowed.join(', ')}).`,
          spanOf(keyOf(property)),
        );
      else this.expectType(valueOf(property), 'boolean', `"${purpose}.${name}"`);
    }
  }

  private checkMaxLength(node: Node, value: string, what: string, max: number): void {
    if (value.length > max)
      this.report(
        'value-too-long',
        'error',
        `${what} is ${value.length} characters long; Auth0 accepts at most ${max}.`,
        spanOf(node),
      );
  }

  /** The string held by `node`; reports `wrong-type` and gives undefined for anything else. */
  private stringValue(node: Node, what: string): string | undefined {
    return this.expectType(node, 'string', what) ? (node.value as string) : undefined;
  }

  private nonEmptyStringValue(node: Node, what: string): string | undefined {
    const value = this.stringValue(node, what);
    if (value === undefined || value.trim().length > 0) return value;
    this.report('empty-value', 'error', `${what} is empty: fill it in.`, spanOf(node));
    return undefined;
  }

  private expectType(node: Node, type: JsonType, what: string): boolean {
    if (node.type === type) return true;
    // Past the list, a count alone: an array of 500,000 numbers allocates nothing per item here.
    if (this.listFull()) {
      this.unlist('error', node.offset, node.length);
      return false;
    }
    this.report(
      'wrong-type',
      'error',
      () => `${what} must be ${article(type)}, not ${article(node.type)}.`,
      spanOf(node),
    );
    return false;
  }

  /**
   * An object's property nodes by key (keyOf and valueOf read them): no object per property, for
   * an options object of 100,000 keys. A repeated key is reported and the last one wins, as in
   * JSON.parse.
   */
  private properties(object: Node): Map<string, Node> {
    const result = new Map<string, Node>();
    for (const property of object.children ?? []) {
      const children = property.children;
      const key = children?.[0];
      if (!key || !children[1] || typeof key.value !== 'string') continue;
      if (result.has(key.value)) {
        this.report(
          'duplicate-key',
          'error',
          () =>
            `"${truncate(key.value as string)}" appears twice in this object; only the last one would count. Remove one.`,
          spanOf(key),
        );
      }
      result.set(key.value, property);
    }
    return result;
  }

  /** An error about the file as a whole, at its start; nothing else can be said about it. */
  private fileError(code: DiagnosticCode, message: string): void {
    this.report(code, 'error', message, { offset: 0, length: 0 });
  }

  private report(code: DiagnosticCode, severity: Severity, message: Message, span: OffsetSpan, href?: string): void {
    if (!this.listFull()) {
      this.diagnostics.push(
        this.diagnostic(code, severity, typeof message === 'string' ? message : message(), span, href),
      );
      return;
    }
    this.unlist(severity, span.offset, span.length);
  }

  /** Whether the list is full: further problems are only counted (see MAX_DIAGNOSTICS). */
  private listFull(): boolean {
    return this.diagnostics.length >= MAX_DIAGNOSTICS - 1;
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

/** https (what Auth0's ConnectionHttpsUrlWithHttpFallback takes), or http to a loopback host. */
/** Where each oidc URL option points on an Auth0 provider (its discovery document's values). */
const OIDC_URL_EXAMPLE_PATH: Readonly<Record<string, string>> = {
  discovery_url: '/.well-known/openid-configuration',
  issuer: '/',
  authorization_endpoint: '/authorize',
  token_endpoint: '/oauth/token',
  jwks_uri: '/.well-known/jwks.json',
  userinfo_endpoint: '/userinfo',
};

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
  return value.length > 0 && value.length <= CLIENT_ID_MAX_LENGTH && CLIENT_ID_PATTERN.test(value);
}

/** The key node of a property node from `properties` (which keeps only those with key and value). */
function keyOf(property: Node): Node {
  return property.children![0]!;
}

/** The value node of a property node from `properties`, or undefined for no property. */
function valueOf(property: Node): Node;
function valueOf(property: Node | undefined): Node | undefined;
function valueOf(property: Node | undefined): Node | undefined {
  return property?.children![1];
}

function spanOf(node: Node): OffsetSpan {
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
