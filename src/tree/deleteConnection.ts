import * as vscode from 'vscode';
import type { Services } from '../services';
import type { Trees } from '.';
import { connectionNodeArg } from './nodeArgs';
import { withCancellableProgress } from '../vscode/progress';

/** Delete Connection — after a modal confirmation that names the connection and the tenant. */
export function deleteConnection(services: Services, trees: Trees) {
  return async (arg?: unknown): Promise<boolean> => {
    const node = connectionNodeArg(arg);
    if (!node) return false;
    const { connection, tenant } = node;
    const remove = vscode.l10n.t('Delete');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('Delete the connection {0} from {1}?', connection.name, tenant.displayName),
      {
        modal: true,
        detail: vscode.l10n.t(
          'Users can no longer log in through {0}, and Auth0 deletes the users it created. This cannot be undone. (ID {1})',
          connection.name,
          connection.id,
        ),
      },
      remove,
    );
    if (answer !== remove) return false;
    const done = await withCancellableProgress(
      vscode.l10n.t('Deleting {0} from {1}…', connection.name, tenant.displayName),
      async (_signal, _progress, calls) => {
        await (await services.tenants.client(tenant)).deleteConnection(connection.id, calls);
        return true;
      },
      { offerRetry: true },
    );
    if (!done) return false;
    services.log.info(`Deleted connection ${connection.name} (${connection.id}) from ${tenant.origin}.`);
    // The Connection Files view, status bar and CodeLens stop saying "in sync" at once.
    services.deploys.connectionChanged({ tenant: tenant.origin, connectionName: connection.name, kind: 'deleted' });
    trees.tenantsTree.refreshTenant(tenant.origin);
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Deleted {0} from {1}.', connection.name, tenant.displayName),
    );
    return true;
  };
}
