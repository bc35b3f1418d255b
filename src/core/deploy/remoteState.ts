import type { Connection } from '../auth0Api/connection';

/** What a deploy plan compares a file with: the tenant's connection of that name and its enabled applications. */
export interface RemoteState {
  /** Undefined when the tenant has no connection of that name (deploy creates it). */
  readonly remote: Connection | undefined;
  readonly enabledClients: readonly string[];
}

/** The part of the Management API client this needs (src/auth0's ManagementClient fits). */
export interface RemoteStateReader {
  findConnectionByName(name: string, options?: { readonly signal?: AbortSignal }): Promise<Connection | undefined>;
  listEnabledClients(connectionId: string, options?: { readonly signal?: AbortSignal }): Promise<readonly string[]>;
  /** The connection when the tenant returned its options; throws (naming the missing scope) otherwise. */
  requireOptions(connection: Connection): Connection;
}

/**
 * Reads the connection named `name` and, when it exists, its enabled applications: the one read
 * behind the deploy command, the Connection Files view and the CLI's deploy.
 */
export async function readRemoteState(
  client: RemoteStateReader,
  name: string,
  signal?: AbortSignal,
): Promise<RemoteState> {
  const call = signal ? { signal } : {};
  const found = await client.findConnectionByName(name, call);
  // Stops, naming the missing scope, when the tenant hid the options (no read:connections_options):
  // nothing is planned from a partial picture.
  const remote = found ? client.requireOptions(found) : undefined;
  const enabledClients = remote ? await client.listEnabledClients(remote.id, call) : [];
  return { remote, enabledClients };
}
