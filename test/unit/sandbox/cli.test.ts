import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fetch } from 'undici';
import type { SandboxFacts } from '../../sandbox/index';

const repoRoot = join(__dirname, '..', '..', '..');

/** Runs the sandbox CLI the way `npm run --silent sandbox -- --json` does (tsx test/sandbox/cli.ts). */
function startCli(args: string[]): {
  child: ChildProcess;
  firstLine: Promise<string>;
  output: () => string;
  exit: Promise<number | null>;
} {
  const child = spawn(
    process.execPath,
    [join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'test/sandbox/cli.ts', ...args],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  const firstLine = new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      stdout += d.toString();
      const i = stdout.indexOf('\n');
      if (i >= 0) resolve(stdout.slice(0, i));
    });
    child.on('exit', (code) => reject(new Error(`sandbox CLI exited (${code}) before printing: ${stderr}`)));
  });
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, firstLine, output: () => stdout, exit };
}

describe('sandbox CLI', function () {
  this.timeout(60_000);

  it('--json prints exactly one JSON line once both tenants answer, and SIGTERM closes it cleanly', async function () {
    const cli = startCli(['--json']);
    try {
      const facts = JSON.parse(await cli.firstLine) as SandboxFacts;
      assert.equal(facts.tls, false);
      for (const name of ['provider', 'rp'] as const) {
        const tenant = facts.tenants[name];
        assert.match(tenant.baseUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
        assert.equal(tenant.domain, tenant.baseUrl.replace('http://', ''));
        assert.ok(tenant.m2m.clientId && tenant.m2m.clientSecret && tenant.m2m.scopes.includes('create:connections'));
        assert.ok(tenant.users.length >= 1);
        const discovery = await fetch(`${tenant.baseUrl}/.well-known/openid-configuration`);
        assert.equal(discovery.status, 200, `${name} is ready when the line is printed`);
        await discovery.body?.cancel();
      }
      assert.ok(facts.tenants.provider.users.length >= 2);
      const token = await fetch(`${facts.tenants.rp.baseUrl}/oauth/token`, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: facts.tenants.rp.m2m.clientId,
          client_secret: facts.tenants.rp.m2m.clientSecret,
          audience: facts.tenants.rp.managementAudience,
        }),
      });
      assert.equal(token.status, 200, 'the printed credentials work');
      await token.body?.cancel();
      cli.child.kill('SIGTERM');
      assert.equal(await cli.exit, 0);
      assert.equal(cli.output().trim().split('\n').length, 1, 'nothing else on stdout');
    } finally {
      if (cli.child.exitCode === null) cli.child.kill('SIGKILL');
    }
  });

  it('--rate-limit free enforces the free-plan Management API limit (burst 10, then 429)', async function () {
    const cli = startCli(['--json', '--rate-limit', 'free']);
    try {
      const facts = JSON.parse(await cli.firstLine) as SandboxFacts;
      const rp = facts.tenants.rp;
      const tokenResponse = await fetch(`${rp.baseUrl}/oauth/token`, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: rp.m2m.clientId,
          client_secret: rp.m2m.clientSecret,
          audience: rp.managementAudience,
        }),
      });
      const { access_token: token } = (await tokenResponse.json()) as { access_token: string };
      const started = Date.now();
      const statuses = await Promise.all(
        Array.from({ length: 20 }, async () => {
          const response = await fetch(`${rp.baseUrl}/api/v2/connections`, {
            headers: { authorization: `Bearer ${token}` },
          });
          await response.body?.cancel();
          return {
            status: response.status,
            limit: response.headers.get('x-ratelimit-limit'),
            retryAfter: response.headers.get('retry-after'),
          };
        }),
      );
      // burst 10, plus what 2/s refilled meanwhile (a loaded machine may take a while for 20 requests)
      const allowed = statuses.filter((s) => s.status === 200).length;
      assert.ok(allowed >= 10 && allowed <= 10 + Math.ceil(((Date.now() - started) / 1000) * 2), `${allowed} allowed`);
      const refused = statuses.find((s) => s.status === 429);
      assert.ok(refused, 'requests beyond the burst are refused');
      assert.equal(refused.limit, '10');
      assert.equal(refused.retryAfter, '1');
      cli.child.kill('SIGTERM');
      assert.equal(await cli.exit, 0);
    } finally {
      if (cli.child.exitCode === null) cli.child.kill('SIGKILL');
    }
  });
});
