import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { fetch } from 'undici';
import { verifyJwt } from '../../sandbox/jwt';
import { createFederatedConnection, federationConnectionBody, startSandbox, type Sandbox } from '../../sandbox/index';
import { loginsClosedAfterEach, sandboxForSuite, type LoginRun } from './helpers';

/** A loopback port nothing listens on: bind port 0, note it, close. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('sandbox federation (auth0-oidc)', function () {
  let sandbox: Sandbox;
  sandboxForSuite((started) => {
    sandbox = started;
  });
  const login = loginsClosedAfterEach(() => sandbox);

  async function connection(
    name: string,
    options: Record<string, unknown> = {},
    extra: Record<string, unknown> = {},
  ): Promise<void> {
    const { enabled_clients: enabled, ...rest } = extra;
    const base = federationConnectionBody(sandbox, name);
    await createFederatedConnection(
      sandbox,
      name,
      { ...rest, options: { ...(base.options as Record<string, unknown>), ...options } },
      (enabled as string[] | undefined) ?? [sandbox.rp.app('RP Web App').clientId],
    );
  }

  async function exchange(run: LoginRun, extra: Record<string, string> = {}): Promise<{ status: number; json: any }> {
    const app = sandbox.rp.app('RP Web App');
    const response = await fetch(`${sandbox.rp.baseUrl}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: run.callback?.get('code') ?? '',
        redirect_uri: run.redirectUri,
        client_id: app.clientId,
        client_secret: app.clientSecret,
        code_verifier: run.verifier,
        ...extra,
      }).toString(),
    });
    return { status: response.status, json: await response.json() };
  }

  it('logs in end to end: RP -> provider -> RP, with a verifiable ID token and /userinfo', async function () {
    await connection('partner');
    const run = await login({
      connection: 'partner',
      sandbox_login: 'alice@provider.test',
      state: 'state-123',
      nonce: 'nonce-456',
    });
    assert.ok(run.callback, `did not reach the app: ${JSON.stringify(run.hops)}`);
    assert.equal(run.callback.get('state'), 'state-123');
    const hostsVisited = new Set(run.hops.map((h) => new URL(h.url).host));
    assert.deepEqual(
      [...hostsVisited].sort(),
      [sandbox.provider.domain, sandbox.rp.domain].sort(),
      'went through both tenants',
    );
    const upstream = run.hops.find(
      (h) => new URL(h.url).host === sandbox.provider.domain && new URL(h.url).pathname === '/authorize',
    );
    assert.ok(upstream);
    const upstreamUrl = new URL(upstream.url);
    assert.equal(upstreamUrl.searchParams.get('client_id'), sandbox.provider.app('Provider App for RP').clientId);
    assert.equal(upstreamUrl.searchParams.get('redirect_uri'), `${sandbox.rp.baseUrl}/login/callback`);
    assert.equal(upstreamUrl.searchParams.get('scope'), 'openid profile email');

    const tokens = await exchange(run);
    assert.equal(tokens.status, 200, JSON.stringify(tokens.json));
    const jwks = (await (await fetch(`${sandbox.rp.baseUrl}/.well-known/jwks.json`)).json()) as {
      keys: Parameters<typeof verifyJwt>[1][];
    };
    const verified = await verifyJwt(tokens.json.id_token, jwks.keys[0] as Parameters<typeof verifyJwt>[1]);
    assert.ok(verified.ok, 'ID token signature verifies with the published key');
    const claims = verified.payload;
    assert.match(String(claims.sub), /^auth0-oidc\|partner\|auth0\|[0-9a-f]{24}$/);
    assert.equal(claims.sub, 'auth0-oidc|partner|auth0|5f7c8ec7c33c6c004bbafe82');
    assert.equal(claims.nonce, 'nonce-456');
    assert.equal(claims.aud, sandbox.rp.app('RP Web App').clientId);
    assert.equal(claims.iss, `${sandbox.rp.baseUrl}/`);
    assert.equal(claims.email, 'alice@provider.test');
    assert.equal(claims.name, 'Alice Provider');

    const userinfo = await fetch(`${sandbox.rp.baseUrl}/userinfo`, {
      headers: { authorization: `Bearer ${tokens.json.access_token}` },
    });
    const profile = (await userinfo.json()) as Record<string, unknown>;
    assert.equal(profile.sub, claims.sub);
    assert.equal(profile.nickname, 'alice');
    assert.ok(sandbox.rp.federatedUsers.has(String(claims.sub)));
  });

  it('passes only the fields of the connection scope (openid email: no name)', async function () {
    await connection('email-only', { scope: 'openid email' });
    const run = await login({ connection: 'email-only', sandbox_login: 'bob@provider.test' });
    const tokens = await exchange(run);
    const profile = (await (
      await fetch(`${sandbox.rp.baseUrl}/userinfo`, {
        headers: { authorization: `Bearer ${tokens.json.access_token}` },
      })
    ).json()) as Record<string, unknown>;
    assert.equal(profile.email, 'bob@provider.test');
    assert.equal(profile.name, undefined);
  });

  it('works through the real login form, and the form refuses a wrong password', async function () {
    await connection('by-form');
    const run = await login({ connection: 'by-form' });
    assert.ok(run.page, 'stopped on the provider login page');
    assert.equal(run.page.status, 200);
    assert.equal(new URL(run.page.url).host, sandbox.provider.domain);
    assert.match(run.page.body, /<form method="post" action="\/u\/login"/);
    assert.doesNotMatch(
      run.page.body,
      /<script[^>]+src=|<link[^>]+href="https?:|@import|fonts\.googleapis/,
      'works offline',
    );

    const wrong = await run.browser.submitForm(run.page, { email: 'alice@provider.test', password: 'wrong' });
    assert.equal(wrong.page?.status, 401);
    assert.match(wrong.page?.body ?? '', /Wrong email or password/);
    const target = new URL(run.redirectUri);
    const right = await run.browser.submitForm(
      wrong.page,
      { email: 'alice@provider.test', password: 'Alice-Passw0rd!' },
      { stopAt: (u) => u.origin === target.origin },
    );
    assert.ok(right.stoppedAt?.searchParams.get('code'), JSON.stringify(right.hops));
  });

  it('fails with access_denied to the app when the client secret is wrong', async function () {
    await connection('wrong-secret', { client_secret: 'not-the-secret' });
    const run = await login({ connection: 'wrong-secret', sandbox_login: 'alice@provider.test', state: 's1' });
    assert.equal(run.callback?.get('error'), 'access_denied');
    assert.match(run.callback?.get('error_description') ?? '', /refused the code exchange/);
    assert.equal(run.callback?.get('state'), 's1');
    assert.equal(run.callback?.get('code'), null);
  });

  it('fails with access_denied when the domain points nowhere', async function () {
    await connection('wrong-domain', { domain: `127.0.0.1:${await closedPort()}` });
    const run = await login({ connection: 'wrong-domain', sandbox_login: 'alice@provider.test' });
    assert.equal(run.callback?.get('error'), 'access_denied');
    assert.match(run.callback?.get('error_description') ?? '', /Could not reach the identity provider/);
  });

  it('stops on the provider error page when the client id is unknown there', async function () {
    await connection('wrong-client', { client_id: 'thisClientDoesNotExist0000000000' });
    const run = await login({ connection: 'wrong-client', sandbox_login: 'alice@provider.test' });
    assert.equal(run.callback, undefined);
    assert.equal(new URL(run.page?.url ?? '').host, sandbox.provider.domain);
    assert.equal(run.page?.status, 400);
    assert.match(run.page?.body ?? '', /Unknown client: thisClientDoesNotExist/);
  });

  it('stops on the provider error page when its app does not list the RP callback', async function () {
    const misconfigured = sandbox.provider.app('Provider App Misconfigured');
    await connection('missing-callback', {
      client_id: misconfigured.clientId,
      client_secret: misconfigured.clientSecret,
    });
    const run = await login({ connection: 'missing-callback', sandbox_login: 'alice@provider.test' });
    assert.equal(run.callback, undefined);
    assert.equal(run.page?.status, 400);
    assert.match(run.page?.body ?? '', /Callback URL mismatch/);
    assert.ok(run.page?.body.includes(`${sandbox.rp.baseUrl}/login/callback`));
  });

  it('refuses a connection that is not enabled for the application, and an unknown one', async function () {
    await connection('not-enabled', {}, { enabled_clients: [] });
    const run = await login({ connection: 'not-enabled', sandbox_login: 'alice@provider.test' });
    assert.equal(run.callback?.get('error'), 'invalid_request');
    // Auth0's wording for a connection the application does not have enabled (see loginRoute.ts).
    assert.equal(run.callback?.get('error_description'), 'the connection was disabled');
    assert.equal(
      run.hops.some((h) => new URL(h.url).host === sandbox.provider.domain),
      false,
      'never left the RP',
    );
    const unknown = await login({ connection: 'no-such-connection' });
    assert.equal(unknown.callback?.get('error'), 'invalid_request');
    assert.equal(unknown.callback?.get('error_description'), 'the connection was not found');
  });

  it('checks the RP app callbacks: the registered one yes, another path no, an unknown client no', async function () {
    await connection('callbacks');
    const registered = await login(
      { connection: 'callbacks', sandbox_login: 'alice@provider.test' },
      { redirectUri: 'http://127.0.0.1:53682/callback' },
    );
    assert.ok(registered.callback?.get('code'));
    const wrongPath = await login({ connection: 'callbacks' }, { redirectUri: 'http://127.0.0.1:53682/elsewhere' });
    assert.equal(wrongPath.callback, undefined);
    assert.equal(wrongPath.page?.status, 400);
    assert.match(wrongPath.page?.body ?? '', /Callback URL mismatch/);
    const wrongClient = await login({ connection: 'callbacks', client_id: 'nope' });
    assert.match(wrongClient.page?.body ?? '', /Unknown client/);
  });

  it('requires the client secret and the PKCE verifier at /oauth/token', async function () {
    await connection('token-rules');
    const run = await login({ connection: 'token-rules', sandbox_login: 'alice@provider.test' });
    const noSecret = await exchange(run, { client_secret: 'wrong' });
    assert.equal(noSecret.status, 401);
    const run2 = await login({ connection: 'token-rules', sandbox_login: 'alice@provider.test' });
    const badVerifier = await exchange(run2, { code_verifier: 'x'.repeat(43) });
    assert.equal(badVerifier.status, 400);
    assert.equal(badVerifier.json.error, 'invalid_grant');
  });

  it('logs a public SPA in with PKCE and no secret, through the RP database connection', async function () {
    const spa = sandbox.rp.app('RP SPA');
    const run = await login(
      { client_id: spa.clientId, sandbox_login: 'carol@rp.test' },
      { redirectUri: 'http://127.0.0.1:40404/spa/callback' },
    );
    assert.ok(run.callback?.get('code'), JSON.stringify(run.hops));
    const response = await fetch(`${sandbox.rp.baseUrl}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'authorization_code',
        code: run.callback?.get('code'),
        redirect_uri: run.redirectUri,
        client_id: spa.clientId,
        code_verifier: run.verifier,
      }),
    });
    const json = (await response.json()) as { id_token: string };
    assert.equal(response.status, 200);
    const sub = JSON.parse(Buffer.from(json.id_token.split('.')[1] ?? '', 'base64url').toString()).sub;
    assert.equal(sub, 'auth0|64b7d2c9e1f0a3b4c5d6e7f8');
  });

  it('logs out at /v2/logout with Auth0 parameters (client_id, returnTo)', async function () {
    const run = await login({ sandbox_login: 'carol@rp.test' });
    assert.ok(run.callback?.get('code'));
    assert.ok(run.browser.cookieNames().includes('_rp_session'));
    const returnTo = 'http://127.0.0.1:53682';
    const page = await run.browser.follow(
      `${sandbox.rp.baseUrl}/v2/logout?client_id=${sandbox.rp.app('RP Web App').clientId}&returnTo=${encodeURIComponent(returnTo)}`,
    );
    assert.equal(page.page?.status, 200);
    const done = await run.browser.submitForm(page.page, { logout: 'yes' }, { stopAt: (u) => u.origin === returnTo });
    assert.equal(done.stoppedAt?.origin, returnTo);
    assert.equal(run.browser.cookieNames().includes('_rp_session'), false, 'session cookie cleared');
  });

  it('honours tenant.autoLogin, and ignores sandbox_login when test shortcuts are off', async function () {
    await connection('auto');
    sandbox.provider.autoLogin = 'bob@provider.test';
    try {
      const run = await login({ connection: 'auto' });
      const tokens = await exchange(run);
      assert.equal(
        JSON.parse(Buffer.from(tokens.json.id_token.split('.')[1], 'base64url').toString()).email,
        'bob@provider.test',
      );
    } finally {
      sandbox.provider.autoLogin = undefined;
    }
    const strict = await startSandbox({ testShortcuts: false });
    try {
      await createFederatedConnection(strict, 'strict');
      const run = await login({ connection: 'strict', sandbox_login: 'alice@provider.test' }, {}, strict);
      assert.equal(run.callback, undefined);
      assert.match(run.page?.body ?? '', /<form method="post" action="\/u\/login"/, 'the login form, not a shortcut');
    } finally {
      await strict.close();
    }
  });
});
