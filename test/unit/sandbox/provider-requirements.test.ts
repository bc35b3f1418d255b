// The provider-side requirements of auth0-oidc, emulated by mechanism (test/sandbox/README.md,
// "As strict as Auth0 (provider side)"): each is turned off through the provider's Management API,
// as a person would, and the federated login fails where Auth0 fails it.
import assert from 'node:assert/strict';
import { fetch } from 'undici';
import { createFederatedConnection, type Sandbox } from '../../sandbox/index';
import { api, loginsClosedAfterEach, sandboxForSuite, type LoginRun } from './helpers';

describe('sandbox provider requirements (auth0-oidc)', function () {
  let sandbox: Sandbox;
  sandboxForSuite((started) => {
    sandbox = started;
  });
  const login = loginsClosedAfterEach(() => sandbox);
  const providerApp = (): string => sandbox.provider.app('Provider App for RP').clientId;

  /** PATCHes the provider application (or the provider tenant's settings) for one test, then puts it back. */
  const restore: (() => Promise<void>)[] = [];
  afterEach(async function () {
    for (const undo of restore.splice(0).reverse()) await undo();
  });
  async function patchProviderApp(body: Record<string, unknown>): Promise<void> {
    const path = `/clients/${providerApp()}`;
    const before = (await api(sandbox.provider, 'GET', path)).body as Record<string, unknown>;
    const patched = await api(sandbox.provider, 'PATCH', path, { body });
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
    const old = Object.fromEntries(Object.keys(body).map((k) => [k, before[k]]));
    restore.push(async () => {
      assert.equal((await api(sandbox.provider, 'PATCH', path, { body: old })).status, 200);
    });
  }
  async function setLegacyProfile(on: boolean): Promise<void> {
    const patched = await api(sandbox.provider, 'PATCH', '/tenants/settings', {
      body: { flags: { enable_legacy_profile: on } },
    });
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
    restore.push(async () => {
      const back = await api(sandbox.provider, 'PATCH', '/tenants/settings', {
        body: { flags: { enable_legacy_profile: !on } },
      });
      assert.equal(back.status, 200);
    });
  }

  let connections = 0;
  async function federate(strategy: 'auth0-oidc' | 'oidc' = 'auth0-oidc'): Promise<{ name: string; run: LoginRun }> {
    const name = `requirements-${++connections}`;
    if (strategy === 'auth0-oidc') await createFederatedConnection(sandbox, name);
    else {
      const provider = sandbox.provider.baseUrl;
      const app = sandbox.provider.app('Provider App for RP');
      const created = await api(sandbox.rp, 'POST', '/connections', {
        body: {
          name,
          strategy: 'oidc',
          options: {
            type: 'back_channel',
            issuer: `${provider}/`,
            discovery_url: `${provider}/.well-known/openid-configuration`,
            authorization_endpoint: `${provider}/authorize`,
            token_endpoint: `${provider}/oauth/token`,
            userinfo_endpoint: `${provider}/userinfo`,
            jwks_uri: `${provider}/.well-known/jwks.json`,
            client_id: app.clientId,
            client_secret: app.clientSecret,
            scope: 'openid profile email',
          },
        },
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const enabled = await api(sandbox.rp, 'PATCH', `/connections/${created.body.id}/clients`, {
        body: [{ client_id: sandbox.rp.app('RP Web App').clientId, status: true }],
      });
      assert.equal(enabled.status, 204);
    }
    const run = await login({ connection: name, sandbox_login: 'alice@provider.test', state: 'st' });
    return { name, run };
  }

  /** The RP's own user after a successful federation: the sub of its ID token. */
  async function subjectOf(run: LoginRun): Promise<string> {
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
      }).toString(),
    });
    const json = (await response.json()) as { id_token?: string };
    assert.equal(response.status, 200, JSON.stringify(json));
    return String(JSON.parse(Buffer.from(json.id_token?.split('.')[1] ?? '', 'base64url').toString()).sub);
  }

  /** The provider's answer on the way back to the RP's /login/callback, if the chain went there with one. */
  function upstreamError(run: LoginRun): string | null {
    const back = run.hops.find(
      (h) => new URL(h.url).host === sandbox.rp.domain && new URL(h.url).pathname === '/login/callback',
    );
    return back ? new URL(back.url).searchParams.get('error') : null;
  }

  it('builds the auth0-oidc user from the legacy profile when every requirement holds', async function () {
    const { name, run } = await federate();
    assert.ok(run.callback?.get('code'), JSON.stringify(run.hops));
    assert.equal(await subjectOf(run), `auth0-oidc|${name}|auth0|5f7c8ec7c33c6c004bbafe82`);
  });

  it('fails the auth0-oidc login when the provider tenant has the legacy user profile off', async function () {
    await setLegacyProfile(false);
    const { run } = await federate();
    assert.equal(run.callback?.get('error'), 'access_denied');
    assert.match(run.callback?.get('error_description') ?? '', /has no user_id, identities, clientID/);
    assert.equal(run.callback?.get('state'), 'st');
  });

  it('fails the auth0-oidc login when the provider application is OIDC-conformant', async function () {
    await patchProviderApp({ oidc_conformant: true });
    const { run } = await federate();
    assert.equal(run.callback?.get('error'), 'access_denied');
    assert.match(run.callback?.get('error_description') ?? '', /legacy user profile/);
  });

  it('logs an oidc connection in without the legacy profile (oidc|NAME|sub)', async function () {
    await setLegacyProfile(false);
    await patchProviderApp({ oidc_conformant: true });
    const { name, run } = await federate('oidc');
    assert.ok(run.callback?.get('code'), JSON.stringify(run.hops));
    assert.equal(await subjectOf(run), `oidc|${name}|auth0|5f7c8ec7c33c6c004bbafe82`);
  });

  it('refuses a Single Page Application at the provider /authorize (public client, no PKCE)', async function () {
    await patchProviderApp({ app_type: 'spa' });
    const { run } = await federate();
    assert.equal(upstreamError(run), 'invalid_request');
    assert.equal(run.callback?.get('error'), 'access_denied');
    assert.match(run.callback?.get('error_description') ?? '', /answered invalid_request/);
  });

  it('refuses a Native application at the provider /authorize', async function () {
    await patchProviderApp({ app_type: 'native' });
    const { run } = await federate();
    assert.equal(upstreamError(run), 'invalid_request');
    assert.equal(run.callback?.get('error'), 'access_denied');
  });

  it('refuses a Machine to Machine application at the provider /authorize (no code flow)', async function () {
    await patchProviderApp({ app_type: 'non_interactive' });
    const { run } = await federate();
    assert.equal(upstreamError(run), 'invalid_request');
    assert.equal(run.callback?.get('error'), 'access_denied');
    assert.match(run.callback?.get('error_description') ?? '', /response_type is not allowed/);
  });

  it('stops on the provider error page when the RP callback is removed from the application', async function () {
    await patchProviderApp({ callbacks: ['https://rp.example.invalid/login/callback'] });
    const { run } = await federate();
    assert.equal(run.callback, undefined);
    assert.equal(run.page?.status, 400);
    assert.match(run.page?.body ?? '', /Callback URL mismatch/);
  });
});
