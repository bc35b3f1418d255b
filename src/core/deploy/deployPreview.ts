/**
 * The two sides of the deploy diff, as plain data: the connection as the tenant has it, and as it
 * will be after the deploy. Both are masked (secrets as ••••), so the diff editor never shows one.
 */
import { maskSecrets } from '../secrets';

export interface DeployPreviewInput {
  /** The tenant's connection, undefined when deploy creates it. */
  readonly remote: { readonly [key: string]: unknown } | undefined;
  readonly remoteEnabledClients: readonly string[];
  readonly local: { readonly name: string; readonly strategy: string };
  readonly plan: {
    readonly body: { readonly [key: string]: unknown };
    readonly enabledClients: { readonly add: readonly string[]; readonly remove: readonly string[] };
  };
}

export function remotePreview(p: DeployPreviewInput): Record<string, unknown> {
  if (!p.remote) return {};
  const { id: _id, enabled_clients: _deprecated, ...rest } = p.remote;
  return maskSecrets({ ...rest, enabled_clients: [...p.remoteEnabledClients].sort() });
}

export function afterDeployPreview(p: DeployPreviewInput): Record<string, unknown> {
  const base = p.remote ? remotePreview(p) : { name: p.local.name, strategy: p.local.strategy };
  const clients = new Set(p.remoteEnabledClients);
  for (const id of p.plan.enabledClients.add) clients.add(id);
  for (const id of p.plan.enabledClients.remove) clients.delete(id);
  return maskSecrets({ ...base, ...p.plan.body, enabled_clients: [...clients].sort() });
}
