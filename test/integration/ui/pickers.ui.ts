// A person with both sandbox tenants configured runs "Auth0 OIDC: New Connection File" and picks
// instead of typing: the provider tenant, its application (Regular Web Apps first, with type and
// callbacks), the client secret read from the tenant, and the RP applications (Space to toggle).
// Then, with the provider tenant slow to answer, the application step offers "could not load,
// type instead" within 3 s, and typed entry finishes the file. Keyboard only; no request of the
// browser is intercepted (the sandbox's own fault injection makes the tenant slow). With a second
// RP tenant added, Copy Deploy as curl and Deploy ask for the RP and never offer the provider, for
// the auth0-oidc file and for the oidc file Move to OIDC writes (its source's tenant first).
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { startSandbox, type SandboxTenant } from '../../sandbox';
import { ALL_MANAGEMENT_SCOPES } from '../../sandbox/seed';
import type { UiScenario } from './context';
import {
  addTenantFromPalette,
  chooseTenantScope,
  QUICK_INPUT,
  quickInputRows,
  runCommandFromPalette,
  waitForRows,
  filterAndPick,
  quickInputBox,
  removeTenantFromPalette,
} from './helpers';
import { pollUntil } from '../../pollUntil';
import { scaled } from '../../slowness';

/** Waits for the quick input titled with `counter` (e.g. "(3/6)"), types `text`, presses Enter. */
async function answer(page: Page, counter: string, text: string): Promise<void> {
  await page
    .locator(`${QUICK_INPUT} .quick-input-title`, { hasText: counter })
    .waitFor({ state: 'visible', timeout: scaled(15_000) });
  if (text.length > 100) {
    // A token is pasted, not typed: typing a thousand characters one key at a time outlasts the
    // step's timeout on a loaded machine.
    await quickInputBox(page).focus();
    await page.keyboard.insertText(text);
  } else if (text) await quickInputBox(page).pressSequentially(text);
  await page.keyboard.press('Enter');
}

async function addTenant(page: Page, tenant: SandboxTenant, label: string): Promise<void> {
  await addTenantFromPalette(page, {
    baseUrl: tenant.baseUrl,
    label,
    clientId: tenant.m2m.clientId,
    clientSecret: tenant.m2m.clientSecret,
  });
}

/**
 * Step 6 lists the RP's applications; when an earlier scenario left another tenant in the shared
 * profile, it first asks which RP tenant: the person types ours and presses Enter.
 */
async function rpApplications(page: Page): Promise<string[]> {
  await page.locator(`${QUICK_INPUT} .quick-input-title`, { hasText: '(6/6)' }).waitFor({ timeout: scaled(15_000) });
  const rows = await waitForRows(page, (r) => r.some((x) => x.includes('RP Web App') || x.includes('Pickers RP')));
  if (!rows.some((x) => x.includes('RP Web App'))) {
    await filterAndPick(page, 'Pickers RP');
  }
  return waitForRows(
    page,
    (r) => r.some((x) => x.includes('RP Web App')) && r.some((x) => x.includes('Type client IDs')),
  );
}

// Scaffold, deploy, a slow tenant, a keyless tenant, then the RP pickers and a move: a long walk.
export const budgetSeconds = 240;

