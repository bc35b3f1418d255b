// Issue 21.3: a person whose connection file holds ##KEY## fixes the stored secret from the
// "Set Stored Secret" lens on the placeholder line: a password box (a placeholder typed by mistake
// is refused as typed), Enter, and the file is never edited, so no plaintext reaches auto-save or
// Local History. The next deploy, from the lens above the name, sends the new value.
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pollUntil } from '../../pollUntil';
import { startSandbox } from '../../sandbox';
import { scaled } from '../../slowness';
import type { UiScenario } from './context';
import {
  addTenantFromPalette,
  filterAndPick,
  QUICK_INPUT,
  quickInputBox,
  quickInputRows,
  runCommandFromPalette,
  waitForRows,
  openFileByQuickOpen,
} from './helpers';

/** The wrong secret, the refused login and its fix add a minute to the lens and deploy. */
export const budgetSeconds = 240;

const FILE = 'secret-fix.auth0-oidc.json';
const RP_LABEL = 'Secret Fix RP';

const scenario: UiScenario = async ({ page, workspaceDir, screenshot, log }) => {
  const sandbox = await startSandbox();
  try {
    const { provider, rp } = sandbox;
    const providerApp = provider.app('Provider App for RP');
    await addTenantFromPalette(page, {
      baseUrl: rp.baseUrl,
      label: RP_LABEL,
      clientId: rp.m2m.clientId,
      clientSecret: rp.m2m.clientSecret,
    });
    const file = path.join(workspaceDir, FILE);
    writeFileSync(
      file,
      JSON.stringify(
        {
          name: 'secret-fix',
          strategy: 'auth0-oidc',
          options: {
            domain: provider.domain,
            client_id: providerApp.clientId,
            client_secret: '##SECRET_FIX_CLIENT_SECRET##',
          },
          // An application to enable: a create without one asks first (issue 21.2).
          enabled_clients: [rp.app('RP Web App').clientId],
        },
        undefined,
        2,
      ) + '\n',
    );
    const bytes = readFileSync(file);
    await openFileByQuickOpen(page, FILE);

    // The lens sits on the placeholder's line.
    const lens = page.locator('.contentWidgets .codelens-decoration a', { hasText: 'Set Stored Secret' });
    await lens.waitFor({ timeout: scaled(30_000) });
    await screenshot('1-lens-on-placeholder');
    await lens.click();

    const title = page.locator(`${QUICK_INPUT} .quick-input-title`, {
      hasText: 'Set Stored Secret ##SECRET_FIX_CLIENT_SECRET##',
    });
    await title.waitFor({ state: 'visible', timeout: scaled(15_000) });
    assert.equal(await quickInputBox(page).getAttribute('type'), 'password', 'the secret is typed into a password box');
    // A placeholder typed by mistake is refused as it is typed.
    await quickInputBox(page).pressSequentially('##OTHER##');
    await page
      .locator(`${QUICK_INPUT} .quick-input-message`, { hasText: 'That is a placeholder' })
      .waitFor({ timeout: scaled(10_000) });
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await quickInputBox(page).pressSequentially(providerApp.clientSecret);
    await screenshot('2-password-box');
    await page.keyboard.press('Enter');
    await page
      .locator('.notifications-toasts', { hasText: '##SECRET_FIX_CLIENT_SECRET## is stored for' })
      .waitFor({ timeout: scaled(15_000) });
    await screenshot('3-stored');

    // The file was never edited: no dirty tab, the same bytes on disk.
    assert.equal(await page.locator('.tabs-container .tab.dirty').count(), 0, 'no editor was dirtied');
    assert.ok(readFileSync(file).equals(bytes), "the file's bytes are unchanged");

    // Deploy from the lens above the name: the connection gets the value just set.
    await page.locator('.contentWidgets .codelens-decoration a', { hasText: 'Deploy to …' }).click();
    const inSync = page.locator('.part.statusbar .statusbar-item', { hasText: `in sync · ${RP_LABEL}` });
    const asked = page.locator(`${QUICK_INPUT} .monaco-list-row`, { hasText: RP_LABEL });
    await inSync
      .or(asked)
      .first()
      .waitFor({ timeout: scaled(30_000) });
    if (await asked.isVisible()) {
      log(`deploy asked for the tenant among ${JSON.stringify(await quickInputRows(page))}`);
      await filterAndPick(page, RP_LABEL);
    }
    await inSync.waitFor({ timeout: scaled(30_000) });
    const deployed = [...rp.state.connections.values()].find((c) => c.name === 'secret-fix');
    assert.ok(deployed, 'deployed to the RP tenant');
    assert.equal(deployed.options.client_secret, providerApp.clientSecret, 'the secret set from the lens was sent');
    await screenshot('4-deployed');

    // 5. A wrong secret: set from the lens again and deployed (an update: the diff and its modal).
    const setFromLens = async (value: string): Promise<void> => {
      await lens.click();
      await title.waitFor({ state: 'visible', timeout: scaled(15_000) });
      await quickInputBox(page).pressSequentially(value);
      await page.keyboard.press('Enter');
      await title.waitFor({ state: 'hidden', timeout: scaled(15_000) });
    };
    const confirmUpdate = async (): Promise<void> => {
      const dialog = page.locator('.monaco-dialog-box', { hasText: 'Update secret-fix on' });
      // With other tenants in the shared profile, Deploy asks which (its own tenant first).
      const pick = page.locator(`${QUICK_INPUT} .monaco-list-row`, { hasText: RP_LABEL });
      await dialog
        .or(pick)
        .first()
        .waitFor({ state: 'visible', timeout: scaled(30_000) });
      if (await pick.first().isVisible()) await filterAndPick(page, RP_LABEL);
      await dialog.waitFor({ state: 'visible', timeout: scaled(30_000) });
      await dialog.getByRole('button', { name: 'Update' }).click();
      await dialog.waitFor({ state: 'hidden', timeout: scaled(15_000) });
    };
    const remoteSecret = (): unknown =>
      [...rp.state.connections.values()].find((c) => c.name === 'secret-fix')?.options.client_secret;
    const wrong = 'wrong-secret-typed-by-mistake-000000000000000';
    await setFromLens(wrong);
    await page
      .locator('.contentWidgets .codelens-decoration a', { hasText: /^Deploy to / })
      .first()
      .click();
    await confirmUpdate();
    await pollUntil('the wrong secret on the tenant', () => remoteSecret() === wrong || undefined, {
      timeoutMs: 30_000,
    });
    log('a wrong secret is deployed');

    // 6. Test Login from the lens: the provider refuses the code exchange, and the error offers
    // Set Stored Secret (issue 21.3), which never touches the file, then Deploy.
    await page.locator('.contentWidgets .codelens-decoration a', { hasText: 'Test Login' }).first().click();
    const consent = page.locator('.monaco-dialog-box');
    await consent.waitFor({ state: 'visible', timeout: scaled(20_000) });
    assert.match(await consent.innerText(), /as a callback of RP Web App/);
    const newTab = page.context().waitForEvent('page', { timeout: scaled(20_000) });
    await consent.getByRole('button', { name: 'Add Temporarily' }).click();
    const tab = await newTab;
    await tab.waitForLoadState('domcontentloaded');
    await tab.locator('#email').waitFor({ timeout: scaled(20_000) });
    const alice = provider.users.find((u) => u.email === 'alice@provider.test')!;
    await tab.locator('#email').fill(alice.email);
    await tab.locator('#password').fill(alice.password);
    await tab.locator('button[type=submit]').click();
    const refused = page.locator('.notifications-toasts .notification-toast', { hasText: 'client_secret' });
    await refused.first().waitFor({ timeout: scaled(30_000) });
    await tab.close().catch(() => undefined);
    await screenshot('5-login-refused-offers-set-stored-secret');
    await refused.first().getByRole('button', { name: 'Set Stored Secret' }).click();
    await title.waitFor({ state: 'visible', timeout: scaled(15_000) });
    await quickInputBox(page).pressSequentially(providerApp.clientSecret);
    await page.keyboard.press('Enter');
    const redeploy = page.locator('.notifications-toasts .notification-toast', {
      hasText: "The tenant's connection still has the old secret",
    });
    await redeploy.first().waitFor({ timeout: scaled(15_000) });
    await redeploy.first().getByRole('button', { name: 'Deploy' }).click();
    await confirmUpdate();
    await pollUntil('the right secret on the tenant', () => remoteSecret() === providerApp.clientSecret || undefined, {
      timeoutMs: 30_000,
    });
    assert.equal(await page.locator('.tabs-container .tab.dirty').count(), 0, 'no editor was dirtied');
    assert.ok(readFileSync(file).equals(bytes), "the file's bytes are still unchanged");
    log('fixed from the Test Login error, without touching the file');

    // Leave the shared profile as it was.
    await runCommandFromPalette(page, 'Auth0 OIDC: Remove Tenant');
    await waitForRows(page, (rows) => rows.some((r) => r.includes(RP_LABEL)));
    await filterAndPick(page, RP_LABEL);
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible', timeout: scaled(15_000) });
    await dialog.getByRole('button', { name: 'Remove' }).click();
    await dialog.waitFor({ state: 'hidden', timeout: scaled(15_000) });
  } finally {
    await sandbox.close();
  }
};

export default scenario;
