// A person who installed the .vsix opens the extension's page (Extensions view → Enabled →
// Auth0 OIDC Connections) and reads its details: the README with its screenshots, which must all load
// from inside the installed package (inlined by scripts/vsix-readme.mjs; no repository URL exists
// for vsce to rewrite a relative link to). Run by `npm run test:vsix` in the oldest code-server
// (VS Code 1.100); VS Code 1.103+ drops data: images from this page (microsoft/vscode-vsce#1196).
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pollUntil } from '../../pollUntil';
import type { UiScenario } from '../ui/context';
import { runCommandFromPalette } from '../ui/helpers';
import { scaled } from '../../slowness';

interface ShownImage {
  alt: string;
  width: number;
  complete: boolean;
}

const scenario: UiScenario = async ({ page, screenshot, log, repoRoot }) => {
  // Every image the README shows (screenshots under docs/), by its alt text.
  const readmeText = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const expected = [...readmeText.matchAll(/!\[([^\]]+)\]\(docs\/[\w-]+\.png\)/g)].map((m) => m[1]!);
  assert.ok(expected.length >= 1, 'the README shows screenshots');

  await runCommandFromPalette(page, 'Extensions: Show Enabled Extensions');
  const item = page.locator('.extensions-viewlet .extension-list-item', { hasText: 'Auth0 OIDC Connections' }).first();
  await item.waitFor({ state: 'visible', timeout: scaled(30_000) });
  await item.click();

  // The details are a webview: an iframe holding another iframe with the rendered README.
  const loaded = (images: ShownImage[]): boolean =>
    expected.every((alt) => images.some((i) => i.alt === alt && i.complete && i.width > 0));
  let images: ShownImage[] = [];
  const readme = await pollUntil(
    "the README's screenshots to load on the extension's page",
    async () => {
      for (const frame of page.frames()) {
        const found = await frame
          .evaluate(() =>
            [...document.querySelectorAll('img')].map((img) => ({
              alt: img.alt,
              width: img.naturalWidth,
              complete: img.complete,
            })),
          )
          .catch(() => [] as ShownImage[]);
        if (found.some((i) => expected.includes(i.alt))) {
          images = found;
          if (loaded(found)) return frame;
        }
      }
      return undefined;
    },
    { timeoutMs: 30_000, intervalMs: 250 },
  ).catch(() => undefined);
  const shot = await screenshot('extension-details');
  log(`README images: ${JSON.stringify(images)}; screenshot ${shot}`);
  assert.ok(readme, `the README's ${expected.length} screenshots did not all load: ${JSON.stringify(images)}`);
};

export default scenario;
