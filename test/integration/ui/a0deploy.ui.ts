// A person keeps the RP tenant's configuration in an auth0-deploy-cli repository (YAML format):
// opens tenant.yaml, sees the problem of the partner entry in the Problems panel on its line,
// fixes it with the quick fix by keyboard, deploys the entry from its CodeLens (typing the secret
// a0deploy would take from its mappings into the password box once), and runs Test Login from
// the entry's CodeLens.
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pollUntil } from '../../pollUntil';
import { startSandbox } from '../../sandbox';
import type { UiScenario } from './context';
import {
  QUICK_INPUT,
  addTenantFromPalette,
  loginViewFrame,
  openFileByQuickOpen,
  quickInputBox,
  removeTenantFromPalette,
} from './helpers';
import { scaled } from '../../slowness';

const scenario: UiScenario = async ({ page, workspaceDir, repoRoot, screenshot, log }) => {
  const sandbox = await startSandbox({ testShortcuts: false });
  try {
    // The fixture repository, its partner entry without "openid" in the scope, and the
    // config.json a0deploy reads: the tenant it deploys to and the sandbox's loopback domains.
    const fixture = readFileSync(
      path.join(repoRoot, 'test', 'integration', 'fixtures', 'a0deploy-yaml', 'tenant.yaml'),
      'utf8',
    );
    const broken = fixture.replace("scope: 'openid profile email'", "scope: 'profile email'");
    assert.notEqual(broken, fixture);
    const tenantYaml = path.join(workspaceDir, 'tenant.yaml');
    writeFileSync(tenantYaml, broken);
    writeFileSync(
      path.join(workspaceDir, 'config.json'),
      JSON.stringify(
        {
          AUTH0_DOMAIN: sandbox.rp.domain,
          AUTH0_KEYWORD_REPLACE_MAPPINGS: {
            PROVIDER_DOMAIN: sandbox.provider.domain,
            PARTNER_CLIENT_ID: sandbox.provider.app('Provider App for RP').clientId,
          },
        },
        undefined,
        2,
      ),
    );
    const lines = broken.split('\n');
    const scopeLine = lines.findIndex((l) => l.includes("scope: 'profile email'")) + 1;
    const scopeColumn = lines[scopeLine - 1]!.indexOf("'") + 1;

    await addTenantFromPalette(page, {
      baseUrl: sandbox.rp.baseUrl,
      label: 'Sandbox RP (a0deploy)',
      clientId: sandbox.rp.m2m.clientId,
      clientSecret: sandbox.rp.m2m.clientSecret,
    });
    await openFileByQuickOpen(page, 'tenant.yaml');

    // The Problems panel lists the missing openid on the scope's line.
    await page.keyboard.press('Control+Shift+M');
    const problems = page.locator('.markers-panel .monaco-list-row');
    let rows: string[] = [];
    await pollUntil(
      `the Problems panel to list scope-missing-openid at line ${scopeLine}`,
      async () => {
        rows = await problems.evaluateAll((r) => r.map((x) => x.textContent ?? ''));
        return rows.some(
          (t) => t.includes('scope-missing-openid') && t.includes(`Ln ${scopeLine}, Col ${scopeColumn}`),
        );
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    ).catch(() => {
      throw new Error(`Problems did not list scope-missing-openid at line ${scopeLine}: ${JSON.stringify(rows)}`);
    });
    // The entries' lenses, then the picture the README shows.
    const lens = page.locator('.monaco-editor .codelens-decoration a', { hasText: 'Test Login' }).first();
    await lens.waitFor({ timeout: scaled(15_000) });
    log(`Problems: ${rows.length} rows; screenshot ${await screenshot('readme-a0deploy')}`);

    // To the value by keyboard (Go to Line "line:column"), then the quick fix (Ctrl+.).
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+G');
    await page.locator(`${QUICK_INPUT} .quick-input-box input`).waitFor({ state: 'visible', timeout: scaled(10_000) });
    await page.keyboard.type(`${scopeLine}:${scopeColumn + 1}`);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+.');
    const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'Add "openid" to the scope' });
    await fix.waitFor({ timeout: scaled(15_000) });
    await screenshot('2-quick-fix');
    // The only fix at that place is ours, highlighted first.
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+S');
    await pollUntil(
      'tenant.yaml to be saved with openid in the scope',
      () => readFileSync(tenantYaml, 'utf8').includes("scope: 'openid profile email'"),
      { timeoutMs: 15_000, intervalMs: 200 },
    );
    await pollUntil(
      'the Problems panel to drop scope-missing-openid',
      async () => {
        rows = await problems.evaluateAll((r) => r.map((x) => x.textContent ?? ''));
        return !rows.some((t) => t.includes('scope-missing-openid'));
      },
      { timeoutMs: 15_000, intervalMs: 200 },
    );

    // Deploy from the partner entry's CodeLens (the first entry of the file): nothing is stored
    // for ##PARTNER_CLIENT_SECRET## yet, so the create asks for it in a password box.
    await page.keyboard.press('Control+Home');
    await lens.waitFor({ timeout: scaled(15_000) });
    await screenshot('3-entry-lenses');
    await page.locator('.monaco-editor .codelens-decoration a', { hasText: 'Deploy' }).first().click();
    await quickInputBox(page).waitFor({ state: 'visible', timeout: scaled(30_000) });
    assert.equal(await quickInputBox(page).getAttribute('type'), 'password', 'the secret is typed into a password box');
    await page.keyboard.type(sandbox.provider.app('Provider App for RP').clientSecret);
    await page.keyboard.press('Enter');
    const note = page.locator('.notifications-toasts', { hasText: 'is now what a0deploy reads' }).first();
    await note.waitFor({ timeout: scaled(30_000) });
    const deployed = [...sandbox.rp.state.connections.values()].find((c) => c.name === 'partner');
    assert.deepEqual(deployed?.enabled_clients, [sandbox.rp.app('RP Web App').clientId], 'the name became its id');
    log(`Deployed from the entry: ${await screenshot('4-deployed')}`);

    // Test Login from the partner entry's CodeLens; the connection's only enabled app is taken.
    const newTab = page.context().waitForEvent('page', { timeout: scaled(30_000) });
    await lens.click();
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible', timeout: scaled(20_000) });
    assert.match(await dialog.innerText(), /as a callback of RP Web App/);
    await dialog.getByRole('button', { name: 'Add Temporarily' }).click();
    const tab = await newTab;
    await tab.waitForLoadState('domcontentloaded');
    const alice = sandbox.provider.users.find((u) => u.email === 'alice@provider.test')!;
    await tab.locator('#email').waitFor({ timeout: scaled(20_000) });
    await tab.locator('#email').fill(alice.email);
    await tab.locator('#password').fill(alice.password);
    await tab.locator('button[type=submit]').click();
    await tab.getByText('You may close this window').waitFor({ timeout: scaled(20_000) });
    await tab.close();
    const frame = await loginViewFrame(page, /auth0-oidc\|partner\|auth0\|/, 30_000);
    assert.equal(await frame.locator('#user-id').innerText(), `auth0-oidc|partner|${alice.userId}`);
    log(`Test Login from the entry: ${await screenshot('5-login-view')}`);
    await removeTenantFromPalette(page, 'Sandbox RP (a0deploy)');
  } finally {
    await sandbox.close();
  }
};

export default scenario;
