// The CLI's deploy and check-provider against the in-process sandbox: run in-process through
// runCli(argv, io, env), and once as `node cli.js` in a child process, as a CI job would.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { runCli } from '../../../src/cli/main';
import { oidcConnectionText, toOidcConnection } from '../../../src/core/toOidc/toOidcConnection';
import { startSandbox, type Sandbox } from '../../sandbox';

const root = join(__dirname, '..', '..', '..');
const run = promisify(execFile);

describe('cli deploy and check-provider against the sandbox', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let dir: string;
  let file: string;
  const name = 'cli-deploy';
  const outputs: string[] = [];
  let secrets: string[];
  let env: Record<string, string>;

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

  async function writeBody(change: (body: any) => void = () => undefined): Promise<void> {
    const app = sandbox.provider.app('Provider App for RP');
    const body: any = {
      name,
      strategy: 'auth0-oidc',
      options: {
        client_id: app.clientId,
        client_secret: '##PROVIDER_APP_SECRET##',
        domain: sandbox.provider.domain,
        scope: 'openid profile',
      },
      enabled_clients: [sandbox.rp.app('RP Web App').clientId],
    };
    change(body);
    await writeFile(file, JSON.stringify(body, undefined, 2));
  }

  /** Writes an auth0-oidc file named `fileName` into the temporary folder; returns its path. */
  async function writeConnection(fileName: string, name: string, options: Record<string, unknown>): Promise<string> {
    const path = join(dir, fileName);
    await writeFile(path, JSON.stringify({ name, strategy: 'auth0-oidc', options }));
    return path;
  }

  /** check-provider's credentials for the provider tenant, and both tenants' domains. */
  const providerEnv = (): Record<string, string> => ({
    AUTH0_PROVIDER_CLIENT_ID: sandbox.provider.m2m.clientId,
    AUTH0_PROVIDER_CLIENT_SECRET: sandbox.provider.m2m.clientSecret,
  });
  const bothDomains = (): string[] => ['--provider-domain', sandbox.provider.domain, '--rp-domain', sandbox.rp.domain];

  const remote = (): any => [...sandbox.rp.state.connections.values()].find((c: any) => c.name === name);

  before(async () => {
    sandbox = await startSandbox();
    dir = await mkdtemp(join(tmpdir(), 'auth0-oidc-cli-deploy-'));
    file = join(dir, `${name}.auth0-oidc.json`);
    env = {
      AUTH0_CLIENT_ID: sandbox.rp.m2m.clientId,
      AUTH0_CLIENT_SECRET: sandbox.rp.m2m.clientSecret,
      AUTH0_OIDC_PROVIDER_APP_SECRET: sandbox.provider.app('Provider App for RP').clientSecret,
    };
    secrets = [
      sandbox.rp.m2m.clientSecret,
      sandbox.provider.m2m.clientSecret,
      sandbox.provider.app('Provider App for RP').clientSecret,
    ];
    await writeBody();
  });

  after(async () => {
    // The canary: no secret or token in anything any run printed.
    const all = outputs.join('\n');
    for (const secret of secrets) assert.ok(!all.includes(secret), 'a secret was printed');
    assert.ok(!/eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/.test(all), 'a token was printed');
    await sandbox?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('documents the commands, the environment and the exit codes in --help', async () => {
    const r = await cli(['--help']);
    assert.equal(r.code, 0);
    for (const text of [
      'deploy --tenant DOMAIN',
      /validate \[--env NAME\] \[--environments FILE\] \[--verbose\]/,
      /checked in every environment/,
      /Hints .* only with --verbose/,
      /needs no AUTH0_OIDC_KEY secret/,
      '--dry-run',
      '--detailed-exitcode',
      'AUTH0_MGMT_TOKEN',
      'AUTH0_CLIENT_SECRET',
      /0 +success/,
      /1 +findings/,
      /2 +usage/,
      /3 +Auth0 API error/,
      /4 +only with --detailed-exitcode/,
    ]) {
      assert.match(r.out, typeof text === 'string' ? new RegExp(text.replace(/[-.]/g, '\\$&')) : text);
    }
  });

  it('a dry run prints the create plan with the secret masked and changes nothing', async () => {
    const r = await cli(['deploy', '--tenant', sandbox.rp.domain, '--dry-run', file]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, new RegExp(`Connection ${name} on 127\\.0\\.0\\.1:\\d+: create`));
    assert.match(r.out, /\+ options\.client_secret: ••••/);
    assert.match(r.out, /\+ options\.scope: "openid profile"/);
    assert.match(r.out, /Enabled applications:\n +\+ rpWebApp0+/);
    assert.match(r.out, /Dry run: nothing was changed\./);
    assert.equal(remote(), undefined);
    assert.equal(sandbox.rp.requestLog.filter((e) => e.method !== 'GET').length, 0);
  });

  it('a dry run needs no connection secret: it plans the create without AUTH0_OIDC_… and says it was not needed', async () => {
    const text = await cli(['deploy', '--tenant', sandbox.rp.domain, '--dry-run', file], {
      AUTH0_OIDC_PROVIDER_APP_SECRET: undefined,
    });
    assert.equal(text.code, 0, text.err);
    assert.match(text.out, /: create/);
    assert.match(text.out, /\+ options\.client_secret: ••••/);
    assert.match(
      text.out,
      /Not set, and not needed by a dry run \(it sends no secret\): AUTH0_OIDC_PROVIDER_APP_SECRET \(for options\.client_secret\)\. The deploy itself needs it\./,
    );
    const json = await cli(['deploy', '--tenant', sandbox.rp.domain, '--dry-run', '--format', 'json', file], {
      AUTH0_OIDC_PROVIDER_APP_SECRET: undefined,
    });
    assert.equal(json.code, 0, json.err);
    assert.deepEqual(JSON.parse(json.out).secretsNotNeeded, [
      'AUTH0_OIDC_PROVIDER_APP_SECRET (for options.client_secret)',
    ]);
    assert.equal(remote(), undefined);
    assert.equal(sandbox.rp.requestLog.filter((e) => e.method !== 'GET').length, 0);
  });

  it('a create enabled for no application is a warning line: exit 0, or 4 with --detailed-exitcode', async () => {
    const noApps = await writeConnection('no-apps.auth0-oidc.json', 'cli-no-apps', {
      client_id: sandbox.provider.app('Provider App for RP').clientId,
      client_secret: '##PROVIDER_APP_SECRET##',
      domain: sandbox.provider.domain,
    });
    const dry = await cli(['deploy', '--tenant', sandbox.rp.domain, '--dry-run', '--detailed-exitcode', noApps]);
    assert.equal(dry.code, 4, dry.err);
    assert.match(dry.out, /Warning: cli-no-apps is created enabled for no application/);
    const applied = await cli(['deploy', '--tenant', sandbox.rp.domain, '--format', 'json', noApps]);
    assert.equal(applied.code, 0, applied.out + applied.err);
    const report = JSON.parse(applied.out);
    assert.equal(report.applied, true);
    assert.match(report.warnings.join('\n'), /nobody can log in through it until an application is enabled/);
    const created = [...sandbox.rp.state.connections.values()].find((c: any) => c.name === 'cli-no-apps');
    assert.deepEqual(created?.enabled_clients ?? [], []);
  });

  it('--detailed-exitcode: a dry run that finds changes exits 4', async () => {
    const r = await cli(['deploy', '--tenant', sandbox.rp.domain, '--dry-run', '--detailed-exitcode', file]);
    assert.equal(r.code, 4);
  });

  it('applies the create and reports it as JSON', async () => {
    const r = await cli(['deploy', '--tenant', sandbox.rp.domain, '--format', 'json', file]);
    assert.equal(r.code, 0, r.out + r.err);
    const report = JSON.parse(r.out);
    assert.equal(report.action, 'create');
    assert.equal(report.applied, true);
    assert.equal(report.dryRun, false);
    assert.equal(report.connectionId, remote().id);
    assert.deepEqual(report.enabledClients, { add: [sandbox.rp.app('RP Web App').clientId], remove: [] });
    assert.equal(report.changes.find((c: any) => c.path === 'options.client_secret').after, '••••');
    assert.equal(
      remote().options.client_secret,
      env.AUTH0_OIDC_PROVIDER_APP_SECRET,
      'the placeholder was filled from the environment',
    );
    assert.deepEqual(remote().enabled_clients, [sandbox.rp.app('RP Web App').clientId]);
  });

  it('a second run has nothing to do: exit 0 even with --detailed-exitcode', async () => {
    sandbox.rp.resetRequestLog();
    const r = await cli(['deploy', '--tenant', sandbox.rp.baseUrl, '--detailed-exitcode', file]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /no changes/);
    assert.match(r.out, /Nothing to do/);
    assert.equal(sandbox.rp.requestLog.filter((e) => e.method !== 'GET').length, 0);
  });

  it("a dry run of an update without the connection secret keeps the tenant's and says so", async () => {
    const r = await cli(['deploy', '--tenant', sandbox.rp.domain, '--dry-run', file], {
      AUTH0_OIDC_PROVIDER_APP_SECRET: undefined,
    });
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /no changes/);
    assert.match(r.out, /not needed by a dry run .*The plan keeps the tenant's secret/);
  });

  it('plans an update as a diff and enabled applications removed, then applies it keeping the secret', async () => {
    await writeBody((b) => {
      b.options.scope = 'openid profile email';
      b.enabled_clients = [];
    });
    const dry = await cli(['deploy', '--tenant', sandbox.rp.domain, '--dry-run', file]);
    assert.equal(dry.code, 0, dry.err);
    assert.match(dry.out, /: update \(/);
    assert.match(dry.out, /~ options\.scope: "openid profile" → "openid profile email"/);
    assert.match(dry.out, /- rpWebApp0+/);
    assert.equal(remote().options.scope, 'openid profile');
    const applied = await cli([
      'deploy',
      '--tenant',
      sandbox.rp.domain,
      '--detailed-exitcode',
      '--format',
      'json',
      file,
    ]);
    assert.equal(applied.code, 4, 'changes were applied');
    const report = JSON.parse(applied.out);
    assert.equal(report.action, 'update');
    assert.deepEqual(report.changes, [
      { path: 'options.scope', before: 'openid profile', after: 'openid profile email' },
    ]);
    assert.equal(remote().options.scope, 'openid profile email');
    assert.deepEqual(remote().enabled_clients, []);
    assert.equal(remote().options.client_secret, env.AUTH0_OIDC_PROVIDER_APP_SECRET);
  });

  it('exits 2 naming the environment variable a placeholder needs', async () => {
    const r = await cli(['deploy', '--tenant', sandbox.rp.domain, file], { AUTH0_OIDC_PROVIDER_APP_SECRET: undefined });
    assert.equal(r.code, 2);
    assert.match(r.err, /AUTH0_OIDC_PROVIDER_APP_SECRET \(for options\.client_secret\)/);
  });

  it('exits 2 without credentials, and for bad usage', async () => {
    const none = await cli(['deploy', '--tenant', sandbox.rp.domain, file], {
      AUTH0_CLIENT_ID: undefined,
      AUTH0_CLIENT_SECRET: undefined,
    });
    assert.equal(none.code, 2);
    assert.match(none.err, /AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET/);
    assert.equal((await cli(['deploy', file])).code, 2, 'no --tenant');
    assert.equal((await cli(['deploy', '--tenant', sandbox.rp.domain, '--format', 'xml', file])).code, 2);
    assert.equal((await cli(['deploy', '--tenant', sandbox.rp.domain, file, file])).code, 2, 'two files');
    assert.equal(
      (await cli(['deploy', '--tenant', 'http://evil.example', file])).code,
      2,
      'plain http to a non-loopback host',
    );
    const missing = await cli(['deploy', '--tenant', sandbox.rp.domain, join(dir, 'nope.json')]);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /no such file/);
  });

  it('exits 1 for a file with errors and sends nothing', async () => {
    const bad = await writeConnection('bad.auth0-oidc.json', 'bad', {
      client_id: 'x',
      client_secret: '##X##',
      domain: 'https://not/bare',
    });
    sandbox.rp.resetRequestLog();
    const r = await cli(['deploy', '--tenant', sandbox.rp.domain, '--format', 'json', bad]);
    assert.equal(r.code, 1);
    assert.ok(
      JSON.parse(r.out).validation[0].diagnostics.some(
        (d: any) => d.code === 'domain-not-bare-host' && d.severity === 'error',
      ),
    );
    assert.equal(sandbox.rp.requestLog.length, 0);
  });

  it('exits 3 on API errors: rejected credentials, or a token without the write scope', async () => {
    const wrong = await cli(['deploy', '--tenant', sandbox.rp.domain, file], {
      AUTH0_CLIENT_SECRET: 'a-wrong-secret-0000000000',
    });
    assert.equal(wrong.code, 3);
    assert.match(wrong.err, /rejected the client ID or client secret/);
    await writeBody((b) => (b.options.scope = 'openid'));
    const readOnly = await cli(['deploy', '--tenant', sandbox.rp.domain, '--format', 'json', file], {
      AUTH0_CLIENT_ID: sandbox.rp.m2mReadOnly.clientId,
      AUTH0_CLIENT_SECRET: sandbox.rp.m2mReadOnly.clientSecret,
    });
    secrets.push(sandbox.rp.m2mReadOnly.clientSecret);
    assert.equal(readOnly.code, 3);
    const error = JSON.parse(readOnly.out).error;
    assert.equal(error.status, 403);
    assert.match(error.message, /update:connections/);
    assert.equal(remote().options.scope, 'openid profile email', 'unchanged');
  });

  it('exits 3 naming read:connections_options when the tenant hides the options, and sends no PATCH', async () => {
    const noOptions = sandbox.rp.m2mNoOptions;
    secrets.push(noOptions.clientSecret);
    await writeBody((b) => (b.options.scope = 'openid email'));
    const before = structuredClone(remote());
    sandbox.rp.resetRequestLog();
    const r = await cli(['deploy', '--tenant', sandbox.rp.domain, file], {
      AUTH0_CLIENT_ID: noOptions.clientId,
      AUTH0_CLIENT_SECRET: noOptions.clientSecret,
    });
    assert.equal(r.code, 3, r.out + r.err);
    assert.match(r.err, /did not return the options of connection cli-deploy/);
    assert.match(r.err, /read:connections_options/);
    assert.match(r.err, new RegExp(`application ${noOptions.clientId}`));
    assert.deepEqual(
      sandbox.rp.requestLog.filter((e) => e.method !== 'GET'),
      [],
      'nothing but reads',
    );
    assert.deepEqual(remote(), before, 'unchanged');
    await writeBody((b) => (b.options.scope = 'openid')); // as the next test expects
  });

  it('takes a pasted Management token from AUTH0_MGMT_TOKEN', async () => {
    const token = await sandbox.rp.issueManagementToken();
    secrets.push(token);
    const r = await cli(['deploy', '--tenant', sandbox.rp.domain, file], {
      AUTH0_CLIENT_ID: undefined,
      AUTH0_CLIENT_SECRET: undefined,
      AUTH0_MGMT_TOKEN: token,
    });
    assert.equal(r.code, 0, r.err);
    assert.equal(remote().options.scope, 'openid');
  });

  it('check-provider: reports the misconfigured application item by item (exit 1), --fix makes it pass (exit 0)', async () => {
    const misconfigured = sandbox.provider.app('Provider App Misconfigured');
    const providerFile = await writeConnection('misconfigured.auth0-oidc.json', 'mis', {
      client_id: misconfigured.clientId,
      client_secret: '##MIS##',
      domain: sandbox.provider.domain,
    });
    sandbox.provider.state.tenantSettings.flags = {
      ...sandbox.provider.state.tenantSettings.flags,
      enable_legacy_profile: false,
    };
    const check = await cli(['check-provider', ...bothDomains(), '--format', 'json', providerFile], providerEnv());
    assert.equal(check.code, 1, check.err);
    const report = JSON.parse(check.out);
    assert.deepEqual(
      report.results.map((r: any) => [r.id, r.status]),
      [
        ['app-type', 'pass'],
        ['callback', 'fail'],
        ['oidc-conformant', 'fail'],
        ['legacy-profile', 'fail'],
      ],
    );
    const fixed = await cli(['check-provider', ...bothDomains(), '--fix', providerFile], providerEnv());
    assert.equal(fixed.code, 0, fixed.out + fixed.err);
    assert.match(fixed.out, /All requirements pass/);
    const client = sandbox.provider.state.clients.get(misconfigured.clientId)!;
    assert.deepEqual(
      client.callbacks,
      ['https://rp.example.invalid/login/callback', `${sandbox.rp.baseUrl}/login/callback`],
      'added, none removed',
    );
    assert.equal(client.oidc_conformant, false);
    assert.equal(sandbox.provider.state.tenantSettings.flags.enable_legacy_profile, true);
    assert.equal(
      (await cli(['check-provider', '--provider-domain', sandbox.provider.domain, providerFile], providerEnv())).code,
      2,
      'no --rp-domain',
    );
    assert.equal(
      (await cli(['check-provider', '--rp-domain', sandbox.rp.domain, providerFile], providerEnv())).code,
      2,
      'no --provider-domain',
    );
  });

  it('check-provider sends the provider credentials only to --provider-domain, whatever the file names', async () => {
    // A changed file points options.domain at another tenant (here the RP stands in for an attacker's server).
    const providerFile = await writeConnection('elsewhere.auth0-oidc.json', 'elsewhere', {
      client_id: 'abc',
      client_secret: '##X##',
      domain: sandbox.rp.domain,
    });
    sandbox.rp.resetRequestLog();
    const r = await cli(['check-provider', ...bothDomains(), providerFile], providerEnv());
    assert.equal(r.code, 2);
    assert.match(r.err, /not the --provider-domain/);
    assert.equal(sandbox.rp.requestLog.length, 0, 'nothing was sent to the domain the file named');
  });

  it("fills placeholders only from AUTH0_OIDC_ variables, so a file cannot name the job's credentials", async () => {
    const sneaky = await writeConnection('sneaky.auth0-oidc.json', 'sneaky', {
      client_id: 'abc',
      client_secret: '##AUTH0_CLIENT_SECRET##',
      domain: sandbox.provider.domain,
    });
    const r = await cli(['deploy', '--tenant', sandbox.rp.domain, sneaky]);
    assert.equal(r.code, 2, 'AUTH0_CLIENT_SECRET is set, but only AUTH0_OIDC_AUTH0_CLIENT_SECRET would be read');
    assert.match(r.err, /AUTH0_OIDC_AUTH0_CLIENT_SECRET/);
    // A dry run needs no secret, and says the one it would read is not set.
    const dry = await cli(['deploy', '--tenant', sandbox.rp.domain, '--dry-run', sneaky]);
    assert.equal(dry.code, 0, dry.err);
    assert.match(dry.out, /not needed by a dry run .*AUTH0_OIDC_AUTH0_CLIENT_SECRET/);
    assert.ok(![...sandbox.rp.state.connections.values()].some((c: any) => c.name === 'sneaky'));
  });

  it('validates and deploys a *.oidc-connection.json file (what Move to OIDC writes) to the sandbox', async () => {
    const app = sandbox.provider.app('Provider App for RP');
    const conversion = toOidcConnection({
      name: 'cli-moved',
      strategy: 'auth0-oidc',
      options: { client_id: app.clientId, client_secret: '##PROVIDER_APP_SECRET##', domain: sandbox.provider.domain },
      enabled_clients: [sandbox.rp.app('RP Web App').clientId],
    });
    const oidcFile = join(dir, conversion.fileName);
    await writeFile(oidcFile, oidcConnectionText(conversion.body));
    const validated = await cli(['validate', oidcFile]);
    assert.equal(validated.code, 0, validated.out + validated.err);
    const dry = await cli(['deploy', '--tenant', sandbox.rp.domain, '--dry-run', oidcFile]);
    assert.equal(dry.code, 0, dry.err);
    assert.match(dry.out, /Connection cli-moved-oidc on 127\.0\.0\.1:\d+: create/);
    assert.match(dry.out, /\+ options\.discovery_url: "http:\/\/127\.0\.0\.1:\d+\/\.well-known\/openid-configuration"/);
    const applied = await cli(['deploy', '--tenant', sandbox.rp.domain, '--format', 'json', oidcFile]);
    assert.equal(applied.code, 0, applied.out + applied.err);
    const created = [...sandbox.rp.state.connections.values()].find((c: any) => c.name === 'cli-moved-oidc') as any;
    assert.equal(created.strategy, 'oidc');
    assert.equal(created.options.client_secret, env.AUTH0_OIDC_PROVIDER_APP_SECRET);
    // The strategy the file name promises is enforced: an auth0-oidc body in an oidc file is refused.
    await writeFile(oidcFile, JSON.stringify({ ...conversion.body, strategy: 'auth0-oidc' }));
    const refused = await cli(['validate', '--format', 'json', oidcFile]);
    assert.equal(refused.code, 1);
    assert.ok(JSON.parse(refused.out)[0].diagnostics.some((d: any) => d.code === 'strategy-invalid'));
  });

  it('runs as `node cli.js` in a child process with the environment, as in CI', async function () {
    const out = join(dir, 'build');
    await run(process.execPath, ['esbuild.mjs', '--outdir', out], { cwd: root });
    await writeBody((b) => (b.options.scope = 'openid email'));
    const childEnv = { PATH: process.env.PATH ?? '', ...env };
    const dry = await run(
      process.execPath,
      [join(out, 'cli.js'), 'deploy', '--tenant', sandbox.rp.domain, '--dry-run', '--detailed-exitcode', file],
      { env: childEnv },
    ).then(
      () => ({ code: 0, stdout: '' }),
      (e: any) => ({ code: e.code as number, stdout: String(e.stdout) }),
    );
    outputs.push(dry.stdout);
    assert.equal(dry.code, 4, 'changes found');
    assert.match(dry.stdout, /~ options\.scope: "openid" → "openid email"/);
    const applied = await run(
      process.execPath,
      [join(out, 'cli.js'), 'deploy', '--tenant', sandbox.rp.domain, '--format', 'json', file],
      { env: childEnv },
    );
    outputs.push(applied.stdout, applied.stderr);
    assert.equal(JSON.parse(applied.stdout).action, 'update');
    assert.equal(remote().options.scope, 'openid email');
  });
});
