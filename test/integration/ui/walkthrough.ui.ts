// A person who already configured both tenants opens the walkthrough "Federate two Auth0 tenants":
// step 1 shows done (it used to stay open: VS Code's walkthrough service starts lazily and does
// not complete an onContext step whose key was already true). Starting "New Connection File" and
// cancelling it leaves "Write the connection file" open (it used to complete on the command
// starting); writing the file completes it.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { pollUntil } from '../../pollUntil';
import { startSandbox } from '../../sandbox';
import type { UiScenario } from './context';
import {
  addTenantFromPalette,
  answerStep,
  QUICK_INPUT,
  runCommandFromPalette,
  typeInstead,
  waitForRows,
} from './helpers';

const WALKTHROUGH = 'Federate two Auth0 tenants';

/** The walkthrough's step button whose title is `title`, and whether it shows as done. */
async function stepDone(page: Page, title: string): Promise<boolean> {
  const step = page.locator('.getting-started-step', { hasText: title }).first();
  await step.waitFor({ state: 'attached', timeout: 20_000 });
  // The button's aria-checked, as rendered, and as updated when a step completes later.
  return (await step.getAttribute('aria-checked')) === 'true';
}

async function waitForStep(page: Page, title: string, done: boolean): Promise<void> {
  await pollUntil(
    `step "${title}" to show ${done ? 'done' : 'open'}`,
    async () => (await stepDone(page, title)) === done,
    {
      timeoutMs: 20_000,
      intervalMs: 200,
    },
  );
}

const scenario: UiScenario = async ({ page, screenshot }) => {
  const sandbox = await startSandbox({ testShortcuts: false });
  try {
    for (const [tenant, name] of [
      [sandbox.provider, 'Sandbox Provider'],
      [sandbox.rp, 'Sandbox RP'],
    ] as const) {
      await addTenantFromPalette(page, {
        baseUrl: tenant.baseUrl,
        label: name,
        clientId: tenant.m2m.clientId,
        clientSecret: tenant.m2m.clientSecret,
      });
    }
    // New Connection File, started and cancelled.
    await runCommandFromPalette(page, 'Auth0 OIDC: New Connection File');
    await page.locator(`${QUICK_INPUT} .quick-input-title`).first().waitFor({ state: 'visible', timeout: 15_000 });
    await page.keyboard.press('Escape');
    await page.locator(`${QUICK_INPUT}`).waitFor({ state: 'hidden', timeout: 10_000 });

    // Only now is the walkthrough opened.
    await runCommandFromPalette(page, 'Welcome: Open Walkthrough...');
    await waitForRows(page, (rows) => rows.some((r) => r.includes(WALKTHROUGH)));
    await page.locator(`${QUICK_INPUT} .quick-input-box input`).pressSequentially(WALKTHROUGH);
    await waitForRows(page, (rows) => rows.length >= 1 && rows[0]!.includes(WALKTHROUGH));
    await page.keyboard.press('Enter');
    await waitForStep(page, 'Add the Relying Party and provider tenants', true);
    assert.equal(await stepDone(page, 'Write the connection file'), false, 'a cancelled wizard completes nothing');
    await screenshot('1-walkthrough-tenants-done');

    // The file written: step 2 completes.
    // The walkthrough page keeps focus on VS Code 1.117: run the command from the Explorer's side.
    await runCommandFromPalette(page, 'View: Show Explorer');
    await runCommandFromPalette(page, 'Auth0 OIDC: New Connection File');
    await answerStep(page, '(1/6)', 'partner');
    // The tenants configured above make steps 2 and 6 pickers; typed entry is what this step needs.
    await typeInstead(page, 2, 'Type a domain', false);
    await answerStep(page, '(2/6)', 'partner.eu.auth0.com');
    await answerStep(page, '(3/6)', 'aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY');
    await answerStep(page, '(4/6)', 'typed-secret');
    await answerStep(page, '(5/6)', '');
    await typeInstead(page, 6, 'Type client IDs', true);
    await answerStep(page, '(6/6)', sandbox.rp.app('RP Web App').clientId);
    await page.locator('.tabs-container .tab', { hasText: 'auth0-oidc-connection.json' }).waitFor({ timeout: 20_000 });
    // Back to the walkthrough the way a person reopens it (its tab is titled differently across versions).
    await runCommandFromPalette(page, 'Welcome: Open Walkthrough...');
    await waitForRows(page, (rows) => rows.some((r) => r.includes(WALKTHROUGH)));
    await page.locator(`${QUICK_INPUT} .quick-input-box input`).pressSequentially(WALKTHROUGH);
    await waitForRows(page, (rows) => rows.length >= 1 && rows[0]!.includes(WALKTHROUGH));
    await page.keyboard.press('Enter');
    await waitForStep(page, 'Write the connection file', true);
    await screenshot('2-walkthrough-file-written');
  } finally {
    await sandbox.close();
  }
};

export default scenario;
