// `npm start` asks the sandbox for its last ports (SandboxOptions.ports, --provider-port/--rp-port)
// so the sample workspace keeps working after a restart; a port in use falls back to a free one.
import assert from 'node:assert/strict';
import * as net from 'node:net';
import { startSandbox } from '../../sandbox/index';

function listening(): Promise<net.Server> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}
const portOf = (server: net.Server): number => (server.address() as net.AddressInfo).port;
const close = (server: net.Server): Promise<void> => new Promise((resolve) => server.close(() => resolve()));

describe('sandbox: the ports it was asked for (npm start restarts on the same ports)', function () {
  it('listens on the ports asked for when they are free, and on others when one is taken', async function () {
    const free = await listening();
    const freePort = portOf(free);
    await close(free);
    const taken = await listening();
    try {
      const sandbox = await startSandbox({ ports: { rp: freePort, provider: portOf(taken) } });
      try {
        assert.equal(sandbox.rp.baseUrl, `http://127.0.0.1:${freePort}`);
        assert.notEqual(new URL(sandbox.provider.baseUrl).port, String(portOf(taken)));
        assert.ok(
          sandbox.provider.app('Provider App for RP').callbacks.includes(`${sandbox.rp.baseUrl}/login/callback`),
        );
      } finally {
        await sandbox.close();
      }
    } finally {
      await close(taken);
    }
  });
});
