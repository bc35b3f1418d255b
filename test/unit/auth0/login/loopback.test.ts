import * as assert from 'node:assert/strict';
import { pollUntil } from '../../../pollUntil';
import * as http from 'node:http';
import * as net from 'node:net';
import { fetch } from 'undici';
import { CancelledError, isCancellation } from '../../../../src/auth0/errors';
import {
  LoginRedirectError,
  LoginTimeoutError,
  LoopbackListenError,
  TokenExchangeError,
} from '../../../../src/auth0/login/errors';
import { LoopbackLogin, parseLoopbackRedirectUri } from '../../../../src/auth0/login/loopbackLogin';
import { pkceChallenge } from '../../../../src/auth0/login/pkce';
import { json, startServer, type TestServer } from '../helpers';

const RP = 'https://rp.example.com';

async function start(extra: Partial<Parameters<typeof LoopbackLogin.start>[0]> = {}): Promise<LoopbackLogin> {
  return LoopbackLogin.start({ rpDomain: RP, clientId: 'APP', connection: 'partner', ...extra });
}

/** True once nothing accepts connections on the port any more. */
async function refusesConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

async function eventuallyClosed(port: number, timeoutMs = 5000): Promise<void> {
  await pollUntil(`port ${port} to refuse connections`, () => refusesConnections(port), { timeoutMs, intervalMs: 0 });
}

