// Proxies: which proxy applies to a tenant (VS Code settings, else curl's environment variables),
// and real requests through a real forward proxy (CONNECT, with and without Proxy-Authorization)
// in front of the TLS sandbox: Management API, token, test login's code exchange, provider check.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import {
  createManagementClient,
  type ManagementClient,
  type ManagementClientOptions,
} from '../../../src/auth0/managementClient';
import { Auth0ProxyError, ProxyConfigError } from '../../../src/auth0/errors';
import type { RequestLogEntry } from '../../../src/auth0/http';
import { LoopbackLogin } from '../../../src/auth0/login/loopbackLogin';
import { runProviderCheck } from '../../../src/auth0/providerCheck';
import { bypassesProxy, resolveProxy, type ProxyConfig } from '../../../src/auth0/proxy';
import { TestBrowser } from '../../sandbox/browser';
import { federationConnectionBody, startSandbox, type Sandbox } from '../../sandbox/index';
import { startTestProxy, type TestProxy } from '../../sandbox/proxy';

function runNode(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

const HTTPS = new URL('https://acme.eu.auth0.com/');
const HTTP = new URL('http://127.0.0.1:8080/');

describe('proxy resolution', () => {
  it('uses http.proxy before the environment, for https and http alike', () => {
    const config: ProxyConfig = { proxy: 'http://proxy.corp:3128', env: { HTTPS_PROXY: 'http://other:1' } };
    assert.equal(resolveProxy(HTTPS, config)?.display, 'http://proxy.corp:3128');
    assert.equal(resolveProxy(HTTPS, config)?.source, 'http.proxy');
    assert.equal(resolveProxy(new URL('http://partner.example/'), config)?.display, 'http://proxy.corp:3128');
  });

  it('reads the environment as curl does: https_proxy for https, http_proxy for http, lower case first, all_proxy last', () => {
    assert.equal(
      resolveProxy(HTTPS, { env: { HTTPS_PROXY: 'http://up:1', https_proxy: 'http://low:2' } })?.source,
      'https_proxy',
    );
    assert.equal(resolveProxy(HTTPS, { env: { HTTPS_PROXY: 'http://up:1' } })?.display, 'http://up:1');
    assert.equal(resolveProxy(HTTPS, { env: { HTTP_PROXY: 'http://plain:1' } }), undefined);
    assert.equal(
      resolveProxy(new URL('http://partner.example/'), { env: { HTTP_PROXY: 'http://plain:1' } })?.display,
      'http://plain:1',
    );
    assert.equal(resolveProxy(HTTPS, { env: { ALL_PROXY: 'http://all:1' } })?.source, 'ALL_PROXY');
    assert.equal(resolveProxy(HTTPS, { env: {} }), undefined);
    assert.equal(
      resolveProxy(HTTPS, { env: { HTTPS_PROXY: 'proxy.corp:8080' } })?.uri,
      'http://proxy.corp:8080/',
      'no scheme means http://',
    );
  });

  it('sends a loopback tenant (the sandbox) through a proxy only when the proxy is on loopback too', () => {
    // A remote proxy would reach its own loopback, and plain http would show it the token.
    assert.equal(resolveProxy(HTTP, { proxy: 'http://proxy.corp:3128' }), undefined);
    assert.equal(
      resolveProxy(new URL('https://localhost:4443/'), { env: { HTTPS_PROXY: 'http://proxy.corp:3128' } }),
      undefined,
    );
    assert.equal(resolveProxy(HTTP, { proxy: 'http://127.0.0.1:3128' })?.display, 'http://127.0.0.1:3128');
    assert.equal(resolveProxy(HTTP, { proxy: 'http://localhost:3128' })?.display, 'http://localhost:3128');
  });

  it('goes direct with http.proxySupport off', () => {
    assert.equal(resolveProxy(HTTPS, { proxy: 'http://p:1', support: 'off' }), undefined);
  });

  it('bypasses the proxy for NO_PROXY and http.noProxy entries', () => {
    const env = { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'localhost, .auth0.com' };
    assert.equal(resolveProxy(HTTPS, { env }), undefined);
    assert.ok(resolveProxy(new URL('https://auth0.com.evil.test/'), { env }));
    assert.equal(resolveProxy(HTTPS, { proxy: 'http://p:1', noProxy: ['acme.eu.auth0.com'] }), undefined);
    assert.equal(resolveProxy(HTTPS, { env: { HTTPS_PROXY: 'http://p:1', no_proxy: '*' } }), undefined);
  });

  it('matches NO_PROXY entries by suffix, IP, CIDR and port', () => {
    const table: Array<[string, string, boolean]> = [
      ['https://acme.eu.auth0.com/', 'auth0.com', true],
      ['https://acme.eu.auth0.com/', '.eu.auth0.com', true],
      ['https://acme.eu.auth0.com/', '*.auth0.com', true],
      ['https://notauth0.com/', 'auth0.com', false],
      ['https://acme.eu.auth0.com/', 'acme.eu.auth0.com:443', true],
      ['https://acme.eu.auth0.com/', 'acme.eu.auth0.com:8443', false],
      ['http://127.0.0.1:8080/', '127.0.0.1', true],
      ['http://127.0.0.1:8080/', '127.0.0.0/8', true],
      ['http://10.1.2.3/', '10.0.0.0/16', false],
      ['http://10.0.2.3/', '10.0.0.0/16', true],
      ['http://[::1]:9/', '::1', true],
      ['http://[::1]:9/', '[::1]:9', true],
      ['http://[fd00::5]/', 'fd00::/8', true],
      ['http://127.0.0.1:8080/', '0.0.1', false],
    ];
    for (const [url, entry, expected] of table) {
      assert.equal(bypassesProxy(new URL(url), [entry]), expected, `${url} vs ${entry}`);
    }
  });

  it('keeps credentials out of what it shows and refuses what is not an http(s) proxy', () => {
    const route = resolveProxy(HTTPS, { proxy: 'http://user:s3cret@proxy.corp:3128' });
    assert.equal(route?.display, 'http://proxy.corp:3128');
    assert.throws(
      () => resolveProxy(HTTPS, { proxy: 'socks5://user:s3cret@p:1' }),
      (e: unknown) =>
        e instanceof ProxyConfigError && !e.userMessage.includes('s3cret') && /socks5/.test(e.userMessage),
    );
    assert.throws(() => resolveProxy(HTTPS, { proxy: 'http://p:1/path' }), ProxyConfigError);
  });

  it('passes http.proxyAuthorization and http.proxyStrictSSL along', () => {
    const route = resolveProxy(HTTPS, { proxy: 'http://p:1', proxyAuthorization: 'Basic abc', strictSSL: false });
    assert.equal(route?.token, 'Basic abc');
    assert.equal(route?.strictSSL, false);
    assert.equal(resolveProxy(HTTPS, { proxy: 'http://p:1' })?.strictSSL, true);
  });
});

describe('requests through a real forward proxy to the TLS sandbox', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let proxy: TestProxy;
  let authProxy: TestProxy;
  const clients: ManagementClient[] = [];
  const sandboxPort = (): string => new URL(sandbox.rp.baseUrl).port;

  before(async () => {
    sandbox = await startSandbox({ tls: true });
    proxy = await startTestProxy();
    authProxy = await startTestProxy({ credentials: { user: 'corp', password: 'proxy-pass' } });
  });
  after(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await proxy?.close();
    await authProxy?.close();
    await sandbox?.close();
  });
  beforeEach(() => {
    proxy.seen.length = 0;
    authProxy.seen.length = 0;
  });

  function client(
    proxyConfig: ProxyConfig,
    extra: Partial<ManagementClientOptions> = {},
    tenant = sandbox.rp,
  ): ManagementClient {
    const c = createManagementClient({
      domain: tenant.baseUrl,
      ca: sandbox.caCertPem ?? '',
      credentials: { kind: 'client-credentials', clientId: tenant.m2m.clientId, clientSecret: tenant.m2m.clientSecret },
      retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 5 },
      proxy: proxyConfig,
      ...extra,
    });
    clients.push(c);
    return c;
  }

  const tunnels = (p: TestProxy, port = sandboxPort()): number =>
    p.seen.filter((s) => s.method === 'CONNECT' && s.target === `127.0.0.1:${port}` && s.status === 200).length;

  it('gets the token and calls the Management API through http.proxy (CONNECT)', async () => {
    const log: RequestLogEntry[] = [];
    const c = client({ proxy: proxy.url, env: {} }, { onRequest: (e) => log.push(e) });
    const page = await c.listConnectionsPage({ take: 5 });
    assert.ok(Array.isArray(page.connections));
    assert.deepEqual(
      log.map((e) => `${e.method} ${e.path.split('?')[0]} ${e.status}`),
      ['POST /oauth/token 200', 'GET /api/v2/connections 200'],
    );
    assert.ok(tunnels(proxy) >= 1, JSON.stringify(proxy.seen));
    assert.ok(sandbox.rp.requestLog.some((r) => r.path === '/api/v2/connections'));
  });

  it('sends the token request through the proxy too (a proxy that refuses everything fails it)', async () => {
    const refusing = await startTestProxy({ refuse: () => 403 });
    try {
      const log: RequestLogEntry[] = [];
      await assert.rejects(
        client({ proxy: refusing.url, env: {} }, { onRequest: (e) => log.push(e) }).getTenantSettings(),
        Auth0ProxyError,
      );
      assert.deepEqual(
        log.map((e) => `${e.method} ${e.path} ${e.error}`),
        ['POST /oauth/token Auth0ProxyError PROXY_403'],
      );
      assert.deepEqual(
        refusing.seen.map((s) => `${s.method} ${s.target} ${s.status}`),
        [`CONNECT 127.0.0.1:${sandboxPort()} 403`],
      );
    } finally {
      await refusing.close();
    }
  });

  it('uses HTTPS_PROXY when http.proxy is empty', async () => {
    const c = client({ env: { HTTPS_PROXY: proxy.url } });
    await c.getTenantSettings();
    assert.ok(tunnels(proxy) >= 1, JSON.stringify(proxy.seen));
  });

  it('bypasses the proxy for NO_PROXY and for http.noProxy', async () => {
    await client({ env: { HTTPS_PROXY: proxy.url, NO_PROXY: '127.0.0.1' } }).getTenantSettings();
    await client({ proxy: proxy.url, noProxy: ['127.0.0.0/8'], env: {} }).getTenantSettings();
    assert.deepEqual(proxy.seen, []);
  });

  it('authenticates to the proxy with http.proxyAuthorization or user:password in the URL', async () => {
    await client({ proxy: authProxy.url, proxyAuthorization: authProxy.authorization!, env: {} }).getTenantSettings();
    const withUser = new URL(authProxy.url);
    withUser.username = 'corp';
    withUser.password = 'proxy-pass';
    await client({ proxy: withUser.href, env: {} }).getTenantSettings();
    assert.ok(
      authProxy.seen.length >= 2 && authProxy.seen.every((s) => s.authorized && s.status === 200),
      JSON.stringify(authProxy.seen),
    );
  });

  it('names the proxy when it wants credentials (407), without retrying', async () => {
    const log: RequestLogEntry[] = [];
    const c = client({ proxy: authProxy.url, env: {} }, { onRequest: (e) => log.push(e) });
    await assert.rejects(c.getTenantSettings(), (e: unknown) => {
      assert.ok(e instanceof Auth0ProxyError, String(e));
      assert.equal(e.proxyStatus, 407);
      assert.equal(e.proxy, authProxy.url);
      assert.match(
        e.userMessage,
        new RegExp(
          `proxy ${authProxy.url.replace(/\./g, '\\.')} \\(from http\\.proxy\\).*407.*http\\.proxyAuthorization`,
        ),
      );
      return true;
    });
    assert.equal(log.length, 1, 'a 407 is not repeated');
    assert.deepEqual(
      authProxy.seen.map((s) => s.status),
      [407],
    );
  });

  it('names the proxy when it refuses the host, and when it is not running', async () => {
    const refusing = await startTestProxy({ refuse: () => 403 });
    try {
      await assert.rejects(
        client({ proxy: refusing.url, env: {} }).getTenantSettings(),
        (e: unknown) =>
          e instanceof Auth0ProxyError &&
          e.proxyStatus === 403 &&
          e.userMessage.includes(refusing.url) &&
          /answered 403/.test(e.userMessage),
      );
    } finally {
      await refusing.close();
    }
    const gone = await startTestProxy();
    const goneUrl = gone.url;
    await gone.close();
    await assert.rejects(
      client({ env: { HTTPS_PROXY: goneUrl } }).getTenantSettings(),
      (e: unknown) =>
        e instanceof Auth0ProxyError &&
        e.proxyStatus === undefined &&
        e.code === 'ECONNREFUSED' &&
        e.userMessage.includes(`${goneUrl} (from HTTPS_PROXY)`),
    );
  });

  it('verifies the tenant certificate behind the proxy unless http.proxyStrictSSL is false', async () => {
    await assert.rejects(
      client({ proxy: proxy.url, env: {} }, { ca: undefined }).getTenantSettings(),
      (e: unknown) =>
        e instanceof Auth0ProxyError &&
        e.isTlsError &&
        e.userMessage.includes(proxy.url) &&
        /NODE_EXTRA_CA_CERTS/.test(e.userMessage),
    );
    await client({ proxy: proxy.url, strictSSL: false, env: {} }, { ca: undefined }).getTenantSettings();
  });

  it('runs the provider check through the proxy', async () => {
    const provider = client({ proxy: proxy.url, env: {} }, {}, sandbox.provider);
    const report = await runProviderCheck(provider, {
      providerDomain: sandbox.provider.domain,
      clientId: sandbox.provider.app('Provider App for RP').clientId,
      rpDomains: [sandbox.rp.domain],
    });
    assert.equal(report.clientId, sandbox.provider.app('Provider App for RP').clientId);
    assert.ok(tunnels(proxy, new URL(sandbox.provider.baseUrl).port) >= 1, JSON.stringify(proxy.seen));
    assert.ok(sandbox.provider.requestLog.some((r) => r.path.startsWith('/api/v2/clients/')));
  });

  it("exchanges the test login's code and reads /userinfo through the proxy", async () => {
    const rp = client({ proxy: proxy.url, env: {} });
    const created = await rp.createConnection(federationConnectionBody(sandbox, 'via-proxy') as never);
    const webApp = sandbox.rp.app('RP Web App');
    // enabled_clients in a body is refused (tenants created from 2026-01-07): the dedicated endpoint
    await rp.updateEnabledClients(created.id, [{ client_id: webApp.clientId, status: true }]);
    const login = await LoopbackLogin.start({
      rpDomain: sandbox.rp.baseUrl,
      clientId: webApp.clientId,
      connection: 'via-proxy',
      extraAuthorizeParams: { sandbox_login: 'alice@provider.test' },
    });
    // The sandbox, like Auth0, matches callbacks exactly: the login's loopback URI (an OS-chosen
    // port) is added for the login, as Test Login does, and removed after it.
    await rp.updateClient(webApp.clientId, { callbacks: [...webApp.callbacks, login.redirectUri] });
    try {
      proxy.seen.length = 0;
      sandbox.rp.resetRequestLog();
      const log: RequestLogEntry[] = [];
      const done = login.complete({
        clientSecret: webApp.clientSecret,
        ca: sandbox.caCertPem ?? '',
        proxy: { proxy: proxy.url, env: {} },
        onRequest: (e) => log.push(e),
      });
      const browser = new TestBrowser({ ca: sandbox.caCertPem ?? '' });
      try {
        await browser.follow(login.authorizeUrl);
      } finally {
        await browser.close();
      }
      const result = await done;
      assert.match(String(result.userinfo?.sub), /^auth0-oidc\|via-proxy\|/);
      assert.deepEqual(
        log.map((e) => `${e.method} ${e.path} ${e.status}`),
        ['POST /oauth/token 200', 'GET /userinfo 200'],
      );
      assert.ok(tunnels(proxy) >= 1, JSON.stringify(proxy.seen));
    } finally {
      await login.close();
      await rp.updateClient(webApp.clientId, { callbacks: webApp.callbacks });
    }
  });

  it("trusts a TLS-inspecting proxy's CA from NODE_EXTRA_CA_CERTS, also next to an explicit CA", async () => {
    // NODE_EXTRA_CA_CERTS is read when Node starts, so this runs in a child process.
    const script = path.join(__dirname, 'fixtures', 'extraCaClient.ts');
    const env = { ...process.env, NODE_EXTRA_CA_CERTS: sandbox.caCertPath ?? '', HTTPS_PROXY: proxy.url, NO_PROXY: '' };
    for (const mode of ['no-ca', 'other-ca']) {
      // Not spawnSync: the sandbox and the proxy run in this process and must keep answering.
      const child = await runNode(['--import', 'tsx', script, sandbox.rp.baseUrl, sandbox.rp.m2m.clientId, mode], {
        ...env,
        AUTH0_TEST_SECRET: sandbox.rp.m2m.clientSecret,
      });
      assert.equal(child.status, 0, `${mode}: ${child.stdout}${child.stderr}`);
      assert.match(child.stdout, /^ok tunnelled$/m, `${mode}: ${child.stdout}`);
    }
    assert.ok(tunnels(proxy) >= 2, JSON.stringify(proxy.seen));
  });

  it('trusts NODE_EXTRA_CA_CERTS next to an explicit CA on a direct connection too', async () => {
    // The explicit CA is added to Node's own store, whose copy lacks NODE_EXTRA_CA_CERTS: those
    // certificates must be added as well (proxy.ts, secureContextFor).
    const script = path.join(__dirname, 'fixtures', 'extraCaClient.ts');
    const env = { ...process.env, NODE_EXTRA_CA_CERTS: sandbox.caCertPath ?? '', NO_PROXY: '*', no_proxy: '*' };
    for (const mode of ['no-ca', 'other-ca']) {
      const child = await runNode(['--import', 'tsx', script, sandbox.rp.baseUrl, sandbox.rp.m2m.clientId, mode], {
        ...env,
        AUTH0_TEST_SECRET: sandbox.rp.m2m.clientSecret,
      });
      assert.equal(child.status, 0, `${mode}: ${child.stdout}${child.stderr}`);
      assert.match(child.stdout, /^ok direct$/m, `${mode}: ${child.stdout}`);
    }
  });

  it('without a proxy, a request goes direct (no tunnel)', async () => {
    await client({ env: {} }).getTenantSettings();
    assert.deepEqual(proxy.seen, []);
  });
});
