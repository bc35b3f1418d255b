import type * as vscode from 'vscode';
import { AUTH0_OIDC_STRATEGY } from '../core/connectionFile/connectionModel';
import type { Tenant } from '../tenants/tenantRegistry';

/**
 * Which connection strategies the tree lists for each tenant, kept in workspaceState (a view
 * preference of this workspace, not a setting). Default `auth0-oidc`; an empty list means all.
 */
export class StrategyFilters {
  constructor(private readonly state: vscode.Memento) {}

  get(tenant: Tenant): readonly string[] {
    const stored = this.state.get<unknown>(key(tenant));
    return Array.isArray(stored) && stored.every((s) => typeof s === 'string') ? stored : [AUTH0_OIDC_STRATEGY];
  }

  async set(tenant: Tenant, strategies: readonly string[]): Promise<void> {
    const isDefault = strategies.length === 1 && strategies[0] === AUTH0_OIDC_STRATEGY;
    await this.state.update(key(tenant), isDefault ? undefined : [...strategies]);
  }
}

const key = (tenant: Tenant): string => `auth0Oidc.strategyFilter:${tenant.origin}`;
