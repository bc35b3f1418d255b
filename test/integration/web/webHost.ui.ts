// In the browser's web worker extension host (runner/web.ts: as vscode.dev and github.dev run the
// extension), a person opens a broken connection file and sees its problems, with the extension's
// own codes, in the Problems panel; then "Developer: Show Running Extensions" says where the
// extension runs: the web worker.
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pollUntil } from '../../pollUntil';
import type { UiScenario } from '../ui/context';
import { openFileByQuickOpen, runCommandFromPalette } from '../ui/helpers';

const broken = `{
  "name": "partner",
  "strategy": "auth0-oidc",
  "options": {
    "client_id": "aB3dE5fG7hJ9kL1m",
    "client_secret": "##PARTNER_CLIENT_SECRET##",
    "domain": "https://partner.eu.auth0.com/",
    "scope": "profile email"
  }
}
`;

const scenario: UiScenario = async ({ page, workspaceDir, screenshot, log }) => {
  writeFileSync(path.join(workspaceDir, 'broken.auth0-oidc.json'), broken);
  await openFileByQuickOpen(page, 'broken.auth0-oidc.json');

  await page.keyboard.press('Control+Shift+M');
  const problems = page.locator('.markers-panel .monaco-list-row');
  const expected = ['domain-not-bare-host', 'scope-missing-openid'];
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
  log(`Problems panel rows: ${texts.length}; screenshot ${await screenshot('1-problems')}`);

  await runCommandFromPalette(page, 'Developer: Show Running Extensions');
  // The Running Extensions editor labels an extension of the browser's worker host "web worker" (the
  // others there: "127.0.0.1:PORT", code-server's Node host). It names a development extension by
  // its display name or, in code-server 4.100's worker host, by its id.
  const ours = page.locator('.editor-instance .monaco-list-row', {
    hasText: /Auth0 OIDC Connections|auth0-oidc-tools\.auth0-oidc-connections/,
  });
  let row = '';
  await pollUntil(
    'our row in Running Extensions to say "web worker"',
    async () => {
      row =
        (await ours
          .first()
          .textContent()
          .catch(() => null)) ?? '';
      return /web worker/i.test(row);
    },
    { timeoutMs: 30_000, intervalMs: 200 },
  ).catch(() => {
    throw new Error(`Running Extensions did not show ours in the web worker; its row read ${JSON.stringify(row)}`);
  });
  log(`Running Extensions: ${row.replace(/\s+/g, ' ').trim()}; screenshot ${await screenshot('2-running-extensions')}`);
};

export default scenario;
