import type { DeployPlan } from '../core/deploy/plan';
import { CancelledError } from './errors';
import type { CallOptions, Connection, ManagementClient } from './managementClient';

// Applying a deploy plan (src/core/deploy/plan.ts) on the tenant.

export type DeployStep = 'create' | 'update' | 'enabled-clients' | 'done';

export interface DeployProgress {
  readonly step: DeployStep;
  readonly message: string;
}

export interface DeployResult {
  readonly connectionId: string;
  /** The connection as the tenant returned it; absent when nothing about it was sent. */
  readonly connection?: Connection;
  readonly created: boolean;
  readonly enabledClientsChanged: number;
}

/** Runs a plan: create (without enabled_clients) or PATCH, then the enabled-applications PATCH. */
export async function applyDeploy(
  client: ManagementClient,
  plan: DeployPlan,
  options: CallOptions & { readonly onProgress?: (progress: DeployProgress) => void } = {},
): Promise<DeployResult> {
  const { signal, onProgress, onRetry } = options;
  // Each step's requests report their retries and rate-limit waits, so the progress shows them.
  const call: CallOptions = { ...(signal ? { signal } : {}), ...(onRetry ? { onRetry } : {}) };
  const checkCancelled = (): void => {
    if (signal?.aborted) {
      throw new CancelledError();
    }
  };
  checkCancelled();
  let connection: Connection | undefined;
  let connectionId: string;
  if (plan.kind === 'create') {
    onProgress?.({ step: 'create', message: `Creating ${plan.connectionName}` });
    connection = await client.createConnection(plan.body, call);
    connectionId = connection.id;
  } else {
    connectionId = plan.connectionId;
    if (plan.connectionChanged) {
      onProgress?.({ step: 'update', message: `Updating ${plan.connectionName}` });
      connection = await client.updateConnection(plan.connectionId, plan.body, call);
    }
  }
  const changes = [
    ...plan.enabledClients.add.map((id) => ({ client_id: id, status: true })),
    ...plan.enabledClients.remove.map((id) => ({ client_id: id, status: false })),
  ];
  if (changes.length > 0) {
    checkCancelled();
    onProgress?.({ step: 'enabled-clients', message: `Updating the applications enabled for ${plan.connectionName}` });
    await client.updateEnabledClients(connectionId, changes, call);
  }
  onProgress?.({ step: 'done', message: `${plan.connectionName} deployed` });
  return {
    connectionId,
    ...(connection ? { connection } : {}),
    created: plan.kind === 'create',
    enabledClientsChanged: changes.length,
  };
}