const scenario: UiScenario = async ({ page, workspaceDir, screenshot, log }) => {
  const sandbox = await startSandbox();
  // A second Relying Party, so that the RP pickers have to ask.
  const second = await startSandbox();
  try {
    const { provider, rp } = sandbox;
    await addTenant(page, provider, 'Pickers Provider');
    await addTenant(page, rp, 'Pickers RP');
    const providerApp = provider.app('Provider App for RP');
    const rpWebApp = rp.app('RP Web App');

    await runCommandFromPalette(page, 'Auth0 OIDC: New Connection File');
    await answer(page, '(1/6)', 'picked-partner');
    // Step 2: the configured tenants, and typed entry for any other.
    await page.locator(`${QUICK_INPUT} .quick-input-title`, { hasText: '(2/6)' }).waitFor({ timeout: scaled(15_000) });
    await waitForRows(
      page,
      (rows) => rows.some((r) => r.includes('Pickers Provider')) && rows.some((r) => r.includes('Type a domain')),
    );
    await filterAndPick(page, 'Pickers Provider');
    // Step 3: the provider's applications, Regular Web Applications first, type and callbacks shown.
    await page.locator(`${QUICK_INPUT} .quick-input-title`, { hasText: '(3/6)' }).waitFor({ timeout: scaled(15_000) });
    const apps = await waitForRows(
      page,
      (rows) => rows.some((r) => r.includes('Provider App for RP')) && rows.some((r) => r.includes('Type a client ID')),
    );
    log(`provider applications: ${JSON.stringify(apps)}`);
    assert.match(apps[0]!, /Regular Web Application/, 'a Regular Web Application comes first');
    assert.ok(
      apps.findIndex((r) => r.includes('Machine to Machine')) >
        apps.findIndex((r) => r.includes('Provider App for RP')),
      'machine-to-machine applications come after the web applications',
    );
    assert.match(
      apps.find((r) => r.includes('Provider App for RP'))!,
      /Callbacks: /,
    );
    await screenshot('1-provider-applications');
    await filterAndPick(page, 'for RP', 'Provider App for RP');
    // Step 4: read the secret from the tenant (the first choice), with the person's consent.
    await page.locator(`${QUICK_INPUT} .quick-input-title`, { hasText: '(4/6)' }).waitFor({ timeout: scaled(15_000) });
    await waitForRows(page, (rows) => rows[0]?.includes('Read it from Pickers Provider') === true);
    await page.keyboard.press('Enter');
    await answer(page, '(5/6)', ''); // the preselected scopes
    // Step 6: the RP's applications (machine-to-machine ones left out); Space toggles one.
    const rpApps = await rpApplications(page);
    assert.ok(!rpApps.some((r) => r.includes('Machine to Machine')), JSON.stringify(rpApps));
    await quickInputBox(page).pressSequentially('RP Web App');
    await waitForRows(page, (rows) => rows.length >= 1 && rows[0]!.includes('RP Web App'));
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Space');
    await page
      .locator(`${QUICK_INPUT} .monaco-list-row[aria-checked="true"]`)
      .first()
      .waitFor({ timeout: scaled(10_000) });
    await screenshot('2-rp-application-checked');
    await page.keyboard.press('Enter');

    const file = path.join(workspaceDir, 'auth0-oidc-connection.json');
    await page
      .locator('.tabs-container .tab', { hasText: 'auth0-oidc-connection.json' })
      .waitFor({ timeout: scaled(20_000) });
    assert.ok(existsSync(file));
    const text = readFileSync(file, 'utf8');
    const body = JSON.parse(text);
    assert.equal(body.name, 'picked-partner');
    assert.equal(body.options.domain, new URL(provider.baseUrl).host);
    assert.equal(body.options.client_id, providerApp.clientId);
    assert.equal(body.options.client_secret, '##PICKED_PARTNER_CLIENT_SECRET##');
    assert.deepEqual(body.enabled_clients, [rpWebApp.clientId]);
    assert.ok(!text.includes(providerApp.clientSecret), 'the secret read from the tenant is not in the file');
    // The sandbox logs a request when its response closes, so the log is polled rather than read
    // once. (One run on 1.100 found no such GET right after the file appeared; cause not known.)
    await pollUntil('the secret to be read from the provider tenant (GET /api/v2/clients/ID)', () =>
      provider.requestLog.some((r) => r.method === 'GET' && r.path === `/api/v2/clients/${providerApp.clientId}`),
    );

    // The status bar says the file is not deployed; the CodeLens above the name deploys it. The
    // provider tenant is never a target, so the RP is taken, and the secret read from the provider
    // tenant comes from secret storage into the new connection.
    const status = page.locator('.part.statusbar .statusbar-item', { hasText: 'not deployed' });
    await status.waitFor({ timeout: scaled(20_000) });
    const lens = page.locator('.contentWidgets .codelens-decoration a', { hasText: 'Deploy to …' });
    await lens.waitFor({ timeout: scaled(20_000) });
    // The lens row can show its first command before the others (seen once at load 13).
    await page.locator('.codelens-decoration a', { hasText: 'Check Provider' }).waitFor({ timeout: scaled(20_000) });
    await screenshot('3-codelens-and-status');
    await lens.click();
    // A tenant left by another scenario makes Deploy ask (the provider is never offered): ours.
    const inSync = page.locator('.part.statusbar .statusbar-item', { hasText: /in sync · Pickers RP/ });
    const asked = page.locator(`${QUICK_INPUT} .monaco-list-row`, { hasText: 'Pickers RP' });
    await inSync
      .or(asked)
      .first()
      .waitFor({ timeout: scaled(30_000) });
    if (await asked.isVisible()) {
      const targets = await quickInputRows(page);
      assert.ok(
        !targets.some((r) => r.includes('Pickers Provider')),
        `the provider is offered: ${JSON.stringify(targets)}`,
      );
      await filterAndPick(page, 'Pickers RP');
    }
    await page
      .locator('.part.statusbar .statusbar-item', { hasText: /in sync · Pickers RP/ })
      .waitFor({ timeout: scaled(30_000) });
    await page
      .locator('.codelens-decoration a', { hasText: 'Deploy to Pickers RP' })
      .waitFor({ timeout: scaled(20_000) });
    await screenshot('4-deployed-in-sync');
    const deployed = [...rp.state.connections.values()].find((c) => c.name === 'picked-partner');
    assert.ok(deployed, 'deployed to the RP tenant');
    assert.equal(deployed.options.client_secret, providerApp.clientSecret, 'the secret read from the provider tenant');
    assert.deepEqual(deployed.enabled_clients, [rpWebApp.clientId]);

    // The Relying Party pickers (issue 20/21): with a second RP configured, Copy Deploy as curl and
    // Deploy ask, and never offer the file's provider tenant, for the auth0-oidc file
    // (options.domain) and for the oidc file Move to OIDC writes (its URLs name the provider).
    await page.keyboard.press('Escape');
    await addTenant(page, second.rp, 'Pickers Other RP');
    await page.locator('.tabs-container .tab', { hasText: 'auth0-oidc-connection.json' }).click();
    rp.resetRequestLog();
    provider.resetRequestLog();
    await runCommandFromPalette(page, 'Auth0 OIDC: Copy Deploy as curl');
    const curlTargets = await waitForRows(
      page,
      // Both RPs listed and the palette's rows gone: a list read while it still renders can hold
      // only some of its rows, or the command palette's beside them.
      (rows) =>
        rows.some((r) => r.includes('Pickers Other RP')) &&
        rows.some((r) => /^Pickers RP/.test(r)) &&
        !rows.some((r) => r.startsWith('Auth0 OIDC:')),
    );
    log(`curl targets (auth0-oidc file): ${JSON.stringify(curlTargets)}`);
    assert.ok(!curlTargets.some((r) => r.includes('Pickers Provider')), 'curl offers the provider tenant');
    assert.match(curlTargets[0]!, /Pickers RP.*last deployed here/, 'the last deploy comes first');
    await screenshot('7-curl-targets-without-provider');
    await page.keyboard.press('Enter'); // the first: where the file was last deployed
    await page
      .locator('.notifications-toasts', { hasText: 'Copied the curl commands' })
      .waitFor({ timeout: scaled(20_000) });
    // The commands were prepared against the RP (its connection read by name), not the provider.
    await pollUntil('curl to read the connection from the RP', () =>
      rp.requestLog.some((r) => r.method === 'GET' && r.path === '/api/v2/connections'),
    );
    assert.ok(!provider.requestLog.some((r) => r.path === '/api/v2/connections'), 'curl read the provider');

    await runCommandFromPalette(page, 'Auth0 OIDC: Move to OIDC Enterprise Connection');
    const oidcName = 'picked-partner-oidc.oidc-connection.json';
    const oidcTab = page.locator('.tabs-container .tab', { hasText: oidcName });
    await oidcTab.waitFor({ timeout: scaled(30_000) });
    const moved = JSON.parse(readFileSync(path.join(workspaceDir, oidcName), 'utf8'));
    // Endpoints written from the provider's discovery document, so Auth0 (and the sandbox) accept it.
    assert.equal(moved.options.authorization_endpoint, `${provider.baseUrl}/authorize`);
    assert.equal(moved.options.jwks_uri, `${provider.baseUrl}/.well-known/jwks.json`);
    // The notes on the provider side open last, in front; the person reads them, then goes back.
    await page
      .locator('.tabs-container .tab', { hasText: /Provider side of picked-partner-oidc/ })
      .waitFor({ state: 'visible', timeout: scaled(20_000) });
    await oidcTab.click();
    await page.locator('.tabs-container .tab.active', { hasText: oidcName }).waitFor({ timeout: scaled(10_000) });
    await runCommandFromPalette(page, 'Auth0 OIDC: Deploy Connection');
    const oidcTargets = await waitForRows(
      page,
      // Both RPs listed and the palette's rows gone: a list read while it still renders can hold
      // only some of its rows, or the command palette's beside them.
      (rows) =>
        rows.some((r) => r.includes('Pickers Other RP')) &&
        rows.some((r) => /^Pickers RP/.test(r)) &&
        !rows.some((r) => r.startsWith('Auth0 OIDC:')),
    );
    log(`deploy targets (oidc file): ${JSON.stringify(oidcTargets)}`);
    assert.ok(!oidcTargets.some((r) => r.includes('Pickers Provider')), 'deploy offers the provider tenant');
    assert.match(oidcTargets[0]!, /Pickers RP.*moved from is deployed here/, "the source's tenant comes first");
    await screenshot('8-oidc-deploy-targets-source-first');
    await page.keyboard.press('Enter');
    await pollUntil('the oidc connection on the RP', () =>
      [...rp.state.connections.values()].some((c) => c.name === 'picked-partner-oidc' && c.strategy === 'oidc'),
    );
    assert.ok(![...provider.state.connections.values()].some((c) => c.name === 'picked-partner-oidc'));
    await removeTenantFromPalette(page, 'Pickers Other RP');

    // A slow provider tenant: the application step says so within 3 s and typing takes over.
    await page.keyboard.press('Escape');
    provider.faults.inject({ method: 'GET', path: '/api/v2/clients', kind: 'latency', latencyMs: 20_000 });
    await runCommandFromPalette(page, 'Auth0 OIDC: New Connection File');
    await answer(page, '(1/6)', 'typed-partner');
    await page.locator(`${QUICK_INPUT} .quick-input-title`, { hasText: '(2/6)' }).waitFor({ timeout: scaled(15_000) });
    await filterAndPick(page, 'Pickers Provider');
    await page.locator(`${QUICK_INPUT} .quick-input-title`, { hasText: '(3/6)' }).waitFor({ timeout: scaled(15_000) });
    const shownAt = Date.now();
    await waitForRows(
      page,
      (rows) => rows[0]?.includes('Could not load the applications of Pickers Provider') === true,
      10_000,
    );
    const waited = Date.now() - shownAt;
    log(`"could not load" shown ${waited} ms after the step`);
    assert.ok(waited < 3000, `the slow tenant stalled the step for ${waited} ms`);
    await screenshot('5-slow-tenant-type-instead');
    await page.keyboard.press('Enter');
    // The same step number, now a text box: wait for its prompt, or the first keys go to the list.
    await page
      .locator(`${QUICK_INPUT} .quick-input-message`, { hasText: 'Client ID of the Regular Web Application' })
      .waitFor({ timeout: scaled(15_000) });
    await answer(page, '(3/6)', providerApp.clientId);
    await answer(page, '(4/6)', ''); // typed path: the secret box; empty = enter it at deploy time
    await answer(page, '(5/6)', '');
    await rpApplications(page);
    await page.keyboard.press('Enter'); // none enabled: asked first, and the person goes on
    const noneAsked = page.locator('.monaco-dialog-box', { hasText: 'No application ticked' });
    await noneAsked.waitFor({ state: 'visible', timeout: scaled(15_000) });
    await noneAsked.getByRole('button', { name: 'Continue' }).click();
    const typedFile = path.join(workspaceDir, 'typed-partner.auth0-oidc.json');
    await page
      .locator('.tabs-container .tab', { hasText: 'typed-partner.auth0-oidc.json' })
      .waitFor({ timeout: scaled(20_000) });
    const typed = JSON.parse(readFileSync(typedFile, 'utf8'));
    assert.equal(typed.options.client_id, providerApp.clientId);
    assert.equal(typed.enabled_clients, undefined, 'none picked: the file leaves enabled applications alone');
    await page.keyboard.press('Escape');

    // Credentials without read:client_keys: the tenant leaves the secret out, the wizard says why
    // and asks for it instead. The provider tenant is edited to a pasted token without that scope.
    const keyless = await provider.issueManagementToken(ALL_MANAGEMENT_SCOPES.filter((x) => x !== 'read:client_keys'));
    await runCommandFromPalette(page, 'Auth0 OIDC: Add Tenant');
    await answer(page, '(1/6)', provider.baseUrl);
    await answer(page, '(2/6)', '');
    await answer(page, '(3/6)', 'Keyless Provider');
    await page.locator(`${QUICK_INPUT} .quick-input-title`, { hasText: '(4/6)' }).waitFor({ timeout: scaled(15_000) });
    await page.keyboard.press('ArrowDown'); // Paste a Management API token
    await page.keyboard.press('Enter');
    await answer(page, '(5/5)', keyless);
    await chooseTenantScope(page, 'User settings');
    await page
      .locator('.notifications-toasts', { hasText: 'Connected to Keyless Provider' })
      .waitFor({ timeout: scaled(30_000) });
    await runCommandFromPalette(page, 'Auth0 OIDC: New Connection File');
    await answer(page, '(1/6)', 'keyless-partner');
    await page.locator(`${QUICK_INPUT} .quick-input-title`, { hasText: '(2/6)' }).waitFor({ timeout: scaled(15_000) });
    await filterAndPick(page, 'Keyless Provider');
    await page.locator(`${QUICK_INPUT} .quick-input-title`, { hasText: '(3/6)' }).waitFor({ timeout: scaled(15_000) });
    await waitForRows(page, (rows) => rows.some((r) => r.includes('Type a client ID')) && rows.length > 1);
    await filterAndPick(page, 'for RP', 'Provider App for RP');
    await page.locator(`${QUICK_INPUT} .quick-input-title`, { hasText: '(4/6)' }).waitFor({ timeout: scaled(15_000) });
    await waitForRows(page, (rows) => rows[0]?.includes('Read it from Keyless Provider') === true);
    await page.keyboard.press('Enter');
    await page
      .locator(`${QUICK_INPUT} .quick-input-message`, { hasText: 'read:client_keys' })
      .waitFor({ timeout: scaled(15_000) });
    await screenshot('6-no-read-client-keys');
    await page.keyboard.press('Escape');
    for (const label of ['Keyless Provider', 'Pickers RP']) await removeTenantFromPalette(page, label);
  } finally {
    await sandbox.close();
    await second.close();
  }
};

export default scenario;
