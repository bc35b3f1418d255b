import * as assert from 'node:assert/strict';
import type { Connection } from '../../../../src/auth0/managementClient';
import { requireConnectionOptions } from '../../../../src/auth0/errors';
import { readRemoteState, type RemoteStateReader } from '../../../../src/core/deploy/remoteState';

/** A client that records its calls and has the connections it is given. */
function reader(connections: Connection[], enabled: Record<string, string[]>): RemoteStateReader & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    findConnectionByName: (name, options) => {
      calls.push(`find ${name} ${options?.signal ? 'signal' : 'no signal'}`);
      return Promise.resolve(connections.find((c) => c.name === name));
    },
    listEnabledClients: (id, options) => {
      calls.push(`list ${id} ${options?.signal ? 'signal' : 'no signal'}`);
      return Promise.resolve(enabled[id] ?? []);
    },
    requireOptions: (connection) => requireConnectionOptions(connection),
  };
}

describe('readRemoteState (src/core/deploy/remoteState.ts)', () => {
  const partner = { id: 'con_1', name: 'partner', strategy: 'auth0-oidc', options: {} } as unknown as Connection;

  it('reads the connection of that name and its enabled applications, passing the signal on', async () => {
    const client = reader([partner], { con_1: ['app1', 'app2'] });
    const signal = new AbortController().signal;
    assert.deepEqual(await readRemoteState(client, 'partner', signal), {
      remote: partner,
      enabledClients: ['app1', 'app2'],
    });
    assert.deepEqual(client.calls, ['find partner signal', 'list con_1 signal']);
  });

  it('lists nothing when the tenant has no connection of that name', async () => {
    const client = reader([partner], {});
    assert.deepEqual(await readRemoteState(client, 'other'), { remote: undefined, enabledClients: [] });
    assert.deepEqual(client.calls, ['find other no signal']);
  });
});
