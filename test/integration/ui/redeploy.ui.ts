// A person deploys a connection file to the sandbox RP tenant (it enables no application, so a modal
// asks first and the person answers Create), changes the file, and deploys again:
// the diff editor shows what the update changes and a modal asks; after Update the diff tab is gone
// (its tenant side is stale once the update is applied) and the tenant has the new value.
import * as assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { pollUntil } from '../../pollUntil';
import { startSandbox } from '../../sandbox';
import type { UiContext, UiScenario } from './context';
import { addTenantFromPalette, QUICK_INPUT, runCommandFromPalette } from './helpers';
import { scaled } from '../../slowness';

const NAME = 'redeploy-scenario';
const LABEL = 'Redeploy Scenario RP';
const DIFF_TAB = '.tabs-container .tab';

/**
 * Runs Deploy Connection from the palette. The scenarios share one VS Code profile, so other
 * tenants may be configured: when the tenant picker shows, ours is picked by its host.
 * Resolves once `next` (what the deploy shows after the picker) is visible.
 */
async function deployFromPalette(page: Page, host: string, next: () => Promise<boolean>): Promise<void> {
  await runCommandFromPalette(page, 'Auth0 OIDC: Deploy Connection');
  const picker = page.locator(`${QUICK_INPUT} .monaco-list-row`, { hasText: host });
  await pollUntil(
    'the tenant picker or what the deploy shows next',
    async () => {
      if (await next()) return true;
      if (await picker.first().isVisible()) {
        await page.locator(`${QUICK_INPUT} .quick-input-box input`).pressSequentially(host);
        await page.locator(`${QUICK_INPUT} .monaco-list-row`).first().waitFor({ state: 'visible' });
        await page.keyboard.press('Enter');
        await picker.first().waitFor({ state: 'hidden', timeout: scaled(10_000) });
      }
      return false;
    },
    { timeoutMs: 45_000, intervalMs: 100 },
  );
}

const scenario: UiScenario = async ({ page, screenshot, log, workspaceDir }: UiContext) => {
  const sandbox = await startSandbox();
  try {
    const rp = sandbox.rp;
    const host = new URL(rp.baseUrl).host;
    await addTenantFromPalette(page, {
      baseUrl: rp.baseUrl,
      label: LABEL,
      clientId: rp.m2m.clientId,
      clientSecret: rp.m2m.clientSecret,
    });
    log('tenant added and checked');

    // The person writes the connection file (a literal secret is allowed, with a warning).
    const providerApp = sandbox.provider.app('Provider App for RP');
    const file = path.join(workspaceDir, 'auth0-oidc-connection.json');
    const body = (scope: string): string =>
      JSON.stringify(
        {
          name: NAME,
          strategy: 'auth0-oidc',
          options: {
            client_id: providerApp.clientId,
            client_secret: providerApp.clientSecret,
            domain: sandbox.provider.domain,
            scope,
          },
        },
        undefined,
        2,
      ) + '\n';
    await writeFile(file, body('openid profile'));
    const remote = (): { options: Record<string, unknown> } | undefined =>
      [...rp.state.connections.values()].find((c: { name: string }) => c.name === NAME);

    // The file enables no application: Deploy asks before creating a connection nobody can log in through.
    const createAsked = page.locator('.monaco-dialog-box', {
      hasText: new RegExp(`Create ${NAME} on ${LABEL} .*enabled for no application\\?`),
    });
    await deployFromPalette(page, host, () => createAsked.isVisible());
    assert.match(await createAsked.innerText(), /Nobody can log in through it until an application is enabled/);
    log(`create asked; screenshot ${await screenshot('0-create-asked')}`);
    await createAsked.getByRole('button', { name: 'Create' }).click();
    const created = page.locator('.notifications-toasts', { hasText: `Created ${NAME} on ${LABEL}` });
    await created.first().waitFor({ timeout: scaled(30_000) });
    assert.equal(remote()?.options['scope'], 'openid profile', 'the first deploy created the connection');
    log(`created; screenshot ${await screenshot('0-created')}`);

    // The person changes the scope and deploys again: an update, shown as a diff and confirmed.
    await writeFile(file, body('openid profile email'));
    const dialog = page.locator('.monaco-dialog-box', { hasText: `Update ${NAME} on ${LABEL}` });
    await deployFromPalette(page, host, () => dialog.isVisible());
    const diffTab = page.locator(DIFF_TAB, { hasText: '↔ after deploy' });
    await diffTab.first().waitFor({ state: 'visible', timeout: scaled(20_000) });
    assert.match(await dialog.innerText(), /options\.scope/, 'the modal lists the changed option');
    log(`diff and modal shown; screenshot ${await screenshot('1-update-asked')}`);
    await dialog.getByRole('button', { name: 'Update' }).click();

    await page
      .locator('.notifications-toasts', { hasText: `Updated ${NAME} on ${LABEL}` })
      .first()
      .waitFor({ timeout: scaled(30_000) });
    assert.equal(remote()?.options['scope'], 'openid profile email', 'the tenant has the new scope');
    // The diff compared with the tenant as it was: stale after the update, so it is closed.
    await diffTab
      .first()
      .waitFor({ state: 'detached', timeout: scaled(10_000) })
      .catch(async (error: unknown) => {
        log(`diff still open; screenshot ${await screenshot('2-diff-still-open')}`);
        throw new Error(`the deploy diff is still open after Update: ${String(error)}`);
      });
    log(`updated, diff closed; screenshot ${await screenshot('2-updated')}`);
  } finally {
    await sandbox.close();
  }
};

export default scenario;
