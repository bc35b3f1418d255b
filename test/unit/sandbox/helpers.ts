// Shared by the sandbox tests: a small Management API caller and a federated-login driver.
import { createHash, randomBytes } from 'node:crypto';
import { pollUntil } from '../../pollUntil';
import { fetch } from 'undici';
import { TestBrowser, type FollowResult } from '../../sandbox/browser';
import { startSandbox, type Sandbox, type SandboxOptions, type SandboxTenant } from '../../sandbox/index';

/**
 * Starts a sandbox before the suite's tests and closes it after them. `ready` gets it once it is
 * up, for the suite to keep (and to seed what all its tests need).
 */
export function sandboxForSuite(ready: (sandbox: Sandbox) => void | Promise<void>, options?: SandboxOptions): void {
  let sandbox: Sandbox | undefined;
  before(async function () {
    sandbox = await startSandbox(options);
    await ready(sandbox);
  });
  after(async function () {
    await sandbox?.close();
  });
}

/** startLogin on the suite's sandbox, or on `on`. */
export type SuiteLogin = (
  params: Record<string, string | undefined>,
  opts?: Parameters<typeof startLogin>[2],
  on?: Sandbox,
) => Promise<LoginRun>;

/**
 * startLogin for a suite: the browser of every run started through the returned function is
 * closed after the test that started it.
 */
export function loginsClosedAfterEach(sandbox: () => Sandbox): SuiteLogin {
  const runs: LoginRun[] = [];
  afterEach(async function () {
    await Promise.all(runs.splice(0).map((r) => r.browser.close()));
  });
  return async (params, opts = {}, on = sandbox()) => {
    const run = await startLogin(on, params, opts);
    runs.push(run);
    return run;
  };
}

export interface ApiResult {
  status: number;
  body: any;
  headers: Headers;
}

/** Calls the tenant's Management API with a bearer token (all scopes unless `token` is given). */
export async function api(
  tenant: SandboxTenant,
  method: string,
  path: string,
  opts: { body?: unknown; token?: string | null; rawBody?: string; contentType?: string } = {},
): Promise<ApiResult> {
  const headers: Record<string, string> = {};
  const token = opts.token === undefined ? await tenant.issueManagementToken() : opts.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  let body: string | null = null;
  if (opts.rawBody !== undefined) body = opts.rawBody;
  else if (opts.body !== undefined) body = JSON.stringify(opts.body);
  if (body !== null) headers['content-type'] = opts.contentType ?? 'application/json';
  const response = await fetch(`${tenant.baseUrl}/api/v2${path}`, { method, headers, body });
  const text = await response.text();
  return {
    status: response.status,
    body: text ? JSON.parse(text) : undefined,
    headers: response.headers as unknown as Headers,
  };
}

export interface LoginRun extends FollowResult {
  browser: TestBrowser;
  redirectUri: string;
  verifier: string;
  /** Parameters on the redirect to the application, when the chain reached it. */
  callback?: URLSearchParams;
}

/**
 * Starts a login at the RP's /authorize with PKCE and follows redirects through both tenants
 * until the app's redirect_uri (not fetched) or a page that is not a redirect.
 */
export async function startLogin(
  sandbox: Sandbox,
  params: Record<string, string | undefined>,
  opts: {
    browser?: TestBrowser;
    redirectUri?: string;
    /** The RP base URL to start at (default: its canonical domain). */ base?: string;
  } = {},
): Promise<LoginRun> {
  const browser = opts.browser ?? new TestBrowser({ ca: sandbox.caCertPem });
  const redirectUri = opts.redirectUri ?? 'http://127.0.0.1:53682/callback';
  const verifier = randomBytes(32).toString('base64url');
  const url = new URL(`${opts.base ?? sandbox.rp.baseUrl}/authorize`);
  const all: Record<string, string | undefined> = {
    client_id: sandbox.rp.app('RP Web App').clientId,
    response_type: 'code',
    redirect_uri: redirectUri,
    scope: 'openid profile email',
    state: randomBytes(8).toString('hex'),
    nonce: randomBytes(8).toString('hex'),
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    ...params,
  };
  for (const [k, v] of Object.entries(all)) if (v !== undefined) url.searchParams.set(k, v);
  const target = new URL(redirectUri);
  const result = await browser.follow(url, {
    stopAt: (u) => u.origin === target.origin && u.pathname === target.pathname,
  });
  return {
    ...result,
    browser,
    redirectUri,
    verifier,
    ...(result.stoppedAt ? { callback: result.stoppedAt.searchParams } : {}),
  };
}

/** Waits until `check` returns true, polling (never a fixed sleep), or fails after `ms`. */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  ms = 5000,
  what = 'condition',
): Promise<void> {
  await pollUntil(what, check, { timeoutMs: ms, intervalMs: 10 });
}

export function decodeJwtPayload(token: string): Record<string, any> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
}
