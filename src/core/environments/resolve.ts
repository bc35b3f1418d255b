/**
 * One connection file, resolved for an environment: each non-secret `##KEY##` and `"@@KEY@@"`
 * replaced by the environment's value, and each secret option's `##KEY##` left in place for
 * secret storage (the editor) or AUTH0_OIDC_KEY (the CLI) to fill, as in a file without
 * environments. Problems are reported on the keyword in the original text, naming the environment.
 */
import { type Node, findNodeAtLocation, findNodeAtOffset, parseTree } from 'jsonc-parser';
import type { ConnectionDiagnostic, DiagnosticCode, OffsetSpan, Severity } from '../connectionFile/diagnostic';
import { bindingOf, normalizeDomain } from '../connectionFile/placeholders';
import { providerHostsOf } from '../connectionFile/providerHosts';
import { readConnectionFile } from '../connectionFile/readConnectionFile';
import { isSecretKey } from '../secrets';
import { ENVIRONMENTS_FILE_NAME } from './environmentsFile';
import {
  type KeywordMappings,
  type KeywordOccurrence,
  type KeywordReplacement,
  findKeywords,
  originalSpan,
  replaceOccurrences,
} from './keywords';

export type ResolutionCode =
  | 'environment-key-missing'
  | 'environment-provider-mismatch'
  | 'environment-secret-value'
  | 'environment-keyword-placement'
  | 'environment-keyword-value';

export interface ResolutionProblem {
  readonly code: ResolutionCode;
  readonly key: string;
  /** The keyword in the original text. */
  readonly span: OffsetSpan;
  /** Says what to do; the environment is named by whoever shows it (see validateForEnvironments). */
  readonly message: string;
}

export interface ResolvedText {
  readonly text: string;
  readonly replacements: readonly KeywordReplacement[];
  readonly problems: readonly ResolutionProblem[];
}

/** What a keyword is in the JSON: inside a secret option's value, the whole string, a property name. */
interface Placement {
  readonly inSecretOption: boolean;
  readonly wholeString: boolean;
  readonly propertyName: boolean;
  readonly inString: boolean;
}

function placementOf(root: Node | undefined, occurrence: KeywordOccurrence): Placement {
  const inner = occurrence.quoted ? occurrence.span.offset + 1 : occurrence.span.offset;
  const node = root ? findNodeAtOffset(root, inner) : undefined;
  const inString = node?.type === 'string';
  const parent = node?.parent;
  const propertyName = inString && parent?.type === 'property' && parent.children?.[0] === node;
  const owner = parent?.type === 'property' && !propertyName ? parent.children?.[0] : undefined;
  const inSecretOption = inString && typeof owner?.value === 'string' && isSecretKey(owner.value);
  const wholeString =
    inString &&
    (occurrence.quoted
      ? node.offset === occurrence.span.offset && node.length === occurrence.span.length
      : node.offset + 1 === occurrence.span.offset && node.length === occurrence.span.length + 2);
  return { inSecretOption, wholeString, propertyName, inString };
}

/**
 * Resolves `text` with `values` (an environment's, or AUTH0_KEYWORD_REPLACE_MAPPINGS). A keyword
 * with a problem is left as it is, so the resolved text still shows where it was.
 */
export function resolveKeywords(text: string, values: KeywordMappings): ResolvedText {
  const occurrences = findKeywords(text);
  if (occurrences.length === 0) return { text, replacements: [], problems: [] };
  const root = parseTree(text, [], { disallowComments: true });
  const problems: ResolutionProblem[] = [];
  const has = (key: string): boolean => Object.prototype.hasOwnProperty.call(values, key);
  const resolved = replaceOccurrences(
    text,
    occurrences,
    (occurrence) => {
      const { key, form, span } = occurrence;
      const placement = placementOf(root, occurrence);
      const problem = (code: ResolutionCode, message: string): undefined => {
        problems.push({ code, key, span, message });
        return undefined;
      };
      if (placement.inSecretOption || isSecretKey(key)) {
        // A secret's ##KEY##: secret storage fills it (bound to the provider host and client id).
        if (has(key))
          return problem(
            'environment-secret-value',
            `${key} fills a secret, so its value never comes from ${ENVIRONMENTS_FILE_NAME} or the keyword mappings: remove it there; the editor keeps it in secret storage per environment, the CLI reads AUTH0_OIDC_${key}.`,
          );
        return undefined;
      }
      if (!placement.inString) return undefined; // Not JSON: the validator says so.
      if (form === 'json' && (!placement.wholeString || !occurrence.quoted || placement.propertyName))
        return problem(
          'environment-keyword-placement',
          `@@${key}@@ stands for a whole JSON value: write "@@${key}@@" as the entire value (quotes included), or ##${key}## for text inside a string.`,
        );
      if (!has(key))
        return problem(
          'environment-key-missing',
          `${form === 'json' ? `@@${key}@@` : `##${key}##`} has no value: add "${key}" to the environment's "values" in ${ENVIRONMENTS_FILE_NAME}.`,
        );
      const value = values[key];
      if (form === 'text' && typeof value === 'object' && value !== null)
        return problem(
          'environment-keyword-value',
          `##${key}## puts text inside a string, but the value of ${key} is ${Array.isArray(value) ? 'a list' : 'an object'}: write "@@${key}@@" as the whole value instead.`,
        );
      return { value };
    },
    true,
  );
  return { ...resolved, problems };
}

