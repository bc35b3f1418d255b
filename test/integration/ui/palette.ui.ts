// A person opens the command palette, types "Auth0 OIDC" and sees the extension's commands.
import * as assert from 'node:assert/strict';
import type { UiScenario } from './context';
import { manifestCommands, paletteLabel, typeInPalette } from './helpers';

const scenario: UiScenario = async ({ page, repoRoot, screenshot, log, skip }) => {
  const commands = manifestCommands(repoRoot);
  if (commands.length === 0) skip('package.json contributes no commands yet');
  const labels = commands.map(paletteLabel);

  const rows = await typeInPalette(page, 'Auth0 OIDC', (shown) => shown.some((r) => labels.some((l) => r.includes(l))));
  const shot = await screenshot('palette-auth0-oidc');
  log(`palette shows ${rows.length} row(s); screenshot ${shot}`);
  assert.ok(
    rows.some((r) => labels.some((l) => r.includes(l))),
    `none of ${JSON.stringify(labels)} in ${JSON.stringify(rows)}`,
  );
  await page.keyboard.press('Escape');
};

export default scenario;
