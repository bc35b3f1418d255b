// Authorize link, test login and token decoding inside a real VS Code, against the in-process
// sandbox: the loopback login federates through a deployed auth0-oidc connection and ends with the
// auth0-oidc|... user in the login view; no raw token ever reaches the view's HTML or the result.
// Here a TestBrowser stands in for the browser; the person-like run, where the real browser tab
// that openExternal opens fills in the provider's login form, is test/integration/ui/login.ui.ts.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { createManagementClient, type ManagementClient } from '../../../src/auth0';
import { TestBrowser } from '../../sandbox/browser';
import { createFederatedConnection, federationConnectionBody, startSandbox, type Sandbox } from '../../sandbox';
import { addSandboxTenant, testLoginInTestBrowser, waitFor } from './helpers';

interface Outcome {
  url?: string;
  userId?: string;
  user?: { kind: string; connection?: string; providerConnection?: string; providerUserIdFull?: string };
  idTokenChecks?: { claim: string; status: string }[];
  callbackAdded?: boolean;
  callbackRemoved?: boolean;
  redirectUri?: string;
  model?: unknown;
  html?: string;
  parameters?: { name: string; value: string; meaning: string }[];
}

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('authorize link, test login and the token view', function () {
  this.timeout(90_000);
  let sandbox: Sandbox;
  let rp: ManagementClient;
  const webApp = (): { clientId: string; clientSecret: string } => sandbox.rp.app('RP Web App');
  const callbacks = (): string[] =>
    [...sandbox.rp.state.clients.values()].find((c) => c.client_id === webApp().clientId)!.callbacks;

  /** Test Login through `connectionName` for the RP Web App, a TestBrowser following the authorize link. */
  const testLogin = (connectionName: string): ReturnType<typeof testLoginInTestBrowser<Outcome>> =>
    testLoginInTestBrowser<Outcome>({ connectionName, tenant: sandbox.rp.baseUrl, clientId: webApp().clientId });

  before(async () => {
    await vscode.extensions.getExtension('auth0-oidc-tools.auth0-oidc-connections')!.activate();
    sandbox = await startSandbox();
    const tenant = sandbox.rp;
    await addSandboxTenant(tenant, 'Sandbox RP (login)');
    rp = createManagementClient({
      domain: tenant.domain,
      credentials: { kind: 'client-credentials', clientId: tenant.m2m.clientId, clientSecret: tenant.m2m.clientSecret },
    });
    // enabled_clients in a body is refused (tenants created from 2026-01-07): enable through the endpoint
    await createFederatedConnection(sandbox, 'login-suite');
    const wrong = federationConnectionBody(sandbox, 'login-suite-wrong-secret');
    await createFederatedConnection(sandbox, 'login-suite-wrong-secret', {
      options: { ...(wrong.options as object), client_secret: 'not-the-provider-secret' },
    });
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    if (sandbox)
      await vscode.commands.executeCommand('auth0Oidc.removeTenant', { domain: sandbox.rp.baseUrl, confirmed: true });
    await rp?.close();
    await sandbox?.close();
  });

  it('decodes a pasted token into the view, never putting the raw token into its HTML', async () => {
    const canary = 'CANARY-sig-never-in-html-91b2';
    const token = `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64({ iss: 'https://x.example/', aud: 'A', nonce: 'n', sub: 'auth0-oidc|partner|auth0|563b9b6cf50bc24402a69b80', exp: Math.floor(Date.now() / 1000) + 600, iat: Math.floor(Date.now() / 1000) })}.${canary}`;
    const result = await vscode.commands.executeCommand<Outcome>('auth0Oidc.decodeToken', { token });
    assert.ok(result, 'a result');
    assert.equal(result.user?.kind, 'auth0-oidc');
    assert.equal(result.user?.providerUserIdFull, 'auth0|563b9b6cf50bc24402a69b80');
    assert.ok(result.html && result.html.includes("default-src 'none'"), 'the view has the strict CSP');
    assert.ok(!result.html.includes(canary) && !result.html.includes(token), 'no raw token in the HTML');
    assert.ok(!JSON.stringify(result.model).includes(canary), 'no raw token in the posted model');
  });

  it('answers a malformed token with a message, not a view', async () => {
    const result = await vscode.commands.executeCommand<Outcome>('auth0Oidc.decodeToken', {
      token: 'eyJhbGciOi.not-json.x',
    });
    assert.equal(result, undefined);
  });

  it('builds the authorize link with each parameter explained', async () => {
    const result = await vscode.commands.executeCommand<Outcome>('auth0Oidc.openAuthorizeLink', {
      connectionName: 'login-suite',
      tenant: sandbox.rp.baseUrl,
      clientId: webApp().clientId,
      redirectUri: 'https://jwt.io',
      openBrowser: false,
    });
    assert.ok(result?.url);
    const url = new URL(result.url);
    assert.equal(`${url.origin}${url.pathname}`, `${sandbox.rp.baseUrl}/authorize`);
    assert.equal(url.searchParams.get('connection'), 'login-suite');
    assert.equal(url.searchParams.get('client_id'), webApp().clientId);
    assert.equal(url.searchParams.get('redirect_uri'), 'https://jwt.io');
    assert.equal(url.searchParams.get('response_type'), 'code');
    assert.match(url.searchParams.get('state') ?? '', /^[A-Za-z0-9_-]{32}$/);
    assert.deepEqual(
      result.parameters?.map((p) => p.name),
      ['client_id', 'response_type', 'redirect_uri', 'state', 'connection', 'scope'],
    );
    // The link really leads to the provider tenant's login page.
    const browser = new TestBrowser();
    try {
      const followed = await browser.follow(result.url);
      assert.ok(
        followed.page?.url.startsWith(sandbox.provider.baseUrl),
        `ends at the provider: ${followed.page?.url ?? ''}`,
      );
    } finally {
      await browser.close();
    }
  });

  it('runs a test login through the federation and shows the auth0-oidc user', async () => {
    const before = callbacks();
    // A TestBrowser stands in for the browser here; the UI scenario uses the real one.
    const { result } = await testLogin('login-suite');
    assert.ok(result, 'the login finished');
    const alice = sandbox.provider.users.find((u) => u.email === 'alice@provider.test')!;
    assert.equal(result.userId, `auth0-oidc|login-suite|${alice.userId}`);
    assert.equal(result.user?.connection, 'login-suite');
    assert.equal(result.user?.providerConnection, 'auth0');
    assert.deepEqual(
      result.idTokenChecks?.filter((c) => c.status !== 'pass'),
      [],
    );
    assert.equal(result.callbackAdded, true, 'the loopback redirect was added for the login');
    assert.equal(result.callbackRemoved, true);
    assert.deepEqual(callbacks(), before, 'and removed again');
    assert.ok(result.html && !/eyJ[A-Za-z0-9_-]{10,}\./.test(result.html), 'no token in the HTML');
    assert.ok(!/eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\./.test(JSON.stringify(result)), 'no token in the result');
  });

  it('keeps the Test Login result open when a token is decoded: one panel per kind and connection', async () => {
    const tabs = (): string[] =>
      vscode.window.tabGroups.all.flatMap((g) =>
        g.tabs.filter((t) => t.input instanceof vscode.TabInputWebview).map((t) => t.label),
      );
    await waitFor('the Test Login result tab', () => tabs().includes('Test login: login-suite'));
    const token = `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64({ sub: 'auth0|x', exp: Math.floor(Date.now() / 1000) + 600 })}.sig`;
    const decoded = await vscode.commands.executeCommand<Outcome>('auth0Oidc.decodeToken', { token });
    assert.ok(decoded, 'decoded');
    await waitFor('a second result tab', () => tabs().length >= 2);
    assert.ok(
      tabs().includes('Test login: login-suite'),
      `the Test Login result is still open: ${JSON.stringify(tabs())}`,
    );
  });

  it("logs in through the tenant's custom domain, while the Management API stays on the canonical domain", async () => {
    const tenant = sandbox.rp;
    const save = (customDomain?: string): Promise<void> =>
      addSandboxTenant(tenant, 'Sandbox RP (login)', tenant.m2m, customDomain ? { customDomain } : {});
    // Auth0's rule for custom domains: the provider application lists the custom domain's callback.
    const providerApp = sandbox.provider.state.clients.get(sandbox.provider.app('Provider App for RP').clientId)!;
    const providerCallbacks = [...providerApp.callbacks];
    providerApp.callbacks = [...providerCallbacks, `${tenant.customBaseUrl}/login/callback`];
    await save(tenant.customBaseUrl);
    try {
      const link = await vscode.commands.executeCommand<Outcome>('auth0Oidc.openAuthorizeLink', {
        connectionName: 'login-suite',
        tenant: tenant.baseUrl,
        clientId: webApp().clientId,
        redirectUri: 'https://jwt.io',
        openBrowser: false,
      });
      assert.equal(new URL(link.url!).origin, tenant.customBaseUrl, 'the authorize link uses the custom domain');
      const { result, urls } = await testLogin('login-suite');
      for (const url of urls) assert.equal(new URL(url).origin, tenant.customBaseUrl);
      assert.ok(result, 'the login finished');
      assert.match(result.userId ?? '', /^auth0-oidc\|login-suite\|auth0\|/);
      assert.deepEqual(
        result.idTokenChecks?.filter((c) => c.status !== 'pass'),
        [],
        'the ID token names the custom domain as issuer, as expected',
      );
      assert.equal(result.callbackRemoved, true);
    } finally {
      providerApp.callbacks = providerCallbacks;
      await save();
    }
  });

  it('ends a login through a misconfigured connection with an error, and still removes the callback', async () => {
    const before = callbacks();
    const { result } = await testLogin('login-suite-wrong-secret');
    assert.equal(result, undefined, 'the command reports the error and returns nothing');
    assert.deepEqual(callbacks(), before);
  });
});
