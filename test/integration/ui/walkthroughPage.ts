// The walkthrough "Federate two Auth0 tenants" as a person sees it: opened from the palette, its
// steps read and clicked on the page. Step ids are package.json's (contributes.walkthroughs).
import type { Locator, Page } from 'playwright-core';
import { pollUntil } from '../../pollUntil';
import { QUICK_INPUT, runCommandFromPalette, waitForRows } from './helpers';
import { scaled } from '../../slowness';

export const WALKTHROUGH = 'Federate two Auth0 tenants';
export const STEPS = ['tenants', 'connectionFile', 'providerCheck', 'deploy', 'testLogin', 'moveToOidc'] as const;
export type Step = (typeof STEPS)[number];

export const stepLocator = (page: Page, step: Step): Locator =>
  page.locator(`.getting-started-step[data-step-id$="#auth0Oidc.gettingStarted#${step}"]`);

/** The steps the walkthrough page shows as done, as its step buttons render them. */
export async function doneSteps(page: Page): Promise<Step[]> {
  const done: Step[] = [];
  for (const step of STEPS)
    if ((await stepLocator(page, step).getAttribute('aria-checked')) === 'true') done.push(step);
  return done;
}

/** Waits until the walkthrough shows exactly `steps` done (the others open). */
export async function expectDone(page: Page, steps: readonly Step[]): Promise<void> {
  let shown: Step[] = [];
  await pollUntil(
    `the walkthrough to show ${JSON.stringify(steps)} done`,
    async () => {
      shown = await doneSteps(page);
      return shown.length === steps.length && steps.every((s) => shown.includes(s));
    },
    { timeoutMs: 20_000, intervalMs: 200 },
  ).catch(() => {
    throw new Error(`the walkthrough shows ${JSON.stringify(shown)} done, expected ${JSON.stringify(steps)}`);
  });
}

/** Opens the walkthrough as a person finds it: the palette's "Welcome: Open Walkthrough...". */
export async function openWalkthrough(page: Page): Promise<void> {
  await runCommandFromPalette(page, 'Welcome: Open Walkthrough...');
  await waitForRows(page, (rows) => rows.some((r) => r.includes(WALKTHROUGH)));
  await page.locator(`${QUICK_INPUT} .quick-input-box input`).pressSequentially(WALKTHROUGH);
  await waitForRows(page, (rows) => rows.length >= 1 && rows[0]!.includes(WALKTHROUGH));
  await page.keyboard.press('Enter');
  await stepLocator(page, 'tenants').waitFor({ state: 'visible', timeout: scaled(20_000) });
}

/**
 * Back to the walkthrough's tab (titled "Walkthrough: …" on VS Code 1.100, "Welcome" on 1.117),
 * unless it is still in front (1.117 keeps it there while a command runs; clicking its tab again
 * there turns the page to VS Code's own walkthrough).
 */
export async function backToWalkthrough(page: Page): Promise<void> {
  if (await stepLocator(page, 'tenants').isVisible()) return;
  const tab = page.locator('.tabs-container .tab', { hasText: /^(Walkthrough: Auth0 OIDC Connections|Welcome)$/ });
  await tab.first().click();
  await stepLocator(page, 'tenants').waitFor({ state: 'visible', timeout: scaled(20_000) });
}

/** Selects the step (it expands) and clicks its button. */
export async function clickStepButton(page: Page, step: Step, button: string): Promise<void> {
  const item = stepLocator(page, step);
  if ((await item.getAttribute('aria-expanded')) !== 'true') {
    await item.locator('.step-title').click();
    await pollUntil(`step ${step} to expand`, async () => (await item.getAttribute('aria-expanded')) === 'true', {
      timeoutMs: 10_000,
      intervalMs: 100,
    });
  }
  await item.locator('a.monaco-button', { hasText: button }).click();
}
