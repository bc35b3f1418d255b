// A person who installed the .vsix opens the extension's page (Extensions view → Enabled →
// Auth0 OIDC Connections) and reads its details: the README with its screenshot, which must load
// from inside the installed package (inlined by scripts/vsix-readme.mjs; no repository URL exists
// for vsce to rewrite a relative link to). Run by `npm run test:vsix` in the oldest code-server
// (VS Code 1.100); VS Code 1.103+ drops data: images from this page (microsoft/vscode-vsce#1196).
import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import type { UiScenario } from '../ui/context';
import { runCommandFromPalette } from '../ui/helpers';

const scenario: UiScenario = async ({ page, screenshot, log }) => {
  await runCommandFromPalette(page, 'Extensions: Show Enabled Extensions');
  const item = page.locator('.extensions-viewlet .extension-list-item', { hasText: 'Auth0 OIDC Connections' }).first();
  await item.waitFor({ state: 'visible', timeout: 30_000 });
  await item.click();

  // The details are a webview: an iframe holding another iframe with the rendered README.
  const deadline = Date.now() + 30_000;
  let image: { src: string; width: number; complete: boolean } | undefined;
  let readme: Frame | undefined;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      const found = await frame
        .evaluate(() => {
          const img = document.querySelector('img[alt^="A broken connection file"]');
          return img instanceof HTMLImageElement
            ? { src: img.src, width: img.naturalWidth, complete: img.complete }
            : undefined;
        })
        .catch(() => undefined);
      if (found) {
        readme = frame;
        image = found;
      }
    }
    if (image?.complete && image.width > 0) break;
    await page.waitForTimeout(250); // polling the webview's frames until the image settles, bounded by the deadline
  }
  const shot = await screenshot('extension-details');
  log(`README image: ${JSON.stringify(image)}; screenshot ${shot}`);
  assert.ok(readme, 'the details page shows the README with the screenshot');
  assert.ok(image?.complete && image.width > 0, `the README's screenshot did not load: ${JSON.stringify(image)}`);
};

export default scenario;
