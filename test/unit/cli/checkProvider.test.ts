// `auth0-oidc check-provider` on an oidc file (what Move to OIDC writes) against the in-process
// sandbox: the oidc rules apply, so a provider set up as after a correct migration (OIDC-conformant
// on, legacy profile off) passes, and a missing callback fails with exit 1 (issue 20, item 1).
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../src/cli/main';
import { oidcConnectionText, toOidcConnection } from '../../../src/core/toOidc/toOidcConnection';
import { startSandbox, type Sandbox } from '../../sandbox';

describe('cli check-provider on an oidc file against the sandbox', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let dir: string;
  let oidcFile: string;
  const outputs: string[] = [];

  async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const code = await runCli(
      args,
      { stdout: (t) => (out += t + '\n'), stderr: (t) => (err += t + '\n') },
      {
        AUTH0_PROVIDER_CLIENT_ID: sandbox.provider.m2m.clientId,
        AUTH0_PROVIDER_CLIENT_SECRET: sandbox.provider.m2m.clientSecret,
      },
    );
    outputs.push(out, err);
    return { code, out, err };
  }
  const check = (file: string, ...extra: string[]): Promise<{ code: number; out: string; err: string }> =>
    cli([
      'check-provider',
      '--provider-domain',
      sandbox.provider.domain,
      '--rp-domain',
      sandbox.rp.domain,
      ...extra,
      file,
    ]);
  const app = (): any => sandbox.provider.state.clients.get(sandbox.provider.app('Provider App for RP').clientId);
  const statuses = (report: any): string[][] => report.results.map((r: any) => [r.id, r.status]);

  async function writeOidc(fileName: string, change: (body: any) => void = () => undefined): Promise<string> {
    const conversion = toOidcConnection({
      name: 'cli-check',
      strategy: 'auth0-oidc',
      options: {
        client_id: sandbox.provider.app('Provider App for RP').clientId,
        client_secret: '##PROVIDER_APP_SECRET##',
        domain: sandbox.provider.domain,
      },
    });
    const body = structuredClone(conversion.body) as any;
    change(body);
    const path = join(dir, fileName);
    await writeFile(path, oidcConnectionText(body));
    return path;
  }

  before(async () => {
    sandbox = await startSandbox();
    dir = await mkdtemp(join(tmpdir(), 'auth0-oidc-cli-check-'));
    oidcFile = await writeOidc('cli-check-oidc.oidc-connection.json');
    // The provider side after a correct migration: OIDC-conformant on, legacy profile off.
    app().oidc_conformant = true;
    sandbox.provider.state.tenantSettings.flags = {
      ...sandbox.provider.state.tenantSettings.flags,
      enable_legacy_profile: false,
    };
  });

  after(async () => {
    const all = outputs.join('\n');
    assert.ok(!all.includes(sandbox.provider.m2m.clientSecret), 'a secret was printed');
    assert.ok(!all.includes(sandbox.provider.app('Provider App for RP').clientSecret), 'a secret was printed');
    await sandbox?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('passes (exit 0) after a correct migration, with the no-longer-needed settings as information', async () => {
    const r = await check(oidcFile, '--format', 'json');
    assert.equal(r.code, 0, r.out + r.err);
    const report = JSON.parse(r.out);
    assert.equal(report.strategy, 'oidc');
    assert.equal(report.passed, true);
    assert.deepEqual(statuses(report), [
      ['app-exists', 'pass'],
      ['app-type', 'pass'],
      ['grant-types', 'pass'],
      ['token-auth-method', 'pass'],
      ['callback', 'pass'],
      ['endpoints', 'pass'],
      ['oidc-conformant', 'info'],
      ['legacy-profile', 'info'],
    ]);
    const text = await check(oidcFile);
    assert.equal(text.code, 0, text.err);
    assert.match(text.out, /rules of oidc/);
    assert.match(text.out, /INFO Legacy User Profile: no longer needed/);
    assert.match(text.out, /All requirements pass/);
  });

  it('fails (exit 1) when the callback is missing; --fix adds it and never turns the legacy profile back on', async () => {
    const kept = app().callbacks as string[];
    app().callbacks = ['https://rp.example.invalid/login/callback'];
    try {
      const r = await check(oidcFile, '--format', 'json');
      assert.equal(r.code, 1, r.out + r.err);
      const report = JSON.parse(r.out);
      assert.equal(report.passed, false);
      assert.deepEqual(
        report.results.filter((x: any) => x.status === 'fail').map((x: any) => x.id),
        ['callback'],
      );
      const text = await check(oidcFile);
      assert.equal(text.code, 1);
      assert.match(text.out, /FAIL The provider application allows the callback/);
      assert.match(text.out, /1 requirement\(s\) need attention/);
      const fixed = await check(oidcFile, '--fix');
      assert.equal(fixed.code, 0, fixed.out + fixed.err);
      assert.deepEqual(app().callbacks, [
        'https://rp.example.invalid/login/callback',
        `${sandbox.rp.baseUrl}/login/callback`,
      ]);
      assert.equal(sandbox.provider.state.tenantSettings.flags.enable_legacy_profile, false, 'left off');
      assert.equal(app().oidc_conformant, true, 'left on');
    } finally {
      app().callbacks = kept;
    }
  });

  it('fails (exit 1) an issuer that differs from the discovery document, naming the option', async () => {
    const file = await writeOidc('no-slash.oidc-connection.json', (b) => (b.options.issuer = sandbox.provider.baseUrl));
    const r = await check(file, '--format', 'json');
    assert.equal(r.code, 1, r.out + r.err);
    const endpoints = JSON.parse(r.out).results.find((x: any) => x.id === 'endpoints');
    assert.equal(endpoints.status, 'fail');
    assert.deepEqual(endpoints.fileOptions, ['issuer']);
  });

  it('reports the endpoints as unknown (exit 1) when the discovery document cannot be read', async () => {
    sandbox.provider.faults.inject({
      path: '/.well-known/openid-configuration',
      kind: 'server-error',
      status: 500,
      times: Infinity,
    });
    try {
      const r = await check(oidcFile, '--format', 'json');
      assert.equal(r.code, 1, r.out + r.err);
      const endpoints = JSON.parse(r.out).results.find((x: any) => x.id === 'endpoints');
      assert.equal(endpoints.status, 'unknown');
      assert.match(endpoints.actual, /openid-configuration could not be read/);
    } finally {
      sandbox.provider.faults.clear();
    }
  });

  it("names the oidc file's own options in its errors (exit 2)", async () => {
    const elsewhere = await cli([
      'check-provider',
      '--provider-domain',
      sandbox.rp.domain,
      '--rp-domain',
      sandbox.rp.domain,
      oidcFile,
    ]);
    assert.equal(elsewhere.code, 2);
    assert.match(elsewhere.err, /The file's options\.discovery_url \(127\.0\.0\.1:\d+\) is not the --provider-domain/);
    assert.doesNotMatch(elsewhere.err, /options\.domain/);
  });
});