describe('loopback login listener', () => {
  const logins: LoopbackLogin[] = [];
  afterEach(async () => {
    await Promise.all(logins.splice(0).map((l) => l.close()));
  });
  const track = (login: LoopbackLogin): LoopbackLogin => {
    logins.push(login);
    return login;
  };

  it('listens on 127.0.0.1 with a system-chosen port and builds a PKCE authorize URL', async () => {
    const login = track(await start());
    assert.ok(login.port > 0);
    assert.equal(login.redirectUri, `http://127.0.0.1:${login.port}/callback`);
    const url = new URL(login.authorizeUrl);
    assert.equal(url.origin, RP);
    const p = url.searchParams;
    assert.equal(p.get('redirect_uri'), login.redirectUri);
    assert.equal(p.get('state'), login.state);
    assert.equal(p.get('nonce'), login.nonce);
    assert.equal(p.get('code_challenge_method'), 'S256');
    assert.match(p.get('code_challenge') ?? '', /^[A-Za-z0-9_-]{43}$/);
    assert.equal(p.get('connection'), 'partner');
  });

  it('answers the callback with a page to close and hands over the code', async () => {
    const login = track(await start());
    const response = await fetch(`${login.redirectUri}?code=CODE123&state=${login.state}`);
    assert.equal(response.status, 200);
    const page = await response.text();
    assert.match(page, /may close this window/);
    assert.ok(!page.includes('CODE123'), 'the page does not echo the code');
    assert.ok(!/<script/i.test(page));
    assert.match(response.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
    assert.equal(await login.waitForCode(), 'CODE123');
    await eventuallyClosed(login.port);
  });

  it('keeps waiting after bad requests: other paths, other methods, missing parameters', async () => {
    const login = track(await start());
    const base = `http://127.0.0.1:${login.port}`;
    const begin = await fetch(login.startUrl, { redirect: 'manual' });
    assert.equal(begin.status, 302, 'the start URL leads to the authorize URL');
    assert.equal(begin.headers.get('location'), login.authorizeUrl);
    assert.equal((await fetch(`${base}/other`)).status, 404);
    assert.equal((await fetch(`${base}/favicon.ico`)).status, 404);
    assert.equal((await fetch(`${base}/callback`, { method: 'POST', body: 'x' })).status, 405);
    const missingState = await fetch(`${base}/callback?code=abc`);
    assert.equal(missingState.status, 400);
    assert.match(await missingState.text(), /state parameter is missing/);
    assert.equal((await fetch(`${base}/callback?state=${login.state}`)).status, 400);
    assert.equal((await fetch(`${base}/callback?code=&state=${login.state}`)).status, 400);
    // Still waiting: the real callback completes the flow.
    assert.equal((await fetch(`${login.redirectUri}?code=OK&state=${login.state}`)).status, 200);
    assert.equal(await login.waitForCode(), 'OK');
  });

  it('escapes what it echoes from an error redirect', async () => {
    const login = track(await start());
    const wait = login.waitForCode();
    const response = await fetch(
      `${login.redirectUri}?error=access_denied&error_description=${encodeURIComponent('<script>alert(1)</script>')}&state=${login.state}`,
    );
    const page = await response.text();
    assert.ok(!page.includes('<script>'));
    assert.ok(!page.includes('alert'), 'the page does not repeat what the browser brought');
    await assert.rejects(wait, (error: unknown) => {
      assert.ok(error instanceof LoginRedirectError);
      assert.equal(error.error, 'access_denied');
      // Quoted as what the browser passed back, not worded as the tenant's.
      assert.match(
        error.userMessage,
        /The login with rp\.example\.com ended with an error\. The browser passed back error "access_denied" and the description "<script>alert\(1\)<\/script>"/,
      );
      assert.doesNotMatch(error.userMessage, /ended the login with/);
      return true;
    });
    await eventuallyClosed(login.port);
  });

  it("answers an error callback without this login's state 400, and keeps waiting for the real answer", async () => {
    const login = track(await start());
    const wait = login.waitForCode();
    for (const state of [undefined, '', 'not-the-state', `${login.state}x`]) {
      const query = `error=access_denied&error_description=${encodeURIComponent('Your account was locked. Call +1 555 0100.')}${state === undefined ? '' : `&state=${state}`}`;
      const response = await fetch(`${login.redirectUri}?${query}`);
      assert.equal(response.status, 400, `state ${String(state)}`);
      assert.doesNotMatch(await response.text(), /locked/, 'the forged text is not echoed');
    }
    const ok = await fetch(`${login.redirectUri}?code=REAL&state=${login.state}`);
    assert.equal(ok.status, 200);
    assert.equal(await wait, 'REAL');
  });

  it('checks the Host header: another name on the port gets no redirect', async () => {
    const login = track(await start());
    const get = (host: string, path = '/'): Promise<{ status: number; location: string | undefined; body: string }> =>
      new Promise((resolve, reject) => {
        const request = http.get({ host: '127.0.0.1', port: login.port, path, headers: { host } }, (response) => {
          let body = '';
          response.on('data', (chunk: Buffer) => {
            body += chunk.toString('utf8');
          });
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 0, location: response.headers.location, body }),
          );
        });
        request.on('error', reject);
      });
    for (const host of [
      `rebind.evil.example:${login.port}`,
      '127.0.0.1',
      `127.0.0.1.evil.example:${login.port}`,
      `localhost.evil.example:${login.port}`,
    ]) {
      const answer = await get(host);
      assert.equal(answer.status, 421, `Host ${JSON.stringify(host)}`);
      assert.equal(answer.location, undefined);
      assert.ok(!answer.body.includes(login.state), 'the state is not given away');
      assert.equal((await get(host, `/callback?code=X&state=${login.state}`)).status, 421, 'nor is a callback taken');
    }
    assert.equal((await get(`127.0.0.1:${login.port}`)).location, login.authorizeUrl);
    // A port-forwarding proxy of browser-based VS Code (code-server's /proxy/PORT/) relays with its own loopback
    // host:port.
    assert.equal(
      (await get(`127.0.0.1:${login.port + 1}`)).location,
      login.authorizeUrl,
      'relayed by a loopback port forwarder',
    );
    assert.equal((await get(`LOCALHOST:${login.port}`)).location, login.authorizeUrl);
  });

  it('ignores a code callback with a wrong state (400) and keeps waiting for the right one', async () => {
    const login = track(await start());
    const wait = login.waitForCode();
    const response = await fetch(`${login.redirectUri}?code=abc&state=not-the-state`);
    assert.equal(response.status, 400);
    assert.equal((await fetch(`${login.redirectUri}?code=GOOD&state=${login.state}`)).status, 200);
    assert.equal(await wait, 'GOOD');
    await eventuallyClosed(login.port);
  });

  it('answers a callback that arrives after the flow ended with 400, and keeps the first result', async () => {
    const login = track(await start());
    // A second browser request already under way (headers not finished) when the first one lands.
    const late = net.connect(login.port, '127.0.0.1');
    await new Promise<void>((resolve) => late.once('connect', () => resolve()));
    const answer = new Promise<string>((resolve) => {
      let text = '';
      late.on('data', (chunk: Buffer) => {
        text += chunk.toString('utf8');
      });
      late.on('close', () => resolve(text));
    });
    late.write(`GET /callback?code=SECOND&state=${login.state} HTTP/1.1\r\nHost: 127.0.0.1:${login.port}\r\n`);
    const first = await fetch(`${login.redirectUri}?code=FIRST&state=${login.state}`);
    assert.equal(first.status, 200);
    assert.equal(await login.waitForCode(), 'FIRST');
    late.write('\r\n');
    const text = await answer;
    assert.match(text, /^HTTP\/1\.1 400/);
    assert.match(text, /already ended/);
    assert.equal(await login.waitForCode(), 'FIRST');
    await eventuallyClosed(login.port);
  });

  it('ends with a typed timeout and closes the listener', async () => {
    const login = track(await start({ timeoutMs: 50 }));
    await assert.rejects(login.waitForCode(), (error: unknown) => {
      assert.ok(error instanceof LoginTimeoutError);
      assert.match(error.userMessage, /did not come back within/);
      return true;
    });
    await eventuallyClosed(login.port);
  });

  it('ends with CancelledError when the signal aborts, and refuses an aborted signal up front', async () => {
    const abort = new AbortController();
    const login = track(await start({ signal: abort.signal }));
    const wait = login.waitForCode();
    abort.abort();
    await assert.rejects(wait, (error: unknown) => isCancellation(error));
    await eventuallyClosed(login.port);
    await assert.rejects(start({ signal: abort.signal }), CancelledError);
  });

  it('uses a pre-registered redirect URI and reports a busy port clearly', async () => {
    const blocker = track(await start());
    await assert.rejects(start({ redirectUri: `http://127.0.0.1:${blocker.port}/cb` }), (error: unknown) => {
      assert.ok(error instanceof LoopbackListenError);
      assert.equal(error.code, 'EADDRINUSE');
      assert.match(error.userMessage, /in use/);
      return true;
    });
    await blocker.close();
    await eventuallyClosed(blocker.port);
    const login = track(await start({ redirectUri: `http://127.0.0.1:${blocker.port}/auth/cb` }));
    assert.equal(login.redirectUri, `http://127.0.0.1:${blocker.port}/auth/cb`);
    assert.equal((await fetch(`http://127.0.0.1:${login.port}/callback?code=x&state=${login.state}`)).status, 404);
  });

  it('accepts only http://127.0.0.1:PORT/PATH as a fixed redirect URI', () => {
    assert.deepEqual(parseLoopbackRedirectUri('http://127.0.0.1:8123/callback'), { port: 8123, path: '/callback' });
    for (const bad of [
      'https://127.0.0.1:8123/cb',
      'http://127.0.0.1/cb',
      'http://example.com:80/cb',
      'http://localhost:8000/cb',
      'http://127.0.0.1:80/cb?x=1',
      'nope',
    ]) {
      assert.throws(() => parseLoopbackRedirectUri(bad), bad);
    }
  });

  it('refuses an RP domain that would send the code over plain http to a remote host', async () => {
    await assert.rejects(
      LoopbackLogin.start({ rpDomain: 'http://rp.example.com', clientId: 'A', connection: 'c' }),
      /plain http/,
    );
  });

  describe('code exchange and /userinfo', () => {
    let server: TestServer;
    let tokenAnswer: (body: URLSearchParams) => [number, unknown];
    beforeEach(async () => {
      tokenAnswer = () => [
        200,
        { access_token: 'AT-secret-value', id_token: 'a.b.c', token_type: 'Bearer', expires_in: 86400 },
      ];
      server = await startServer((req, res) => {
        if (req.url === '/oauth/token') {
          const [status, body] = tokenAnswer(new URLSearchParams(req.body));
          json(res, status, body);
        } else if (req.url === '/userinfo') {
          if (req.headers.authorization === 'Bearer AT-secret-value')
            json(res, 200, { sub: 'auth0-oidc|partner|auth0|1', email: 'a@b.c' });
          else json(res, 401, { error: 'invalid_token' });
        } else {
          json(res, 404, {});
        }
      });
    });
    afterEach(() => server.close());

    it('sends the code, verifier, redirect URI and secret, and reads the profile', async () => {
      const login = track(
        await LoopbackLogin.start({ rpDomain: server.domain, clientId: 'APP', connection: 'partner' }),
      );
      const done = login.complete({ clientSecret: 'app-secret' });
      await fetch(`${login.redirectUri}?code=THE-CODE&state=${login.state}`);
      const result = await done;
      assert.equal(result.tokens.accessToken, 'AT-secret-value');
      assert.equal(result.tokens.idToken, 'a.b.c');
      assert.deepEqual(result.userinfo, { sub: 'auth0-oidc|partner|auth0|1', email: 'a@b.c' });
      assert.equal(result.issuer, `${server.origin}/`);
      const form = new URLSearchParams(server.requests.find((r) => r.url === '/oauth/token')!.body);
      assert.equal(form.get('grant_type'), 'authorization_code');
      assert.equal(form.get('code'), 'THE-CODE');
      assert.equal(form.get('client_id'), 'APP');
      assert.equal(form.get('client_secret'), 'app-secret');
      assert.equal(form.get('redirect_uri'), login.redirectUri);
      const challenge = new URL(login.authorizeUrl).searchParams.get('code_challenge');
      assert.equal(await pkceChallenge(form.get('code_verifier')!), challenge);
    });

    it('omits the secret for a public application', async () => {
      const login = track(
        await LoopbackLogin.start({ rpDomain: server.domain, clientId: 'SPA', connection: 'partner' }),
      );
      const done = login.complete();
      await fetch(`${login.redirectUri}?code=C&state=${login.state}`);
      await done;
      assert.equal(
        new URLSearchParams(server.requests.find((r) => r.url === '/oauth/token')!.body).has('client_secret'),
        false,
      );
    });

    it('turns a refused exchange into a TokenExchangeError without the secret or the code', async () => {
      tokenAnswer = (form) => [
        401,
        {
          error: 'invalid_client',
          error_description: `Unauthorized ${form.get('client_secret') ?? ''} ${form.get('code') ?? ''}`,
        },
      ];
      const login = track(
        await LoopbackLogin.start({ rpDomain: server.domain, clientId: 'APP', connection: 'partner' }),
      );
      const done = login.complete({ clientSecret: 'wrong-secret-123' });
      await fetch(`${login.redirectUri}?code=CODE-XYZ-1&state=${login.state}`);
      await assert.rejects(done, (error: unknown) => {
        assert.ok(error instanceof TokenExchangeError);
        assert.match(error.userMessage, /refused the credentials of application APP/);
        for (const text of [error.message, error.userMessage]) {
          assert.ok(!text.includes('wrong-secret-123'), text);
          assert.ok(!text.includes('CODE-XYZ-1'), text);
        }
        return true;
      });
      assert.equal(
        server.requests.filter((r) => r.url === '/oauth/token').length,
        1,
        'a code exchange is never retried',
      );
    });

    it('still returns the tokens when /userinfo fails', async () => {
      tokenAnswer = () => [200, { access_token: 'other', token_type: 'Bearer' }];
      const login = track(
        await LoopbackLogin.start({ rpDomain: server.domain, clientId: 'APP', connection: 'partner' }),
      );
      const done = login.complete();
      await fetch(`${login.redirectUri}?code=C&state=${login.state}`);
      const result = await done;
      assert.equal(result.userinfo, undefined);
      assert.match(result.userinfoError ?? '', /userinfo/);
    });
  });
});

