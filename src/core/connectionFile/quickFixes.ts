/**
 * Quick fixes as plain text edits, keyed on diagnostic codes. The editor turns them into code
 * actions; anything that needs VS Code (storing a secret) is described, not done, here.
 */
import { withinParseLimits } from './parseLimits';
import {
  type Node,
  type ParseError,
  findNodeAtLocation,
  findNodeAtOffset,
  getNodePath,
  getNodeValue,
  modify,
  parseTree,
} from 'jsonc-parser';
import type { ConnectionDiagnostic, DiagnosticCode } from './diagnostic';
import { AUTH0_OIDC_STRATEGY, DEFAULT_SCOPE, OIDC_STRATEGY, toValidConnectionName } from './connectionModel';
import { clientSecretPlaceholder, placeholderKey } from './placeholders';
import { bareHostFrom } from './host';
import { scaffoldConnectionText } from './scaffold';
import { clientTenantFixes, type KnownTenant } from './clientTenant';
import { auth0EndpointFor } from './oidcOptionRules';

export interface TextEdit {
  readonly offset: number;
  readonly length: number;
  readonly newText: string;
}

export interface QuickFix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
  readonly isPreferred?: boolean;
  /** The edit is only safe once this secret is stored under `##key##` in SecretStorage. */
  readonly storeSecret?: { readonly key: string; readonly value: string };
}

