import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { collectPages, createManagementClient } from '../../../src/auth0';

/** A tenant that misbehaves at paging: it repeats the checkpoint, and ignores `page`. */
describe('paging against a tenant that never says "last page"', () => {
  let server: Server;
  let base: string;
  let requests = 0;
  // A pasted Management token must be a JWT of this tenant (iss, aud) whose exp lies ahead; the
  // server here never checks it.
  const b64 = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  const tokenFor = (origin: string): string =>
    `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64({ exp: Math.floor(Date.now() / 1000) + 3600, iss: `${origin}/`, aud: `${origin}/api/v2/` })}.signature`;

  before(async () => {
    server = createServer((req, res) => {
      requests++;
      res.setHeader('content-type', 'application/json');
      if (req.url?.startsWith('/api/v2/connections')) {
        res.end(
          JSON.stringify({
            connections: [{ id: 'con_1', name: 'a', strategy: 'auth0-oidc' }],
            next: 'same-checkpoint',
          }),
        );
      } else if (req.url?.startsWith('/api/v2/clients')) {
        res.end(JSON.stringify(Array.from({ length: 100 }, (_, i) => ({ client_id: `c${i}` }))));
      } else {
        res.statusCode = 404;
        res.end('{}');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('stops when the checkpoint comes back unchanged', async () => {
    requests = 0;
    const client = createManagementClient({ domain: base, credentials: { kind: 'token', token: tokenFor(base) } });
    try {
      const all = await collectPages(client.listConnections());
      assert.equal(all.length, 2, 'the first page and the one whose checkpoint repeated');
      assert.equal(requests, 2);
    } finally {
      await client.close();
    }
  });

  it('stops when page/per_page paging answers the same page again', async () => {
    requests = 0;
    const client = createManagementClient({ domain: base, credentials: { kind: 'token', token: tokenFor(base) } });
    try {
      const all = await collectPages(client.listClients());
      assert.equal(all.length, 100);
      assert.equal(requests, 2);
    } finally {
      await client.close();
    }
  });
});
