// A person adds the sandbox RP tenant by keyboard, opens the Auth0 OIDC view, expands the tenant
// and sees its connections, then expands one and sees its options with the secret masked.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { startSandbox } from '../../sandbox';
import type { UiContext, UiScenario } from './context';
import { addTenantFromPalette, runCommandFromPalette } from './helpers';
import { scaled } from '../../slowness';

/** Clicks a tree row until it shows expanded: a refresh right after the click can re-render it collapsed. */
async function expand(page: Page, label: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + scaled(timeoutMs);
  const isExpanded = (l: string): boolean =>
    [...document.querySelectorAll('.monaco-list-row')].some(
      (r) => r.textContent?.includes(l) === true && r.getAttribute('aria-expanded') === 'true',
    );
  for (;;) {
    const row = page.locator('.monaco-list-row', { hasText: label }).first();
    await row.waitFor({ state: 'visible', timeout: Math.max(1, deadline - Date.now()) });
    if (!(await page.evaluate(isExpanded, label))) await row.click();
    try {
      await page.waitForFunction(isExpanded, label, { timeout: scaled(3000) });
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
  }
}

// Its subject is the Tenants view: on the shared profile the other scenarios' tenants push its rows
// out of the pane, so it runs in a code-server of its own.
export const freshProfile = true;
const scenario: UiScenario = async ({ page, screenshot, log }: UiContext) => {
  const sandbox = await startSandbox();
  try {
    sandbox.rp.seedConnections(3);
    const rp = sandbox.rp;
    // The extension checks the credentials before it is done: a person sees it succeed.
    await addTenantFromPalette(page, {
      baseUrl: rp.baseUrl,
      label: 'Tree Scenario RP',
      clientId: rp.m2m.clientId,
      clientSecret: rp.m2m.clientSecret,
    });
    log(`tenant added and checked; screenshot ${await screenshot('0-tenant-added')}`);

    await runCommandFromPalette(page, 'Auth0 OIDC: Focus on Tenants View');
    await expand(page, new URL(rp.baseUrl).host); // the row shows the host: unique per run
    await page.locator('.monaco-list-row', { hasText: 'seed-auth0-oidc-3' }).waitFor({ timeout: scaled(20_000) });
    log(`tenant expanded; screenshot ${await screenshot('1-tenant-connections')}`);
    await expand(page, 'seed-auth0-oidc-1');
    await page
      .locator('.monaco-list-row', { hasText: 'client_secret' })
      .first()
      .waitFor({ timeout: scaled(20_000) });
    const rows = await page.locator('.monaco-list-row').evaluateAll((all) => all.map((r) => r.textContent ?? ''));
    log(`connection expanded; screenshot ${await screenshot('2-connection-options')}`);
    const secretRow = rows.find((r) => r.includes('client_secret')) ?? '';
    assert.match(secretRow, /••••/, 'the secret is masked');
    assert.ok(!rows.some((r) => r.includes('seed-secret')), 'the secret is not shown anywhere');
    assert.ok(
      rows.some((r) => r.includes('provider.example.invalid')),
      'the options are listed',
    );

    // Copy ID from the connection's context menu says what it copied (issue 13: no feedback before).
    await page.locator('.monaco-list-row', { hasText: 'seed-auth0-oidc-1' }).first().click({ button: 'right' });
    // Down to "Copy ID" with the keyboard, as the menu's own focus moves, then Enter.
    await page.locator('.context-view .action-label', { hasText: 'Copy ID' }).waitFor();
    const focusedLabel = (): Promise<string> =>
      page.evaluate(() => document.querySelector('.context-view .action-item.focused')?.textContent ?? '');
    for (let i = 0; i < 15 && !(await focusedLabel()).includes('Copy ID'); i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const copied = page.locator('.notifications-toasts', { hasText: /Copied con_\S+ to the clipboard/ });
    await copied.waitFor({ timeout: scaled(10_000) });
    // The message alone: the toast's textContent also holds the list's <style> rules.
    log(`Copy ID confirmed: ${await copied.locator('.notification-list-item-message').first().innerText()}`);
  } finally {
    await sandbox.close();
  }
};

export default scenario;
