// Issue 26: in the browser (context key auth0Oidc.webHost) every command that needs the Management
// API or a loopback port is hidden wherever package.json offers it outside the Tenants view, and
// that view itself is hidden; the web entry answers the same list with a message (src/web/webHost.ts).
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { installFakeVscode } from '../reliability/fakeVscode';

installFakeVscode();
type WebHost = typeof import('../../../src/web/webHost');
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after the fake vscode is installed
const { WEB_HOST_CONTEXT_KEY, WEB_UNAVAILABLE } = require('../../../src/web/webHost') as WebHost;

interface MenuEntry {
  readonly command: string;
  readonly when?: string;
}

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
  browser?: string;
  contributes: { menus: Record<string, MenuEntry[]>; views: Record<string, { id: string; when?: string }[]> };
};
const hidden = `!${WEB_HOST_CONTEXT_KEY}`;

describe('the browser host in the manifest', () => {
  it('has a browser entry beside main', () => {
    assert.equal(manifest.browser, './dist/web/extension.js');
  });

  it('hides the Tenants view, where every node calls the Management API', () => {
    const tenants = Object.values(manifest.contributes.views)
      .flat()
      .find((v) => v.id === 'auth0Oidc.tenants');
    assert.equal(tenants?.when, hidden);
  });

  it('hides each command that cannot run in a web worker in the palette and every menu outside the views', () => {
    const unavailable = [...WEB_UNAVAILABLE.keys()] as string[];
    const shown: string[] = [];
    for (const [menu, entries] of Object.entries(manifest.contributes.menus)) {
      // view/title and view/item/context entries of the Tenants view go with the view.
      if (menu.startsWith('view/')) continue;
      for (const e of entries)
        if (unavailable.includes(e.command) && !(e.when === 'false' || e.when?.includes(hidden)))
          shown.push(`${menu}: ${e.command}`);
    }
    const palette = new Set(manifest.contributes.menus.commandPalette!.map((e) => e.command));
    for (const id of unavailable) if (!palette.has(id)) shown.push(`commandPalette: ${id} (no entry)`);
    assert.deepEqual(shown, []);
  });

  it('offers in the browser what works there: diagnostics live, and these commands stay visible', () => {
    for (const id of ['auth0Oidc.decodeToken', 'auth0Oidc.openAuthorizeLink', 'auth0Oidc.moveToOidc'])
      assert.ok(!WEB_UNAVAILABLE.has(id as never), `${id} works in the browser`);
  });
});
