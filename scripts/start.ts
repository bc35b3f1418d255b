// `npm start`: the extension in a real VS Code, against local Auth0-like tenants, in a browser.
//
// 1. builds the extension (node esbuild.mjs);
// 2. installs code-server into the tool cache outside the checkout on first use (scripts/code-server.ts),
//    and the missing system packages first when it runs as root (scripts/systemPackages.ts);
// 3. starts the sandbox tenants when test/sandbox/cli.ts exists (`tsx test/sandbox/cli.ts --json`,
//    whose one JSON line says where they listen and with which credentials), on the ports of the
//    last start when they are free;
// 4. prepares the sample workspace in .vscode-test/sample-workspace/ (scripts/sampleWorkspace.ts):
//    missing files are written (a connection file, .vscode/settings.json whose auth0Oidc.tenants
//    point at the sandbox); existing ones keep the user's edits, only the sandbox's ports move;
// 5. starts code-server on 127.0.0.1:$PORT (default: a free port) with the extension installed
//    by a symlink in its --extensions-dir, so the plain URL (and a reload) keeps it loaded;
// 6. passes the sandbox tenants' Management API credentials to the extension (AUTH0_OIDC_SANDBOX_CREDENTIALS),
//    which stores them in its secret storage on first use: the tree is connected on first open;
// 7. prints the URL, the client ids the walkthrough needs, the test users and credentials, and runs until Ctrl-C, which
//    ends code-server and the sandbox. Typing `r` and Enter restarts the sandbox alone (fresh
//    tenants on the same ports); the sandbox stopping by itself leaves code-server running.
import { spawnSync } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { createProfile } from '../test/integration/runner/profile';
import { cleanupAll, handleSignals, isCleaningUp, killGroup, spawnTracked } from '../test/integration/runner/processes';
import { startCodeServer } from '../test/integration/runner/server';
import { ensureCodeServer, PrerequisiteError, REPO_ROOT } from './code-server';
import { SANDBOX_CREDENTIALS_ENV } from '../src/tenants/sandboxSeed';
import { prepareSampleWorkspace, recordedPorts, sandboxPorts, type SandboxPorts } from './sampleWorkspace';

interface Credentials {
  clientId: string;
  clientSecret: string;
  scopes?: string[];
}
interface TenantFacts {
  baseUrl: string;
  domain: string;
  m2m: Credentials;
  apps?: { name: string; clientId: string; clientSecret: string; appType?: string }[];
  users?: { email: string; password: string; userId?: string; name?: string }[];
}
interface SandboxFacts {
  tls?: boolean;
  caCertPath?: string;
  tenants?: { provider: TenantFacts; rp: TenantFacts };
  provider?: TenantFacts;
  rp?: TenantFacts;
}

// AUTH0_OIDC_SAMPLE_DIR puts the sample workspace elsewhere (used to try this script itself).
const SAMPLE_DIR = path.resolve(
  process.env.AUTH0_OIDC_SAMPLE_DIR ?? path.join(REPO_ROOT, '.vscode-test', 'sample-workspace'),
);
// AUTH0_OIDC_SANDBOX_CLI points at another sandbox entry (used to try this script itself).
const SANDBOX_CLI = process.env.AUTH0_OIDC_SANDBOX_CLI ?? path.join(REPO_ROOT, 'test', 'sandbox', 'cli.ts');
const TSX_CLI = path.join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const EXTENSION_ID = 'auth0-oidc-tools.auth0-oidc-connections';

function log(line: string): void {
  console.log(`[start] ${line}`);
}

type StartedSandbox = { provider: TenantFacts; rp: TenantFacts; raw: SandboxFacts; stop: () => Promise<void> };

const RESTART_HINT = '[start] Type r and Enter to start the sandbox again: fresh tenants on the same ports.';
let sandboxRuns = 0;

