import * as http from 'node:http';
import { pollUntil } from '../../pollUntil';
import type { AddressInfo } from 'node:net';
import {
  createManagementClient,
  type ManagementClient,
  type ManagementClientOptions,
} from '../../../src/auth0/managementClient';
import type { SandboxTenant } from '../../sandbox/index';

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

export interface TestServer {
  readonly origin: string;
  /** `127.0.0.1:PORT`, usable as a tenant domain. */
  readonly domain: string;
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

export type Handler = (request: RecordedRequest, response: http.ServerResponse) => void;

/** A loopback HTTP server on a free port that records every request and answers with `handler`. */
export async function startServer(handler: Handler): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      handler(recorded, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    domain: `127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function json(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** An unsigned JWT with the given claims (the client never checks signatures). */
export function fakeJwt(claims: Record<string, unknown>): string {
  const part = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part(claims)}.c2lnbmF0dXJl`;
}

/** Polls until `condition` holds or the deadline passes (tests never sleep a fixed time). */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  await pollUntil(what, condition, { timeoutMs, intervalMs: 0 });
}

/** A Management API client for a sandbox tenant, through its all-scopes machine-to-machine application. */
export function sandboxClient(tenant: SandboxTenant, options: Partial<ManagementClientOptions> = {}): ManagementClient {
  return createManagementClient({
    domain: tenant.domain,
    credentials: { kind: 'client-credentials', clientId: tenant.m2m.clientId, clientSecret: tenant.m2m.clientSecret },
    ...options,
  });
}

export const CANARY_SECRET = 'canary-secret-7f3a9c1e5b2d4680';
