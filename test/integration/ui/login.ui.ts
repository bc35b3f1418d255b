// A person adds the sandbox RP tenant, runs "Auth0 OIDC: Test Login", agrees to the temporary
// callback, logs in on the provider tenant's login form in the browser tab that VS Code opens,
// and sees the decoded tokens and the federated auth0-oidc|... user in the login view. A second
// Test Login reuses the session, so the tenant shows its confirmation page for a loopback
// callback, and the person clicks Continue. No request of the browser is intercepted.
// The sandbox runs in the runner's process, with its test shortcuts off: only the form logs in.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { createManagementClient } from '../../../src/auth0';
import { createFederatedConnection, startSandbox } from '../../sandbox';
import type { UiScenario } from './context';
import { addTenantFromPalette, loginViewFrame, runCommandFromPalette, runOnConnection } from './helpers';
import { scaled } from '../../slowness';

const scenario: UiScenario = async ({ page, screenshot, log }) => {
  const sandbox = await startSandbox({ testShortcuts: false });
  const rp = createManagementClient({
    domain: sandbox.rp.domain,
    credentials: {
      kind: 'client-credentials',
      clientId: sandbox.rp.m2m.clientId,
      clientSecret: sandbox.rp.m2m.clientSecret,
    },
  });
  try {
    await createFederatedConnection(sandbox, 'partner');
    const webApp = sandbox.rp.app('RP Web App');

    // Add the RP tenant as a person would.
    // The tenant is saved and its credentials checked before the extension says so.
    await addTenantFromPalette(page, {
      baseUrl: sandbox.rp.baseUrl,
      label: 'Sandbox RP',
      clientId: sandbox.rp.m2m.clientId,
      clientSecret: sandbox.rp.m2m.clientSecret,
    });

    const alice = sandbox.provider.users.find((u) => u.email === 'alice@provider.test')!;
    /** Runs Test Login from the palette up to the browser tab VS Code opens, agreeing to the temporary callback. */
    const startTestLogin = async (shot: string): Promise<Page> => {
      // Pick the connection (after our tenant, when others are configured); the only enabled app is taken.
      await runOnConnection(page, 'Auth0 OIDC: Test Login', sandbox.rp.baseUrl, 'partner');
      // The loopback redirect is not among the app's callbacks: the modal asks to add it for now.
      const dialog = page.locator('.monaco-dialog-box');
      await dialog.waitFor({ state: 'visible', timeout: scaled(20_000) });
      assert.match(await dialog.innerText(), /Allow http:\/\/127\.0\.0\.1:\d+\/callback as a callback of RP Web App/);
      await screenshot(shot);
      // The RP is on loopback, so Test Login opens its listener's start URL, which code-server
      // turns into its port-forwarding URL /proxy/PORT/ and forwards to the listener.
      const newTab = page.context().waitForEvent('page', { timeout: scaled(20_000) });
      await dialog.getByRole('button', { name: 'Add Temporarily' }).click();
      const tab = await newTab;
      await tab.waitForLoadState('domcontentloaded');
      log(`the new tab shows ${tab.url()}`);
      return tab;
    };

    // First login: the provider's login form, filled in as a person does.
    const tab = await startTestLogin('1-consent-to-temporary-callback');
    try {
      await tab.locator('#email').waitFor({ timeout: scaled(20_000) });
    } catch (error) {
      await screenshot('FAILED-workbench');
      await screenshot('FAILED-tab', tab);
      throw new Error(
        `the new tab did not show the provider's login form: ${tab.url()} ${(
          await tab
            .locator('body')
            .innerText()
            .catch(() => '')
        ).slice(0, 300)}`,
        { cause: error },
      );
    }
    assert.ok(tab.url().startsWith(sandbox.provider.baseUrl), `the login form is the provider tenant's: ${tab.url()}`);
    await tab.locator('#email').fill(alice.email);
    await tab.locator('#password').fill(alice.password);
    await screenshot('2-provider-login-form');
    await screenshot('2-provider-login-form-tab', tab);
    await tab.locator('button[type=submit]').click();
    await tab.getByText('You may close this window').waitFor({ timeout: scaled(20_000) });
    await tab.close();

    // Back in VS Code: the login view shows the decoded tokens and the federated user.
    const expectedUserId = `auth0-oidc|partner|${alice.userId}`;
    const frame = await loginViewFrame(page, /auth0-oidc\|partner\|auth0\|/, 30_000);
    const shown = await frame.locator('#user-id').innerText();
    assert.equal(shown, expectedUserId);
    const checks = await frame.locator('li.check').allInnerTexts();
    assert.ok(checks.some((c) => /iss/.test(c)) && checks.some((c) => /nonce/.test(c)), JSON.stringify(checks));
    assert.equal(await frame.locator('li.check.fail').count(), 0, `no failed check: ${JSON.stringify(checks)}`);
    assert.match(await frame.locator('.expiry').first().innerText(), /^expires in \d+ hours?/);
    assert.equal(await frame.locator('pre.raw:not([hidden])').count(), 0, 'raw tokens are hidden until asked for');
    const shot = await screenshot('3-login-view-federated-user');
    log(`login view shows ${shown}; screenshot ${shot}`);

    // Asked for, the raw ID token appears; the app got it only now.
    await frame
      .getByRole('button', { name: /Show raw token/ })
      .first()
      .click();
    await frame
      .locator('pre.raw:not([hidden])')
      .first()
      .waitFor({ timeout: scaled(10_000) });
    assert.match(await frame.locator('pre.raw:not([hidden])').first().innerText(), /^eyJ/);

    // Second login in the same browser: the RP session is reused and the callback is a loopback
    // address, so the tenant asks to confirm (Auth0's non-verifiable callback prompt); the progress
    // notification says what that page is, and the person continues.
    await runCommandFromPalette(page, 'View: Close All Editors');
    const again = await startTestLogin('4-consent-again');
    await again.locator('#confirm-form').waitFor({ timeout: scaled(20_000) });
    assert.ok(again.url().startsWith(sandbox.rp.baseUrl), `the confirmation is the RP tenant's: ${again.url()}`);
    const redirectShown = await again.locator('#redirect-uri').innerText();
    assert.match(redirectShown, /^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    const notice = page.locator('.notifications-toasts', { hasText: 'If the tenant asks you to confirm a login to' });
    await notice.waitFor({ timeout: scaled(20_000) });
    assert.ok(
      (await notice.innerText()).includes(redirectShown),
      'the notification names the same address as the page',
    );
    await screenshot('5-confirmation-page');
    await screenshot('5-confirmation-page-tab', again);
    await again.getByRole('button', { name: 'Continue' }).click();
    await again.getByText('You may close this window').waitFor({ timeout: scaled(20_000) });
    await again.close();
    const frame2 = await loginViewFrame(page, /auth0-oidc\|partner\|auth0\|/, 30_000);
    assert.equal(await frame2.locator('#user-id').innerText(), expectedUserId);
    await screenshot('6-login-view-after-confirmation');

    // The temporary callback is gone again.
    const client = [...sandbox.rp.state.clients.values()].find((c) => c.client_id === webApp.clientId)!;
    assert.deepEqual(client.callbacks, webApp.callbacks, 'exactly the seeded callbacks again');
  } finally {
    await rp.close();
    await sandbox.close();
  }
};

export default scenario;