describe('LoginRedirectError hints', () => {
  it('explains a Cancel on the confirmation page for a loopback callback, not as a callback misconfiguration', () => {
    const error = new LoginRedirectError(
      'rp.example.com',
      'access_denied',
      'The user did not confirm the login to a non-verifiable callback URL.',
    );
    assert.match(error.userMessage, /cancelled on the tenant's confirmation page/);
    assert.match(error.userMessage, /choose Continue/);
    assert.doesNotMatch(error.userMessage, /provider tenant: https:\/\/RP_DOMAIN\/login\/callback/);
  });

  // Issue 21.9: registering the callback is suggested only when the provider application lacks it.
  describe("a callback complaint, with the provider application's callbacks known", () => {
    const complaint = () =>
      new LoginRedirectError('rp.example.com', 'access_denied', 'Callback URL mismatch at the identity provider');
    const expected = 'https://rp.example.com/login/callback';

    it('without facts, keeps the general advice', () => {
      assert.ok(complaint().blamesCallback);
      assert.match(complaint().userMessage, /Check the callback URL of the application in the provider tenant/);
    });

    it('says to add it when it is really missing', () => {
      const error = complaint().withProviderCallbacks({
        expected,
        callbacks: ['https://rp.example.com/login/callback/'],
      });
      assert.match(
        error.userMessage,
        /does not list https:\/\/rp\.example\.com\/login\/callback among its Allowed Callback URLs: add it/,
      );
    });

    it('does not suggest registering a callback the application already has, and says what else to check', () => {
      const error = complaint().withProviderCallbacks({ expected, callbacks: ['https://other.example/cb', expected] });
      assert.doesNotMatch(error.userMessage, /Check the callback URL|add it/);
      assert.match(
        error.userMessage,
        /already lists https:\/\/rp\.example\.com\/login\/callback, so its callback is not the cause/,
      );
      assert.match(error.userMessage, /options\.domain and client_id/);
    });
  });

  it('a refused code exchange at the provider points at the connection credentials (Set Stored Secret)', () => {
    const error = new LoginRedirectError(
      'rp.example.com',
      'access_denied',
      'The identity provider at 127.0.0.1:43899 refused the code exchange for client abc (401 "invalid_client": "client authentication failed")',
    );
    assert.ok(error.refusedConnectionCredentials);
    assert.ok(!error.blamesCallback);
    assert.ok(
      !new LoginRedirectError('rp.example.com', 'invalid_request', 'the connection is not enabled')
        .refusedConnectionCredentials,
    );
  });
});
