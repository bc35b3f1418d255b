import * as vscode from 'vscode';
import { configPathFor, parseA0DeployConfig, type A0DeployConfig } from '../core/a0deploy/a0deployConfig';
import type { A0DeployFormat } from '../core/a0deploy/a0deployFile';
import { patternMappingKey } from '../core/a0deploy/a0deployKeywords';
import type { Services } from '../services';
import type { Tenant } from '../tenants/tenantRegistry';
import { UserFacingError } from '../vscode/errors';

/** What an a0deploy repository says about where its connections go. */
export interface RepositoryContext {
  /** config.json beside the repository, when there is one that reads. */
  readonly config: A0DeployConfig | undefined;
  /**
   * The Relying Party: the configured tenant config.json's AUTH0_DOMAIN names, else the only
   * configured tenant; undefined when neither says.
   */
  readonly tenant: Tenant | undefined;
}

/** Reads the repository's config.json (never its secrets beyond the mappings the caller applies). */
export async function repositoryContext(
  services: Services,
  uri: vscode.Uri,
  format: A0DeployFormat,
): Promise<RepositoryContext> {
  let config: A0DeployConfig | undefined;
  try {
    const bytes = await vscode.workspace.fs.readFile(uri.with({ path: configPathFor(uri.path, format) }));
    config = parseA0DeployConfig(new TextDecoder().decode(bytes));
  } catch {
    config = undefined;
  }
  return { config, tenant: tenantOf(services, config) };
}

function tenantOf(services: Services, config: A0DeployConfig | undefined): Tenant | undefined {
  if (config?.domain !== undefined) {
    // AUTH0_DOMAIN is a bare host (a0deploy adds https://); a loopback sandbox tenant's origin is http.
    const host = config.domain.toLowerCase();
    const named =
      services.tenants.find(config.domain) ?? services.tenants.list().find((t) => new URL(t.origin).host === host);
    if (named) return named;
  }
  const tenants = services.tenants.list();
  return tenants.length === 1 ? tenants[0] : undefined;
}

/**
 * Refuses mappings a0deploy would apply as patterns: it puts each key into a regular expression
 * unescaped (src/tools/utils.ts), so a key with `.`, `+`, `(`... matches other text than its own,
 * or makes a0deploy fail to load the repository. The extension replaces keys as written only.
 */
export function refusePatternKeys(config: A0DeployConfig | undefined, configUri: vscode.Uri): void {
  const key = config ? patternMappingKey(config.mappings) : undefined;
  if (key === undefined) return;
  throw new UserFacingError(
    vscode.l10n.t(
      'AUTH0_KEYWORD_REPLACE_MAPPINGS in {0} has the key "{1}", which a0deploy reads as a regular expression (characters such as . + * ( [ are not taken as written, and an unbalanced bracket makes a0deploy fail): rename it with letters, digits, "_" or "-", here and where it is used. Nothing was done.',
      vscode.workspace.asRelativePath(configUri),
      key,
    ),
  );
}
