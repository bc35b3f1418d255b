/**
 * The environments file (`auth0-oidc.environments.json`): the environments one connection file is
 * deployed to (dev, staging, prod...), each with its Relying Party tenant, its provider tenant and
 * the values of its keywords. Read with positions, so every problem is shown where it is.
 *
 * Secrets never go in this file (auth0-deploy-cli issues #318 and #689: exported connections
 * with their secrets in the repository): a key that names a secret is an error here, and a
 * secret option's `##KEY##` is filled from secret storage (the editor) or AUTH0_OIDC_KEY (the
 * CLI), per environment.
 */
import { type Node, type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';
import type { OffsetSpan, Severity } from '../connectionFile/diagnostic';
import { hostProblem } from '../connectionFile/host';
import { isSecretKey } from '../secrets';
import { KEYWORD_KEY_PATTERN } from './keywords';

export const ENVIRONMENTS_FILE_NAME = 'auth0-oidc.environments.json';

/** An environment's name: short, and safe in a status bar, a CodeLens, a command line and a storage key. */
export const ENVIRONMENT_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/;

export interface Environment {
  readonly name: string;
  /** The Relying Party tenant's domain: where this environment's connection is deployed. */
  readonly rpTenant: string;
  /** The provider tenant's domain: whose application the connection federates to. */
  readonly providerTenant: string;
  /** The keywords' values: JSON values, never secrets. */
  readonly values: Readonly<Record<string, unknown>>;
  /** Where the environment's name is, and where each value is (for hover and diagnostics). */
  readonly nameSpan: OffsetSpan;
  readonly valueSpans: Readonly<Record<string, OffsetSpan>>;
}

export type EnvironmentsFileCode =
  | 'environments-json-syntax'
  | 'environments-shape'
  | 'environments-empty'
  | 'environment-name'
  | 'environment-tenant'
  | 'environment-key-name'
  | 'environment-secret-value'
  | 'environment-unknown-property';

export interface EnvironmentsFileDiagnostic {
  readonly code: EnvironmentsFileCode;
  readonly severity: Severity;
  readonly message: string;
  readonly span: OffsetSpan;
}

export interface EnvironmentsFile {
  /** In the order of the file: the order of `Deploy to dev · staging · prod` and of Deploy to all. */
  readonly environments: readonly Environment[];
  readonly diagnostics: readonly EnvironmentsFileDiagnostic[];
}

const ENVIRONMENT_PROPERTIES = new Set(['rpTenant', 'providerTenant', 'values', 'description']);

/**
 * Reads an environments file. Environments with an error are left out of `environments` (a deploy
 * must never go to a half-read environment); the diagnostics say why.
 */
export function parseEnvironmentsFile(text: string): EnvironmentsFile {
  const diagnostics: EnvironmentsFileDiagnostic[] = [];
  const report = (code: EnvironmentsFileCode, span: OffsetSpan, message: string): void => {
    diagnostics.push({ code, severity: 'error', message, span });
  };
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  for (const error of errors)
    report(
      'environments-json-syntax',
      { offset: error.offset, length: error.length },
      `This is not valid JSON: ${printParseErrorCode(error.error)}.`,
    );
  if (errors.length > 0) return { environments: [], diagnostics };
  if (root?.type !== 'object') {
    report(
      'environments-shape',
      spanOf(root, text),
      'The environments file holds one object: {"environments": {...}}.',
    );
    return { environments: [], diagnostics };
  }
  let environmentsNode: Node | undefined;
  for (const property of root.children ?? []) {
    const [key, value] = property.children ?? [];
    if (!key || !value) continue;
    if (key.value === 'environments') environmentsNode = value;
    else if (key.value !== '$schema')
      report(
        'environment-unknown-property',
        spanOf(key, text),
        `Unknown property "${String(key.value)}": the file holds "environments" (and "$schema").`,
      );
  }
  if (environmentsNode?.type !== 'object') {
    report(
      'environments-shape',
      spanOf(environmentsNode ?? root, text),
      '"environments" must be an object: each property an environment, e.g. "dev": {"rpTenant": ..., "providerTenant": ..., "values": {...}}.',
    );
    return { environments: [], diagnostics };
  }
  const environments: Environment[] = [];
  const seen = new Set<string>();
  for (const property of environmentsNode.children ?? []) {
    const [key, value] = property.children ?? [];
    if (!key || !value) continue;
    const environment = readEnvironment(String(key.value), key, value, text, report);
    const storageName = String(key.value)
      .toUpperCase()
      .replace(/[^A-Z0-9]/g, '_');
    if (seen.has(storageName)) {
      report(
        'environment-name',
        spanOf(key, text),
        `Environment "${String(key.value)}" is defined twice (names differing only in case, "-" or "_" would share stored secrets).`,
      );
      continue;
    }
    seen.add(storageName);
    if (environment) environments.push(environment);
  }
  if ((environmentsNode.children ?? []).length === 0)
    report('environments-empty', spanOf(environmentsNode, text), 'List at least one environment.');
  return { environments, diagnostics };
}

function readEnvironment(
  name: string,
  key: Node,
  node: Node,
  text: string,
  report: (code: EnvironmentsFileCode, span: OffsetSpan, message: string) => void,
): Environment | undefined {
  let problems = 0;
  const problem = (code: EnvironmentsFileCode, span: OffsetSpan, message: string): void => {
    problems++;
    report(code, span, message);
  };
  if (!ENVIRONMENT_NAME_PATTERN.test(name))
    problem(
      'environment-name',
      spanOf(key, text),
      `"${name}" is not an environment name: use up to 32 letters, digits, "-" and "_", starting with a letter or digit.`,
    );
  if (node.type !== 'object') {
    problem(
      'environments-shape',
      spanOf(node, text),
      `Environment "${name}" must be an object with "rpTenant", "providerTenant" and "values".`,
    );
    return undefined;
  }
  const properties = new Map<string, { key: Node; value: Node }>();
  for (const property of node.children ?? []) {
    const [k, v] = property.children ?? [];
    if (!k || !v) continue;
    const propertyName = String(k.value);
    if (!ENVIRONMENT_PROPERTIES.has(propertyName))
      problem(
        'environment-unknown-property',
        spanOf(k, text),
        `Unknown property "${propertyName}" in environment "${name}": use "rpTenant", "providerTenant", "values" and "description".`,
      );
    properties.set(propertyName, { key: k, value: v });
  }
  const tenant = (property: 'rpTenant' | 'providerTenant', what: string): string => {
    const found = properties.get(property);
    if (!found) {
      problem('environment-tenant', spanOf(key, text), `Environment "${name}" has no "${property}": ${what}.`);
      return '';
    }
    const value = found.value.type === 'string' ? String(found.value.value).trim() : '';
    const wrong = found.value.type === 'string' ? hostProblem(value) : 'it is not a string.';
    if (wrong)
      problem(
        'environment-tenant',
        spanOf(found.value, text),
        `"${property}" of environment "${name}" must be a bare host name such as acme-dev.eu.auth0.com: ${wrong}`,
      );
    return value;
  };
  const rpTenant = tenant('rpTenant', 'the domain of the tenant its connection is deployed to');
  const providerTenant = tenant('providerTenant', 'the domain of the tenant whose application it signs in with');
  const values: Record<string, unknown> = {};
  const valueSpans: Record<string, OffsetSpan> = {};
  const valuesNode = properties.get('values')?.value;
  if (valuesNode && valuesNode.type !== 'object')
    problem('environments-shape', spanOf(valuesNode, text), `"values" of environment "${name}" must be an object.`);
  for (const property of valuesNode?.type === 'object' ? (valuesNode.children ?? []) : []) {
    const [k, v] = property.children ?? [];
    if (!k || !v) continue;
    const keyName = String(k.value);
    if (!KEYWORD_KEY_PATTERN.test(keyName)) {
      problem(
        'environment-key-name',
        spanOf(k, text),
        `"${keyName}" cannot be used as ##${keyName}##: use letters, digits and "_".`,
      );
      continue;
    }
    if (isSecretKey(keyName)) {
      problem(
        'environment-secret-value',
        spanOf(property, text),
        `"${keyName}" names a secret, and secrets never go in this file. Remove it: the editor keeps each environment's secret in secret storage (it asks at the first deploy), and the CLI reads AUTH0_OIDC_${keyName}.`,
      );
      continue;
    }
    Object.defineProperty(values, keyName, {
      value: nodeValue(v),
      enumerable: true,
      writable: true,
      configurable: true,
    });
    valueSpans[keyName] = spanOf(v, text);
  }
  if (problems > 0) return undefined;
  return { name, rpTenant, providerTenant, values, nameSpan: spanOf(key, text), valueSpans };
}

function nodeValue(node: Node): unknown {
  switch (node.type) {
    case 'object': {
      const object: Record<string, unknown> = {};
      for (const property of node.children ?? []) {
        const [k, v] = property.children ?? [];
        if (k && v)
          Object.defineProperty(object, String(k.value), {
            value: nodeValue(v),
            enumerable: true,
            writable: true,
            configurable: true,
          });
      }
      return object;
    }
    case 'array':
      return (node.children ?? []).map(nodeValue);
    default:
      return node.value as unknown;
  }
}

function spanOf(node: Node | undefined, text: string): OffsetSpan {
  return node ? { offset: node.offset, length: node.length } : { offset: 0, length: text.length };
}
