// A person runs "Auth0 OIDC: New Connection File" from the palette, answers each step with the
// keyboard, and sees the new file in the editor, with the secret kept out of it. Then (issue 21):
//   - adds the sandbox RP tenant with a wrong secret, is refused, presses Try Again, and finds the
//     wizard at its secret step with the other answers kept (Back shows the client id);
//   - starts New Connection File again with the same name, which its own step refuses;
//   - ticks an RP application exactly as the step's hint says (type to filter, Down, Space, Enter),
//     after Enter with nothing ticked asked first and Go Back answered; enabled_clients is written.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { startSandbox, type Sandbox } from '../../sandbox';
import type { UiScenario } from './context';
import {
  answerStep,
  chooseTenantScope,
  filterAndPick,
  QUICK_INPUT,
  quickInputBox,
  runCommandFromPalette,
  typeInstead,
  waitForRows,
  removeTenantFromPalette,
} from './helpers';
import { scaled } from '../../slowness';

const RP_LABEL = 'Scaffold RP';

/** Two wizards, Add Tenant twice over and a sandbox: more than the default 2.5 min on a quiet machine. */
export const budgetSeconds = 240;

/** Waits for the quick input titled with `counter` (e.g. "(6/6)"). */
async function stepTitled(page: Page, counter: string): Promise<void> {
  await page
    .locator(`${QUICK_INPUT} .quick-input-title`, { hasText: counter })
    .waitFor({ state: 'visible', timeout: scaled(15_000) });
}

/** Add Tenant with a wrong secret, refused; Try Again opens the secret step with the rest kept. */
async function addTenantAfterTryAgain(page: Page, sandbox: Sandbox, screenshot: (n: string) => Promise<string>) {
  const rp = sandbox.rp;
  await runCommandFromPalette(page, 'Auth0 OIDC: Add Tenant');
  await answerStep(page, '(1/6)', rp.baseUrl);
  await answerStep(page, '(2/6)', '');
  await answerStep(page, '(3/6)', RP_LABEL);
  await answerStep(page, '(4/6)', ''); // machine-to-machine application, preselected
  await answerStep(page, '(5/6)', rp.m2m.clientId);
  await answerStep(page, '(6/6)', 'not-the-client-secret');
  await chooseTenantScope(page, 'User settings');
  const refused = page.locator('.notifications-toasts .notification-toast', { hasText: 'Nothing was saved for' });
  await refused.first().waitFor({ timeout: scaled(30_000) });
  await screenshot('3-wrong-secret-refused');
  await refused.first().getByRole('button', { name: 'Try Again' }).click();
  // The secret step, empty; Back shows the client id as typed, and the title the label's wizard.
  await stepTitled(page, '(6/6)');
  assert.equal(await quickInputBox(page).inputValue(), '', 'the refused secret is asked again');
  await page.locator(QUICK_INPUT).getByRole('button', { name: 'Back' }).click();
  await stepTitled(page, '(5/6)');
  assert.equal(await quickInputBox(page).inputValue(), rp.m2m.clientId, 'the client id was kept');
  await screenshot('4-try-again-kept-client-id');
  await page.keyboard.press('Enter');
  await answerStep(page, '(6/6)', rp.m2m.clientSecret);
  await page
    .locator('.notifications-toasts', { hasText: `Connected to ${RP_LABEL}` })
    .waitFor({ timeout: scaled(30_000) });
}

/** Waits for step `step` of 6 (its title shows "(step/6)"), types the answer, presses Enter. */
async function answer(page: Page, step: number, text: string): Promise<void> {
  // The previous step's box is gone once the new title shows; typing earlier would be lost.
  await page
    .locator(`${QUICK_INPUT} .quick-input-title`, { hasText: `(${step}/6)` })
    .waitFor({ state: 'visible', timeout: scaled(15_000) });
  const input = page.locator(`${QUICK_INPUT} .quick-input-box input`);
  if (text) await input.pressSequentially(text);
  await page.keyboard.press('Enter');
}

