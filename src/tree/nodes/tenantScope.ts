import type { ApplicationSummary } from '../../core/tree/connectionDetails';
import type { PagedList } from '../../core/tree/pagedList';
import type { Services } from '../../services';
import type { Tenant } from '../../tenants/tenantRegistry';
import type { StrategyFilters } from '../strategyFilter';
import type { TreeHost } from './treeNode';

/** What tenant nodes need from the provider. */
export interface TenantTreeHost extends TreeHost {
  readonly services: Services;
  readonly filters: StrategyFilters;
}

/**
 * What a node below a tenant needs of it, handed down when the node is made: no node walks up
 * its parents to find its tenant, so the node modules do not import each other in a cycle.
 */
export interface TenantScope {
  readonly tenant: Tenant;
  readonly host: TenantTreeHost;
  /** The tenant's applications, read once and shared by the Applications folder and enabled-app names. */
  readonly applications: PagedList<ApplicationSummary>;
  /** Client id → application, when the tenant lets us read its applications; else undefined. */
  knownApplications(): Promise<ReadonlyMap<string, ApplicationSummary> | undefined>;
}
