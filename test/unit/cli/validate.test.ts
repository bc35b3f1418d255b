import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../src/cli/main';
import { validText, withChange } from '../core/connectionFile/fixtures';

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { stdout: (t) => (out += t + '\n'), stderr: (t) => (err += t + '\n') });
  return { code, out, err };
}

describe('cli validate', () => {
  let dir: string;
  let valid: string;
  let invalid: string;
  let broken: string;
  let noApps: string;
  let emptyApps: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'auth0-oidc-cli-'));
    valid = join(dir, 'auth0-oidc-connection.json');
    invalid = join(dir, 'bad.auth0-oidc.json');
    broken = join(dir, 'broken.auth0-oidc.json');
    await writeFile(
      valid,
      withChange((b) => (b.enabled_clients = ['rpWebApp000000000000000000000000'])),
    );
    noApps = join(dir, 'no-apps.auth0-oidc.json');
    await writeFile(noApps, validText);
    emptyApps = join(dir, 'empty-apps.auth0-oidc.json');
    await writeFile(
      emptyApps,
      withChange((b) => (b.enabled_clients = [])),
    );
    await writeFile(
      invalid,
      withChange((b) => (b.options.domain = 'https://partner.eu.auth0.com/')),
    );
    await writeFile(broken, '{\n  "name": "x",\n  oops\n}');
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('exits 0 for a valid file', async () => {
    const r = await run('validate', valid);
    assert.equal(r.code, 0);
    assert.match(r.out, /1 file\(s\) checked: 0 error\(s\), 0 warning\(s\)/);
  });

  it('exits 1 with 0-based positions in JSON for an invalid file', async () => {
    const r = await run('validate', '--format', 'json', valid, invalid);
    assert.equal(r.code, 1);
    const report = JSON.parse(r.out);
    assert.equal(report.length, 2);
    assert.equal(report[0].file, valid);
    const domain = report[1].diagnostics.find((d: any) => d.code === 'domain-not-bare-host');
    assert.deepEqual(domain.range, { start: { line: 6, character: 14 }, end: { line: 6, character: 45 } });
    assert.equal(domain.severity, 'error');
    assert.deepEqual(Object.keys(domain).sort(), ['code', 'message', 'range', 'severity']);
  });

  it('exits 1 for broken JSON and prints 1-based file:line:col in text', async () => {
    const r = await run('validate', broken);
    assert.equal(r.code, 1);
    assert.match(r.out, new RegExp(`${broken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:3: error json-syntax`));
  });

  it('exits 2 for a missing file, naming it on stderr', async () => {
    const r = await run('validate', join(dir, 'nope.json'));
    assert.equal(r.code, 2);
    assert.match(r.err, /nope\.json: no such file/);
  });

  it('prints hints (the enabled_clients note) only with --verbose, and says how many it left out', async () => {
    const quiet = await run('validate', valid);
    assert.equal(quiet.code, 0);
    assert.doesNotMatch(quiet.out, /enabled-clients-endpoint/);
    assert.match(quiet.out, /0 warning\(s\)\. 1 hint\(s\) not shown \(--verbose shows them\)\./);
    const json = JSON.parse((await run('validate', '--format', 'json', valid)).out);
    assert.deepEqual(
      json[0].diagnostics.filter((d: any) => d.severity === 'hint'),
      [],
    );
    const verbose = await run('validate', '--verbose', valid);
    assert.equal(verbose.code, 0);
    assert.match(verbose.out, /:\d+:\d+: hint enabled-clients-endpoint: /);
    assert.doesNotMatch(verbose.out, /not shown/);
  });

  it('warns about a file that enables no application (absent or empty enabled_clients), exit 0', async () => {
    const r = await run('validate', noApps, emptyApps);
    assert.equal(r.code, 0, 'a warning is not a finding that fails CI');
    const path = (file: string) => file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    assert.match(
      r.out,
      new RegExp(
        `${path(noApps)}:1:1: warning enabled-for-no-application: No application is enabled by this file: a deploy that creates partner leaves it enabled for no application`,
      ),
    );
    assert.match(
      r.out,
      new RegExp(
        `${path(emptyApps)}:1:1: warning enabled-for-no-application: "enabled_clients" is empty: a deploy creates partner enabled for no application`,
      ),
    );
    assert.match(r.out, /2 file\(s\) checked: 0 error\(s\), 2 warning\(s\)/);
    const json = JSON.parse((await run('validate', '--format', 'json', noApps)).out);
    assert.deepEqual(
      json[0].diagnostics.filter((d: any) => d.severity === 'warning').map((d: any) => d.code),
      ['enabled-for-no-application'],
    );
  });

  it('exits 2 for usage errors', async () => {
    assert.equal((await run()).code, 2);
    assert.equal((await run('frobnicate')).code, 2);
    assert.equal((await run('validate')).code, 2);
    const badFormat = await run('validate', '--format', 'xml', valid);
    assert.equal(badFormat.code, 2);
    assert.match(badFormat.err, /--format must be/);
  });
});
