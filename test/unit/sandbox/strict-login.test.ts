// The login side of the sandbox is as strict as Auth0 (issue 11): callbacks match exactly, a
// reused session returning to a loopback callback stops on a confirmation page, /authorize
// without scope logs in, and every error redirect carries error_description.
import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fetch } from 'undici';
import { TestBrowser } from '../../sandbox/browser';
import { withErrorDescriptions } from '../../sandbox/respond';
import { createFederatedConnection, type Sandbox } from '../../sandbox/index';
import { api, decodeJwtPayload, loginsClosedAfterEach, sandboxForSuite } from './helpers';

describe('sandbox: the login side as strict as Auth0', function () {
  let sandbox: Sandbox;
  const browsers: TestBrowser[] = [];

  sandboxForSuite(async (started) => {
    sandbox = started;
    // Created, then enabled through PATCH /connections/{id}/clients, as a strict tenant requires.
    await createFederatedConnection(sandbox, 'strict');
  });
  const login = loginsClosedAfterEach(() => sandbox);
  afterEach(async function () {
    await Promise.all(browsers.splice(0).map((b) => b.close()));
  });
  function browser(): TestBrowser {
    const b = new TestBrowser();
    browsers.push(b);
    return b;
  }
  const webApp = () => sandbox.rp.app('RP Web App');
  const setClient = async (body: Record<string, unknown>): Promise<void> => {
    const patched = await api(sandbox.rp, 'PATCH', `/clients/${webApp().clientId}`, { body });
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
  };

  describe('callbacks match exactly (scheme, host, port, path, trailing slash)', function () {
    it('accepts the registered URI and refuses another port, a trailing slash, localhost for 127.0.0.1 and https for http', async function () {
      const registered = 'http://127.0.0.1:53682/callback';
      assert.ok(webApp().callbacks.includes(registered), 'seeded');
      const ok = await login(
        { connection: 'strict', sandbox_login: 'alice@provider.test' },
        { redirectUri: registered },
      );
      assert.ok(ok.callback?.get('code'), JSON.stringify(ok.hops));
      for (const other of [
        'http://127.0.0.1:53683/callback',
        'http://127.0.0.1:53682/callback/',
        'http://localhost:53682/callback',
        'https://127.0.0.1:53682/callback',
        'http://127.0.0.1/callback',
      ]) {
        const run = await login({ connection: 'strict', sandbox_login: 'alice@provider.test' }, { redirectUri: other });
        assert.equal(run.callback, undefined, `${other} must not be accepted`);
        assert.equal(run.page?.status, 400, other);
        assert.match(run.page?.body ?? '', /Callback URL mismatch/, other);
      }
    });

    it('accepts a loopback URI with a port once it is listed exactly, as Test Login adds it', async function () {
      const uri = 'http://127.0.0.1:61234/callback';
      const before = await login({ connection: 'strict', sandbox_login: 'alice@provider.test' }, { redirectUri: uri });
      assert.equal(before.callback, undefined);
      const original = webApp().callbacks;
      await setClient({ callbacks: [...original, uri] });
      try {
        const after = await login({ connection: 'strict', sandbox_login: 'alice@provider.test' }, { redirectUri: uri });
        assert.ok(after.callback?.get('code'), JSON.stringify(after.hops));
      } finally {
        await setClient({ callbacks: original });
      }
    });
  });

  describe('the confirmation page for a reused session returning to a non-verifiable callback', function () {
    it('logs in without it the first time, shows it when the session is reused, and continues on Continue', async function () {
      const b = browser();
      const first = await login({ connection: 'strict', sandbox_login: 'alice@provider.test' }, { browser: b });
      assert.ok(first.callback?.get('code'), 'a fresh login needs no confirmation');
      const second = await login({ connection: 'strict' }, { browser: b });
      assert.equal(second.callback, undefined, 'stops before the callback');
      assert.equal(second.page?.status, 200);
      assert.match(second.page?.body ?? '', /id="confirm-form"/);
      assert.ok(second.page?.body.includes('http://127.0.0.1:53682/callback'), 'names the callback');
      assert.ok(second.page?.url.startsWith(sandbox.rp.baseUrl), 'on the RP tenant');
      const target = new URL(second.redirectUri);
      const done = await b.submitForm(
        second.page,
        { action: 'confirm' },
        { stopAt: (u) => u.origin === target.origin && u.pathname === target.pathname },
      );
      assert.ok(done.stoppedAt?.searchParams.get('code'), JSON.stringify(done.hops));
      assert.equal(done.stoppedAt?.searchParams.get('state'), new URL(second.hops[0]!.url).searchParams.get('state'));
    });

    it('ends with access_denied and a description on Cancel', async function () {
      const b = browser();
      await login({ connection: 'strict', sandbox_login: 'alice@provider.test' }, { browser: b });
      const second = await login({ connection: 'strict' }, { browser: b });
      const target = new URL(second.redirectUri);
      const done = await b.submitForm(
        second.page!,
        { action: 'cancel' },
        { stopAt: (u) => u.origin === target.origin && u.pathname === target.pathname },
      );
      assert.equal(done.stoppedAt?.searchParams.get('error'), 'access_denied');
      assert.match(done.stoppedAt?.searchParams.get('error_description') ?? '', /did not confirm/);
    });

    it('refuses prompt=none with interaction_required instead of asking', async function () {
      const b = browser();
      await login({ connection: 'strict', sandbox_login: 'alice@provider.test' }, { browser: b });
      const silent = await login({ connection: 'strict', prompt: 'none' }, { browser: b });
      assert.equal(silent.callback?.get('error'), 'interaction_required');
      assert.ok(silent.callback?.get('error_description'));
    });

    it('does not ask for a verifiable (https) callback, nor when the application skips it', async function () {
      const b = browser();
      await login({ connection: 'strict', sandbox_login: 'alice@provider.test' }, { browser: b });
      const https = await login({ connection: 'strict' }, { browser: b, redirectUri: 'https://jwt.io' });
      assert.ok(https.callback?.get('code'), JSON.stringify(https.hops));
      await setClient({ skip_non_verifiable_callback_uri_confirmation_prompt: true });
      try {
        const skipped = await login({ connection: 'strict' }, { browser: b });
        assert.ok(skipped.callback?.get('code'), JSON.stringify(skipped.hops));
      } finally {
        await setClient({ skip_non_verifiable_callback_uri_confirmation_prompt: false });
      }
    });
  });

  describe("a login through another connection than the session's", function () {
    // Both connections federate to the same provider application; only the RP connection differs.
    before(async function () {
      await createFederatedConnection(sandbox, 'strict-other');
    });

    async function idTokenSub(code: string, verifier: string): Promise<string> {
      const app = webApp();
      const response = await fetch(`${sandbox.rp.baseUrl}/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code,
          redirect_uri: 'http://127.0.0.1:53682/callback',
          client_id: app.clientId,
          client_secret: app.clientSecret,
          code_verifier: verifier,
        }).toString(),
      });
      const json = (await response.json()) as { id_token?: string };
      assert.equal(response.status, 200, JSON.stringify(json));
      return String(decodeJwtPayload(json.id_token ?? '').sub);
    }

    it("goes to that connection's provider and comes back as its user, without an error page", async function () {
      const b = browser();
      const alice = sandbox.provider.users.find((u) => u.email === 'alice@provider.test')!;
      const first = await login({ connection: 'strict', sandbox_login: alice.email }, { browser: b });
      assert.equal(
        await idTokenSub(first.callback?.get('code') ?? '', first.verifier),
        `auth0-oidc|strict|${alice.userId}`,
      );

      const second = await login({ connection: 'strict-other', state: 'second-state' }, { browser: b });
      const upstream = second.hops.findIndex(
        (h) =>
          h.url.startsWith(`${sandbox.provider.baseUrl}/authorize?`) &&
          new URL(h.url).searchParams.get('redirect_uri') === `${sandbox.rp.baseUrl}/login/callback`,
      );
      assert.ok(upstream > 0, `the RP sent the login to the provider: ${JSON.stringify(second.hops)}`);
      // The provider reuses its own session for alice and, the RP's /login/callback being a loopback
      // address here, asks before returning it (its confirmation, not the RP's).
      assert.ok(second.page, `stops on the provider's confirmation: ${JSON.stringify(second.hops)}`);
      assert.ok(second.page.url.startsWith(sandbox.provider.baseUrl), second.page.url);
      assert.match(second.page.body, /id="confirm-form"/);
      const done = await b.submitForm(
        second.page,
        { action: 'confirm' },
        { stopAt: (u) => u.origin === 'http://127.0.0.1:53682' && u.pathname === '/callback' },
      );
      assert.ok(
        done.stoppedAt?.searchParams.get('code'),
        `back at the application with a code: ${JSON.stringify(done.hops)} ${done.page?.body.slice(0, 1500) ?? ''}`,
      );
      assert.equal(done.stoppedAt?.searchParams.get('state'), 'second-state');
      assert.equal(
        await idTokenSub(done.stoppedAt?.searchParams.get('code') ?? '', second.verifier),
        `auth0-oidc|strict-other|${alice.userId}`,
      );
    });

    it("answers prompt=none with login_required instead of reusing the other connection's session", async function () {
      const b = browser();
      await login({ connection: 'strict', sandbox_login: 'alice@provider.test' }, { browser: b });
      const silent = await login({ connection: 'strict-other', prompt: 'none' }, { browser: b });
      assert.equal(silent.callback?.get('error'), 'login_required', JSON.stringify(silent.hops));
      assert.equal(silent.callback?.get('error_description'), 'Login required');
    });
  });

  describe('/authorize parameters and error redirects', function () {
    it('logs in without scope (and without nonce), as the plain authorize link does', async function () {
      const run = await login({
        connection: 'strict',
        sandbox_login: 'alice@provider.test',
        scope: undefined,
        nonce: undefined,
      });
      assert.equal(run.callback?.get('error'), null, run.callback?.toString());
      assert.ok(run.callback?.get('code'));
      const withNonce = await login({ connection: 'strict', sandbox_login: 'alice@provider.test', scope: undefined });
      assert.ok(withNonce.callback?.get('code'), withNonce.callback?.toString());
    });

    it('puts error_description on the error redirects of a login', async function () {
      const cases: Record<string, string | undefined>[] = [
        { connection: 'no-such-connection' },
        { connection: 'strict', prompt: 'none' },
      ];
      for (const params of cases) {
        const run = await login({ sandbox_login: 'alice@provider.test', ...params });
        assert.ok(
          run.callback?.get('error'),
          `${JSON.stringify(params)} ends in an error redirect: ${JSON.stringify(run.hops)}`,
        );
        assert.ok(
          run.callback?.get('error_description'),
          `${JSON.stringify(params)}: ${run.callback?.toString() ?? ''}`,
        );
      }
    });

    it('adds an error_description to an error redirect that has none (the guard in front of oidc-provider)', async function () {
      const server = http.createServer((_req, res) => {
        withErrorDescriptions(res);
        res.statusCode = 303;
        res.setHeader('location', 'http://127.0.0.1:53682/callback?error=access_denied&state=s');
        res.end();
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/authorize/x`, {
          redirect: 'manual',
        });
        const location = new URL(response.headers.get('location') ?? '');
        assert.equal(location.searchParams.get('error'), 'access_denied');
        assert.equal(location.searchParams.get('state'), 's');
        assert.ok(location.searchParams.get('error_description'), location.href);
      } finally {
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    });
  });

  describe('custom domains: a second host name for logins, the Management API only at the canonical one', function () {
    it('serves discovery at the custom domain with its own issuer and endpoints', async function () {
      const response = await fetch(`${sandbox.rp.customBaseUrl}/.well-known/openid-configuration`);
      assert.equal(response.status, 200);
      const discovery = (await response.json()) as Record<string, string>;
      assert.equal(sandbox.rp.customDomain, `localhost:${new URL(sandbox.rp.baseUrl).port}`);
      assert.equal(discovery.issuer, `${sandbox.rp.customBaseUrl}/`);
      assert.equal(discovery.authorization_endpoint, `${sandbox.rp.customBaseUrl}/authorize`);
      const jwks = await fetch(`${sandbox.rp.customBaseUrl}/.well-known/jwks.json`);
      assert.equal(jwks.status, 200);
    });

    it('logs in through the custom domain and issues tokens naming it as issuer', async function () {
      const run = await login({ sandbox_login: 'carol@rp.test' }, { base: sandbox.rp.customBaseUrl });
      assert.ok(run.callback?.get('code'), JSON.stringify(run.hops));
      assert.ok(
        run.hops.every((h) => new URL(h.url).host === sandbox.rp.customDomain),
        'stayed on the custom domain',
      );
      const response = await fetch(`${sandbox.rp.customBaseUrl}/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code: run.callback!.get('code')!,
          redirect_uri: run.redirectUri,
          client_id: webApp().clientId,
          client_secret: webApp().clientSecret,
          code_verifier: run.verifier,
        }).toString(),
      });
      const json = (await response.json()) as { id_token: string };
      assert.equal(response.status, 200, JSON.stringify(json));
      const claims = JSON.parse(Buffer.from(json.id_token.split('.')[1] ?? '', 'base64url').toString()) as {
        iss: string;
      };
      assert.equal(claims.iss, `${sandbox.rp.customBaseUrl}/`);
    });

    it('federates through the custom domain only when the provider app lists the custom /login/callback', async function () {
      const run = await login(
        { connection: 'strict', sandbox_login: 'alice@provider.test' },
        { base: sandbox.rp.customBaseUrl },
      );
      assert.equal(run.callback, undefined);
      assert.match(run.page?.body ?? '', /Callback URL mismatch/);
      assert.ok(run.page?.body.includes(`${sandbox.rp.customBaseUrl}/login/callback`));
    });

    it('answers 403 "Service not found" to client credentials for the custom domain\'s /api/v2/ audience', async function () {
      const { clientId, clientSecret } = sandbox.rp.m2m;
      for (const base of [sandbox.rp.baseUrl, sandbox.rp.customBaseUrl]) {
        const response = await fetch(`${base}/oauth/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            grant_type: 'client_credentials',
            client_id: clientId,
            client_secret: clientSecret,
            audience: `${sandbox.rp.customBaseUrl}/api/v2/`,
          }),
        });
        assert.equal(response.status, 403, base);
        const json = (await response.json()) as Record<string, string>;
        assert.equal(json.error, 'access_denied');
        assert.equal(json.error_description, `Service not found: ${sandbox.rp.customBaseUrl}/api/v2/`);
      }
    });

    it('serves the Management API only at the canonical domain', async function () {
      const token = await sandbox.rp.issueManagementToken();
      const canonical = await fetch(`${sandbox.rp.baseUrl}/api/v2/connections`, {
        headers: { authorization: `Bearer ${token}` },
      });
      assert.equal(canonical.status, 200);
      const custom = await fetch(`${sandbox.rp.customBaseUrl}/api/v2/connections`, {
        headers: { authorization: `Bearer ${token}` },
      });
      assert.equal(custom.status, 404);
    });
  });
});
