import * as vscode from 'vscode';
import type { Services } from '../services';
import { tenantFromArg } from '../tenants/pickTenant';
import type { Trees } from '.';
import type { ConnectionNode } from './nodes/connectionNode';

/** Reveal in Tree — `{ tenant, connectionId }` (deploy's "Reveal in Tree"): shows and selects the connection. */
export function revealConnection(services: Services, trees: Trees) {
  return async (arg?: unknown): Promise<ConnectionNode | undefined> => {
    if (typeof arg !== 'object' || arg === null || !('connectionId' in arg) || typeof arg.connectionId !== 'string')
      return undefined;
    const tenant = tenantFromArg(services.tenants, 'tenant' in arg ? arg.tenant : undefined);
    if (!tenant) return undefined;
    const result = await trees.tenantsTree.revealConnection(tenant, arg.connectionId);
    if (result.kind === 'revealed') return result.node;
    void vscode.window.showInformationMessage(
      result.kind === 'filtered'
        ? vscode.l10n.t(
            '{0} is a {1} connection, which the tree does not list for {2}. Use "Filter by Strategy" to show it.',
            result.name,
            result.strategy,
            tenant.displayName,
          )
        : vscode.l10n.t('{0} has no connection with ID {1} now.', tenant.displayName, arg.connectionId),
    );
    return undefined;
  };
}
