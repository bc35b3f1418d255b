// The login view never carries a raw token in its HTML or in the models it posts; its CSP is
// strict. Plain Node: the shell and the models are pure.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { contentSecurityPolicy, shellHtml } from '../../../src/login/html';
import { decodedModel, loginModel } from '../../../src/login/model';
import { isAppMessage } from '../../../src/webview/protocol';

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const CANARY_SIG = 'CANARY-SIGNATURE-do-not-leak-7f3a9c';
const now = Date.UTC(2025, 0, 1, 12, 0, 0);
const sec = now / 1000;
const idToken = `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64({ iss: 'https://rp.example.com/', aud: 'APP', nonce: 'N', sub: 'auth0-oidc|partner|auth0|563b9b6cf50bc24402a69b80', exp: sec + 36_000, iat: sec })}.${CANARY_SIG}`;
const accessToken = 'opaque-CANARY-access-token-3c1d';

describe('login view', () => {
  it('renders an HTML shell with a strict CSP and no data', () => {
    const html = shellHtml({
      cspSource: 'https://webview.example',
      nonce: 'abc123',
      scriptUri: 'https://webview.example/main.js',
      styleUri: 'https://webview.example/loginView.css',
      title: 'Test <login>',
    });
    assert.match(html, /default-src 'none'/);
    assert.match(html, /script-src 'nonce-abc123'/);
    assert.match(html, /style-src https:\/\/webview\.example/);
    assert.match(html, /<script nonce="abc123" src="https:\/\/webview\.example\/main\.js"><\/script>/);
    assert.equal((html.match(/<script/g) ?? []).length, 1, 'one script, loaded from a file');
    assert.ok(!/unsafe-inline|unsafe-eval/.test(html));
    assert.match(html, /Test &lt;login&gt;/);
    assert.equal(contentSecurityPolicy('x', 'n').split('; ')[0], "default-src 'none'");
  });

  it('builds a login model with checks, the split user id and no raw token', () => {
    const model = loginModel({
      title: 'Test login',
      context: [{ label: 'Tenant', value: 'rp.example.com' }],
      idToken,
      accessToken,
      userinfo: { sub: 'auth0-oidc|partner|auth0|563b9b6cf50bc24402a69b80', email: 'a@b.c' },
      expect: { issuer: 'https://rp.example.com/', clientId: 'APP', nonce: 'N' },
      nowMs: now,
    });
    const text = JSON.stringify(model);
    assert.ok(!text.includes(CANARY_SIG), 'no signature');
    assert.ok(!text.includes(idToken));
    assert.ok(!text.includes(accessToken), 'no access token');
    assert.equal(model.user?.kind, 'auth0-oidc');
    const id = model.tokens.find((t) => t.kind === 'id')!;
    assert.deepEqual(
      id.checks.map((c) => c.status),
      ['pass', 'pass', 'pass', 'pass', 'pass'],
    );
    assert.equal(id.length, idToken.length);
    const access = model.tokens.find((t) => t.kind === 'access')!;
    assert.match(access.problem ?? '', /opaque/);
  });

  it('reads the user id by the strategy of the connection logged in with (oidc|… is right for an oidc connection)', () => {
    const oidcSub = 'oidc|partner-oidc|auth0|563b9b6cf50bc24402a69b80';
    const input = {
      title: 'Test login',
      context: [],
      accessToken,
      userinfo: { sub: oidcSub },
      expect: {},
      nowMs: now,
    };
    const oidc = loginModel({ ...input, connection: { name: 'partner-oidc', strategy: 'oidc' } });
    assert.equal(oidc.user?.kind, 'oidc');
    assert.equal(oidc.userNotice, undefined, 'no warning for a correct oidc login');
    const wrong = loginModel({ ...input, connection: { name: 'partner', strategy: 'auth0-oidc' } });
    assert.match(wrong.userNotice ?? '', /did not log in through the auth0-oidc connection partner/);
    const federated = loginModel({
      ...input,
      userinfo: { sub: 'auth0-oidc|partner|auth0|563b9b6cf50bc24402a69b80' },
      connection: { name: 'partner', strategy: 'auth0-oidc' },
    });
    assert.equal(federated.userNotice, undefined);
  });

  it('decodes a pasted token into the same view, and refuses a malformed one', () => {
    const model = decodedModel(idToken, now);
    assert.ok(!JSON.stringify(model).includes(CANARY_SIG));
    assert.equal(model.tokens[0]?.kind, 'id');
    assert.throws(() => decodedModel('not-a-token', now), /not a token that can be decoded/);
  });

  it('accepts only the messages the app may send', () => {
    assert.ok(isAppMessage({ type: 'ready' }));
    assert.ok(isAppMessage({ type: 'reveal', token: 'id' }));
    assert.ok(!isAppMessage({ type: 'reveal', token: 'refresh' }));
    assert.ok(!isAppMessage({ type: 'eval', code: '1' }));
    assert.ok(!isAppMessage('ready'));
  });

  it('keeps the browser app free of innerHTML, setState and inline data', () => {
    const source = readFileSync(path.join(__dirname, '../../../src/webview/app/main.ts'), 'utf8');
    assert.ok(!/innerHTML|outerHTML|insertAdjacentHTML|document\.write/.test(source));
    assert.ok(!/setState/.test(source));
  });
});
