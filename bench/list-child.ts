// One listing run in a process of its own, so that its peak memory is its own: lists every
// connection of a sandbox tenant with the extension's client (`ours`) or the official auth0 SDK
// (`sdk`), and prints one JSON line: {count, ms, maxRssMB, peakRssMB}.
//
//   NODE_EXTRA_CA_CERTS=<ca.pem> tsx bench/list-child.ts '{"mode":"sdk","domain":"127.0.0.1:PORT",...}'
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

export interface ListChildInput {
  readonly mode: 'ours' | 'sdk';
  readonly domain: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly caCertPath: string;
}

export interface ListChildOutput {
  readonly count: number;
  readonly ms: number;
  /** process.resourceUsage().maxRSS at the end, in MB (includes the runtime and loaded modules). */
  readonly maxRssMB: number;
  /** Highest rss sampled every 5 ms during the listing, in MB. */
  readonly peakRssMB: number;
}

// Each child loads only the client it measures, so its memory is that client's.
/* eslint-disable @typescript-eslint/no-require-imports */
const loadOurs = (): typeof import('../src/auth0/managementClient') =>
  require('../src/auth0/managementClient') as typeof import('../src/auth0/managementClient');
const loadSdk = (): typeof import('auth0') => require('auth0') as typeof import('auth0');
/* eslint-enable @typescript-eslint/no-require-imports */

async function listOurs(input: ListChildInput): Promise<number> {
  const { createManagementClient } = loadOurs();
  const client = createManagementClient({
    domain: input.domain,
    credentials: { kind: 'client-credentials', clientId: input.clientId, clientSecret: input.clientSecret },
    ca: readFileSync(input.caCertPath, 'utf8'),
  });
  try {
    let count = 0;
    for await (const page of client.listConnections()) count += page.length;
    return count;
  } finally {
    await client.close();
  }
}

async function listSdk(input: ListChildInput): Promise<number> {
  const { ManagementClient } = loadSdk();
  const management = new ManagementClient({
    domain: input.domain,
    clientId: input.clientId,
    clientSecret: input.clientSecret,
  });
  // Checkpoint paging with the largest page the API allows (the SDK's default take is 50).
  let page = await management.connections.list({ take: 100 });
  let count = page.data.length;
  while (page.hasNextPage()) {
    page = await page.getNextPage();
    count += page.data.length;
  }
  return count;
}

async function main(): Promise<void> {
  const input = JSON.parse(process.argv[2] ?? '{}') as ListChildInput;
  // Load the modules before the clock starts: the figure is the listing, not Node's start.
  if (input.mode === 'sdk') loadSdk();
  else loadOurs();
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  const started = performance.now();
  const count = input.mode === 'sdk' ? await listSdk(input) : await listOurs(input);
  const ms = performance.now() - started;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  const output: ListChildOutput = {
    count,
    ms,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    peakRssMB: peak / 1024 / 1024,
  };
  process.stdout.write(`${JSON.stringify(output)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
