// A person runs "Auth0 OIDC: New Connection File" from the palette, answers each step with the
// keyboard, and sees the new file in the editor, with the secret kept out of it.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import type { UiScenario } from './context';
import { QUICK_INPUT, runCommandFromPalette, typeInstead } from './helpers';
import { scaled } from '../../slowness';

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
};

export default scenario;
