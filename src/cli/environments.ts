// `deploy --env NAME`: one connection file for several environments (issue 25.1). The keyword
// values come from the environments file (auth0-oidc.environments.json, the editor's) and from
// auth0-deploy-cli's AUTH0_KEYWORD_REPLACE_MAPPINGS, so a pipeline that has them works unchanged.
// Secrets still come only from AUTH0_OIDC_KEY: resolveKeywords refuses a value for a secret.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, parse, resolve } from 'node:path';
import { LineIndex } from '../core/connectionFile/lineIndex';
import { stripBom } from '../core/connectionFile/fileText';
import { ENVIRONMENTS_FILE_NAME, type Environment, parseEnvironmentsFile } from '../core/environments/environmentsFile';
import type { KeywordMappings } from '../core/environments/keywords';
import { isSecretKey } from '../core/secrets';

/** a0deploy's variable: a JSON object of keyword values (docs/keyword-replacement.md). */
export const KEYWORD_MAPPINGS_VARIABLE = 'AUTH0_KEYWORD_REPLACE_MAPPINGS';

/** A problem with the environments or the mappings: the CLI exits 2 with this message. */
export class EnvironmentConfigError extends Error {}

/**
 * The environments file for a connection file: `--environments FILE` when given, else the first
 * auth0-oidc.environments.json in the connection file's folder or one of its parents (a
 * repository keeps one at its root and connection files below it).
 */
export function findEnvironmentsFile(connectionFile: string, explicit: string | undefined): string | undefined {
  if (explicit !== undefined) return explicit;
  let folder = dirname(resolve(connectionFile));
  const { root } = parse(folder);
  for (;;) {
    const candidate = join(folder, ENVIRONMENTS_FILE_NAME);
    if (existsSync(candidate)) return candidate;
    if (folder === root) return undefined;
    folder = dirname(folder);
  }
}

/** Reads the environments file and picks `name`; every problem of the file is an EnvironmentConfigError. */
export async function loadEnvironment(path: string, name: string): Promise<Environment> {
  const environments = await loadEnvironments(path);
  const found = environments.find((e) => e.name === name);
  if (!found)
    throw new EnvironmentConfigError(
      `${path} has no environment "${name}": it has ${environments.map((e) => `"${e.name}"`).join(', ')}.`,
    );
  return found;
}

/** Reads every environment of the environments file; every problem of the file is an EnvironmentConfigError. */
export async function loadEnvironments(path: string): Promise<readonly Environment[]> {
  let text: string;
  try {
    text = stripBom(await readFile(path, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new EnvironmentConfigError(
      code === 'ENOENT' ? `${path}: no such file.` : `${path}: cannot be read (${code ?? String(error)}).`,
    );
  }
  const { environments, diagnostics } = parseEnvironmentsFile(text);
  if (diagnostics.length > 0) {
    const lines = new LineIndex(text);
    const list = diagnostics.map((d) => {
      const at = lines.positionAt(d.span.offset);
      return `${path}:${at.line + 1}:${at.character + 1}: ${d.severity} ${d.code}: ${d.message}`;
    });
    throw new EnvironmentConfigError(`${list.join('\n')}\nFix ${path} first: no environment of it is used until then.`);
  }
  return environments;
}

/**
 * AUTH0_KEYWORD_REPLACE_MAPPINGS as an object, or undefined when it is not set. Values under a
 * secret-looking key are handed to `redact` (an a0deploy pipeline may keep secrets of other
 * resources there); they are never filled into a connection's secret (resolveKeywords refuses).
 */
export function mappingsFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  redact: (value: string) => void,
): KeywordMappings | undefined {
  const text = env[KEYWORD_MAPPINGS_VARIABLE];
  if (text === undefined || text.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new EnvironmentConfigError(
      `${KEYWORD_MAPPINGS_VARIABLE} is not JSON: set it to an object such as {"ENVIRONMENT": "dev", "RP_APPS": ["..."]}.`,
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new EnvironmentConfigError(
      `${KEYWORD_MAPPINGS_VARIABLE} must be a JSON object such as {"ENVIRONMENT": "dev"}, not ${Array.isArray(value) ? 'a list' : typeof value}.`,
    );
  for (const [key, item] of Object.entries(value)) {
    if (isSecretKey(key) && typeof item === 'string' && item !== '') redact(item);
  }
  return value as KeywordMappings;
}
