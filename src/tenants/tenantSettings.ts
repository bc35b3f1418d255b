import { tenantBaseUrl } from '../auth0/tenantUrl';

// What the settings say about tenants, without VS Code: light enough for the activation bundle,
// which tracks how many tenants are configured (the walkthrough) before the registry is loaded.

export const CONFIG_SECTION = 'auth0Oidc';
export const TENANTS_SETTING = 'tenants';

/** A tenant as the settings hold it: no secret is ever here. */
export interface TenantConfig {
  readonly domain: string;
  readonly label?: string;
  /** Client ID of the machine-to-machine application; its secret is in SecretStorage. */
  readonly clientId?: string;
}

/** The origin a domain setting stands for, or undefined when it is not allowed (see tenantBaseUrl). */
export function originOf(domain: string): string | undefined {
  try {
    return tenantBaseUrl(domain).origin;
  } catch {
    return undefined;
  }
}

/** How many entries of the raw `auth0Oidc.tenants` value are usable tenants (what TenantRegistry.list() keeps). */
export function usableTenantCount(configs: unknown): number {
  if (!Array.isArray(configs)) return 0;
  return configs.filter((c: unknown) => {
    const domain = (c as { domain?: unknown } | null | undefined)?.domain;
    return typeof domain === 'string' && originOf(domain) !== undefined;
  }).length;
}