const scenario: UiScenario = async ({ page, workspaceDir, screenshot, log }) => {
  await runCommandFromPalette(page, 'Auth0 OIDC: New Connection File');
  // The name is checked while typing: a space is refused with a message, then corrected.
  await page
    .locator(`${QUICK_INPUT} .quick-input-title`, { hasText: '(1/6)' })
    .waitFor({ state: 'visible', timeout: scaled(15_000) });
  const input = page.locator(`${QUICK_INPUT} .quick-input-box input`);
  await input.pressSequentially('partner corp');
  await page
    .locator(`${QUICK_INPUT} .quick-input-message`)
    .filter({ hasText: /remove " "/ })
    .waitFor({ timeout: scaled(10_000) });
  await screenshot('1-name-validated-as-typed');
  await input.fill('partner-corp');
  await page.keyboard.press('Enter');
  await typeInstead(page, 2, 'Type a domain', false);
  await answer(page, 2, 'https://partner.eu.auth0.com/');
  await answer(page, 3, 'aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY');
  await answer(page, 4, 'typed-by-a-person-secret');
  await answer(page, 5, ''); // accept the preselected scopes
  await typeInstead(page, 6, 'Type client IDs', true);
  await answer(page, 6, 'rpWebApp000000000000000000000000');

  const file = path.join(workspaceDir, 'auth0-oidc-connection.json');
  const tab = page.locator('.tabs-container .tab', { hasText: 'auth0-oidc-connection.json' });
  await tab.waitFor({ state: 'visible', timeout: scaled(20_000) });
  await page
    .locator('.monaco-editor .view-lines', { hasText: 'partner-corp' })
    .first()
    .waitFor({ timeout: scaled(20_000) });
  log(`editor shows ${file}; screenshot ${await screenshot('2-new-file-in-editor')}`);

  assert.ok(existsSync(file), 'the file was written into the workspace');
  const body = JSON.parse(readFileSync(file, 'utf8'));
  assert.equal(body.name, 'partner-corp');
  assert.equal(body.options.domain, 'partner.eu.auth0.com', 'the pasted URL was reduced to its host');
  assert.equal(body.options.client_secret, '##PARTNER_CORP_CLIENT_SECRET##');
  assert.equal(body.options.scope, 'openid profile email');
  assert.deepEqual(body.enabled_clients, ['rpWebApp000000000000000000000000']);
  assert.ok(!readFileSync(file, 'utf8').includes('typed-by-a-person-secret'), 'the secret is not in the file');
  await page.keyboard.press('Escape');

  const sandbox = await startSandbox();
  try {
    await addTenantAfterTryAgain(page, sandbox, screenshot);

    // The same name again: refused at its own step, before any other question.
    await runCommandFromPalette(page, 'Auth0 OIDC: New Connection File');
    await stepTitled(page, '(1/6)');
    await quickInputBox(page).pressSequentially('partner-corp');
    await page.keyboard.press('Enter');
    await page
      .locator(`${QUICK_INPUT} .quick-input-message`, {
        hasText: 'auth0-oidc-connection.json already holds the connection "partner-corp"',
      })
      .waitFor({ timeout: scaled(10_000) });
    await stepTitled(page, '(1/6)');
    await screenshot('5-name-taken');
    await quickInputBox(page).fill('scaffold-ticked');
    await page.keyboard.press('Enter');
    await typeInstead(page, 2, 'Type a domain', false);
    await answer(page, 2, 'partner.eu.auth0.com');
    await answer(page, 3, 'aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY');
    await answer(page, 4, ''); // the secret at deploy time
    await answer(page, 5, '');
    // Step 6: the RP's applications; with other tenants in the profile, ours is picked first.
    await stepTitled(page, '(6/6)');
    const rows = await waitForRows(page, (r) => r.some((x) => x.includes('RP Web App') || x.includes(RP_LABEL)));
    if (!rows.some((x) => x.includes('RP Web App'))) await filterAndPick(page, RP_LABEL);
    await waitForRows(
      page,
      (r) => r.some((x) => x.includes('RP Web App')) && r.some((x) => x.includes('Type client IDs')),
    );
    const hint = (await quickInputBox(page).getAttribute('placeholder')) ?? '';
    assert.match(hint, /^Type to filter, ↓ then Space to tick, Enter to accept: the applications of Scaffold RP/);
    // Enter with nothing ticked asks first; Go Back returns to the same list.
    await page.keyboard.press('Enter');
    const noneAsked = page.locator('.monaco-dialog-box', { hasText: 'No application ticked' });
    await noneAsked.waitFor({ state: 'visible', timeout: scaled(15_000) });
    await screenshot('6-no-application-asked');
    await noneAsked.getByRole('button', { name: 'Go Back' }).click();
    await noneAsked.waitFor({ state: 'hidden', timeout: scaled(15_000) });
    // Exactly as the hint says: type to filter, Down into the list, Space to tick, Enter.
    await quickInputBox(page).pressSequentially('RP Web App');
    await waitForRows(page, (r) => r.length >= 1 && r[0]!.includes('RP Web App'));
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Space');
    await page
      .locator(`${QUICK_INPUT} .monaco-list-row[aria-checked="true"]`, { hasText: 'RP Web App' })
      .first()
      .waitFor({ timeout: scaled(10_000) });
    await screenshot('7-application-ticked');
    await page.keyboard.press('Enter');
    const ticked = path.join(workspaceDir, 'scaffold-ticked.auth0-oidc.json');
    await page
      .locator('.tabs-container .tab', { hasText: 'scaffold-ticked.auth0-oidc.json' })
      .waitFor({ state: 'visible', timeout: scaled(20_000) });
    assert.deepEqual(JSON.parse(readFileSync(ticked, 'utf8')).enabled_clients, [sandbox.rp.app('RP Web App').clientId]);
    await removeTenantFromPalette(page, RP_LABEL);
  } finally {
    await sandbox.close();
  }
};

export default scenario;
