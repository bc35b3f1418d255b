// `validate` on a file for several environments (issue 25.1): with --env, the file as that
// environment resolves it; without, a keyword file is checked in every environment of its
// auth0-oidc.environments.json, and the exit code fails if any does, naming it.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../src/cli/main';
import { auth0OidcKeywordConnectionText, oidcKeywordConnectionText } from '../../fixtures/keywordConnections';

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { stdout: (t) => (out += t + '\n'), stderr: (t) => (err += t + '\n') }, {});
  return { code, out, err };
}

const connection = auth0OidcKeywordConnectionText();

const environments = (prod: Record<string, unknown>): string =>
  JSON.stringify({
    environments: {
      dev: {
        rpTenant: 'acme-dev.eu.auth0.com',
        providerTenant: 'partner-dev.eu.auth0.com',
        values: { ENV: 'dev', PROVIDER_DOMAIN: 'partner-dev.eu.auth0.com', RP_APPS: ['devApp1'] },
      },
      prod: { rpTenant: 'acme.eu.auth0.com', providerTenant: 'partner.eu.auth0.com', values: prod },
    },
  });

const PROD_WHOLE = { ENV: 'prod', PROVIDER_DOMAIN: 'partner.eu.auth0.com', RP_APPS: ['prodApp1'] };

describe('cli validate with environments', () => {
  let dir: string;
  let file: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'auth0-oidc-cli-env-'));
    await mkdir(join(dir, 'connections'));
    file = join(dir, 'connections', 'partner.auth0-oidc.json');
    await writeFile(file, connection);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  const environmentsFile = (): string => join(dir, 'auth0-oidc.environments.json');

  it('checks a keyword file in every environment of the environments file above it: 0 when all pass', async () => {
    await writeFile(environmentsFile(), environments(PROD_WHOLE));
    const r = await run('validate', file);
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /1 file\(s\) checked \(2 environment\(s\)\): 0 error\(s\), 0 warning\(s\)/);
  });

  it('exits 1 when one environment fails, naming it on the keyword and in the summary', async () => {
    await writeFile(environmentsFile(), environments({ ENV: 'prod', RP_APPS: ['prodApp1'] }));
    const r = await run('validate', file);
    assert.equal(r.code, 1);
    const line = connection.split('\n').findIndex((l) => l.includes('##PROVIDER_DOMAIN##')) + 1;
    assert.match(
      r.out,
      new RegExp(
        `partner\\.auth0-oidc\\.json:${line}:\\d+: error environment-key-missing: prod: ##PROVIDER_DOMAIN## has no value`,
      ),
    );
    assert.match(r.out, /partner\.auth0-oidc\.json: fails in environment prod\./);
    assert.doesNotMatch(r.out, /fails in environment dev/);
  });

  it('with --env checks that environment only; JSON says which', async () => {
    const dev = await run('validate', '--env', 'dev', '--format', 'json', file);
    assert.equal(dev.code, 0, dev.out + dev.err);
    const [devReport] = JSON.parse(dev.out);
    assert.equal(devReport.file, file);
    assert.equal(devReport.environment, 'dev');
    // The deprecation notice (information) only, naming the environment like every finding.
    assert.deepEqual(
      devReport.diagnostics.map((d: { code: string; message: string }) => `${d.code} ${d.message.split(':')[0]}`),
      ['strategy-deprecated dev'],
    );
    const prod = await run('validate', '--env', 'prod', '--format', 'json', file);
    assert.equal(prod.code, 1);
    const [report] = JSON.parse(prod.out);
    assert.equal(report.environment, 'prod');
    assert.deepEqual(
      report.diagnostics
        .filter((d: { severity: string }) => d.severity === 'error')
        .map((d: { code: string }) => d.code),
      ['environment-key-missing'],
    );
  });

  it('fails an environment whose values name another provider than its providerTenant, as deploy would', async () => {
    await writeFile(environmentsFile(), environments({ ...PROD_WHOLE, PROVIDER_DOMAIN: 'partner-dev.eu.auth0.com' }));
    const r = await run('validate', '--env', 'prod', file);
    assert.equal(r.code, 1);
    assert.match(
      r.out,
      /error environment-provider-mismatch: prod: the file resolves to provider partner-dev\.eu\.auth0\.com/,
    );
  });

  it('checks an oidc keyword file (what Move to OIDC writes) by its own rules, provider found in its URLs', async () => {
    const oidcFile = join(dir, 'connections', 'partner.oidc-connection.json');
    await writeFile(oidcFile, oidcKeywordConnectionText('partner-oidc-##ENV##', 'aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY'));
    await writeFile(environmentsFile(), environments(PROD_WHOLE));
    const both = await run('validate', '--format', 'json', oidcFile);
    assert.equal(both.code, 0, both.out + both.err);
    const reports = JSON.parse(both.out) as { environment: string; diagnostics: { code: string }[] }[];
    assert.deepEqual(
      reports.map((r) => r.environment),
      ['dev', 'prod'],
    );
    // No auth0-oidc deprecation notice: the oidc strategy is where that notice leads.
    for (const r of reports)
      assert.deepEqual(
        r.diagnostics.map((d) => d.code),
        [],
        r.environment,
      );

    // prod's values point its issuer at the dev provider: the oidc file fails there, as deploy would.
    await writeFile(environmentsFile(), environments({ ...PROD_WHOLE, PROVIDER_DOMAIN: 'partner-dev.eu.auth0.com' }));
    const mismatch = await run('validate', oidcFile);
    assert.equal(mismatch.code, 1);
    assert.match(
      mismatch.out,
      /error environment-provider-mismatch: prod: the file resolves to provider partner-dev\.eu\.auth0\.com/,
    );
    assert.match(mismatch.out, /partner\.oidc-connection\.json: fails in environment prod\./);
    assert.doesNotMatch(mismatch.out, /fails in environment dev/);
  });

  it('exits 2 for an unknown environment, a missing or broken environments file', async () => {
    await writeFile(environmentsFile(), environments(PROD_WHOLE));
    const unknown = await run('validate', '--env', 'staging', file);
    assert.equal(unknown.code, 2);
    assert.match(unknown.err, /has no environment "staging": it has "dev", "prod"/);
    const missing = await run('validate', '--env', 'dev', '--environments', join(dir, 'nope.json'), file);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /nope\.json: no such file/);
    await writeFile(environmentsFile(), '{ "environments": { "dev": 42 } }');
    const broken = await run('validate', file);
    assert.equal(broken.code, 2);
    assert.match(broken.err, /Fix .*auth0-oidc\.environments\.json first/);
  });

  it('checks a file without keywords as written, environments file or not', async () => {
    await writeFile(environmentsFile(), environments(PROD_WHOLE));
    const plain = join(dir, 'connections', 'plain.auth0-oidc.json');
    await writeFile(
      plain,
      connection
        .replace('partner-##ENV##', 'plain')
        .replace('##PROVIDER_DOMAIN##', 'partner.eu.auth0.com')
        .replace('"@@RP_APPS@@"', '["app1"]'),
    );
    const r = await run('validate', '--format', 'json', plain);
    assert.equal(r.code, 0, r.out + r.err);
    assert.deepEqual(
      JSON.parse(r.out).map((report: { environment?: string }) => report.environment),
      [undefined],
    );
  });
});
