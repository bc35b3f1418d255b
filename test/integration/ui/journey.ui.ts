// A new user's whole day, as the walkthrough "Federate two Auth0 tenants" leads it: in a VS Code
// that has never seen the extension's settings, the person opens the walkthrough and follows it
// step by step, clicking each step's button, answering with pickers fed by the tenants:
//   1. Add Tenant, twice (provider, then RP): the step checks itself.
//   2. New Connection File: started and cancelled first (the step stays open), then written by
//      picking the provider tenant, its application, the secret read from the tenant, the RP's
//      application.
//   3. Check Provider Application: the application picked is misconfigured; the person applies the
//      offered fixes after the modal confirmations, and the check passes.
//   4. Deploy Connection: to the RP tenant, the only target left.
//   5. Test Login: agrees to the temporary callback, fills in the provider's login form in the tab
//      VS Code opened, and reads the federated user in the login view.
//   6. Move to OIDC: the oidc file is written beside the first.
// Each step is asserted done on the walkthrough page after its outcome, and not before. No request
// of the browser is intercepted; the sandbox's test shortcuts are off. Its screenshots named
// `readme-*` are the README's: `npm run screenshots` runs it and copies them into docs/.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { pollUntil } from '../../pollUntil';
import { startSandbox } from '../../sandbox';
import type { UiScenario } from './context';
import {
  answerAddTenant,
  filterAndPick,
  loginViewFrame,
  QUICK_INPUT,
  quickInputBox,
  runCommandFromPalette,
  waitForRows,
} from './helpers';
import { backToWalkthrough, clickStepButton, expectDone, openWalkthrough, STEPS } from './walkthroughPage';
import { scaled } from '../../slowness';

/** Runs in a code-server of its own: a user whose VS Code has no tenants and no walkthrough progress yet. */
export const freshProfile = true;

async function stepTitled(page: Page, counter: string): Promise<void> {
  await page
    .locator(`${QUICK_INPUT} .quick-input-title`, { hasText: counter })
    .waitFor({ state: 'visible', timeout: scaled(15_000) });
}

/** Clicks `button` in the modal dialog whose text matches `text`, and waits for it to close. */
async function answerDialog(page: Page, text: RegExp, button: string): Promise<string> {
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor({ state: 'visible', timeout: scaled(20_000) });
  const shown = await dialog.innerText();
  assert.match(shown, text);
  await dialog.getByRole('button', { name: button }).click();
  await dialog.waitFor({ state: 'hidden', timeout: scaled(15_000) });
  return shown;
}

/** Dismisses the notifications shown so far, as a person does before taking a screenshot. */
async function clearNotifications(page: Page): Promise<void> {
  await runCommandFromPalette(page, 'Notifications: Clear All Notifications');
  await page
    .locator('.notifications-toasts .notification-toast')
    .first()
    .waitFor({ state: 'hidden', timeout: scaled(10_000) });
}

const toast = (page: Page, text: string | RegExp): Locator => page.locator('.notifications-toasts', { hasText: text });

