import * as vscode from 'vscode';
import { configPathFor, parseA0DeployConfig, type A0DeployConfig } from '../core/a0deploy/a0deployConfig';
import type { A0DeployFormat } from '../core/a0deploy/a0deployFile';
import type { Services } from '../services';
import type { Tenant } from '../tenants/tenantRegistry';

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
