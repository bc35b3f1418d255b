import type * as vscode from 'vscode';
import { FILE_STRATEGIES } from '../core/connectionFile/connectionModel';
import type { Tenant } from '../tenants/tenantRegistry';

/**
 * The strategies the tree lists when nothing is stored: those of connection files, `auth0-oidc`
 * and `oidc` (what Move to OIDC deploys), so a moved connection shows beside the one it replaces.
 */
export const DEFAULT_STRATEGIES: readonly string[] = FILE_STRATEGIES;

/**
 * Which connection strategies the tree lists for each tenant, kept in workspaceState (a view
 * preference of this workspace, not a setting). Default DEFAULT_STRATEGIES; an empty list means
 * all. A list stored before the default changed (e.g. `["samlp"]`, or `["auth0-oidc"]` picked on
 * purpose) is kept as it is; the old default itself was never stored, so it becomes the new one.
 */
export class StrategyFilters {
  constructor(private readonly state: vscode.Memento) {}

  get(tenant: Tenant): readonly string[] {
    const stored = this.state.get<unknown>(key(tenant));
    return Array.isArray(stored) && stored.every((s) => typeof s === 'string') ? stored : DEFAULT_STRATEGIES;
  }

  async set(tenant: Tenant, strategies: readonly string[]): Promise<void> {
    await this.state.update(key(tenant), isDefaultFilter(strategies) ? undefined : [...strategies]);
  }
}

/** The default filter, in any order. */
export function isDefaultFilter(strategies: readonly string[]): boolean {
  return strategies.length === DEFAULT_STRATEGIES.length && DEFAULT_STRATEGIES.every((s) => strategies.includes(s));
}

const key = (tenant: Tenant): string => `auth0Oidc.strategyFilter:${tenant.origin}`;
