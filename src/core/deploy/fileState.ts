/**
 * The state the "Connection Files" view shows for a file: its own errors first, then how it
 * compares with the tenant it was last deployed to. Pure: the comparison (a deploy plan) is
 * computed by the caller, which owns the network.
 */
import type { Auth0OidcConnectionFile } from '../connectionFile/connectionModel';
import { readConnectionFile, summarizeErrors } from '../connectionFile/readConnectionFile';

export type LocalFileState =
  | { readonly kind: 'errors'; readonly count: number; readonly firstMessage: string; readonly firstLine: number }
  | { readonly kind: 'valid'; readonly body: Auth0OidcConnectionFile };

export type FileState =
  | { readonly kind: 'errors'; readonly count: number; readonly firstMessage: string; readonly firstLine: number }
  /** Valid; remote state not looked at (untrusted workspace). */
  | { readonly kind: 'local' }
  | {
      readonly kind: 'notDeployed';
      readonly reason: 'never' | 'tenantRemoved' | 'missingOnTenant';
      readonly tenant?: string;
    }
  | { readonly kind: 'checking'; readonly tenant: string }
  | { readonly kind: 'inSync'; readonly tenant: string }
  | { readonly kind: 'differs'; readonly tenant: string; readonly changes: readonly string[] }
  | { readonly kind: 'unknown'; readonly tenant: string; readonly message: string };

/** Errors (from the same rules as the editor) or the parsed body. */
export function localFileState(text: string, fileName?: string): LocalFileState {
  const reading = readConnectionFile(text, fileName);
  return reading.kind === 'errors'
    ? { kind: 'errors', ...summarizeErrors(reading.errors) }
    : { kind: 'valid', body: reading.connection };
}

/** What planDeploy says about a file against a tenant (src/auth0's DeployPlan fits). */
export interface PlanSummary {
  readonly kind: 'create' | 'update' | 'unchanged';
  readonly optionsDiff: readonly { readonly path: string }[];
  readonly enabledClients: { readonly add: readonly string[]; readonly remove: readonly string[] };
}

/** The state once the tenant answered: the plan for the connection of the file's name. */
export function deployedFileState(tenant: string, plan: PlanSummary): FileState {
  if (plan.kind === 'create') return { kind: 'notDeployed', reason: 'missingOnTenant', tenant };
  if (plan.kind === 'unchanged') return { kind: 'inSync', tenant };
  const changes = [
    ...plan.optionsDiff.map((d) => d.path),
    ...plan.enabledClients.add.map((id) => `+${id}`),
    ...plan.enabledClients.remove.map((id) => `-${id}`),
  ];
  return changes.length === 0 ? { kind: 'inSync', tenant } : { kind: 'differs', tenant, changes };
}

/** Where the remote state should come from, before any network: the decision the view makes first. */
export type RemoteCheck =
  | { readonly kind: 'settled'; readonly state: FileState }
  | { readonly kind: 'check'; readonly tenant: string; readonly body: Auth0OidcConnectionFile };

export function planFileCheck(
  local: LocalFileState,
  options: {
    readonly trusted: boolean;
    readonly lastDeployTenant: string | undefined;
    readonly tenantConfigured: boolean;
  },
): RemoteCheck {
  if (local.kind === 'errors') return { kind: 'settled', state: local };
  if (!options.trusted) return { kind: 'settled', state: { kind: 'local' } };
  if (options.lastDeployTenant === undefined)
    return { kind: 'settled', state: { kind: 'notDeployed', reason: 'never' } };
  if (!options.tenantConfigured)
    return {
      kind: 'settled',
      state: { kind: 'notDeployed', reason: 'tenantRemoved', tenant: options.lastDeployTenant },
    };
  return { kind: 'check', tenant: options.lastDeployTenant, body: local.body };
}