/** A diagnostic of a connection file checked in several environments, on the original text. */
export interface EnvironmentDiagnostic {
  readonly code: DiagnosticCode | ResolutionCode;
  readonly severity: Severity;
  readonly message: string;
  readonly span: OffsetSpan;
  readonly href?: string;
  /** The environments it comes from (every one, for a problem of the file itself). */
  readonly environments: readonly string[];
}

/**
 * The file checked as resolved for every environment: the validator's diagnostics on each
 * resolved text, mapped back onto the keyword that put a value there, plus the keyword problems.
 * One found in every environment is shown once as it is; one found in some is prefixed with
 * their names ("prod: ..."), so a key missing in prod is an error on the keyword naming prod.
 */
export function validateForEnvironments(
  text: string,
  environments: readonly {
    readonly name: string;
    readonly values: KeywordMappings;
    /** When given, a file that resolves to another provider is an error there (Deploy refuses it). */
    readonly providerTenant?: string;
  }[],
  fileName?: string,
): EnvironmentDiagnostic[] {
  const merged = new Map<
    string,
    {
      code: EnvironmentDiagnostic['code'];
      severity: Severity;
      message: string;
      span: OffsetSpan;
      href?: string;
      environments: string[];
      keyword: boolean;
    }
  >();
  const add = (entry: Omit<EnvironmentDiagnostic, 'environments'>, environment: string, keyword: boolean): void => {
    const id = `${entry.code}\u0000${entry.span.offset}\u0000${entry.span.length}\u0000${entry.message}`;
    const found = merged.get(id);
    if (found) found.environments.push(environment);
    else merged.set(id, { ...entry, environments: [environment], keyword });
  };
  for (const environment of environments) {
    const resolved = resolveKeywords(text, environment.values);
    for (const problem of resolved.problems)
      add(
        { code: problem.code, severity: 'error', message: problem.message, span: problem.span },
        environment.name,
        true,
      );
    const reading = readConnectionFile(resolved.text, fileName);
    for (const diagnostic of reading.diagnostics) {
      const mapped = mapBack(diagnostic, resolved.replacements);
      // What the validator says about a keyword left in place is the keyword problem again.
      if (resolved.problems.some((problem) => overlaps(problem.span, mapped.span))) continue;
      add(mapped, environment.name, false);
    }
    if (reading.kind === 'valid' && environment.providerTenant !== undefined) {
      const mismatch = providerMismatch(resolved.text, reading.connection.options, environment.providerTenant);
      if (mismatch)
        add({ ...mismatch, span: originalSpan(resolved.replacements, mismatch.span) }, environment.name, true);
    }
  }
  const all = environments.length;
  return [...merged.values()]
    .map(({ keyword, environments: names, ...entry }) => ({
      ...entry,
      message: keyword || names.length < all ? `${names.join(', ')}: ${entry.message}` : entry.message,
      environments: names,
    }))
    .sort((a, b) => a.span.offset - b.span.offset);
}

/**
 * A file that signs in with another provider than the environment's providerTenant, on the option
 * that names it (`options.domain`; an oidc file's first URL): Deploy to that environment refuses
 * it, so the editor, the Connection Files view and `validate --env` say so first, for either
 * strategy (its provider read as Deploy reads it: bindingOf).
 */
function providerMismatch(
  resolvedText: string,
  options: Readonly<Record<string, unknown>>,
  providerTenant: string,
): Omit<EnvironmentDiagnostic, 'environments'> | undefined {
  const provider = bindingOf(options)?.domain;
  if (normalizeDomain(provider ?? '') === normalizeDomain(providerTenant)) return undefined;
  const option = providerHostsOf(options)[0]?.option ?? 'domain';
  const path = option.startsWith('oidc_metadata.')
    ? ['options', 'oidc_metadata', option.slice('oidc_metadata.'.length)]
    : ['options', option];
  const tree = parseTree(resolvedText);
  const node = (tree && findNodeAtLocation(tree, path)) ?? (tree && findNodeAtLocation(tree, ['options']));
  return {
    code: 'environment-provider-mismatch',
    severity: 'error',
    message: `the file resolves to provider ${provider ?? '(none)'}, but the environment's providerTenant is ${providerTenant}: make options.${option} (or its keyword) give ${providerTenant}, or fix providerTenant.`,
    span: node ? { offset: node.offset, length: node.length } : { offset: 0, length: 0 },
  };
}

function mapBack(
  diagnostic: ConnectionDiagnostic,
  replacements: readonly KeywordReplacement[],
): Omit<EnvironmentDiagnostic, 'environments'> {
  return {
    code: diagnostic.code,
    severity: diagnostic.severity,
    message: diagnostic.message,
    span: originalSpan(replacements, diagnostic.span),
    ...(diagnostic.href !== undefined ? { href: diagnostic.href } : {}),
  };
}

function overlaps(a: OffsetSpan, b: OffsetSpan): boolean {
  return a.offset < b.offset + b.length && b.offset < a.offset + a.length;
}

/**
 * Whether a connection file uses keywords an environment fills (any `##KEY##` or `@@KEY@@` that
 * is not a secret option's placeholder). A file without them is checked and deployed as it always
 * was, environments file or not.
 */
export function usesEnvironmentKeywords(text: string): boolean {
  return resolveKeywords(text, {}).problems.length > 0;
}
