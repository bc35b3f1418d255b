/** What a connection file's provider check is about: whose rules, which tenant, which application. */
import { AUTH0_OIDC_STRATEGY, OIDC_STRATEGY, providerDomainOf } from '../connectionFile/connectionModel';
import { fileEndpointsOf } from './discovery';
import type { CheckStrategy } from './types';

export interface ProviderTarget {
  readonly strategy: CheckStrategy;
  readonly providerDomain: string;
  /** The option the provider tenant was taken from, e.g. `options.domain`, for messages. */
  readonly providerOption: string;
  readonly clientId: string;
  /** `oidc`: the file's issuer and endpoint options. */
  readonly fileEndpoints: Readonly<Record<string, string>>;
}

/** Whether a connection of this strategy (e.g. a tenant's, in the tree) has provider check rules. */
export function hasProviderCheck(strategy: unknown): boolean {
  return strategy === OIDC_STRATEGY || strategy === AUTH0_OIDC_STRATEGY;
}

/** The rules of `oidc` for an oidc connection; `auth0-oidc` for anything else. */
export function checkStrategyOf(strategy: unknown): CheckStrategy {
  return strategy === OIDC_STRATEGY ? 'oidc' : 'auth0-oidc';
}

/** The options that name the provider tenant, per strategy, as a person reads them in a message. */
export function providerOptionsText(strategy: CheckStrategy): string {
  return strategy === 'oidc' ? '"options.discovery_url" (or "options.issuer")' : '"options.domain"';
}

/**
 * The target of a connection body's provider check, or what is missing, in words. `auth0-oidc`
 * names the provider in `options.domain`; `oidc` in `options.discovery_url`, else `options.issuer`.
 */
export function providerTargetOf(body: {
  readonly strategy?: unknown;
  readonly options?: unknown;
}): ProviderTarget | { readonly missing: string } {
  const strategy = checkStrategyOf(body.strategy);
  const options = (typeof body.options === 'object' && body.options !== null ? body.options : {}) as Record<
    string,
    unknown
  >;
  const clientId = typeof options.client_id === 'string' ? options.client_id.trim() : '';
  let providerDomain: string | undefined;
  let providerOption = 'options.domain';
  if (strategy === 'auth0-oidc') {
    providerDomain = providerDomainOf(options);
    if (providerDomain !== undefined && typeof options.domain !== 'string') providerOption = 'options.discovery_url';
  } else {
    providerOption = 'options.discovery_url';
    providerDomain = hostOf(options.discovery_url);
    if (providerDomain === undefined) {
      providerOption = 'options.issuer';
      providerDomain = hostOf(options.issuer);
    }
  }
  if (!providerDomain || !clientId) return { missing: `${providerOptionsText(strategy)} and "options.client_id"` };
  return { strategy, providerDomain, providerOption, clientId, fileEndpoints: fileEndpointsOf(options) };
}

function hostOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    return new URL(value.trim()).host || undefined;
  } catch {
    return undefined;
  }
}
