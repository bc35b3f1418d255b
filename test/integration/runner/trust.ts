// Workspace trust, proved in code-server with workspace trust ON (the main run disables it). The
// runner starts the sandbox tenants itself, outside any extension host, so that it can count every
// request they receive (test/sandbox `allRequests`: token, Management API, login, OIDC):
//   1. a trusted empty window stores both tenants' credentials (trust/seed) and lists one tenant;
//      the sandbox must see requests, which proves the credentials work and the counter is live;
//   2. an untrusted folder whose settings list both tenants and whose files are valid runs every
//      command and view (trust/untrusted); the sandbox must see none.
// Both phases run in one browser context, as one user: SecretStorage in code-server is the
// browser's (localStorage, sealed with a key the server mints), so phase 2 has the credentials.
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { startSandbox, type Sandbox } from '../../sandbox';
import { TRUST_SEED_ENV, type TrustSeed } from '../trust/shared';
import { onCleanup } from './processes';
import { createProfile } from './profile';
import { startCodeServer, workbenchUrl } from './server';
import { out, runSuiteInPage, type Counts } from './suitePage';

export interface TrustRunOptions {
  browser: Browser;
  codeServerBin: string;
  nodeBin?: string;
  extensionPath: string;
  /** dist-test/trust: seed/index.js and untrusted/index.js. */
  suitesDir: string;
  keep?: boolean;
  verbose?: boolean;
  onProfile?: (root: string) => void;
}

export async function runTrustCheck(opts: TrustRunOptions): Promise<Counts> {
  const counts: Counts = { passed: 0, failed: 0, skipped: 0 };
  for (const phase of ['seed', 'untrusted'])
    if (!existsSync(path.join(opts.suitesDir, phase, 'index.js')))
      throw new Error(`${path.join(opts.suitesDir, phase)} is missing: build the suites first (npm run build:tests).`);

  const sandbox: Sandbox = await startSandbox();
  onCleanup('trust sandbox', () => sandbox.close());
  const providerApp = sandbox.provider.app('Provider App for RP');
  const seed: TrustSeed = {
    tenants: [
      { domain: sandbox.rp.baseUrl, label: 'Sandbox RP', ...secretsOf(sandbox.rp.m2m) },
      { domain: sandbox.provider.baseUrl, label: 'Sandbox Provider', ...secretsOf(sandbox.provider.m2m) },
    ],
    validFile: 'auth0-oidc-connection.json',
    brokenFile: 'broken.auth0-oidc.json',
  };

  const profile = await createProfile({
    keep: opts.keep,
    prefix: 'trust-', // short: code-server's IPC socket path must stay under 108 characters
    settings: {
      'security.workspace.trust.enabled': true,
      // No start-up question: a folder nobody trusted opens in Restricted Mode, as after "No".
      'security.workspace.trust.startupPrompt': 'never',
      'security.workspace.trust.emptyWindow': true,
    },
  });
  opts.onProfile?.(profile.root);
  profile.env[TRUST_SEED_ENV] = JSON.stringify(seed);

  const folder = path.join(profile.workspacesDir, 'untrusted');
  await fs.mkdir(path.join(folder, '.vscode'), { recursive: true });
  await fs.writeFile(
    path.join(folder, '.vscode', 'settings.json'),
    JSON.stringify(
      { 'auth0Oidc.tenants': seed.tenants.map((t) => ({ domain: t.domain, label: t.label, clientId: t.clientId })) },
      null,
      2,
    ),
  );
  await fs.writeFile(
    path.join(folder, seed.validFile),
    JSON.stringify(
      {
        name: 'trust-check',
        strategy: 'auth0-oidc',
        options: {
          client_id: providerApp.clientId,
          client_secret: providerApp.clientSecret,
          domain: sandbox.provider.domain,
          scope: 'openid profile',
        },
      },
      null,
      2,
    ),
  );
  await fs.writeFile(
    path.join(folder, seed.brokenFile),
    JSON.stringify({ name: 'bad name!', strategy: 'auth0-oidc', options: { domain: 'https://x/' } }, null, 2),
  );

  const server = await startCodeServer({
    bin: opts.codeServerBin,
    ...(opts.nodeBin ? { nodeBin: opts.nodeBin } : {}),
    profile,
    workspaceTrust: true,
    onLine: (l) => {
      if (opts.verbose) out(`[code-server trust] ${l}`);
    },
  });
  out(`[runner] workspace trust ON: code-server listening on ${server.baseUrl}`);

  const context = await opts.browser.newContext({ viewport: { width: 1400, height: 900 } });
  try {
    const requests = (): string[] => [
      ...sandbox.rp.allRequests.map((r) => `rp ${r}`),
      ...sandbox.provider.allRequests.map((r) => `provider ${r}`),
    ];
    const check = (ok: boolean, title: string, detail = ''): void => {
      if (ok) counts.passed++;
      else counts.failed++;
      out(`  ${ok ? '✔' : '✘'} ${title}${detail ? `: ${detail}` : ''}`);
    };

    /** Runs one phase's suite (no folder: an empty window) and adds its counts. */
    const phase = async (name: 'seed' | 'untrusted', where: string | undefined): Promise<Counts> => {
      const testsPath = path.join(opts.suitesDir, name, 'index');
      const url = workbenchUrl(server, { folder: where, extensionPath: opts.extensionPath, testsPath });
      const result = (await runSuiteInPage(context, url, opts)).counts;
      counts.passed += result.passed;
      counts.failed += result.failed;
      return result;
    };

    await phase('seed', undefined);
    const seen = requests();
    check(
      seen.some((r) => r.includes('/oauth/token')) && seen.some((r) => r.includes('/api/v2/')),
      'trusted window: the stored credentials reach the sandbox (the request counter is live)',
      `${seen.length} requests`,
    );
    sandbox.rp.resetRequestLog();
    sandbox.provider.resetRequestLog();

    const untrusted = await phase('untrusted', folder);
    const after = requests();
    check(
      after.length === 0 && untrusted.passed > 0,
      'untrusted folder: every command and view ran, and the sandbox tenants saw zero requests',
      after.length ? after.slice(0, 10).join(', ') : `${untrusted.passed} tests ran`,
    );
  } finally {
    await context.close();
    await server.stop();
  }
  return counts;
}

function secretsOf(m2m: { clientId: string; clientSecret: string }): { clientId: string; clientSecret: string } {
  return { clientId: m2m.clientId, clientSecret: m2m.clientSecret };
}
