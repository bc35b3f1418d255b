// Listing 10,000 connections from the TLS sandbox: the extension's client against the official
// auth0 SDK, each run in its own child process (wall time and peak memory of that process), and
// the requests each made as the tenant saw them.
import { execFile } from 'node:child_process';
import type { IncomingMessage } from 'node:http';
import * as path from 'node:path';
import { startSandbox, type Sandbox, type SandboxTenant } from '../test/sandbox';
import type { ListChildInput, ListChildOutput } from './list-child';
import { alternate, figure, median, type Figure } from './stats';

const REPO = path.resolve(__dirname, '..');
const TSX = path.join(REPO, 'node_modules', 'tsx', 'dist', 'cli.mjs');
export const LIST_COUNT = 10_000;
const CHILD_TIMEOUT_MS = 120_000;

interface RunResult extends ListChildOutput {
  /** Every request the tenant received (token and Management API). */
  readonly requests: number;
  readonly apiRequests: number;
  readonly tokenRequests: number;
}

/**
 * Counts every request that reaches the tenant's server, /oauth/token included (the sandbox's
 * requestLog holds /api/v2 requests only). Reaches into the tenant's private server field.
 */
function countRequests(tenant: SandboxTenant): { read(): { all: number; token: number }; stop(): void } {
  const server = (
    tenant as unknown as {
      server: {
        on(e: 'request', f: (req: IncomingMessage) => void): void;
        off(e: 'request', f: (req: IncomingMessage) => void): void;
      };
    }
  ).server;
  let all = 0;
  let token = 0;
  const onRequest = (req: IncomingMessage): void => {
    all++;
    if ((req.url ?? '').startsWith('/oauth/token')) token++;
  };
  server.on('request', onRequest);
  return { read: () => ({ all, token }), stop: () => server.off('request', onRequest) };
}

function runChild(input: ListChildInput, caCertPath: string): Promise<ListChildOutput> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [TSX, path.join(__dirname, 'list-child.ts'), JSON.stringify(input)],
      {
        cwd: REPO,
        env: { ...process.env, NODE_EXTRA_CA_CERTS: caCertPath },
        timeout: CHILD_TIMEOUT_MS,
        maxBuffer: 1024 * 1024,
      },
      (error, stdout, stderr) => {
        if (error) {
          reject(new Error(`list-child (${input.mode}) failed: ${error.message}\n${stderr}`));
          return;
        }
        const line = stdout.trim().split('\n').pop() ?? '';
        try {
          resolve(JSON.parse(line) as ListChildOutput);
        } catch {
          reject(new Error(`list-child (${input.mode}) printed no result: ${stdout}\n${stderr}`));
        }
      },
    );
  });
}

async function listOnce(sandbox: Sandbox, mode: 'ours' | 'sdk'): Promise<RunResult> {
  const tenant = sandbox.rp;
  tenant.resetRequestLog();
  const counter = countRequests(tenant);
  try {
    // Our client takes the origin (https for the TLS sandbox); the SDK takes a host and assumes https.
    const output = await runChild(
      {
        mode,
        domain: mode === 'ours' ? tenant.baseUrl : tenant.domain,
        clientId: tenant.m2m.clientId,
        clientSecret: tenant.m2m.clientSecret,
        caCertPath: sandbox.caCertPath!,
      },
      sandbox.caCertPath!,
    );
    const { all, token } = counter.read();
    return { ...output, requests: all, apiRequests: tenant.requestLog.length, tokenRequests: token };
  } finally {
    counter.stop();
  }
}

export async function benchListing(opts: { runs: number; log: (line: string) => void }): Promise<Figure[]> {
  const sandbox = await startSandbox({ tls: true });
  try {
    // Exactly LIST_COUNT, counting what the tenant is seeded with (its database connection).
    sandbox.rp.seedConnections(LIST_COUNT - sandbox.rp.state.connections.size);
    const expected = sandbox.rp.state.connections.size;
    // One unmeasured listing by each client first. A fresh sandbox answers its first listing
    // about a second slower whichever client asks (its first TLS handshake, token signature and
    // pages), and the first pair below always starts with ours.
    for (const mode of ['sdk', 'ours'] as const) {
      const warm = await listOnce(sandbox, mode);
      if (warm.count !== expected)
        throw new Error(`${mode} listed ${warm.count} connections, the tenant has ${expected}`);
      opts.log(`[bench] list warm-up ${mode}: ${warm.ms.toFixed(0)} ms (not counted)`);
    }
    const ours: RunResult[] = [];
    const sdk: RunResult[] = [];
    for (let run = 0; run < opts.runs; run++) {
      const [a, b] = await alternate(
        run,
        () => listOnce(sandbox, 'ours'),
        () => listOnce(sandbox, 'sdk'),
      );
      for (const [name, r] of [
        ['ours', a],
        ['sdk', b],
      ] as const) {
        if (r.count !== expected) throw new Error(`${name} listed ${r.count} connections, the tenant has ${expected}`);
        opts.log(
          `[bench] list run ${run + 1} ${name}: ${r.ms.toFixed(0)} ms, ${r.requests} requests (${r.tokenRequests} token), max RSS ${r.maxRssMB.toFixed(0)} MB`,
        );
      }
      ours.push(a);
      sdk.push(b);
    }
    const fewest = Math.ceil(expected / 100) + 1;
    /** One measure of the runs, ours against the auth0 SDK's. */
    const versusSdk = (id: string, what: string, unit: string, of: (r: RunResult) => number, goal: string): Figure =>
      figure({
        id,
        label: `list ${expected.toLocaleString('en')} connections: ${what}`,
        unit,
        oursRuns: ours.map(of),
        baselineRuns: sdk.map(of),
        baselineLabel: 'auth0 SDK',
        goal,
      });
    const time = versusSdk('list-time', 'wall time', 'ms', (r) => r.ms, '≤ SDK');
    const requests = versusSdk(
      'list-requests',
      'requests',
      'requests',
      (r) => r.requests,
      `${fewest} (${fewest - 1} pages of 100 + 1 token)`,
    );
    const memory = versusSdk('list-memory', 'peak RSS', 'MB', (r) => r.maxRssMB, 'reported');
    return [
      { ...time, met: time.ratio !== undefined && time.ratio <= 1 },
      { ...requests, met: median(ours.map((r) => r.requests)) === fewest },
      {
        ...memory,
        note: 'process.resourceUsage().maxRSS of a child process that loads only the client and lists; includes Node itself',
      },
    ];
  } finally {
    await sandbox.close();
  }
}
