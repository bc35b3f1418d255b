// A person moves a deployed auth0-oidc connection to the OIDC enterprise connection and finishes
// the migration with "Auth0 OIDC: Finish Migration to OIDC", by keys and clicks:
//   1. Adds the sandbox RP tenant, writes an auth0-oidc file enabled for the RP's two applications
//      and deploys it.
//   2. Move to OIDC writes the oidc file beside it; the provider's admin turns OIDC-Conformant on
//      and the legacy profile off; the provider tenant is added and Check Provider on the oidc file
//      passes.
//   3. Finish Migration: reads that user ids change (and where account linking is explained),
//      continues; the oidc connection is deployed; Test Login through it, on the provider's login
//      form in the tab VS Code opened; the applications previewed by name and id, confirmed and
//      moved; the old connection deleted after its own confirmation.
// The tenant ends with the oidc connection enabled for both applications and no auth0-oidc one, and
// the walkthrough's step is done. No request of the browser is intercepted; the sandbox's test
// shortcuts are off.
import * as assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { pollUntil } from '../../pollUntil';
import { startSandbox } from '../../sandbox';
import type { UiScenario } from './context';
import { addTenantFromPalette, loginViewFrame, QUICK_INPUT, runCommandFromPalette, waitForRows } from './helpers';
import { openWalkthrough } from './walkthroughPage';
import { scaled } from '../../slowness';

/** The RP tenant, then the provider: no picker asks which RP tenant (the provider is never offered). */
export const freshProfile = true;

const NAME = 'migrate-ui';
const NEW_NAME = `${NAME}-oidc`;
const LABEL = 'Migration RP';

/** Clicks `button` in the modal dialog that shows `text`, once it is visible; returns its text. */
async function answerDialog(page: Page, text: RegExp, button: string, timeoutMs = 30_000): Promise<string> {
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor({ state: 'visible', timeout: scaled(timeoutMs) });
  const shown = await dialog.innerText();
  assert.match(shown, text);
  await dialog.getByRole('button', { name: button }).click();
  // This dialog, not any: the next step's modal may already stand in its place.
  await page.locator('.monaco-dialog-box', { hasText: text }).waitFor({ state: 'hidden', timeout: scaled(15_000) });
  return shown;
}

const toast = (page: Page, text: string | RegExp) => page.locator('.notifications-toasts', { hasText: text }).first();

