import { tenantBaseUrl } from '../auth0/tenantUrl';

// What the settings say about tenants, without VS Code or the registry: light enough for the
// activation bundle, which sets the walkthrough's tenant count before the features are loaded.

export { CONFIG_SECTION, TENANTS_SETTING } from './settingKeys';

/** The origin a domain setting stands for, or undefined when it is not allowed (see tenantBaseUrl). */
export function originOf(domain: string): string | undefined {
  try {
    return tenantBaseUrl(domain).origin;
  } catch {
    return undefined;
  }
}

/** Whether one entry of the `auth0Oidc.tenants` setting is a usable tenant (TenantRegistry.list() keeps these). */
export function isUsableTenantEntry(entry: unknown): entry is { readonly domain: string } {
  const domain = (entry as { domain?: unknown } | null | undefined)?.domain;
  return typeof domain === 'string' && originOf(domain) !== undefined;
}
