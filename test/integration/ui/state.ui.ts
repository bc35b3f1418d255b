// Issue 21 items 4 and 6, as a person meets them, keys and clicks only:
// 1. The RP tenant stops answering in the middle of an update: the progress says so ("no answer
//    for 30 s, attempt 2 of 3") instead of "Updating …" unchanged, and Cancel ends it at once.
// 2. Delete Connection from the Tenants view: the file's status bar item and its row in the
//    Connection Files view stop saying "differs"/"in sync" and say "not on TENANT (deleted?)".
// 3. Deployed again (after a Retry on the final error of a tenant that failed with 503s), then
//    deleted on the tenant behind the extension's back (a second admin,
//    through the sandbox's own Management API with a token): showing the view again makes the
//    extension ask the tenant, and the file says "not on TENANT (deleted?)".
// No browser request is intercepted: the hang is the sandbox's own fault ('stop-answering').
import * as assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { fetch } from 'undici';
import { pollUntil } from '../../pollUntil';
import { startSandbox } from '../../sandbox';
import { scaled } from '../../slowness';
import type { UiContext, UiScenario } from './context';
import { addTenantFromPalette, openFileByQuickOpen, QUICK_INPUT, runCommandFromPalette, viewRows } from './helpers';

// The other scenarios' tenants would crowd its views on the shared profile: a profile of its own.
export const freshProfile = true;
/** The hang costs one whole request timeout (30 s) before "attempt 2 of 3" can show. */
export const budgetSeconds = 240;

const NAME = 'state-scenario';
const LABEL = 'State Scenario RP';
const FILE = `${NAME}.auth0-oidc.json`;
const STATUS = '.part.statusbar .statusbar-item';
/** Rows of the side bar's trees (notification toasts are list rows too). */
const SIDEBAR_ROW = '.part.sidebar .monaco-list-row';
/** The tenant's display name carries its host: "not on State Scenario RP (127.0.0.1:PORT) (deleted?)". */
const NOT_ON = new RegExp(`not on ${LABEL}.*\\(deleted\\?\\)`);

