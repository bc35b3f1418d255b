// `deploy --env NAME` against the in-process sandbox: one connection file, two environments (the
// sandbox's tenants under two names, with different values), as a CI job would run it.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../src/cli/main';
import { startSandbox, type Sandbox } from '../../sandbox';

describe('cli deploy --env (one connection file, several environments)', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let dir: string;
  let file: string;
  let environmentsFile: string;
  let env: Record<string, string>;
  let providerSecret: string;
  const outputs: string[] = [];

  async function cli(
    args: string[],
    extraEnv: Record<string, string | undefined> = {},
  ): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const code = await runCli(
      args,
      { stdout: (t) => (out += t + '\n'), stderr: (t) => (err += t + '\n') },
      { ...env, ...extraEnv },
    );
    outputs.push(out, err);
    return { code, out, err };
  }

  const template = (): Record<string, unknown> => ({
    name: 'cli-env-##ENV##',
    strategy: 'auth0-oidc',
    display_name: 'Partner (##LABEL##)',
    options: {
      client_id: '##PROVIDER_CLIENT_ID##',
      client_secret: '##PROVIDER_APP_SECRET##',
      domain: '##PROVIDER_DOMAIN##',
      scope: 'openid profile',
    },
    enabled_clients: '@@RP_APPS@@',
  });

  async function writeTemplate(change: (body: any) => void = () => undefined): Promise<void> {
    const body: any = template();
    change(body);
    await writeFile(file, JSON.stringify(body, undefined, 2));
  }

  const values = (name: string, apps: string[]): Record<string, unknown> => ({
    ENV: name,
    LABEL: `${name} environment`,
    PROVIDER_CLIENT_ID: sandbox.provider.app('Provider App for RP').clientId,
    PROVIDER_DOMAIN: sandbox.provider.domain,
    RP_APPS: apps,
  });

  async function writeEnvironments(change: (environments: any) => void = () => undefined): Promise<void> {
    const environments: any = {
      dev: {
        rpTenant: sandbox.rp.domain,
        providerTenant: sandbox.provider.domain,
        values: values('dev', [sandbox.rp.app('RP Web App').clientId]),
      },
      prod: {
        rpTenant: sandbox.rp.domain,
        providerTenant: sandbox.provider.domain,
        values: values('prod', [sandbox.rp.app('RP Web App').clientId, sandbox.rp.app('RP SPA').clientId]),
      },
    };
    change(environments);
    await writeFile(environmentsFile, JSON.stringify({ environments }, undefined, 2));
  }

  const remote = (name: string): any => [...sandbox.rp.state.connections.values()].find((c: any) => c.name === name);
  const enabledOn = (name: string): string[] => [...((remote(name).enabled_clients as string[]) ?? [])].sort();

  before(async () => {
    sandbox = await startSandbox();
    dir = await mkdtemp(join(tmpdir(), 'auth0-oidc-cli-env-'));
    // The environments file at the repository's root, the connection file below it.
    await mkdir(join(dir, 'connections'));
    file = join(dir, 'connections', 'partner.auth0-oidc.json');
    environmentsFile = join(dir, 'auth0-oidc.environments.json');
    providerSecret = sandbox.provider.app('Provider App for RP').clientSecret;
    env = {
      AUTH0_CLIENT_ID: sandbox.rp.m2m.clientId,
      AUTH0_CLIENT_SECRET: sandbox.rp.m2m.clientSecret,
      AUTH0_OIDC_PROVIDER_APP_SECRET: providerSecret,
    };
    await writeTemplate();
    await writeEnvironments();
  });

  after(async () => {
    const all = outputs.join('\n');
    for (const secret of [providerSecret, sandbox.rp.m2m.clientSecret, 'hunter2-secret-value'])
      assert.ok(!all.includes(secret), 'a secret was printed');
    await sandbox?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('documents --env, --environments and AUTH0_KEYWORD_REPLACE_MAPPINGS in --help', async () => {
    const r = await cli(['--help']);
    assert.equal(r.code, 0);
    for (const text of [
      'deploy --env NAME [--environments FILE]',
      'auth0-oidc.environments.json',
      'AUTH0_KEYWORD_REPLACE_MAPPINGS',
    ])
      assert.ok(r.out.includes(text), text);
  });

  it("deploys the one file to dev and to prod, each with its environment's values, finding the environments file above", async () => {
    const dev = await cli(['deploy', '--env', 'dev', file]);
    assert.equal(dev.code, 0, dev.err + dev.out);
    assert.match(dev.out, /^Environment dev: Connection cli-env-dev on /);
    const prod = await cli(['deploy', '--env', 'prod', '--format', 'json', file]);
    assert.equal(prod.code, 0, prod.err + prod.out);
    const report = JSON.parse(prod.out);
    assert.equal(report.environment, 'prod');
    assert.equal(report.action, 'create');
    assert.equal(report.applied, true);

    assert.equal(remote('cli-env-dev').display_name, 'Partner (dev environment)');
    assert.equal(remote('cli-env-prod').display_name, 'Partner (prod environment)');
    assert.equal(remote('cli-env-prod').options.client_secret, providerSecret);
    assert.equal(remote('cli-env-prod').options.domain, sandbox.provider.domain);
    assert.deepEqual(enabledOn('cli-env-dev'), [sandbox.rp.app('RP Web App').clientId]);
    assert.deepEqual(
      enabledOn('cli-env-prod'),
      [sandbox.rp.app('RP Web App').clientId, sandbox.rp.app('RP SPA').clientId].sort(),
    );

    const again = await cli(['deploy', '--env', 'dev', '--detailed-exitcode', file]);
    assert.equal(again.code, 0, again.out);
    assert.match(again.out, /Nothing to do/);
  });

  it('refuses a key missing in prod, on the keyword of the file as written, and sends nothing', async () => {
    await writeEnvironments((e) => delete e.prod.values.LABEL);
    try {
      const before = sandbox.rp.state.connections.size;
      const r = await cli(['deploy', '--env', 'prod', file]);
      assert.equal(r.code, 1, r.err + r.out);
      const line =
        JSON.stringify(template(), undefined, 2)
          .split('\n')
          .findIndex((l) => l.includes('##LABEL##')) + 1;
      assert.match(
        r.out,
        new RegExp(
          `partner\\.auth0-oidc\\.json:${line}:\\d+: error environment-key-missing: prod: ##LABEL## has no value`,
        ),
      );
      assert.equal(sandbox.rp.state.connections.size, before);
    } finally {
      await writeEnvironments();
    }
  });

  it('refuses a secret in the environments file (exit 2), without printing it', async () => {
    await writeEnvironments((e) => (e.dev.values.PROVIDER_APP_SECRET = 'hunter2-secret-value'));
    try {
      const r = await cli(['deploy', '--env', 'dev', file]);
      assert.equal(r.code, 2, r.err + r.out);
      assert.match(r.err, /environment-secret-value/);
      assert.match(r.err, /AUTH0_OIDC_PROVIDER_APP_SECRET/);
    } finally {
      await writeEnvironments();
    }
  });

  it('never fills a secret option from the values, whatever the key is called', async () => {
    await writeTemplate((b) => (b.options.client_secret = '##PARTNER_APP_KEY##'));
    try {
      const r = await cli(['deploy', '--env', 'dev', '--dry-run', file], {
        AUTH0_KEYWORD_REPLACE_MAPPINGS: JSON.stringify({ PARTNER_APP_KEY: 'hunter2-secret-value' }),
      });
      assert.equal(r.code, 1, r.err + r.out);
      assert.match(r.out, /environment-secret-value/);
    } finally {
      await writeTemplate();
    }
  });

  it("accepts a0deploy's AUTH0_KEYWORD_REPLACE_MAPPINGS, with --tenant or over an environment's values", async () => {
    const mappings = { ...values('ci', [sandbox.rp.app('RP Web App').clientId]), LABEL: 'from a0deploy' };
    const plain = await cli(['deploy', '--tenant', sandbox.rp.domain, file], {
      AUTH0_KEYWORD_REPLACE_MAPPINGS: JSON.stringify(mappings),
    });
    assert.equal(plain.code, 0, plain.err + plain.out);
    assert.equal(remote('cli-env-ci').display_name, 'Partner (from a0deploy)');

    const over = await cli(['deploy', '--env', 'dev', '--dry-run', '--format', 'json', file], {
      AUTH0_KEYWORD_REPLACE_MAPPINGS: JSON.stringify({ LABEL: 'overridden' }),
    });
    assert.equal(over.code, 0, over.err + over.out);
    const change = JSON.parse(over.out).changes.find((c: any) => c.path === 'display_name');
    assert.deepEqual([change?.before, change?.after], ['Partner (dev environment)', 'Partner (overridden)']);

    const broken = await cli(['deploy', '--env', 'dev', file], { AUTH0_KEYWORD_REPLACE_MAPPINGS: '[1]' });
    assert.equal(broken.code, 2);
    assert.match(broken.err, /AUTH0_KEYWORD_REPLACE_MAPPINGS must be a JSON object/);
  });

  it('exits 2 for an unknown environment, a --tenant that is not its RP, a missing environments file', async () => {
    const unknown = await cli(['deploy', '--env', 'qa', file]);
    assert.equal(unknown.code, 2);
    assert.match(unknown.err, /no environment "qa": it has "dev", "prod"/);

    const tenant = await cli(['deploy', '--env', 'dev', '--tenant', 'other.example.com', file]);
    assert.equal(tenant.code, 2);
    assert.match(tenant.err, /not the RP tenant of environment "dev"/);

    const missing = await cli(['deploy', '--env', 'dev', '--environments', join(dir, 'nope.json'), file]);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /nope\.json: no such file/);
  });

  it("exits 2 when the file resolves to another provider than the environment's, so its secret stays home", async () => {
    await writeEnvironments((e) => (e.dev.providerTenant = 'partner-elsewhere.example.com'));
    try {
      const r = await cli(['deploy', '--env', 'dev', file]);
      assert.equal(r.code, 2, r.err + r.out);
      assert.match(r.err, /signs in with partner-elsewhere\.example\.com/);
    } finally {
      await writeEnvironments();
    }
  });

  it('takes --environments FILE from anywhere', async () => {
    const elsewhere = join(dir, 'elsewhere.json');
    await writeFile(
      elsewhere,
      JSON.stringify({
        environments: {
          staging: {
            rpTenant: sandbox.rp.domain,
            providerTenant: sandbox.provider.domain,
            values: values('staging', []),
          },
        },
      }),
    );
    const r = await cli(['deploy', '--env', 'staging', '--environments', elsewhere, '--dry-run', file]);
    assert.equal(r.code, 0, r.err + r.out);
    assert.match(r.out, /Environment staging: Connection cli-env-staging/);
  });
});
