import type { Trees } from '.';
import { treeNodeArg } from './nodeArgs';

export const REFRESH_TENANTS_COMMAND = 'auth0Oidc.refreshTenants';
export const REFRESH_CONNECTION_FILES_COMMAND = 'auth0Oidc.refreshConnectionFiles';

/** Auth0 OIDC: Refresh — the node it is run on (a tenant, a connection, a folder), or the whole tree. */
export function refreshTenants(trees: Trees) {
  return (arg?: unknown): void => trees.tenantsTree.refresh(treeNodeArg(arg));
}

/** Auth0 OIDC: Refresh Connection Files — lists the files again and compares them again. */
export function refreshConnectionFiles(trees: Trees) {
  return (): void => trees.connectionFilesTree.refresh();
}
