import type * as vscode from 'vscode';
import type { Services } from '../services';

/**
 * The Relying Party tenant a connection file is for, when that is known without asking: where the
 * file was last deployed, else the one configured tenant that is not its provider tenant.
 */
export function knownRpOrigin(
  services: Pick<Services, 'deploys' | 'tenants'>,
  uri: vscode.Uri,
  providerOrigin: string | undefined,
): string | undefined {
  const last = services.deploys.last(uri);
  if (last) return last.tenant;
  const others = services.tenants.list().filter((t) => t.origin !== providerOrigin);
  return others.length === 1 ? others[0]!.origin : undefined;
}
