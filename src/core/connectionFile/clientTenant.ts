/**
 * A client id that belongs to a configured tenant other than the one the file names (issue 21.5):
 * `options.domain` "127.0.0.1:4389" beside a configured "127.0.0.1:43899" whose application has
 * this client id is almost surely a typo, which Auth0 would answer only at login time (and Deploy
 * with a placeholder-binding refusal). Pure: the text and the tenants' known applications in.
 */
import { type Node, parseTree } from 'jsonc-parser';
import type { ConnectionDiagnostic } from './diagnostic';
import { LineIndex } from './lineIndex';
import { normalizeDomain } from './placeholders';
import { OIDC_URL_OPTIONS } from './providerHosts';
import { withinParseLimits } from './parseLimits';

/** A configured tenant as far as the editor knows it: its hosts and its applications' ids and names. */
export interface KnownTenant {
  /** Its canonical domain's host (`acme.eu.auth0.com`, `127.0.0.1:43899`), what the fix writes. */
  readonly host: string;
  /** Other hosts that are the same tenant (its custom domain). */
  readonly otherHosts?: readonly string[];
  readonly apps: readonly { readonly client_id: string; readonly name?: string }[];
}

interface Mismatch {
  readonly tenant: KnownTenant;
  readonly appName: string;
  /** The host the file names, as normalizeDomain gives it. */
  readonly wrongHost: string;
  /** The string values naming `wrongHost`: options.domain, or an oidc file's URL options. */
  readonly values: readonly { readonly option: string; readonly node: Node; readonly value: string }[];
}

function mismatchIn(text: string, known: readonly KnownTenant[]): Mismatch | undefined {
  if (known.length === 0) return undefined;
  // A file past the size or nesting limits is reported by the validator and parsed by no one.
  if (!withinParseLimits(text)) return undefined;
  let root: Node | undefined;
  try {
    root = parseTree(text, [], { allowTrailingComma: true });
  } catch {
    return undefined;
  }
  const options = propertyValue(root, 'options');
  if (options?.type !== 'object') return undefined;
  const clientIdNode = propertyValue(options, 'client_id');
  const clientId = typeof clientIdNode?.value === 'string' ? clientIdNode.value.trim() : '';
  if (clientId === '') return undefined;
  let owner: KnownTenant | undefined;
  let app: KnownTenant['apps'][number] | undefined;
  for (const tenant of known) {
    app = tenant.apps.find((a) => a.client_id === clientId);
    if (app) {
      owner = tenant;
      break;
    }
  }
  if (!owner || !app) return undefined;
  const ownerHosts = new Set(
    [owner.host, ...(owner.otherHosts ?? [])].map((h) => normalizeDomain(h)).filter((h) => h !== undefined),
  );
  const strings = (names: readonly string[]) =>
    names.flatMap((option) => {
      const node = propertyValue(options, option);
      return node?.type === 'string' && typeof node.value === 'string' ? [{ option, node, value: node.value }] : [];
    });
  const domain = strings(['domain']);
  const candidates = domain.length > 0 ? domain : strings(OIDC_URL_OPTIONS);
  const first = candidates[0];
  const wrongHost = first ? normalizeDomain(first.value) : undefined;
  if (!wrongHost || ownerHosts.has(wrongHost)) return undefined;
  return {
    tenant: owner,
    appName: app.name ?? clientId,
    wrongHost,
    values: candidates.filter((c) => normalizeDomain(c.value) === wrongHost),
  };
}

/**
 * The provider host a file names (options.domain, else the first URL option of an oidc file), for
 * the editor to decide whether the tenants' applications are worth reading; undefined when none.
 */
export function namedProviderHost(text: string): string | undefined {
  // A file past the size or nesting limits is reported by the validator and parsed by no one.
  if (!withinParseLimits(text)) return undefined;
  let root: Node | undefined;
  try {
    root = parseTree(text, [], { allowTrailingComma: true });
  } catch {
    return undefined;
  }
  const options = propertyValue(root, 'options');
  for (const option of ['domain', ...OIDC_URL_OPTIONS]) {
    const value: unknown = propertyValue(options, option)?.value;
    if (typeof value === 'string' && value.trim() !== '') return normalizeDomain(value);
  }
  return undefined;
}

/** The diagnostic, on options.domain (or the first URL option of an oidc file); none when all agree. */
export function clientTenantDiagnostics(text: string, known: readonly KnownTenant[]): ConnectionDiagnostic[] {
  const mismatch = mismatchIn(text, known);
  const first = mismatch?.values[0];
  if (!mismatch || !first) return [];
  const lines = new LineIndex(text);
  const span = { offset: first.node.offset, length: first.node.length };
  const host = mismatch.tenant.host;
  return [
    {
      code: 'client-id-other-tenant',
      severity: 'warning',
      message: `This client id belongs to the application "${mismatch.appName}" on tenant ${host}; did you mean ${host}? (options.${first.option} names ${mismatch.wrongHost}.)`,
      range: { start: lines.positionAt(span.offset), end: lines.positionAt(span.offset + span.length) },
      span,
    },
  ];
}

/** The fix: the owning tenant's host in place of the other one, in every value that names it. */
export function clientTenantFixes(
  text: string,
  known: readonly KnownTenant[],
): { title: string; edits: { offset: number; length: number; newText: string }[]; isPreferred: boolean }[] {
  const mismatch = mismatchIn(text, known);
  if (!mismatch) return [];
  const host = mismatch.tenant.host;
  const edits = mismatch.values.flatMap(({ option, node, value }) => {
    const replaced = option === 'domain' ? host : replaceHost(value, mismatch.wrongHost, host);
    return replaced === undefined
      ? []
      : [{ offset: node.offset, length: node.length, newText: JSON.stringify(replaced) }];
  });
  if (edits.length === 0) return [];
  const option = mismatch.values[0]?.option;
  return [
    {
      title: option === 'domain' ? `Use the domain "${host}"` : `Use the host "${host}" in the provider URLs`,
      edits,
      isPreferred: true,
    },
  ];
}

/** `https://127.0.0.1:4389/x` → `https://127.0.0.1:43899/x`: only the authority changes, the rest stays as written. */
function replaceHost(value: string, wrongHost: string, host: string): string | undefined {
  const scheme = value.indexOf('://');
  if (scheme < 0) return undefined;
  const start = scheme + 3;
  const at = value.toLowerCase().indexOf(wrongHost, start);
  if (at !== start) return undefined;
  return value.slice(0, at) + host + value.slice(at + wrongHost.length);
}

function propertyValue(object: Node | undefined, name: string): Node | undefined {
  if (object?.type !== 'object') return undefined;
  return object.children?.find((p) => p.children?.[0]?.value === name)?.children?.[1];
}