const scenario: UiScenario = async ({ page, workspaceDir, screenshot, log }) => {
  const sandbox = await startSandbox({ testShortcuts: false });
  try {
    const { provider, rp } = sandbox;
    const providerApp = provider.app('Provider App Misconfigured');
    const rpWebApp = rp.app('RP Web App');
    const alice = provider.users.find((u) => u.email === 'alice@provider.test')!;

    await openWalkthrough(page);
    await expectDone(page, []);

    // 1. Both tenants, from the step's button.
    for (const [tenant, label] of [
      [provider, 'Journey Provider'],
      [rp, 'Journey RP'],
    ] as const) {
      await clickStepButton(page, 'tenants', 'Add Tenant');
      await answerAddTenant(page, {
        baseUrl: tenant.baseUrl,
        label,
        clientId: tenant.m2m.clientId,
        clientSecret: tenant.m2m.clientSecret,
      });
      // One tenant is not both sides of the federation: the step waits for the second.
      if (tenant === provider) await expectDone(page, []);
    }
    await expectDone(page, ['tenants']);
    await screenshot('1-tenants-added');

    // 2. New Connection File: started and cancelled first, which completes nothing.
    await clickStepButton(page, 'connectionFile', 'New Connection File');
    await stepTitled(page, '(1/6)');
    await page.keyboard.press('Escape');
    await page.locator(QUICK_INPUT).waitFor({ state: 'hidden', timeout: scaled(10_000) });
    await expectDone(page, ['tenants']);

    await clickStepButton(page, 'connectionFile', 'New Connection File');
    await stepTitled(page, '(1/6)');
    await quickInputBox(page).pressSequentially('partner');
    await page.keyboard.press('Enter');
    await stepTitled(page, '(2/6)');
    await waitForRows(page, (rows) => rows.some((r) => r.includes('Journey Provider')));
    await filterAndPick(page, 'Journey Provider');
    await stepTitled(page, '(3/6)');
    const apps = await waitForRows(
      page,
      (rows) =>
        rows.some((r) => r.includes('Provider App Misconfigured')) && rows.some((r) => r.includes('Type a client ID')),
    );
    log(`provider applications: ${JSON.stringify(apps)}`);
    await screenshot('readme-pick-application', page.locator(QUICK_INPUT));
    await filterAndPick(page, 'Misconfigured', 'Provider App Misconfigured');
    await stepTitled(page, '(4/6)');
    await waitForRows(page, (rows) => rows[0]?.includes('Read it from Journey Provider') === true);
    await page.keyboard.press('Enter');
    await stepTitled(page, '(5/6)');
    await page.keyboard.press('Enter'); // the preselected scopes
    await stepTitled(page, '(6/6)');
    await waitForRows(page, (rows) => rows.some((r) => r.includes('RP Web App')));
    await quickInputBox(page).pressSequentially('RP Web App');
    await waitForRows(page, (rows) => rows.length >= 1 && rows[0]!.includes('RP Web App'));
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Space');
    await page
      .locator(`${QUICK_INPUT} .monaco-list-row[aria-checked="true"]`)
      .first()
      .waitFor({ timeout: scaled(10_000) });
    await page.keyboard.press('Enter');
    const file = path.join(workspaceDir, 'auth0-oidc-connection.json');
    await page
      .locator('.tabs-container .tab', { hasText: 'auth0-oidc-connection.json' })
      .waitFor({ timeout: scaled(20_000) });
    const written = JSON.parse(readFileSync(file, 'utf8'));
    assert.equal(written.options.client_id, providerApp.clientId);
    assert.deepEqual(written.enabled_clients, [rpWebApp.clientId]);
    // The file tells where it stands: not deployed (status bar) and the actions above its name.
    await page
      .locator('.part.statusbar .statusbar-item', { hasText: 'not deployed' })
      .waitFor({ timeout: scaled(20_000) });
    await page.locator('.codelens-decoration a', { hasText: 'Deploy to' }).waitFor({ timeout: scaled(20_000) });
    await clearNotifications(page);
    await screenshot('readme-connection-file');
    await backToWalkthrough(page);
    await expectDone(page, ['tenants', 'connectionFile']);

    // 3. The provider check: the application fails it; the offered fixes are applied after the
    // person confirms each one, and the check passes.
    await clickStepButton(page, 'providerCheck', 'Check Provider Application');
    await page
      .locator(`${QUICK_INPUT} .quick-input-title`, { hasText: 'Fix on the provider tenant' })
      .waitFor({ state: 'visible', timeout: scaled(30_000) });
    const fixes = await waitForRows(page, (rows) => rows.length >= 1, 30_000);
    assert.ok(
      fixes.some((r) => r.includes('allows the callback')),
      JSON.stringify(fixes),
    );
    log(`fixes offered: ${JSON.stringify(fixes)}`);
    // The report (a Markdown preview) names each failing requirement and where to fix it by hand.
    await pollUntil(
      'the provider report to show its failing requirements',
      async () => {
        for (const frame of page.frames()) {
          const found = await frame
            .getByText('Fail: The provider application allows the callback')
            .count()
            .catch(() => 0);
          if (found > 0) return true;
        }
        return false;
      },
      { timeoutMs: 20_000, intervalMs: 200 },
    );
    await screenshot('readme-provider-check');
    await page.keyboard.press('Enter'); // every fix, preselected
    // One modal per PATCH (fixes of one application go in one request), each naming what it sends.
    const passed = toast(page, 'The provider application passes every check');
    const dialog = page.locator('.monaco-dialog-box');
    let confirmations = 0;
    await pollUntil(
      'the fixes confirmed and the check passing',
      async () => {
        if (await passed.isVisible()) return true;
        if (await dialog.isVisible()) {
          const shown = await answerDialog(
            page,
            /Change (the provider tenant|a setting of the whole provider tenant)/,
            'Apply',
          );
          assert.match(shown, /PATCH \/api\/v2\//);
          confirmations++;
        }
        return false;
      },
      { timeoutMs: 60_000, intervalMs: 200 },
    );
    assert.ok(confirmations >= 1, 'nothing was sent without a confirmation');
    const fixedApp = [...provider.state.clients.values()].find((c) => c.client_id === providerApp.clientId)!;
    assert.equal(fixedApp.oidc_conformant, false);
    assert.ok(fixedApp.callbacks.includes(`${rp.baseUrl}/login/callback`), JSON.stringify(fixedApp.callbacks));
    await backToWalkthrough(page);
    await expectDone(page, ['tenants', 'connectionFile', 'providerCheck']);

    // 4. Deploy: the RP is the only target that is not the provider.
    await clickStepButton(page, 'deploy', 'Deploy Connection');
    await toast(page, /Created|Deployed/).waitFor({ timeout: scaled(30_000) });
    const deployed = [...rp.state.connections.values()].find((c) => c.name === 'partner');
    assert.ok(deployed, 'the connection exists on the RP tenant');
    assert.equal(deployed.options.client_secret, providerApp.clientSecret, 'the secret read from the provider');
    assert.deepEqual(deployed.enabled_clients, [rpWebApp.clientId]);
    await backToWalkthrough(page);
    await expectDone(page, ['tenants', 'connectionFile', 'providerCheck', 'deploy']);

    // 5. Test Login, through the provider's login form in the tab VS Code opens.
    await clickStepButton(page, 'testLogin', 'Test Login');
    // Nothing is open: the deployed file comes first, above the tenants.
    const targets = await waitForRows(page, (r) => r.some((x) => x.includes('deployed to Journey RP')), 30_000);
    log(`test login offers: ${JSON.stringify(targets)}`);
    assert.match(targets[0]!, /auth0-oidc-connection\.json.*deployed to Journey RP/);
    await screenshot('5-test-login-target');
    // The walkthrough page keeps the keyboard focus after its button was clicked (the picker stays
    // open: ignoreFocusOut): the person clicks the item.
    await page.locator(`${QUICK_INPUT} .monaco-list-row`, { hasText: 'deployed to Journey RP' }).click();
    const newTab = page.context().waitForEvent('page', { timeout: scaled(30_000) });
    newTab.catch(() => undefined); // awaited below; a failure before that must not go unhandled
    await answerDialog(page, /as a callback of RP Web App/, 'Add Temporarily');
    const tab = await newTab;
    await tab.locator('#email').waitFor({ timeout: scaled(20_000) });
    assert.ok(tab.url().startsWith(provider.baseUrl), `the login form is the provider tenant's: ${tab.url()}`);
    await tab.locator('#email').fill(alice.email);
    await tab.locator('#password').fill(alice.password);
    await screenshot('4-provider-login-form', tab);
    await tab.locator('button[type=submit]').click();
    await tab.getByText('You may close this window').waitFor({ timeout: scaled(20_000) });
    await tab.close();
    const frame = await loginViewFrame(page, /auth0-oidc\|partner\|auth0\|/, 30_000);
    assert.equal(await frame.locator('#user-id').innerText(), `auth0-oidc|partner|${alice.userId}`);
    assert.equal(await frame.locator('li.check.fail').count(), 0, 'no failed token check');
    await clearNotifications(page);
    await screenshot('readme-login-view', page.locator('.part.editor'));
    await backToWalkthrough(page);
    await expectDone(page, ['tenants', 'connectionFile', 'providerCheck', 'deploy', 'testLogin']);

    // 6. Move to OIDC: the oidc file beside the first.
    await clickStepButton(page, 'moveToOidc', 'Move to OIDC');
    const oidcFile = path.join(workspaceDir, 'partner-oidc.oidc-connection.json');
    await pollUntil('the oidc file to be written', () => existsSync(oidcFile), { timeoutMs: 20_000, intervalMs: 200 });
    assert.equal(JSON.parse(readFileSync(oidcFile, 'utf8')).strategy, 'oidc');
    // Its explanation of the provider side opens last, in front; a person reads it, then goes back
    // (going back before it opened left the walkthrough behind it, seen on a loaded machine).
    await page
      .locator('.tabs-container .tab', { hasText: /Provider side of partner-oidc/ })
      .waitFor({ state: 'visible', timeout: scaled(20_000) });
    await backToWalkthrough(page);
    await expectDone(page, STEPS);
    await clearNotifications(page);
    await screenshot('readme-walkthrough');
  } finally {
    await sandbox.close();
  }
};

export default scenario;