const scenario: UiScenario = async ({ page, workspaceDir, screenshot, log }) => {
  const sandbox = await startSandbox({ testShortcuts: false });
  try {
    const { provider, rp } = sandbox;
    const web = rp.app('RP Web App');
    const spa = rp.app('RP SPA');
    const alice = provider.users.find((u) => u.email === 'alice@provider.test')!;
    const remote = (name: string): { id: string; strategy: string; enabled_clients: string[] } | undefined =>
      [...rp.state.connections.values()].find((c: { name: string }) => c.name === name);

    // 1. The RP tenant, and the auth0-oidc connection deployed to it for both applications.
    await addTenantFromPalette(page, {
      baseUrl: rp.baseUrl,
      label: LABEL,
      clientId: rp.m2m.clientId,
      clientSecret: rp.m2m.clientSecret,
    });
    const providerApp = provider.app('Provider App for RP');
    await writeFile(
      path.join(workspaceDir, `${NAME}.auth0-oidc.json`),
      JSON.stringify(
        {
          name: NAME,
          strategy: 'auth0-oidc',
          options: {
            client_id: providerApp.clientId,
            client_secret: providerApp.clientSecret,
            domain: provider.domain,
            scope: 'openid profile email',
          },
          enabled_clients: [web.clientId, spa.clientId],
        },
        undefined,
        2,
      ) + '\n',
    );
    await runCommandFromPalette(page, 'Auth0 OIDC: Deploy Connection');
    await toast(page, `Created ${NAME} on ${LABEL}`).waitFor({ timeout: scaled(30_000) });
    assert.deepEqual(remote(NAME)?.enabled_clients, [web.clientId, spa.clientId]);
    log('the auth0-oidc connection is deployed');

    // 2. Move to OIDC: the oidc file beside it, opened, then its notes (which take the focus: the
    // palette is opened only once they are there).
    await runCommandFromPalette(page, 'Auth0 OIDC: Move to OIDC Enterprise Connection');
    await page
      .locator('.tabs-container .tab', { hasText: `${NEW_NAME}.oidc-connection.json` })
      .first()
      .waitFor({ timeout: scaled(20_000) });
    await page
      .locator('.tabs-container .tab', { hasText: `Provider side of ${NEW_NAME}` })
      .first()
      .waitFor({ timeout: scaled(20_000) });
    await screenshot('1-moved-to-oidc');

    // 2b. The provider's admin does what the move allows (in the provider's Dashboard; here through
    // its Management API with a token of its own): the application becomes OIDC-conformant and the
    // tenant's legacy user profile is turned off.
    const providerToken = await provider.issueManagementToken();
    const patch = async (apiPath: string, body: unknown): Promise<void> => {
      const answer = await fetch(`${provider.baseUrl}/api/v2${apiPath}`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${providerToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      assert.equal(answer.status, 200, `PATCH ${apiPath}: ${await answer.text()}`);
    };
    await patch(`/clients/${encodeURIComponent(providerApp.clientId)}`, { oidc_conformant: true });
    await patch('/tenants/settings', { flags: { enable_legacy_profile: false } });
    log('the provider application is OIDC-conformant, the legacy profile off');

    // 2c. Check Provider on the oidc file (the provider tenant added so it can be read): green, with
    // OIDC-conformant and the legacy profile reported as no longer needed, no fix offered.
    await addTenantFromPalette(page, {
      baseUrl: provider.baseUrl,
      label: 'Migration Provider',
      clientId: provider.m2m.clientId,
      clientSecret: provider.m2m.clientSecret,
    });
    await page
      .locator('.tabs-container .tab', { hasText: `${NEW_NAME}.oidc-connection.json` })
      .first()
      .click();
    await runCommandFromPalette(page, 'Auth0 OIDC: Check Provider Application');
    await toast(page, 'The provider application passes every check').waitFor({ timeout: scaled(30_000) });
    await screenshot('1b-provider-check-green-on-oidc-file');
    log('Check Provider passes on the oidc file');

    // 3. Finish Migration, from the palette: the one auth0-oidc file and the tenant it was deployed to.
    await runCommandFromPalette(page, 'Auth0 OIDC: Finish Migration to OIDC');
    const intro = await answerDialog(page, new RegExp(`Finish the migration from ${NAME} to ${NEW_NAME}`), 'Continue');
    assert.match(intro, new RegExp(`auth0-oidc\\|${NAME}\\|… becomes a new user oidc\\|${NEW_NAME}\\|…`));
    assert.ok(intro.includes('https://auth0.com/docs/manage-users/user-accounts/user-account-linking'), intro);

    // Deployed beside the old one, by Deploy Connection (its toast may hide under the next question).
    await pollUntil('the oidc connection on the tenant', () => remote(NEW_NAME), { timeoutMs: 30_000 });
    assert.equal(remote(NEW_NAME)?.strategy, 'oidc');
    assert.ok(remote(NAME), 'beside the old one');

    // Test Login through the new connection: both applications are enabled for it (the oidc file
    // kept the list), so the person picks one; then agrees to the temporary callback.
    await waitForRows(page, (rows) => rows.some((r) => r.includes('RP Web App')), 30_000);
    await page.locator(`${QUICK_INPUT} .quick-input-box input`).pressSequentially('RP Web App');
    await waitForRows(page, (rows) => rows.length >= 1 && rows[0]!.includes('RP Web App'));
    const newTab = page.context().waitForEvent('page', { timeout: scaled(30_000) });
    await page.keyboard.press('Enter');
    await answerDialog(page, /as a callback of RP Web App/, 'Add Temporarily');
    const tab = await newTab;
    await tab.waitForLoadState('domcontentloaded');
    await tab.locator('#email').waitFor({ timeout: scaled(20_000) });
    assert.ok(tab.url().startsWith(provider.baseUrl), `the login form is the provider tenant's: ${tab.url()}`);
    await tab.locator('#email').fill(alice.email);
    await tab.locator('#password').fill(alice.password);
    await tab.locator('button[type=submit]').click();
    await tab.getByText('You may close this window').waitFor({ timeout: scaled(20_000) });
    await tab.close();
    // (The notes of Move to OIDC name oidc|NEW|… too: the login view is the one with the provider's user.)
    const frame = await loginViewFrame(page, new RegExp(`oidc\\|${NEW_NAME}\\|auth0\\|`), 30_000);
    // The User section's first value is the user_id.
    assert.equal(await frame.locator('section.user dd').first().innerText(), `oidc|${NEW_NAME}|${alice.userId}`);
    await screenshot('2-test-login-through-new-connection');

    // The applications to move: previewed by name and id, Enter goes on to one confirmation.
    const rows = await waitForRows(
      page,
      (r) => r.some((x) => x.includes('RP Web App')) && r.some((x) => x.includes('RP SPA')),
      30_000,
    );
    assert.ok(
      rows.some((r) => r.includes(web.clientId)) && rows.some((r) => r.includes(spa.clientId)),
      rows.join('\n'),
    );
    await screenshot('3-applications-preview');
    // The login view opened just before may still take the focus from the list: click into it first.
    await page.locator(`${QUICK_INPUT} .quick-input-box input`).click();
    await page.keyboard.press('Enter');
    const confirmation = await answerDialog(
      page,
      new RegExp(`Move 2 application\\(s\\) from ${NAME} to ${NEW_NAME}`),
      'Move Applications',
    );
    assert.ok(confirmation.includes(`RP Web App (${web.clientId})`), confirmation);
    assert.ok(confirmation.includes(`RP SPA (${spa.clientId})`), confirmation);

    // The old connection, unused now, deleted after its own confirmation.
    await answerDialog(page, new RegExp(`Delete the connection ${NAME} from ${LABEL}`), 'Delete');
    await pollUntil('the auth0-oidc connection deleted', () => remote(NAME) === undefined, { timeoutMs: 30_000 });
    await screenshot('4-migration-finished');
    assert.deepEqual([...(remote(NEW_NAME)?.enabled_clients ?? [])].sort(), [web.clientId, spa.clientId].sort());

    // The walkthrough's step is done: the command read the tenant once more and found the migration finished.
    await openWalkthrough(page);
    const step = page.locator('.getting-started-step[data-step-id$="#auth0Oidc.gettingStarted#finishMigration"]');
    await step.waitFor({ state: 'attached', timeout: scaled(20_000) });
    await pollUntil(
      'the walkthrough step "Finish the migration to OIDC" done',
      async () => (await step.getAttribute('aria-checked')) === 'true',
      {
        timeoutMs: 20_000,
        intervalMs: 200,
      },
    );
  } finally {
    await sandbox.close();
  }
};

export default scenario;
