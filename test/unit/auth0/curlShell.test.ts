// "Copy Deploy as curl" run by a real POSIX shell with a fake `curl` on PATH that records its
// arguments and its standard input: every value from the file or the tenant arrives unchanged
// and nothing in it runs (issue 12: a connection id `con_$(touch x)` executed inside "…").
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planDeploy, shellQuote, toCurl, type LocalConnection } from '../../../src/core/deploy/plan';
import type { Connection } from '../../../src/auth0/managementClient';

const HOSTILE = `con_$(touch PWNED)'"\`touch PWNED\`;touch PWNED \\ $HOME`;
// Shell-special characters; not `"` or `\`, which the heredoc would paste into the JSON as they are
// (Auth0 secrets are base64url, so they never hold those).
const SECRET = `s3cret-'$x\`y(z)`;

interface Call {
  readonly args: string[];
  readonly body: string;
}

function runInShell(script: string, env: Record<string, string>): { calls: Call[]; pwned: boolean } {
  const dir = mkdtempSync(join(tmpdir(), 'curl-shell-'));
  try {
    const bin = join(dir, 'bin');
    execFileSync('mkdir', [bin]);
    const log = join(dir, 'calls.log');
    // Each argument NUL-terminated, then \x01, the body, \x02.
    writeFileSync(
      join(bin, 'curl'),
      `#!/bin/sh\n{ for a in "$@"; do printf '%s\\000' "$a"; done; printf '\\001'; cat; printf '\\002'; } >> "$CURL_LOG"\n`,
    );
    chmodSync(join(bin, 'curl'), 0o755);
    const file = join(dir, 'deploy.sh');
    writeFileSync(file, script);
    execFileSync('sh', ['-n', file]); // throws on a syntax error
    execFileSync('sh', [file], {
      cwd: dir,
      env: { PATH: `${bin}:/usr/bin:/bin`, CURL_LOG: log, HOME: '/nonexistent-home', ...env },
    });
    const calls = existsSync(log)
      ? readFileSync(log, 'utf8')
          .split('\x02')
          .filter((c) => c !== '')
          .map((c) => {
            const [args, body] = c.split('\x01') as [string, string];
            return { args: args.split('\0').slice(0, -1), body };
          })
      : [];
    return { calls, pwned: existsSync(join(dir, 'PWNED')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function urlOf(call: Call): string {
  return call.args[call.args.indexOf('-X') + 2]!;
}

const local: LocalConnection = {
  name: 'partner',
  strategy: 'auth0-oidc',
  enabled_clients: [`app-${HOSTILE}`],
  options: {
    client_id: HOSTILE,
    client_secret: '##PARTNER_CLIENT_SECRET##',
    domain: 'provider.example.com',
    scope: 'openid profile',
    note: `EOF\nEOF ${HOSTILE}`,
  },
};

describe('Copy Deploy as curl in a POSIX shell', () => {
  it('shellQuote keeps any text one inert word', () => {
    const out = execFileSync('sh', ['-c', `printf '%s' ${shellQuote(HOSTILE)}`], { encoding: 'utf8' });
    assert.equal(out, HOSTILE);
  });

  it('update: a hostile connection id and values arrive unchanged and run nothing', () => {
    const remote: Connection = {
      id: HOSTILE,
      name: 'partner',
      strategy: 'auth0-oidc',
      options: { client_id: 'old', client_secret: 'remote-secret', domain: 'provider.example.com' },
    };
    const plan = planDeploy(local, remote, []);
    assert.equal(plan.kind, 'update');
    const { calls, pwned } = runInShell(toCurl(plan, 'https://rp.example.com'), {
      AUTH0_MGMT_TOKEN: 'tok',
      PARTNER_CLIENT_SECRET: SECRET,
    });
    assert.equal(pwned, false, 'nothing in the values ran');
    assert.equal(calls.length, 2);
    assert.equal(urlOf(calls[0]!), `https://rp.example.com/api/v2/connections/${encodeURIComponent(HOSTILE)}`);
    assert.ok(calls[0]!.args.includes('Authorization: Bearer tok'));
    const body = JSON.parse(calls[0]!.body.replace(SECRET, 'SECRET')) as { options: Record<string, unknown> };
    assert.deepEqual(
      body,
      JSON.parse(JSON.stringify(plan.body).replace(/"client_secret":"[^"]*"/, '"client_secret":"SECRET"')),
    );
    assert.equal(body.options.client_id, HOSTILE);
    assert.equal(body.options.note, `EOF\nEOF ${HOSTILE}`);
    assert.equal(urlOf(calls[1]!), `https://rp.example.com/api/v2/connections/${encodeURIComponent(HOSTILE)}/clients`);
    assert.deepEqual(JSON.parse(calls[1]!.body), [{ client_id: `app-${HOSTILE}`, status: true }]);
  });

  it('create: the POST and the clients call with CONNECTION_ID taken as it is', () => {
    const plan = planDeploy(
      { ...local, options: { ...local.options, client_secret: 'literal-secret-value' } },
      undefined,
      [],
    );
    const { calls, pwned } = runInShell(toCurl(plan, 'https://rp.example.com'), {
      AUTH0_MGMT_TOKEN: 'tok',
      PARTNER_CLIENT_SECRET: SECRET,
      CONNECTION_ID: 'con_x',
    });
    assert.equal(pwned, false);
    assert.equal(calls.length, 2);
    assert.equal(urlOf(calls[0]!), 'https://rp.example.com/api/v2/connections');
    const body = JSON.parse(calls[0]!.body) as { options: Record<string, unknown> };
    assert.equal(body.options.client_id, HOSTILE);
    assert.equal(body.options.client_secret, SECRET);
    assert.equal(urlOf(calls[1]!), 'https://rp.example.com/api/v2/connections/con_x/clients');
  });
});
