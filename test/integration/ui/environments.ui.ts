// A team keeps one connection file for two environments (issue 25 part 1): `##ENV##` in its name,
// the provider's domain and client id as keywords, and auth0-oidc.environments.json naming the
// sandbox's tenants under two names, dev and prod, each with values of its own. The person clicks
// Deploy to All above the file (typing each environment's secret when asked), picks the active
// environment in the status bar, and runs Test Login from the palette in each: the login
// view shows each environment's connection in the user id.
// The sandbox runs with its test shortcuts off: only the provider's login form logs in.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { pollUntil } from '../../pollUntil';
import { startSandbox, type Sandbox } from '../../sandbox';
import type { UiScenario } from './context';
import {
  QUICK_INPUT,
  addTenantFromPalette,
  removeTenantFromPalette,
  loginViewFrame,
  openFileByQuickOpen,
  quickInputBox,
  runCommandFromPalette,
} from './helpers';
import { scaled } from '../../slowness';

const FILE = 'partner.auth0-oidc.json';
const LABEL = 'Sandbox RP (environments)';

const scenario: UiScenario = async ({ page, workspaceDir, screenshot, log }) => {
  const sandbox = await startSandbox({ testShortcuts: false });
  try {
    const providerApp = sandbox.provider.app('Provider App for RP');
    const webApp = sandbox.rp.app('RP Web App');
    const values = (env: string): Record<string, unknown> => ({
      ENV: env,
      PROVIDER_DOMAIN: sandbox.provider.domain,
      PROVIDER_CLIENT_ID: providerApp.clientId,
      RP_APPS: [webApp.clientId],
    });
    writeFileSync(
      path.join(workspaceDir, 'auth0-oidc.environments.json'),
      JSON.stringify(
        {
          environments: {
            dev: { rpTenant: sandbox.rp.domain, providerTenant: sandbox.provider.domain, values: values('dev') },
            prod: { rpTenant: sandbox.rp.domain, providerTenant: sandbox.provider.domain, values: values('prod') },
          },
        },
        undefined,
        2,
      ),
    );
    writeFileSync(
      path.join(workspaceDir, FILE),
      JSON.stringify(
        {
          name: 'partner-##ENV##',
          strategy: 'auth0-oidc',
          options: {
            client_id: '##PROVIDER_CLIENT_ID##',
            client_secret: '##PARTNER_CLIENT_SECRET##',
            domain: '##PROVIDER_DOMAIN##',
            scope: 'openid profile email',
          },
          enabled_clients: '@@RP_APPS@@',
        },
        undefined,
        2,
      ) + '\n',
    );
    await addTenantFromPalette(page, {
      baseUrl: sandbox.rp.baseUrl,
      label: LABEL,
      clientId: sandbox.rp.m2m.clientId,
      clientSecret: sandbox.rp.m2m.clientSecret,
    });
    await openFileByQuickOpen(page, FILE);

    // Deploy to All: one environment after the other, each asking for its own secret once.
    const lens = (title: string) => page.locator('.monaco-editor .codelens-decoration a', { hasText: title }).first();
    await lens('Deploy to All').waitFor({ timeout: scaled(30_000) });
    await lens('Deploy to All').click();
    for (const environment of ['dev', 'prod']) {
      await page
        .locator(`${QUICK_INPUT} .quick-input-title`, { hasText: 'Secret for ##' })
        .waitFor({ state: 'visible', timeout: scaled(30_000) });
      await quickInputBox(page).pressSequentially(providerApp.clientSecret);
      await page.keyboard.press('Enter');
      await pollUntil(
        `partner-${environment} on the RP tenant`,
        () => [...sandbox.rp.state.connections.values()].some((c) => c.name === `partner-${environment}`),
        { timeoutMs: 30_000, intervalMs: 200 },
      );
    }
    await page
      .locator('.notifications-toasts', { hasText: 'Deployed to dev, prod.' })
      .waitFor({ timeout: scaled(30_000) });
    await screenshot('1-deployed-to-all');

    // The status bar: the active environment, picked from it.
    for (const environment of ['dev', 'prod']) {
      // The login view took the editor: back to the file, whose editor shows the item and lenses.
      if (environment !== 'dev') await openFileByQuickOpen(page, FILE);
      const item = page.locator('.part.statusbar .statusbar-item', { hasText: /no environment|^\s*(dev|prod)\s*$/ });
      await item.first().waitFor({ timeout: scaled(20_000) });
      await item.first().click();
      const rows = page.locator(`${QUICK_INPUT} .monaco-list-row`);
      await rows
        .filter({ hasText: 'prod' })
        .first()
        .waitFor({ timeout: scaled(15_000) });
      if (environment === 'prod') await screenshot('readme-environments');
      await quickInputBox(page).pressSequentially(environment);
      await rows
        .first()
        .filter({ hasText: environment })
        .waitFor({ timeout: scaled(10_000) });
      await page.keyboard.press('Enter');
      await page
        .locator('.part.statusbar .statusbar-item', { hasText: new RegExp(`^\\s*${environment}\\s*$`) })
        .waitFor({ timeout: scaled(15_000) });
      log(`active environment ${environment}`);
      // From the palette, on the file in the editor.
      await testLogin(page, sandbox, environment);
      await screenshot(`2-login-${environment}`);
    }
    await removeTenantFromPalette(page, LABEL);
  } finally {
    await sandbox.close();
  }
};