const FORMAT = { formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' } };

/**
 * The fixes for one diagnostic. Total: a fix that cannot be computed is left out, and so is one
 * that would leave more syntax errors than the text has now (jsonc-parser's edits on broken JSON).
 */
/** What the editor knows beyond the text: the configured tenants' domains (bare hosts), for a missing domain. */
export interface FixContext {
  readonly tenantDomains?: readonly string[];
  /** The configured tenants' applications, for a client id that belongs to another tenant than the file names. */
  readonly knownTenants?: readonly KnownTenant[];
}

export function quickFixesFor(text: string, diagnostic: ConnectionDiagnostic, context: FixContext = {}): QuickFix[] {
  let fixes: QuickFix[];
  try {
    fixes = computeFixes(text, diagnostic, context);
  } catch {
    return [];
  }
  if (fixes.length === 0 || diagnostic.code === 'empty-file') return fixes;
  const before = syntaxErrorCount(text);
  return fixes.filter(
    (fix) =>
      syntaxErrorCount(applyTextEdits(text, fix.edits)) <= before &&
      fix.edits.every((e) => e.offset >= 0 && e.offset + e.length <= text.length),
  );
}

function syntaxErrorCount(text: string): number {
  const errors: ParseError[] = [];
  try {
    parseTree(text, errors, { disallowComments: true });
  } catch {
    return Number.MAX_SAFE_INTEGER;
  }
  return errors.length;
}

function computeFixes(text: string, diagnostic: ConnectionDiagnostic, context: FixContext): QuickFix[] {
  // Past the parse limits nothing is parsed (jsonc-parser recurses per nesting level): no fix.
  if (!withinParseLimits(text)) return [];
  if (diagnostic.code === 'empty-file') {
    return [
      {
        title: 'Insert a connection template',
        edits: [
          {
            offset: 0,
            length: text.length,
            newText: scaffoldConnectionText({
              name: 'partner',
              domain: 'partner.eu.auth0.com',
              clientId: '',
              clientSecret: clientSecretPlaceholder('partner'),
              scopes: DEFAULT_SCOPE.split(' '),
            }),
          },
        ],
        isPreferred: true,
      },
    ];
  }
  if (diagnostic.code === 'client-id-other-tenant') return clientTenantFixes(text, context.knownTenants ?? []);
  const root = parseTree(text, [], { disallowComments: true });
  if (!root) return [];
  const node = findNodeAtOffset(root, diagnostic.span.offset + (diagnostic.span.length > 1 ? 1 : 0), true);
  if (!node) return [];
  const value: unknown = node.value;
  const replaceValue = (title: string, newValue: unknown, isPreferred = true): QuickFix[] => [
    { title, edits: modify(text, getNodePath(node), newValue, FORMAT).map(toTextEdit), isPreferred },
  ];

  switch (diagnostic.code) {
    case 'domain-not-bare-host': {
      const host = typeof value === 'string' ? bareHostFrom(value) : undefined;
      return host ? replaceValue(`Use the bare host "${host}"`, host) : [];
    }
    case 'scope-missing-openid':
      return typeof value === 'string'
        ? replaceValue(
            'Add "openid" to the scope',
            ['openid', ...value.split(' ').filter((t) => t.length > 0)].join(' '),
          )
        : [];
    case 'scope-duplicate': {
      const scopeNode = node.type === 'string' ? node : undefined;
      if (!scopeNode || typeof scopeNode.value !== 'string') return [];
      const unique = [...new Set(scopeNode.value.split(' ').filter((t) => t.length > 0))].join(' ');
      return replaceValue('Remove repeated scopes', unique);
    }
    case 'name-invalid':
      return typeof value === 'string'
        ? replaceValue(`Rename to "${toValidConnectionName(value)}"`, toValidConnectionName(value))
        : [];
    case 'strategy-invalid': {
      // The validator names "oidc" first only for a *.oidc-connection.json file.
      const strategy = diagnostic.message.startsWith(`"strategy" must be "${OIDC_STRATEGY}"`)
        ? OIDC_STRATEGY
        : AUTH0_OIDC_STRATEGY;
      return replaceValue(`Set the strategy to "${strategy}"`, strategy);
    }
    case 'unknown-property':
    case 'enabled-client-duplicate':
      // For a key node, getNodePath gives the property's own path, so the whole "key": value goes.
      return removeFix(text, node, diagnostic.code === 'unknown-property');
    case 'scope-unknown': {
      if (node.type !== 'string' || typeof value !== 'string') return [];
      const word = text.slice(diagnostic.span.offset, diagnostic.span.offset + diagnostic.span.length);
      const kept = value.split(' ').filter((t) => t.length > 0 && t !== word);
      return replaceValue(`Remove "${word}" from the scope`, kept.join(' '));
    }
    case 'missing-property': {
      if (/"options\.domain"/.test(diagnostic.message)) return addDomainFixes(text, context.tenantDomains ?? []);
      const endpoint = /^Add "options\.(authorization_endpoint|jwks_uri)"/.exec(diagnostic.message)?.[1];
      if (endpoint) return addEndpointFix(text, root, endpoint);
      return /"strategy"/.test(diagnostic.message) && node === root
        ? [
            {
              title: `Add "strategy": "${AUTH0_OIDC_STRATEGY}"`,
              edits: modify(text, ['strategy'], AUTH0_OIDC_STRATEGY, FORMAT).map(toTextEdit),
              isPreferred: true,
            },
          ]
        : [];
    }
    case 'client-secret-literal': {
      if (typeof value !== 'string') return [];
      const name = connectionNameIn(root);
      const placeholder = clientSecretPlaceholder(name ?? '');
      const key = placeholderKey(placeholder) ?? 'CLIENT_SECRET';
      return [
        {
          ...replaceValue(`Move the secret into secret storage as ${placeholder}`, placeholder)[0]!,
          storeSecret: { key, value },
        },
      ];
    }
    default:
      return [];
  }
}

/** An oidc endpoint Auth0 insists on, at Auth0's path on the origin the file's discovery_url names. */
function addEndpointFix(text: string, root: Node, option: string): QuickFix[] {
  const options: unknown = getNodeValue(findNodeAtLocation(root, ['options']) ?? root);
  if (typeof options !== 'object' || options === null || Array.isArray(options)) return [];
  const url = auth0EndpointFor(option, new Map(Object.entries(options)));
  if (!url) return [];
  return [
    {
      title: `Add "options.${option}": "${url}"`,
      edits: modify(text, ['options', option], url, FORMAT).map(toTextEdit),
      isPreferred: true,
    },
  ];
}

/** One fix per configured tenant: its domain as options.domain (the first one preferred when it is the only one). */
function addDomainFixes(text: string, domains: readonly string[]): QuickFix[] {
  return [...new Set(domains)].map((domain) => ({
    title: `Add "options.domain": "${domain}"`,
    edits: modify(text, ['options', 'domain'], domain, FORMAT).map(toTextEdit),
    isPreferred: domains.length === 1,
  }));
}

function removeFix(text: string, node: Node, isProperty: boolean): QuickFix[] {
  const path = getNodePath(node);
  const title = isProperty ? `Remove "${path.map(String).join('.')}"` : 'Remove the repeat';
  const target = isProperty && node.parent?.type === 'property' ? node.parent : node;
  const edit = removalEdit(text, target);
  return edit ? [{ title, edits: [edit], isPreferred: true }] : [];
}

/**
 * Removes an array element or an object property with its separating comma. Done by hand:
 * jsonc-parser's `modify` garbles the text when removing the last element of an array.
 */
function removalEdit(text: string, node: Node): TextEdit | undefined {
  const parent = node.parent;
  const siblings = parent?.children;
  if (!parent || !siblings) return undefined;
  const index = siblings.indexOf(node);
  const next = siblings[index + 1];
  const previous = siblings[index - 1];
  if (next) return { offset: node.offset, length: next.offset - node.offset, newText: '' };
  if (previous) {
    const start = previous.offset + previous.length;
    return { offset: start, length: node.offset + node.length - start, newText: '' };
  }
  // The only child: leave the brackets, drop the element and the space around it.
  const open = parent.offset + 1;
  const close = parent.offset + parent.length - 1;
  return { offset: open, length: close - open, newText: text.slice(open, close).includes('\n') ? '\n' : '' };
}

function connectionNameIn(root: Node): string | undefined {
  const nameProperty = root.children?.find((p) => p.children?.[0]?.value === 'name');
  const value: unknown = nameProperty?.children?.[1]?.value;
  return typeof value === 'string' ? value : undefined;
}

function toTextEdit(edit: { offset: number; length: number; content: string }): TextEdit {
  return { offset: edit.offset, length: edit.length, newText: edit.content };
}

/** Applies edits (non-overlapping, any order) to text; for tests and the CLI. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  let result = text;
  for (const edit of [...edits].sort((a, b) => b.offset - a.offset)) {
    result = result.slice(0, edit.offset) + edit.newText + result.slice(edit.offset + edit.length);
  }
  return result;
}

/** Codes `quickFixesFor` can fix; the editor keeps these even where the schema reports the same. */
export const FIXABLE_CODES: ReadonlySet<DiagnosticCode> = new Set<DiagnosticCode>([
  'empty-file',
  'domain-not-bare-host',
  'scope-missing-openid',
  'scope-duplicate',
  'name-invalid',
  'strategy-invalid',
  'unknown-property',
  'enabled-client-duplicate',
  'missing-property',
  'client-secret-literal',
  'client-id-other-tenant',
]);
