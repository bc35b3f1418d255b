// A small forward proxy for tests, as corporate proxies behave: CONNECT tunnels for https (and
// for http when the client tunnels), absolute-form requests for plain http, and optionally
// Basic proxy authentication (407 with Proxy-Authenticate when missing or wrong). Bound to
// 127.0.0.1 on a port the OS picks. It records every request it saw, so a test can prove that
// a request went through it (or did not).
import * as http from 'node:http';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface ProxySeen {
  readonly method: string;
  /** `host:port` for CONNECT, the absolute URL otherwise. */
  readonly target: string;
  /** The Proxy-Authorization header was right (or none was required). */
  readonly authorized: boolean;
  /** What the proxy answered: 200 for an established tunnel, 407 for missing credentials, ... */
  readonly status: number;
}

export interface TestProxyOptions {
  /** Require `Proxy-Authorization: Basic base64(user:password)`. */
  readonly credentials?: { readonly user: string; readonly password: string };
  /** Refuse some targets with this status (e.g. 403 for a host the proxy does not allow). */
  readonly refuse?: (target: string) => number | undefined;
}

export interface TestProxy {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  readonly port: number;
  readonly seen: ProxySeen[];
  /** The exact Proxy-Authorization value it accepts, when credentials are required. */
  readonly authorization: string | undefined;
  close(): Promise<void>;
}

export async function startTestProxy(options: TestProxyOptions = {}): Promise<TestProxy> {
  const seen: ProxySeen[] = [];
  const sockets = new Set<net.Socket>();
  const expected = options.credentials
    ? `Basic ${Buffer.from(`${options.credentials.user}:${options.credentials.password}`).toString('base64')}`
    : undefined;
  const authorized = (req: http.IncomingMessage): boolean =>
    expected === undefined || req.headers['proxy-authorization'] === expected;

  const server = http.createServer((req, res) => {
    // Absolute-form request: forward plain http.
    const target = req.url ?? '';
    const ok = authorized(req);
    const refused = options.refuse?.(target);
    if (!ok || refused !== undefined || !/^http:\/\//.test(target)) {
      const status = !ok ? 407 : (refused ?? 400);
      seen.push({ method: req.method ?? '', target, authorized: ok, status });
      res.writeHead(status, status === 407 ? { 'proxy-authenticate': 'Basic realm="test-proxy"' } : {});
      res.end();
      return;
    }
    seen.push({ method: req.method ?? '', target, authorized: ok, status: 200 });
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    delete headers['proxy-connection'];
    const upstream = http.request(target, { method: req.method, headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });

  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => undefined);
    const target = req.url ?? '';
    const ok = authorized(req);
    const refused = options.refuse?.(target);
    const match = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(target);
    if (!ok || refused !== undefined || !match) {
      const status = !ok ? 407 : (refused ?? 400);
      seen.push({ method: 'CONNECT', target, authorized: ok, status });
      client.end(
        `HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? ''}\r\n${status === 407 ? 'Proxy-Authenticate: Basic realm="test-proxy"\r\n' : ''}Content-Length: 0\r\n\r\n`,
      );
      return;
    }
    const host = (match[1] ?? '').replace(/^\[|\]$/g, '');
    const upstream = net.connect(Number(match[2]), host, () => {
      seen.push({ method: 'CONNECT', target, authorized: ok, status: 200 });
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => {
      if (!client.writableEnded && upstream.connecting) {
        seen.push({ method: 'CONNECT', target, authorized: ok, status: 502 });
        client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n');
      } else {
        client.destroy();
      }
    });
  });
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    seen,
    authorization: expected,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