/**
 * Test Login from the palette on the active environment: its connection on its RP tenant, without
 * a picker. Agrees to the temporary callback, logs in on the provider's form, or continues on the
 * provider's confirmation when its session is reused (prod, after dev: the RP sends a login through
 * another connection to that connection's provider, as Auth0 does, and the provider asks because
 * the sandbox RP's /login/callback is a loopback address), and reads the login view.
 */
async function testLogin(page: Page, sandbox: Sandbox, environment: string): Promise<void> {
  await runCommandFromPalette(page, 'Auth0 OIDC: Test Login');
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor({ state: 'visible', timeout: scaled(30_000) });
  assert.match(await dialog.innerText(), /as a callback of RP Web App/);
  const newTab = page.context().waitForEvent('page', { timeout: scaled(30_000) });
  await dialog.getByRole('button', { name: 'Add Temporarily' }).click();
  const tab = await newTab;
  await tab.waitForLoadState('domcontentloaded');
  const alice = sandbox.provider.users.find((u) => u.email === 'alice@provider.test')!;
  const done = tab.getByText('You may close this window');
  const shown = await pollUntil(
    'the login form, the confirmation page or the end of the login',
    async () => {
      if (await done.isVisible()) return 'done';
      if (await tab.locator('#email').isVisible()) return 'form';
      if (await tab.locator('#confirm-form').isVisible()) return 'confirm';
      return undefined;
    },
    { timeoutMs: 30_000, intervalMs: 200 },
  );
  if (shown === 'form') {
    await tab.locator('#email').fill(alice.email);
    await tab.locator('#password').fill(alice.password);
    await tab.locator('button[type=submit]').click();
  } else if (shown === 'confirm') {
    await tab.getByRole('button', { name: 'Continue' }).click();
  }
  await done.waitFor({ timeout: scaled(30_000) }).catch(async (error: unknown) => {
    const text = await tab
      .locator('body')
      .innerText()
      .catch(() => '');
    throw new Error(`after "${shown}" the tab shows ${tab.url()}: ${text.slice(0, 400)}`, { cause: error });
  });
  await tab.close();
  // Back to the VS Code window, as a person does after the browser says to close it.
  await page.bringToFront();
  const expected = `auth0-oidc|partner-${environment}|${alice.userId}`;
  const frame = await loginViewFrame(page, new RegExp(`auth0-oidc\\|partner-${environment}\\|`), 30_000);
  assert.equal(await frame.locator('#user-id').innerText(), expected);
}

export default scenario;
