// A login that reaches a tenant's /authorize through a port forwarder that keeps its own Host
// header (code-server's /proxy/PORT/, as under `npm start`) starts again on the tenant's own
// origin, so that the resume after the provider's login does not go to the forwarder's host.
import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { Sandbox } from '../../sandbox/index';
import { sandboxForSuite } from './helpers';

/** GET with an explicit Host header, as a forwarder sends it; redirects are not followed. */
function getWithHost(url: string, host: string): Promise<{ status: number; location: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { host } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location }));
    });
    req.on('error', reject);
  });
}

describe('sandbox: a login reached through a port forwarder', function () {
  let sandbox: Sandbox;
  sandboxForSuite((started) => {
    sandbox = started;
  });
  const query =
    '?client_id=rpWebApp000000000000000000000000&response_type=code&redirect_uri=http%3A%2F%2F127.0.0.1%3A53682%2Fcallback&state=s1&connection=partner&scope=openid+profile';

  it("sends /authorize with the forwarder's Host to the tenant's own origin, the query untouched", async function () {
    const answer = await getWithHost(`${sandbox.rp.baseUrl}/authorize${query}`, '127.0.0.1:1');
    assert.equal(answer.status, 302);
    assert.equal(answer.location, `${sandbox.rp.baseUrl}/authorize${query}`);
  });

  it('answers /authorize on its own hosts (canonical and custom domain) as before', async function () {
    for (const host of [new URL(sandbox.rp.baseUrl).host, sandbox.rp.customDomain]) {
      const answer = await getWithHost(`${sandbox.rp.baseUrl}/authorize${query}`, host);
      assert.notEqual(answer.status, 302, host);
      assert.ok(!answer.location?.startsWith(sandbox.rp.baseUrl + '/authorize'), `${host}: ${answer.location}`);
    }
  });
});
