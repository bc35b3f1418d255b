// Move to OIDC reads the provider's discovery document once: one GET, no token, a timeout and
// cancellation, and the errors of the client layer.
import assert from 'node:assert/strict';
import { Auth0ApiError, Auth0TimeoutError, CancelledError, readDiscoveryDocument } from '../../../src/auth0';
import { json, startServer, type TestServer } from './helpers';

describe('readDiscoveryDocument (src/auth0/discovery.ts)', () => {
  const servers: TestServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  it('GETs /.well-known/openid-configuration over http on loopback, without a token', async () => {
    const server = await startServer((_req, res) => json(res, 200, { issuer: 'x', jwks_uri: 'y' }));
    servers.push(server);
    assert.deepEqual(await readDiscoveryDocument(server.domain), { issuer: 'x', jwks_uri: 'y' });
    assert.equal(server.requests.length, 1);
    assert.equal(server.requests[0]!.method, 'GET');
    assert.equal(server.requests[0]!.url, '/.well-known/openid-configuration');
    assert.equal(server.requests[0]!.headers.authorization, undefined);
  });

  it('gives up after its timeout, once, and on cancellation', async () => {
    const server = await startServer(() => undefined); // never answers
    servers.push(server);
    await assert.rejects(readDiscoveryDocument(server.domain, { timeoutMs: 200 }), Auth0TimeoutError);
    assert.equal(server.requests.length, 1, 'not retried');
    const controller = new AbortController();
    const reading = readDiscoveryDocument(server.domain, { signal: controller.signal });
    controller.abort();
    await assert.rejects(reading, CancelledError);
  });

  it('reports an error answer as the client layer does', async () => {
    const server = await startServer((_req, res) => json(res, 404, { message: 'Not Found' }));
    servers.push(server);
    await assert.rejects(readDiscoveryDocument(server.domain), Auth0ApiError);
  });
});
