// A person opens a broken connection file and sees the squiggles in the editor and the problems,
// with the extension's own codes, in the Problems panel.
import * as assert from 'node:assert/strict';
import { pollUntil } from '../../pollUntil';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { UiScenario } from './context';
import { QUICK_INPUT } from './helpers';
import { scaled } from '../../slowness';

const broken = `{
  "name": "partner",
  "strategy": "auth0-oidc",
  "options": {
    "client_id": "aB3dE5fG7hJ9kL1m",
    "client_secret": "a-literal-secret-value",
    "domain": "https://partner.eu.auth0.com/",
    "scope": "profile email"
  },
  "unknown_field": true
}
`;

const scenario: UiScenario = async ({ page, workspaceDir, screenshot, log }) => {
  writeFileSync(path.join(workspaceDir, 'broken.auth0-oidc.json'), broken);
  // Quick Open, as a person would: Ctrl+P, the file's name, Enter.
  const deadline = Date.now() + scaled(20_000);
  for (;;) {
    await page
      .locator('.monaco-workbench')
      .focus()
      .catch(() => undefined);
    await page.keyboard.press('Control+P');
    try {
      await page.locator(`${QUICK_INPUT} .quick-input-box input`).waitFor({ state: 'visible', timeout: scaled(3000) });
      break;
    } catch (err) {
      if (Date.now() > deadline) throw err;
    }
  }
  await page.keyboard.type('broken.auth0-oidc.json');
  await page
    .locator(`${QUICK_INPUT} .monaco-list-row`, { hasText: 'broken.auth0-oidc.json' })
    .first()
    .waitFor({ timeout: scaled(15_000) });
  await page.keyboard.press('Enter');

  await page
    .locator('.monaco-editor .squiggly-error')
    .first()
    .waitFor({ state: 'attached', timeout: scaled(30_000) });
  await page
    .locator('.monaco-editor .squiggly-warning')
    .first()
    .waitFor({ state: 'attached', timeout: scaled(30_000) });
  log(`squiggles shown; screenshot ${await screenshot('1-squiggles')}`);

  await page.keyboard.press('Control+Shift+M');
  const problems = page.locator('.markers-panel .monaco-list-row');
  const expected = ['domain-not-bare-host', 'scope-missing-openid', 'client-secret-literal'];
  let texts: string[] = [];
  await pollUntil(
    `the Problems panel to list ${expected.join(', ')}`,
    async () => {
      texts = await problems.evaluateAll((rows) => rows.map((r) => r.textContent ?? ''));
      return expected.every((code) => texts.some((t) => t.includes(code)));
    },
    { timeoutMs: 30_000, intervalMs: 200 },
  ).catch(() => {
    throw new Error(`the Problems panel did not list ${expected.join(', ')}; it showed ${JSON.stringify(texts)}`);
  });
  log(`Problems panel rows: ${texts.length}; screenshot ${await screenshot('readme-diagnostics')}`);
  assert.ok(
    texts.some((t) => /unknown_field/.test(t)),
    "the schema's complaint about the unknown property is listed too",
  );
};

export default scenario;
