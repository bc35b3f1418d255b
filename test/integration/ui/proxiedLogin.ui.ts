// The demo's login, as under `npm start`: a person opens the authorize link with "Open in Browser"
// in code-server, which relays the loopback link through its /proxy/PORT/ path, types the
// provider user's email and password on the provider's login form, and must end at the
// application's redirect URI with a code, not on code-server's "Not found." (the RP used to build
// its resume URL from code-server's host). Nothing listens on the redirect URI: the scenario
// observes the browser's request to it (never intercepts or answers it).
import * as assert from 'node:assert/strict';
import type { Page, Request } from 'playwright-core';
import { createFederatedConnection, startSandbox } from '../../sandbox';
import type { UiScenario } from './context';
import { addTenantFromPalette, loginViewFrame, QUICK_INPUT, runOnConnection, waitForRows } from './helpers';
import { pollUntil } from '../../pollUntil';
import { scaled } from '../../slowness';

const REDIRECT_URI = 'http://127.0.0.1:53682/callback';

async function pageText(tab: Page): Promise<string> {
  return (
    await tab
      .locator('body')
      .innerText()
      .catch(() => '')
  ).slice(0, 300);
}

const scenario: UiScenario = async ({ page, screenshot, log }) => {
  // As `npm run sandbox` starts it for `npm start` (test shortcuts on, none used here).
  const sandbox = await startSandbox();
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

    await runOnConnection(page, 'Auth0 OIDC: Open Authorize Link', sandbox.rp.baseUrl, 'partner');
    await waitForRows(page, (rows) => rows.some((r) => r.includes(REDIRECT_URI)), 30_000);
    await page.locator(`${QUICK_INPUT} .quick-input-box input`).pressSequentially('53682');
    await waitForRows(page, (rows) => rows.length === 1 && rows[0]!.includes('53682'));
    await page.keyboard.press('Enter');
    const frame = await loginViewFrame(page, /Authorize link: partner/, 30_000);

    page.context().on('request', observe);
    const newTab = page.context().waitForEvent('page', { timeout: scaled(20_000) });
    await frame.getByRole('button', { name: 'Open in Browser' }).click();
    const tab = await newTab;
    // The link went through code-server's port forwarding, as under `npm start`.
    assert.ok(
      seen.some((u) => new URL(u).pathname === `/proxy/${rpPort}/authorize`),
      `the link was opened through code-server's /proxy/${rpPort}/: ${JSON.stringify(seen)}`,
    );

    const alice = sandbox.provider.users.find((u) => u.email === 'alice@provider.test')!;
    const email = tab.locator('#email');
    try {
      await email.waitFor({ timeout: scaled(20_000) });
    } catch (error) {
      throw new Error(`no provider login form: ${tab.url()} ${await pageText(tab)}`, { cause: error });
    }
    await email.click();
    await tab.keyboard.type(alice.email);
    await tab.keyboard.press('Tab');
    await tab.keyboard.type(alice.password);
    await screenshot('1-provider-login-typed', tab);
    await tab.keyboard.press('Enter');

    // The browser goes back through the RP to the application's redirect URI with a code.
    const ended = await pollUntil(
      `the browser to reach ${REDIRECT_URI} with a code`,
      async () => {
        const callback = seen.map((u) => new URL(u)).find((u) => u.href.startsWith(`${REDIRECT_URI}?`));
        if (callback) return { callback };
        const body = await pageText(tab);
        return /Not found/i.test(body) && { stuck: `"${body}" at ${tab.url()}` };
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    ).catch(async (error: unknown) => {
      await screenshot('2-where-it-ended', tab);
      throw new Error(`${error instanceof Error ? error.message : String(error)}; tab at ${tab.url()}`, {
        cause: error,
      });
    });
    if (!ended.callback) {
      await screenshot('2-where-it-ended', tab);
      throw new Error(`the login ended on ${ended.stuck}; requests: ${JSON.stringify(seen)}`);
    }
    const callback = ended.callback;
    log(`the login ended at ${callback.origin}${callback.pathname}`);
    assert.ok(callback.searchParams.get('code'), `a code reached the application: ${callback.href}`);
    assert.equal(callback.searchParams.get('error'), null, `no error: ${callback.href}`);
    assert.equal(sandbox.rp.federatedUsers.size, 1, 'the RP logged the provider user in');
    await tab.close();
  } finally {
    page.context().off('request', observe);
    await sandbox.close();
  }
};

export default scenario;