/**
 * Runs Deploy Connection from the palette on the open file. The scenarios share one profile, so
 * other tenants may be configured: when the tenant picker shows, ours is picked by its host.
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

/** Clicks a tree row until it shows expanded: a refresh right after the click can re-render it collapsed. */
/** Expands the Tenants view's row that shows `label` (its own rows only, not another view's). */
async function expand(page: Page, label: string): Promise<void> {
  await pollUntil(
    `the Tenants view's row ${label} to expand`,
    async () => {
      const row = viewRows(page, 'Tenants').filter({ hasText: label }).first();
      if (!(await row.isVisible())) return false;
      if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
      return (await row.getAttribute('aria-expanded')) === 'true';
    },
    { timeoutMs: 30_000, intervalMs: 500 },
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

    const providerApp = sandbox.provider.app('Provider App for RP');
    const file = path.join(workspaceDir, FILE);
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
          // An application to enable: a create without one asks first (issue 21.2).
          enabled_clients: [rp.app('RP Web App').clientId],
        },
        undefined,
        2,
      ) + '\n';
    const remote = (): { id: string; options: Record<string, unknown> } | undefined =>
      [...rp.state.connections.values()].find((c: { name: string }) => c.name === NAME);
    await writeFile(file, body('openid profile'));
    await openFileByQuickOpen(page, FILE);

    const created = page.locator('.notifications-toasts', { hasText: `Created ${NAME} on ${LABEL}` });
    await deployFromPalette(page, host, () => created.first().isVisible());
    const inSync = page.locator(STATUS, { hasText: `in sync · ${LABEL}` });
    await inSync.waitFor({ timeout: scaled(30_000) });
    log(`created, in sync; screenshot ${await screenshot('0-in-sync')}`);

    // 1. The tenant stops answering the update. The progress tells what happens, Cancel ends it.
    await writeFile(file, body('openid profile email'));
    await page.locator(STATUS, { hasText: `differs · ${LABEL}` }).waitFor({ timeout: scaled(30_000) });
    const dialog = page.locator('.monaco-dialog-box', { hasText: `Update ${NAME} on ${LABEL}` });
    await deployFromPalette(page, host, () => dialog.isVisible());
    const hang = rp.faults.inject({
      kind: 'stop-answering',
      method: 'PATCH',
      path: '/api/v2/connections',
      times: Infinity,
    });
    await dialog.getByRole('button', { name: 'Update' }).click();
    const progress = page.locator('.notifications-toasts .notification-toast', { hasText: `Deploying ${NAME}` });
    await progress.first().waitFor({ timeout: scaled(15_000) });
    log(`update sent, the tenant does not answer; screenshot ${await screenshot('1-updating')}`);
    // One whole request timeout (30 s) passes before the first retry.
    await progress
      .filter({ hasText: /no answer for 30 s, attempt 2 of 3/ })
      .first()
      .waitFor({ timeout: scaled(60_000) });
    log(`progress: ${(await progress.first().innerText()).replace(/\s+/g, ' ')}`);
    log(`retry shown; screenshot ${await screenshot('2-attempt-2-of-3')}`);
    assert.ok(hang.hits >= 1, 'the PATCH reached the tenant');
    const cancelledAt = Date.now();
    await progress.first().getByRole('button', { name: 'Cancel' }).click();
    await progress.first().waitFor({ state: 'hidden', timeout: scaled(5_000) });
    log(`Cancel ended the deploy in ${Date.now() - cancelledAt} ms`);
    assert.equal(
      await page.locator('.notifications-toasts', { hasText: 'did not answer' }).count(),
      0,
      'a cancelled deploy shows no error',
    );
    assert.equal(remote()?.options['scope'], 'openid profile', 'nothing was applied');
    rp.faults.clear();
    // The diff the update showed is still open (nothing was applied); back to the file.
    await openFileByQuickOpen(page, FILE);
    await page.locator(STATUS, { hasText: `differs · ${LABEL}` }).waitFor({ timeout: scaled(30_000) });

    // 2. Delete Connection from the Tenants view: the file's state follows at once.
    await runCommandFromPalette(page, 'Auth0 OIDC: Focus on Tenants View');
    await expand(page, host);
    // The tenant's connection, not a row of the Connection Files view below it.
    const connectionRow = viewRows(page, 'Tenants').filter({ hasText: NAME }).first();
    await connectionRow.waitFor({ timeout: scaled(20_000) });
    await connectionRow.click({ button: 'right' });
    await page.locator('.context-view .action-label', { hasText: 'Delete Connection' }).waitFor();
    const focusedLabel = (): Promise<string> =>
      page.evaluate(() => document.querySelector('.context-view .action-item.focused')?.textContent ?? '');
    for (let i = 0; i < 20 && !(await focusedLabel()).includes('Delete Connection'); i++) {
      await page.keyboard.press('ArrowDown');
    }
    await page.keyboard.press('Enter');
    const confirm = page.locator('.monaco-dialog-box', { hasText: `Delete the connection ${NAME}` });
    await confirm.waitFor({ timeout: scaled(15_000) });
    await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
    await page
      .locator('.notifications-toasts', { hasText: `Deleted ${NAME} from ${LABEL}` })
      .first()
      .waitFor({ timeout: scaled(30_000) });
    assert.equal(remote(), undefined, 'deleted on the tenant');
    const notOn = page.locator(STATUS, { hasText: NOT_ON });
    await notOn.waitFor({ timeout: scaled(20_000) });
    await page
      .locator(SIDEBAR_ROW, { hasText: FILE })
      .filter({ hasText: NOT_ON })
      .first()
      .waitFor({ timeout: scaled(20_000) });
    log(`deleted from the tree, the file says so; screenshot ${await screenshot('3-deleted-from-tree')}`);

    // 3. Deployed again, then deleted by someone else: seen when the person looks again. The
    // tenant first fails the comparison with 503s until the client's retries are spent: the error
    // offers Retry, which (the tenant well again) runs the same deploy on, with no new question.
    await openFileByQuickOpen(page, FILE);
    rp.faults.inject({
      kind: 'server-error',
      status: 503,
      method: 'GET',
      path: '/api/v2/connections',
      times: Infinity,
    });
    const failed = page.locator('.notifications-toasts .notification-toast', { hasText: 'server error (503)' });
    await deployFromPalette(page, host, () => failed.first().isVisible());
    log(`the tenant failed, Retry offered; screenshot ${await screenshot('4-retry-offered')}`);
    rp.faults.clear();
    await failed.first().getByRole('button', { name: 'Retry' }).click();
    await inSync.waitFor({ timeout: scaled(30_000) });
    const id = remote()?.id;
    assert.ok(id, 'created again');
    const token = await rp.issueManagementToken();
    const deleted = await fetch(`${rp.baseUrl}/api/v2/connections/${encodeURIComponent(id)}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(deleted.status, 202, 'the second admin deleted it (Auth0 answers 202)');
    log('deleted on the tenant behind the extension; the person switches to the Explorer and back');
    // The person goes elsewhere and comes back to the Auth0 OIDC views, until the state catches up
    // (an answer younger than a few seconds is not asked for again).
    await pollUntil(
      'the file to say "not on" after the view is shown again',
      async () => {
        await runCommandFromPalette(page, 'View: Show Explorer');
        await runCommandFromPalette(page, 'Auth0 OIDC: Focus on Connection Files View');
        return notOn.isVisible();
      },
      { timeoutMs: 40_000, intervalMs: 1_000 },
    );
    log(`the file says "not on" again; screenshot ${await screenshot('5-deleted-elsewhere')}`);
  } finally {
    await sandbox.close();
  }
};

export default scenario;
