// Issue 22: a Test Login through an auth0-oidc connection that fails at the provider step says
// which provider requirement failed, with its fix. A person has both sandbox tenants configured;
// the provider's administrator turns one requirement off at a time (through the provider's
// Management API, as the Dashboard would), and the person runs "Auth0 OIDC: Test Login":
//   - the RP's callback removed from the provider application: the browser stops on the provider's
//     "Callback URL mismatch" page, the person cancels Test Login, and VS Code names the callback;
//   - the provider application made a Single Page Application: refused at the provider's /authorize;
//   - the provider tenant's legacy user profile off: the login form, then the failure;
//   - the provider application made OIDC-conformant: the same.
// Each time the notification names the right requirement and its fix. Keys and clicks only; no
// request of the browser is intercepted. The sandbox runs with its test shortcuts off.
import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { createFederatedConnection, startSandbox, type Sandbox } from '../../sandbox';
import { scaled } from '../../slowness';
import type { UiScenario } from './context';
import { addTenantFromPalette, removeTenantFromPalette, runCommandFromPalette, runOnConnection } from './helpers';

export const budgetSeconds = 240;

const CONNECTION = 'partner-requirements';

/** The provider administrator's change: PATCH on the provider's Management API. */
async function patchProvider(sandbox: Sandbox, path: string, body: Record<string, unknown>): Promise<void> {
  const token = await sandbox.provider.issueManagementToken();
  const response = await fetch(`${sandbox.provider.baseUrl}/api/v2${path}`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  assert.equal(response.status, 200, `PATCH ${path}: ${response.status} ${await response.text()}`);
}

const toast = (page: Page, text: string | RegExp): Locator =>
  page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();

const scenario: UiScenario = async ({ page, screenshot, log }) => {
  const sandbox = await startSandbox({ testShortcuts: false });
  try {
    await createFederatedConnection(sandbox, CONNECTION);
    const providerApp = sandbox.provider.app('Provider App for RP');
    const appPath = `/clients/${providerApp.clientId}`;
    const seeded = sandbox.provider.state.clients.get(providerApp.clientId)!;
    const seededCallbacks = [...seeded.callbacks];
    const alice = sandbox.provider.users.find((u) => u.email === 'alice@provider.test')!;

    await addTenantFromPalette(page, {
      baseUrl: sandbox.provider.baseUrl,
      label: 'Requirements Provider',
      clientId: sandbox.provider.m2m.clientId,
      clientSecret: sandbox.provider.m2m.clientSecret,
    });
    await addTenantFromPalette(page, {
      baseUrl: sandbox.rp.baseUrl,
      label: 'Requirements RP',
      clientId: sandbox.rp.m2m.clientId,
      clientSecret: sandbox.rp.m2m.clientSecret,
    });

    /** Test Login from the palette up to the browser tab VS Code opens, agreeing to the temporary callback. */
    const startTestLogin = async (): Promise<Page> => {
      await runOnConnection(page, 'Auth0 OIDC: Test Login', sandbox.rp.baseUrl, CONNECTION);
      const dialog = page.locator('.monaco-dialog-box');
      await dialog.waitFor({ state: 'visible', timeout: scaled(20_000) });
      const newTab = page.context().waitForEvent('page', { timeout: scaled(20_000) });
      await dialog.getByRole('button', { name: 'Add Temporarily' }).click();
      const tab = await newTab;
      await tab.waitForLoadState('domcontentloaded');
      return tab;
    };

    /** Waits for the notification that explains the failure, checks it, and closes it. */
    const expectCause = async (shot: string, cause: RegExp, fix: RegExp): Promise<void> => {
      const explained = toast(page, /Check Provider Application finds (why|what stops it)/);
      await explained.waitFor({ timeout: scaled(30_000) });
      const text = await explained.innerText();
      log(`${shot}: ${text.replace(/\s+/g, ' ').slice(0, 600)}`);
      assert.match(text, cause);
      assert.match(text, fix);
      await screenshot(shot, explained);
      await explained.hover();
      await explained.locator('.codicon-notifications-clear').first().click();
      await explained.waitFor({ state: 'detached', timeout: scaled(10_000) });
    };

    // 1. The provider application no longer lists the RP's callback: the browser stops on the
    //    provider's error page and never comes back; the person cancels Test Login.
    await patchProvider(sandbox, appPath, { callbacks: ['https://rp.example.invalid/login/callback'] });
    const mismatch = await startTestLogin();
    await mismatch
      .getByText('Callback URL mismatch')
      .first()
      .waitFor({ timeout: scaled(20_000) });
    await screenshot('1-callback-mismatch-page', mismatch);
    await mismatch.close();
    const progress = toast(page, /Test login with/);
    await progress.hover();
    await progress.getByRole('button', { name: 'Cancel' }).click();
    await expectCause(
      '1-callback-explained',
      /allows the callback .*\/login\/callback: not met/,
      /Fix: Add http:\/\/127\.0\.0\.1:\d+\/login\/callback to the Allowed Callback URLs/,
    );
    await patchProvider(sandbox, appPath, { callbacks: seededCallbacks });

    // 2. A Single Page Application: refused at the provider's /authorize, before any login form.
    await patchProvider(sandbox, appPath, { app_type: 'spa' });
    const spa = await startTestLogin();
    await expectCause(
      '2-app-type-explained',
      /is a Regular Web Application: not met \(found: Single Page Application/,
      /Fix: Set the application type of \w+ to Regular Web Application/,
    );
    await spa.close();
    await patchProvider(sandbox, appPath, { app_type: 'regular_web' });

    // 3. The provider tenant's legacy user profile off: the person logs in on the provider's form,
    //    and the RP's auth0-oidc connection finds no legacy profile.
    await patchProvider(sandbox, '/tenants/settings', { flags: { enable_legacy_profile: false } });
    const legacy = await startTestLogin();
    await legacy.locator('#email').waitFor({ timeout: scaled(20_000) });
    await legacy.locator('#email').fill(alice.email);
    await legacy.locator('#password').fill(alice.password);
    await legacy.locator('button[type=submit]').click();
    await expectCause(
      '3-legacy-profile-explained',
      /legacy user profile enabled: not met \(found: off\)/,
      /Fix: Turn the legacy user profile on/,
    );
    await legacy.close();
    await patchProvider(sandbox, '/tenants/settings', { flags: { enable_legacy_profile: true } });

    // 4. OIDC-conformant on. The provider session from step 3 is reused, so the provider asks to
    //    confirm the login to the RP's loopback callback, and the person continues.
    await patchProvider(sandbox, appPath, { oidc_conformant: true });
    const conformant = await startTestLogin();
    await conformant.locator('#confirm-form').waitFor({ timeout: scaled(20_000) });
    await conformant.getByRole('button', { name: 'Continue' }).click();
    await expectCause(
      '4-oidc-conformant-explained',
      /is not OIDC-conformant: not met \(found: on\)/,
      /Fix: Turn OIDC Conformant off/,
    );
    await conformant.close();
    await patchProvider(sandbox, appPath, { oidc_conformant: false });
    await runCommandFromPalette(page, 'View: Close All Editors');
    // The provider first: the RP's filter would not match it, but "Requirements" matches both.
    await removeTenantFromPalette(page, 'Requirements Provider');
    await removeTenantFromPalette(page, 'Requirements RP');
  } finally {
    await sandbox.close();
  }
};

export default scenario;
