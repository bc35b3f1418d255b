// A person adds the sandbox RP tenant, runs "Auth0 OIDC: Open Authorize Link", picks the
// connection and a redirect URI, and clicks "Open in Browser" in the view. The tab VS Code opens
// must reach the RP's /authorize with the link's path and query intact (code-server relays a
// loopback link through /proxy/PORT/; it used to drop both) and land on the provider's login form.
// The browser's requests are only observed, never intercepted or rewritten.
import * as assert from 'node:assert/strict';
import type { Request } from 'playwright-core';
import { createFederatedConnection, startSandbox } from '../../sandbox';
import type { UiScenario } from './context';
import { addTenantFromPalette, loginViewFrame, QUICK_INPUT, runOnConnection, waitForRows } from './helpers';
import { scaled } from '../../slowness';

const scenario: UiScenario = async ({ page, screenshot, log }) => {
  const sandbox = await startSandbox({ testShortcuts: false });
  const seen: string[] = [];
  const observe = (request: Request): void => {
    seen.push(request.url());
  };
  try {
    await createFederatedConnection(sandbox, 'partner');
    await addTenantFromPalette(page, {
      baseUrl: sandbox.rp.baseUrl,
      label: 'Sandbox RP',
      clientId: sandbox.rp.m2m.clientId,
      clientSecret: sandbox.rp.m2m.clientSecret,
    });
    const rpPort = new URL(sandbox.rp.baseUrl).port;

    // The connection; its one enabled application is taken.
    await runOnConnection(page, 'Auth0 OIDC: Open Authorize Link', sandbox.rp.baseUrl, 'partner');
    // The redirect URI, among the application's callbacks: the first (a loopback one).
    await waitForRows(page, (rows) => rows.some((r) => r.includes('http://127.0.0.1:53682/callback')), 30_000);
    await page.locator(`${QUICK_INPUT} .quick-input-box input`).pressSequentially('53682');
    await waitForRows(page, (rows) => rows.length === 1 && rows[0]!.includes('53682'));
    await page.keyboard.press('Enter');

    const frame = await loginViewFrame(page, /Authorize link: partner/, 30_000);
    const link = new URL((await frame.locator('pre.link').innerText()).trim());
    assert.equal(link.origin, sandbox.rp.baseUrl, 'the link goes to the RP tenant');
    assert.equal(link.pathname, '/authorize');
    assert.equal(link.searchParams.get('connection'), 'partner');
    await screenshot('1-authorize-link-view');

    page.context().on('request', observe);
    const newTab = page.context().waitForEvent('page', { timeout: scaled(20_000) });
    await frame.getByRole('button', { name: 'Open in Browser' }).click();
    const tab = await newTab;
    try {
      await tab.locator('#email').waitFor({ timeout: scaled(20_000) });
    } catch (error) {
      throw new Error(
        `the tab did not show the provider's login form: ${tab.url()} ${(
          await tab
            .locator('body')
            .innerText()
            .catch(() => '')
        ).slice(0, 300)}; requests: ${JSON.stringify(seen)}`,
        { cause: error },
      );
    }
    assert.ok(tab.url().startsWith(sandbox.provider.baseUrl), `the login form is the provider tenant's: ${tab.url()}`);
    // The RP's /authorize was reached with exactly the link's query, directly or through
    // code-server's port forwarding (/proxy/PORT/authorize).
    const authorizeRequests = seen
      .map((u) => new URL(u))
      .filter((u) => u.pathname === '/authorize' || u.pathname === `/proxy/${rpPort}/authorize`)
      .filter((u) => u.port === rpPort || u.pathname.startsWith('/proxy/'));
    log(`requests to the RP's /authorize: ${authorizeRequests.map((u) => u.href).join(' ')}`);
    assert.ok(authorizeRequests.length > 0, `the RP's /authorize was requested: ${JSON.stringify(seen)}`);
    assert.deepEqual(
      [...authorizeRequests[0]!.searchParams].sort(),
      [...link.searchParams].sort(),
      'the query arrived intact',
    );
    await screenshot('2-provider-login-form');
    await screenshot('2-provider-login-form-tab', tab);
    await tab.close();
  } finally {
    page.context().off('request', observe);
    await sandbox.close();
  }
};

export default scenario;
