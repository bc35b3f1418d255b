import * as vscode from 'vscode';
import type { Connection } from '../auth0/managementClient';
import type { Services } from '../services';
import type { ConnectionNode } from '../tree/nodes/connectionNode';
import { withCancellableProgress } from '../vscode/progress';

/**
 * Reads a tree connection afresh with its options and enabled applications, under a cancellable
 * progress notification: what Compare with File and Pull into File both start from. Undefined
 * when the user cancelled.
 */
export function readTreeConnection(
  services: Services,
  node: ConnectionNode,
): Promise<{ connection: Connection; enabled: readonly string[] } | undefined> {
  const tenant = node.tenant;
  return withCancellableProgress(
    vscode.l10n.t('Reading {0} from {1}…', node.connection.name, tenant.displayName),
    async (_signal, _progress, calls) => {
      const client = await services.tenants.client(tenant);
      // Stops, naming the missing scope, when the tenant hid the options (no read:connections_options).
      const connection = client.requireOptions(await client.getConnection(node.connection.id, calls));
      return { connection, enabled: await client.listEnabledClients(connection.id, calls) };
    },
    { offerRetry: true },
  );
}
