import type { Connection } from '../auth0Api/connection';

/** What a deploy plan compares a file with: the tenant's connection of that name and its enabled applications. */
export interface RemoteState {
  /** Undefined when the tenant has no connection of that name (deploy creates it). */
  readonly remote: Connection | undefined;
  readonly enabledClients: readonly string[];
}

/**
 * What each read carries: a cancellation, and whatever else the client takes (src/auth0's
 * CallOptions: a retry listener).
 */
export interface RemoteCall {
  readonly signal?: AbortSignal;
}

/** The part of the Management API client this needs (src/auth0's ManagementClient fits). */
export interface RemoteStateReader<C extends RemoteCall = RemoteCall> {
  findConnectionByName(name: string, options?: C): Promise<Connection | undefined>;
  listEnabledClients(connectionId: string, options?: C): Promise<readonly string[]>;
  /** The connection when the tenant returned its options; throws (naming the missing scope) otherwise. */
  requireOptions(connection: Connection): Connection;
}

/**
 * Reads the connection named `name` and, when it exists, its enabled applications: the one read
 * behind the deploy command, the Connection Files view and the CLI's deploy. `call` goes with
 * every request (a signal alone, or the client's call options with a progress's retry listener).
 */
export async function readRemoteState<C extends RemoteCall>(
  client: RemoteStateReader<C>,
  name: string,
  call?: C | AbortSignal,
): Promise<RemoteState> {
  const options = (call instanceof AbortSignal ? { signal: call } : (call ?? {})) as C;
  const found = await client.findConnectionByName(name, options);
  // Stops, naming the missing scope, when the tenant hid the options (no read:connections_options):
  // nothing is planned from a partial picture.
  const remote = found ? client.requireOptions(found) : undefined;
  const enabledClients = remote ? await client.listEnabledClients(remote.id, options) : [];
  return { remote, enabledClients };
}
