/**
 * auth0-deploy-cli's config.json beside a repository (its examples keep it at the root, next to
 * tenant.yaml or the connections folder): the tenant it deploys to (AUTH0_DOMAIN) and its keyword
 * mappings (AUTH0_KEYWORD_REPLACE_MAPPINGS), which the entry commands apply as a0deploy would.
 *
 * Keywords are found with a0deploy's key rule (a0deployKeywords.ts) and replaced by the one
 * implementation of a0deploy's replacement (core/environments/keywords.ts), applied here to each
 * string of a connection already read.
 */
import { replaceOccurrences } from '../environments/keywords';
import { findA0DeployKeywords } from './a0deployKeywords';
import { isSecretKey } from '../secrets';
import type { A0DeployFormat } from './a0deployFile';

export interface A0DeployConfig {
  /** AUTH0_DOMAIN: the tenant a0deploy deploys to, the Relying Party of its connections. */
  readonly domain?: string;
  readonly mappings: Readonly<Record<string, unknown>>;
}

/** Where a0deploy's config.json sits for a file of the repository (its examples' layout). */
export function configPathFor(filePath: string, format: A0DeployFormat): string {
  const parts = filePath.split('/');
  // tenant.yaml sits at the root; connections/NAME.json one folder down.
  parts.splice(format === 'yaml' ? -1 : -2, format === 'yaml' ? 1 : 2, 'config.json');
  return parts.join('/');
}

/** The config's domain and mappings; undefined for text that is no config object. */
export function parseA0DeployConfig(text: string): A0DeployConfig | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(value)) return undefined;
  const domain = value['AUTH0_DOMAIN'];
  const mappings = value['AUTH0_KEYWORD_REPLACE_MAPPINGS'];
  return {
    ...(typeof domain === 'string' && domain.length > 0 ? { domain } : {}),
    mappings: isRecord(mappings) ? mappings : {},
  };
}

/**
 * The connection with a0deploy's keywords replaced: `@@KEY@@` as a whole value becomes the
 * mapping's value, `##KEY##` inside a string its text. Secret options keep what is written (the
 * extension's own `##PLACEHOLDER##` comes from secret storage at Deploy). Unknown keys stay as they are.
 */
export function replaceKeywords(value: unknown, mappings: Readonly<Record<string, unknown>>, key = ''): unknown {
  if (typeof value === 'string') {
    if (isSecretKey(key)) return value;
    const found = findA0DeployKeywords(value);
    const [only] = found;
    const whole = only?.form === 'json' && only.span.offset === 0 && only.span.length === value.length;
    if (whole && Object.hasOwn(mappings, only.key)) return mappings[only.key];
    const mapped = ({ key }: { key: string }) => (Object.hasOwn(mappings, key) ? { value: mappings[key] } : undefined);
    return replaceOccurrences(value, found, mapped, false).text;
  }
  if (Array.isArray(value)) return value.map((item) => replaceKeywords(item, mappings));
  if (isRecord(value))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceKeywords(v, mappings, k)]));
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
