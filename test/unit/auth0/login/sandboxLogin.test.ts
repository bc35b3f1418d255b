// End to end in plain Node: the loopback login against the sandbox's two tenants, through a real
// auth0-oidc federation, ending with the federated user_id; and the ways it fails clearly.
import * as assert from 'node:assert/strict';
import type { ManagementClient } from '../../../../src/auth0';
import { LoginRedirectError } from '../../../../src/auth0/login/errors';
import { LoopbackLogin } from '../../../../src/auth0/login/loopbackLogin';
import { checkIdToken, decodeJwt, expectedIssuer } from '../../../../src/core/login/tokens';
import { parseUserId } from '../../../../src/core/login/userId';
import { TestBrowser, type FollowResult } from '../../../sandbox/browser';
import {
  createFederatedConnection,
  federationConnectionBody,
  startSandbox,
  type Sandbox,
} from '../../../sandbox/index';
import { sandboxClient } from '../helpers';

/** Follows `url` in a fresh TestBrowser (the person's browser), closed again before this returns. */
async function followInBrowser(url: string): Promise<FollowResult> {
  const browser = new TestBrowser();
  try {
    return await browser.follow(url);
  } finally {
    await browser.close();
  }
}

describe('test login against the sandbox (loopback, PKCE, federation)', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let rp: ManagementClient;
  const logins: LoopbackLogin[] = [];

  before(async () => {
    sandbox = await startSandbox();
    rp = sandboxClient(sandbox.rp);
    await createFederatedConnection(sandbox, 'partner');
    const wrong = federationConnectionBody(sandbox, 'partner-wrong-secret');
    await createFederatedConnection(sandbox, 'partner-wrong-secret', {
      options: { ...(wrong.options as object), client_secret: 'not-the-provider-secret' },
    });
    await createFederatedConnection(sandbox, 'partner-not-enabled', {}, []);
  });
  after(async () => {
    await Promise.all(logins.map((l) => l.close()));
    await rp?.close();
    await sandbox?.close();
  });

  const webApp = () => sandbox.rp.app('RP Web App');

  // The sandbox, like Auth0, matches callbacks exactly: each login's loopback URI (an OS-chosen
  // port) is added to the application for the login, as Test Login does, and removed after it.
  let seededCallbacks: string[] = [];
  before(() => {
    seededCallbacks = [...webApp().callbacks];
  });
  afterEach(async () => {
    await rp.updateClient(webApp().clientId, { callbacks: seededCallbacks });
  });

  async function startLogin(connection: string, extra: Record<string, string> = {}): Promise<LoopbackLogin> {
    const login = await LoopbackLogin.start({
      rpDomain: sandbox.rp.domain,
      clientId: webApp().clientId,
      connection,
      extraAuthorizeParams: extra,
    });
    logins.push(login);
    const current = await rp.getClient(webApp().clientId, { fields: ['client_id', 'callbacks'] });
    await rp.updateClient(webApp().clientId, { callbacks: [...(current.callbacks ?? []), login.redirectUri] });
    return login;
  }

  it('logs in with the test shortcut and ends with the federated auth0-oidc user', async () => {
    const login = await startLogin('partner', { sandbox_login: 'alice@provider.test' });
    const done = login.complete({ clientSecret: webApp().clientSecret });
    const followed = await followInBrowser(login.authorizeUrl);
    assert.equal(followed.page?.status, 200, JSON.stringify(followed.hops));
    assert.match(followed.page?.body ?? '', /may close this window/);
    assert.ok(followed.page?.url.startsWith(login.redirectUri));
    const result = await done;
    const alice = sandbox.provider.users.find((u) => u.email === 'alice@provider.test')!;
    const expectedUserId = `auth0-oidc|partner|${alice.userId}`;
    assert.equal(result.userinfo?.sub, expectedUserId);
    assert.equal(result.userinfo?.email, 'alice@provider.test');

    const id = decodeJwt(result.tokens.idToken!);
    assert.equal(id.payload.sub, expectedUserId);
    const checks = checkIdToken(id.payload, {
      issuer: expectedIssuer(sandbox.rp.baseUrl),
      clientId: webApp().clientId,
      nonce: login.nonce,
      nowMs: Date.now(),
    });
    assert.deepEqual(
      checks.filter((c) => c.status !== 'pass'),
      [],
      JSON.stringify(checks),
    );

    const parsed = parseUserId(result.userinfo?.sub);
    assert.equal(parsed.kind, 'auth0-oidc');
    if (parsed.kind === 'auth0-oidc') {
      assert.equal(parsed.connection, 'partner');
      assert.equal(parsed.providerConnection, 'auth0');
      assert.equal(parsed.providerUserIdFull, alice.userId);
    }
  });

  it("logs in through the provider's login form as a person would", async () => {
    const login = await startLogin('partner');
    const done = login.complete({ clientSecret: webApp().clientSecret });
    const browser = new TestBrowser();
    try {
      const first = await browser.follow(login.authorizeUrl);
      assert.ok(first.page, 'a login page');
      assert.ok(
        first.page.url.startsWith(sandbox.provider.baseUrl),
        `the login page is the provider's: ${first.page.url}`,
      );
      const bob = sandbox.provider.users.find((u) => u.email === 'bob@provider.test')!;
      const after = await browser.submitForm(first.page, { email: bob.email, password: bob.password });
      assert.equal(after.page?.status, 200);
      assert.ok(after.page?.url.startsWith(login.redirectUri));
    } finally {
      await browser.close();
    }
    const result = await done;
    assert.match(String(result.userinfo?.sub), /^auth0-oidc\|partner\|auth0\|/);
  });

  it("ends with a clear error when the connection's client secret is wrong", async () => {
    const login = await startLogin('partner-wrong-secret', { sandbox_login: 'alice@provider.test' });
    const rejected = assert.rejects(login.complete({ clientSecret: webApp().clientSecret }), (error: unknown) => {
      assert.ok(error instanceof LoginRedirectError, String(error));
      assert.equal(error.error, 'access_denied');
      assert.match(error.userMessage, /Check the client ID and client secret in the connection's options/);
      assert.ok(!/\.\./.test(error.userMessage), 'no double full stop');
      assert.ok(!error.userMessage.includes('not-the-provider-secret'));
      return true;
    });
    await followInBrowser(login.authorizeUrl);
    await rejected;
  });

  it('ends with a clear error when the connection is not enabled for the application', async () => {
    const login = await startLogin('partner-not-enabled', { sandbox_login: 'alice@provider.test' });
    const done = login.complete({ clientSecret: webApp().clientSecret });
    const rejected = assert.rejects(done, (error: unknown) => {
      assert.ok(error instanceof LoginRedirectError, String(error));
      assert.match(error.userMessage, /the connection was disabled.*Enable the connection for this application/);
      return true;
    });
    await followInBrowser(login.authorizeUrl);
    await rejected;
  });

  it('keeps waiting, until cancelled, when the RP refuses the redirect URI', async () => {
    const login = await LoopbackLogin.start({
      rpDomain: sandbox.rp.domain,
      clientId: sandbox.rp.app('RP SPA').clientId,
      connection: 'partner',
      extraAuthorizeParams: { sandbox_login: 'alice@provider.test' },
    });
    logins.push(login);
    const rejected = assert.rejects(
      login.complete(),
      (error: unknown) => error instanceof Error && error.name === 'CancelledError',
    );
    // The SPA allows only http://127.0.0.1:40404/spa/callback: the RP shows its callback-mismatch page
    // and never redirects, which is why Test Login checks the callbacks before it starts.
    const followed = await followInBrowser(login.authorizeUrl);
    assert.match(followed.page?.body ?? '', /Callback URL mismatch/);
    await login.close();
    await rejected;
  });
});
