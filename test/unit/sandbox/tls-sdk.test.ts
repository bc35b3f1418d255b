import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Agent, fetch } from 'undici';
import { createFederatedConnection, startSandbox, type Sandbox } from '../../sandbox/index';
import { startLogin } from './helpers';

const repoRoot = join(__dirname, '..', '..', '..');

function runNode(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('sandbox over TLS', function () {
  let sandbox: Sandbox;
  let caPath: string;

  before(async function () {
    sandbox = await startSandbox({ tls: true });
    caPath = sandbox.caCertPath ?? '';
  });
  after(async function () {
    await sandbox.close();
    assert.equal(existsSync(caPath), false, 'close() removes the CA file');
  });

  it('serves https with a certificate only the sandbox CA vouches for', async function () {
    assert.match(sandbox.rp.baseUrl, /^https:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(readFileSync(caPath, 'utf8'), sandbox.caCertPem);
    await assert.rejects(fetch(`${sandbox.rp.baseUrl}/.well-known/openid-configuration`), 'untrusted without the CA');
    const agent = new Agent({ connect: { ca: sandbox.caCertPem } });
    try {
      for (const host of ['127.0.0.1', 'localhost']) {
        const url = `${sandbox.rp.baseUrl.replace('127.0.0.1', host)}/.well-known/openid-configuration`;
        const response = await fetch(url, { dispatcher: agent });
        assert.equal(response.status, 200, host);
        await response.body?.cancel();
      }
    } finally {
      await agent.close();
    }
  });

  it('federates over https (the RP trusts the provider through the same CA)', async function () {
    // over https: createFederatedConnection trusts the sandbox CA
    await createFederatedConnection(sandbox, 'tls-partner');
    const run = await startLogin(sandbox, { connection: 'tls-partner', sandbox_login: 'alice@provider.test' });
    try {
      assert.ok(run.callback?.get('code'), JSON.stringify(run.hops));
      assert.ok(
        run.hops.some((h) => h.url.startsWith(`${sandbox.provider.baseUrl}/authorize`)),
        'went to the provider over https',
      );
    } finally {
      await run.browser.close();
    }
  });

  it('the official auth0 SDK creates, lists (checkpoint pages), updates and deletes an auth0-oidc connection', async function () {
    this.timeout(90_000);
    sandbox.rp.seedConnections(3);
    sandbox.rp.resetRequestLog();
    const providerApp = sandbox.provider.app('Provider App for RP');
    const input = {
      domain: sandbox.rp.domain,
      clientId: sandbox.rp.m2m.clientId,
      clientSecret: sandbox.rp.m2m.clientSecret,
      name: 'made-by-sdk',
      options: {
        client_id: providerApp.clientId,
        client_secret: providerApp.clientSecret,
        domain: sandbox.provider.domain,
      },
      enableClientId: sandbox.rp.app('RP Web App').clientId,
    };
    const result = await runNode(['--import', 'tsx', 'test/sandbox/examples/sdk-crud.ts', JSON.stringify(input)], {
      NODE_EXTRA_CA_CERTS: caPath,
    });
    assert.equal(result.code, 0, result.stderr);
    const out = JSON.parse(result.stdout.trim()) as {
      created: { id: string; name: string; strategy: string };
      listed: string[];
      updated: { display_name: string; scope: string };
      enabled: string[];
      afterDelete: number;
    };
    assert.match(out.created.id, /^con_[A-Za-z0-9]{16}$/);
    assert.equal(out.created.strategy, 'auth0-oidc');
    const expected = [...sandbox.rp.state.connections.values()].filter((c) => c.strategy === 'auth0-oidc').length + 1;
    assert.ok(expected >= 4);
    assert.equal(out.listed.length, expected, 'every auth0-oidc connection, the new one included, over pages of two');
    assert.ok(out.listed.includes('made-by-sdk'));
    assert.deepEqual(out.updated, { display_name: 'Updated by the SDK', scope: 'openid profile email' });
    assert.deepEqual(out.enabled, [input.enableClientId]);
    assert.equal(out.afterDelete, 404);
    assert.equal(sandbox.rp.state.connections.has(out.created.id), false);
    const listCalls = sandbox.rp.requestLog.filter((e) => e.method === 'GET' && e.path === '/api/v2/connections');
    assert.equal(listCalls.length, Math.ceil(expected / 2));
    assert.match(listCalls[1]?.query ?? '', /from=/);
  });
});