async function startSandbox(ports: SandboxPorts | undefined, onStopped: () => void): Promise<StartedSandbox> {
  const portArgs = ports ? ['--provider-port', String(ports.provider), '--rp-port', String(ports.rp)] : [];
  log(`starting the sandbox tenants (${[path.relative(REPO_ROOT, SANDBOX_CLI), '--json', ...portArgs].join(' ')})`);
  const child = spawnTracked(
    `sandbox ${++sandboxRuns}`,
    process.execPath,
    [TSX_CLI, SANDBOX_CLI, '--json', ...portArgs],
    {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lines = createInterface({ input: child.stdout! });
  const timeoutMs = 60_000;
  const facts = await new Promise<SandboxFacts>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the sandbox printed no JSON line within ${timeoutMs / 1000} s`)),
      timeoutMs,
    );
    let found = false;
    lines.on('line', (line) => {
      if (found) {
        console.log(`[sandbox] ${line}`);
        return;
      }
      const text = line.trim();
      if (!text.startsWith('{')) {
        console.log(`[sandbox] ${line}`);
        return;
      }
      try {
        const parsed = JSON.parse(text) as SandboxFacts;
        found = true;
        clearTimeout(timer);
        resolve(parsed);
      } catch (err) {
        clearTimeout(timer);
        reject(new Error(`the sandbox printed a line that is not JSON: ${String(err)}\n${line}`));
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (!found) reject(new Error(`the sandbox exited before it was ready (${signal ?? `exit ${code}`})`));
    });
  });
  let stopping = false;
  // The sandbox ending by itself leaves code-server running: `r` starts it again.
  child.once('exit', (code, signal) => {
    if (isCleaningUp() || stopping) return;
    console.error(`[start] the sandbox stopped (${signal ?? `exit ${code}`}); code-server keeps running.`);
    console.error(RESTART_HINT);
    onStopped();
  });
  const provider = facts.tenants?.provider ?? facts.provider;
  const rp = facts.tenants?.rp ?? facts.rp;
  if (!provider || !rp) throw new Error(`the sandbox's JSON has no provider/rp tenants: ${JSON.stringify(facts)}`);
  return {
    provider,
    rp,
    raw: facts,
    stop: async () => {
      stopping = true;
      if (child.pid !== undefined) await killGroup(child.pid);
      await exited;
    },
  };
}

async function prepareSample(sandbox: StartedSandbox | undefined): Promise<void> {
  const done = await prepareSampleWorkspace(SAMPLE_DIR, sandbox);
  for (const f of done.written) log(`sample workspace: wrote ${f}`);
  for (const f of done.moved) log(`sample workspace: moved the sandbox's ports in ${f}`);
}

function printBanner(url: string, sandbox: StartedSandbox | undefined): void {
  const lines: string[] = [];
  lines.push('', '='.repeat(78));
  lines.push(`Open in a browser:  ${url}`);
  lines.push(
    `Workspace:          ${path.relative(process.cwd(), SAMPLE_DIR) || SAMPLE_DIR} (your edits stay; only the sandbox's ports move)`,
  );
  if (sandbox) {
    for (const [label, t] of [
      ['RP tenant (relying party)', sandbox.rp],
      ['Provider tenant (OIDC provider)', sandbox.provider],
    ] as const) {
      lines.push('', `${label}: ${t.baseUrl}`);
      lines.push(`  Management API client:  ${t.m2m.clientId}`);
      lines.push(`  its client secret:      ${t.m2m.clientSecret}`);
      for (const u of t.users ?? []) lines.push(`  user ${u.email.padEnd(22)} password ${u.password}`);
    }
    // The ids a person types or picks while following the walkthrough.
    const app = sandbox.provider.apps?.find((a) => a.name === 'Provider App for RP');
    const rpApp = sandbox.rp.apps?.find((a) => a.name === 'RP Web App');
    lines.push('', 'Client ids for the connection file (New Connection File asks for them):');
    if (app) lines.push(`  provider application "Provider App for RP" (options.client_id):  ${app.clientId}`);
    if (rpApp) lines.push(`  RP application "RP Web App" (enabled_clients):                   ${rpApp.clientId}`);
    lines.push(`  provider domain (options.domain):                                ${sandbox.provider.domain}`);
    lines.push('Both tenants are configured in the workspace and their credentials stored on first use.');
    if (app) {
      lines.push('', `Connection file's secret ##PROVIDER_TENANT_CLIENT_SECRET## = ${app.clientSecret}`);
      lines.push('  (the provider\'s "Provider App for RP"; store it when the extension asks)');
    }
    if (sandbox.raw.caCertPath) lines.push(`Sandbox CA certificate: ${sandbox.raw.caCertPath}`);
  } else {
    lines.push('', 'No sandbox tenants (test/sandbox/cli.ts does not exist yet): the extension runs alone.');
  }
  lines.push('', 'Press Ctrl-C to stop code-server' + (sandbox ? ' and the sandbox.' : '.'));
  if (sandbox) lines.push('Type r and Enter to restart the sandbox alone: fresh tenants on the same ports.');
  lines.push('='.repeat(78), '');
  console.log(lines.join('\n'));
}

/**
 * `r` + Enter in this terminal: the sandbox stops (if it runs) and starts again, on the same ports
 * when they are free, so the workspace and code-server keep working; a port that moved is moved
 * in the sample workspace too (reload the window then).
 */
function listenForRestart(
  url: string,
  current: () => StartedSandbox | undefined,
  set: (sandbox: StartedSandbox) => void,
  onStopped: () => void,
): void {
  let busy = false;
  createInterface({ input: process.stdin }).on('line', (line) => {
    if (line.trim().toLowerCase() !== 'r' || busy || isCleaningUp()) return;
    busy = true;
    void (async () => {
      const running = current();
      const ports = running ? sandboxPorts(running) : await recordedPorts(SAMPLE_DIR);
      if (running) {
        log('stopping the sandbox');
        await running.stop();
      }
      const next = await startSandbox(ports, onStopped);
      set(next);
      await prepareSample(next);
      const now = sandboxPorts(next);
      log(
        ports && ports.provider === now.provider && ports.rp === now.rp
          ? 'the sandbox runs again on the same ports, with fresh tenants: connections deployed before are gone.'
          : `the sandbox listens on other ports now (a port was taken); the sample workspace follows: reload the window (${url}); a tenant on a new port asks once for its Management API credentials (printed above).`,
      );
    })()
      .catch((err: unknown) =>
        console.error(`[start] the sandbox did not start again: ${String(err)}\n${RESTART_HINT}`),
      )
      .finally(() => {
        busy = false;
      });
  });
}

async function main(): Promise<void> {
  handleSignals({ name: 'start', exitCode: (sig) => (sig === 'SIGINT' ? 0 : 1) });

  log('building the extension');
  const build = spawnSync(process.execPath, [path.join(REPO_ROOT, 'esbuild.mjs')], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('the build failed');

  const bin = await ensureCodeServer({ log });
  let sandbox: StartedSandbox | undefined;
  const sandboxStopped = (): void => {
    sandbox = undefined;
  };
  if (existsSync(SANDBOX_CLI)) sandbox = await startSandbox(await recordedPorts(SAMPLE_DIR), sandboxStopped);
  await prepareSample(sandbox);

  const profile = await createProfile({ prefix: 'auth0-oidc-start-' });
  // The tenants' Management API credentials, for the extension to store in its secret storage on
  // first use (VS Code keeps secrets in the browser, out of this script's reach), so the tree is
  // connected on first open. Loopback sandbox tenants only (src/tenants/sandboxSeed.ts).
  if (sandbox)
    profile.env[SANDBOX_CREDENTIALS_ENV] = JSON.stringify(
      Object.fromEntries(
        [sandbox.rp, sandbox.provider].map((t) => [
          new URL(t.baseUrl).origin,
          { clientId: t.m2m.clientId, clientSecret: t.m2m.clientSecret },
        ]),
      ),
    );
  // The extension is "installed" as a symlink to this checkout: rebuild (npm run watch) and
  // reload the window to see changes.
  const pkg = JSON.parse(await fs.readFile(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
  await fs.symlink(REPO_ROOT, path.join(profile.extensionsDir, `${EXTENSION_ID}-${pkg.version}`), 'dir');

  const port = process.env.PORT ? Number(process.env.PORT) : 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`$PORT is not a port number: ${process.env.PORT}`);
  const server = await startCodeServer({
    bin,
    profile,
    port,
    onLine: (l) => {
      if (/\berror\b/i.test(l) && !/open-vsx|ENOTFOUND|ECONNRESET/.test(l)) console.log(`[code-server] ${l}`);
    },
  });
  const url = `${server.baseUrl}/?folder=${encodeURIComponent(SAMPLE_DIR)}`;
  printBanner(url, sandbox);
  if (existsSync(SANDBOX_CLI))
    listenForRestart(
      url,
      () => sandbox,
      (next) => (sandbox = next),
      sandboxStopped,
    );

  // Runs until Ctrl-C (handled above) or until code-server ends by itself.
  await server.exited;
  if (isCleaningUp()) return; // Ctrl-C: the signal handler finishes the shutdown
  console.error('[start] code-server stopped; stopping');
  await cleanupAll();
  process.exit(1);
}

main().catch(async (err: unknown) => {
  console.error(
    `[start] ${err instanceof Error ? (err instanceof PrerequisiteError ? err.message : (err.stack ?? err.message)) : String(err)}`,
  );
  await cleanupAll();
  process.exit(1);
});
