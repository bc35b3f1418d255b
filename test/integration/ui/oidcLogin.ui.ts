// An oidc connection file, as Move to OIDC writes it (issue 20 item 2): a person opens it, sees the
// same CodeLens (Deploy to … · Test Login · Check Provider) and status bar item as on an auth0-oidc
// file, deploys it from the lens, clicks its "Test Login" lens, logs in on the provider's form, and
// the login view shows the oidc|CONNECTION|SUB user without the orange "did not log in through an
// auth0-oidc connection" warning. Keys and clicks only; no request of the browser is intercepted.
//
// A scenario of its own, with a sandbox of its own: right after login.ui.ts's auth0-oidc logins, a
// login through another connection of the same RP stopped at the RP's "interaction session not
// found" page (the sandbox's session for the first connection; seen 2026-12-06, left to its owners).
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { startSandbox } from '../../sandbox';
import { scaled } from '../../slowness';
import type { UiScenario } from './context';
import {
  addTenantFromPalette,
  loginViewFrame,
  QUICK_INPUT,
  quickInputBox,
  runCommandFromPalette,
  waitForRows,
  openFileByQuickOpen,
} from './helpers';

const scenario: UiScenario = async ({ page, workspaceDir, screenshot, log }) => {
  const sandbox = await startSandbox({ testShortcuts: false });
  try {
    await addTenantFromPalette(page, {
      baseUrl: sandbox.rp.baseUrl,
      label: 'Sandbox RP',
      clientId: sandbox.rp.m2m.clientId,
      clientSecret: sandbox.rp.m2m.clientSecret,
    });
    const webApp = sandbox.rp.app('RP Web App');
    const alice = sandbox.provider.users.find((u) => u.email === 'alice@provider.test')!;

    // The file Move to OIDC writes for the loopback provider (http URLs), here with its secret.
    const providerApp = sandbox.provider.app('Provider App for RP');
    const providerOrigin = new URL(sandbox.provider.baseUrl).origin;
    const name = 'partner-oidc';
    const fileName = `${name}.oidc-connection.json`;
    const body = {
      name,
      strategy: 'oidc',
      options: {
        type: 'back_channel',
        discovery_url: `${providerOrigin}/.well-known/openid-configuration`,
        issuer: `${providerOrigin}/`,
        // As Move to OIDC writes them: Auth0 has refused an oidc connection without the first two.
        authorization_endpoint: `${providerOrigin}/authorize`,
        token_endpoint: `${providerOrigin}/oauth/token`,
        jwks_uri: `${providerOrigin}/.well-known/jwks.json`,
        userinfo_endpoint: `${providerOrigin}/userinfo`,
        client_id: providerApp.clientId,
        client_secret: providerApp.clientSecret,
        scope: 'openid profile email',
      },
      enabled_clients: [webApp.clientId],
    };
    writeFileSync(path.join(workspaceDir, fileName), JSON.stringify(body, undefined, 2) + '\n');

    await openFileByQuickOpen(page, fileName);

    // The lenses above its name, and its state in the status bar.
    const lens = (title: string | RegExp) => page.locator('.contentWidgets .codelens-decoration a', { hasText: title });
    await lens('Deploy to …').waitFor({ timeout: scaled(30_000) });
    await lens('Test Login').waitFor({ timeout: scaled(20_000) });
    await lens('Check Provider').waitFor({ timeout: scaled(20_000) });
    await page
      .locator('.part.statusbar .statusbar-item', { hasText: /not deployed|valid/ })
      .waitFor({ timeout: scaled(20_000) });
    await screenshot('1-oidc-file-codelens-and-status');

    // Deploy from the lens; a tenant left by another scenario makes Deploy ask: ours, by its port.
    await lens('Deploy to …').click();
    const inSync = page.locator('.part.statusbar .statusbar-item', { hasText: /in sync · Sandbox RP/ });
    const asked = page.locator(`${QUICK_INPUT} .monaco-list-row`);
    await inSync
      .or(asked)
      .first()
      .waitFor({ timeout: scaled(30_000) });
    if (!(await inSync.isVisible())) {
      const port = new URL(sandbox.rp.baseUrl).port;
      await quickInputBox(page).pressSequentially(port);
      await waitForRows(page, (rows) => rows.length >= 1 && rows.every((r) => r.includes(port)));
      await page.keyboard.press('Enter');
    }
    await inSync.waitFor({ timeout: scaled(30_000) });
    await lens(/^Deploy to Sandbox RP/).waitFor({ timeout: scaled(20_000) });
    assert.equal(
      [...sandbox.rp.state.connections.values()].find((c) => c.name === name)?.strategy,
      'oidc',
      'the oidc connection is on the RP',
    );
    await screenshot('2-oidc-file-deployed-in-sync');

    // Test Login from the lens: the tenant deployed to, the only enabled application; the loopback
    // redirect is added for this login with the person's consent.
    await lens('Test Login').click();
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible', timeout: scaled(20_000) });
    const opened = page.context().waitForEvent('page', { timeout: scaled(20_000) });
    await dialog.getByRole('button', { name: 'Add Temporarily' }).click();
    const tab = await opened;
    await tab.waitForLoadState('domcontentloaded');
    log(`the new tab shows ${tab.url()}`);
    try {
      await tab.locator('#email').waitFor({ timeout: scaled(20_000) });
    } catch (error) {
      await screenshot('FAILED-tab', tab);
      const text = await tab
        .locator('body')
        .innerText()
        .catch(() => '');
      throw new Error(`the tab did not show the provider's login form: ${tab.url()} ${text.slice(0, 300)}`, {
        cause: error,
      });
    }
    assert.ok(tab.url().startsWith(sandbox.provider.baseUrl), `the login form is the provider's: ${tab.url()}`);
    await tab.locator('#email').fill(alice.email);
    await tab.locator('#password').fill(alice.password);
    await tab.locator('button[type=submit]').click();
    await tab.getByText('You may close this window').waitFor({ timeout: scaled(20_000) });
    await tab.close();

    // The login view: the oidc user, split as oidc|CONNECTION|SUB, and no warning about it.
    const frame = await loginViewFrame(page, /oidc\|partner-oidc\|auth0\|/, 30_000);
    assert.equal(await frame.locator('#user-id').innerText(), `oidc|${name}|${alice.userId}`);
    const userText = await frame.locator('section.user').innerText();
    assert.match(userText, /Strategy\s+oidc/);
    assert.equal(
      await frame.locator('section.user .warn').count(),
      0,
      `no warning about the user of a login through the oidc connection: ${userText}`,
    );
    log(`login view shows ${userText.replace(/\s+/g, ' ')}; screenshot ${await screenshot('3-login-view-oidc-user')}`);
    await runCommandFromPalette(page, 'View: Close All Editors');
  } finally {
    await sandbox.close();
  }
};

export default scenario;
