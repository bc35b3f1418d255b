// `npm start`'s sample workspace (scripts/sampleWorkspace.ts): a new start keeps what the user
// edited and moves only the sandbox's ports (the sandbox may listen on other ports each start).
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  prepareSampleWorkspace,
  rewriteSandboxPorts,
  sandboxHosts,
  type SampleSandbox,
} from '../../../scripts/sampleWorkspace';

function sandboxOn(providerPort: number, rpPort: number): SampleSandbox {
  const tenant = (port: number, id: string) => ({
    baseUrl: `http://127.0.0.1:${port}`,
    domain: `127.0.0.1:${port}`,
    m2m: { clientId: id },
  });
  return {
    provider: {
      ...tenant(providerPort, 'providerM2mAllScopes000000000000'),
      apps: [{ name: 'Provider App for RP', clientId: 'providerAppForRp0000000000000000' }],
    },
    rp: tenant(rpPort, 'rpM2mAllScopes000000000000000000'),
  };
}

describe("npm start's sample workspace: the sandbox's ports move, the user's edits stay (scripts/sampleWorkspace.ts)", () => {
  describe('rewriteSandboxPorts', () => {
    const from = { provider: 41000, rp: 42000 };
    const to = { provider: 43000, rp: 44000 };

    it("names the old sandbox's hosts: the canonical and the custom domain of each tenant", () => {
      assert.deepEqual(sandboxHosts(from).sort(), [
        '127.0.0.1:41000',
        '127.0.0.1:42000',
        'localhost:41000',
        'localhost:42000',
      ]);
    });

    it('moves each tenant to its new port, in URLs and bare domains, canonical and custom', () => {
      const text = JSON.stringify({
        domain: '127.0.0.1:41000',
        url: 'http://127.0.0.1:42000/authorize?x=1',
        custom: 'https://localhost:41000',
        callback: 'http://localhost:42000/login/callback',
      });
      assert.deepEqual(JSON.parse(rewriteSandboxPorts(text, from, to)), {
        domain: '127.0.0.1:43000',
        url: 'http://127.0.0.1:44000/authorize?x=1',
        custom: 'https://localhost:43000',
        callback: 'http://localhost:44000/login/callback',
      });
    });

    it('leaves other ports, longer port numbers, other hosts and the rest of the text alone', () => {
      const text =
        '{ // kept\n "a": "http://127.0.0.1:53682/callback", "b": "127.0.0.1:410001", "c": "10.127.0.0.1:41000x", "d": "partner.eu.auth0.com:41000", "e": 41000 }';
      assert.equal(rewriteSandboxPorts(text, from, to), text);
    });

    it('swaps ports when the tenants trade them (one pass, no double move)', () => {
      const text = '"127.0.0.1:41000" "127.0.0.1:42000"';
      assert.equal(
        rewriteSandboxPorts(text, from, { provider: 42000, rp: 41000 }),
        '"127.0.0.1:42000" "127.0.0.1:41000"',
      );
    });
  });

  describe('prepareSampleWorkspace, run twice as two starts', () => {
    let dir: string;
    beforeEach(async () => {
      dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sample-workspace-'));
    });
    afterEach(async () => {
      await fs.rm(dir, { recursive: true, force: true });
    });
    const read = async (name: string) => fs.readFile(path.join(dir, name), 'utf8');

    it("keeps the user's edits and moves the old ports in every connection file and the settings", async () => {
      await prepareSampleWorkspace(dir, sandboxOn(41000, 42000));
      const first = JSON.parse(await read('auth0-oidc-connection.json')) as {
        options: Record<string, unknown>;
      };
      assert.equal(first.options.domain, '127.0.0.1:41000');

      // The user's work between the two starts.
      const edited = {
        name: 'my-partner',
        strategy: 'auth0-oidc',
        options: { ...first.options, scope: 'openid profile email phone', domain: '127.0.0.1:41000' },
      };
      await fs.writeFile(path.join(dir, 'auth0-oidc-connection.json'), JSON.stringify(edited, null, 2) + '\n');
      await fs.mkdir(path.join(dir, 'more'));
      const oidcFile = JSON.stringify(
        {
          name: 'partner-oidc',
          strategy: 'oidc',
          options: { discovery_url: 'http://127.0.0.1:41000/.well-known/openid-configuration', type: 'back_channel' },
        },
        null,
        2,
      );
      await fs.writeFile(path.join(dir, 'more', 'partner-oidc.oidc-connection.json'), oidcFile);
      await fs.writeFile(path.join(dir, 'second.auth0-oidc.json'), '{ "options": { "domain": "localhost:41000" } }\n');
      const settings = (await read('.vscode/settings.json')).replace('{', '{\n  // mine\n  "editor.fontSize": 15,');
      await fs.writeFile(path.join(dir, '.vscode', 'settings.json'), settings);

      await prepareSampleWorkspace(dir, sandboxOn(43000, 44000));

      const again = JSON.parse(await read('auth0-oidc-connection.json')) as typeof edited;
      assert.deepEqual(again, { ...edited, options: { ...edited.options, domain: '127.0.0.1:43000' } });
      assert.equal(
        await read('more/partner-oidc.oidc-connection.json'),
        oidcFile.replace('127.0.0.1:41000', '127.0.0.1:43000'),
      );
      assert.equal(await read('second.auth0-oidc.json'), '{ "options": { "domain": "localhost:43000" } }\n');
      const settingsAgain = await read('.vscode/settings.json');
      assert.match(settingsAgain, /\/\/ mine\n {2}"editor.fontSize": 15,/);
      assert.ok(settingsAgain.includes('"http://127.0.0.1:44000"'), settingsAgain);
      assert.ok(settingsAgain.includes('"http://127.0.0.1:43000"'), settingsAgain);
      assert.ok(!/:4[12]000/.test(settingsAgain), settingsAgain);
    });

    it('writes a missing sample file fresh, on the new ports, and leaves the others as they are', async () => {
      await prepareSampleWorkspace(dir, sandboxOn(41000, 42000));
      await fs.rm(path.join(dir, 'auth0-oidc-connection.json'));
      await fs.writeFile(path.join(dir, '.vscode', 'settings.json'), '{ "editor.fontSize": 15 }\n');

      await prepareSampleWorkspace(dir, sandboxOn(43000, 44000));

      const fresh = JSON.parse(await read('auth0-oidc-connection.json')) as { options: Record<string, unknown> };
      assert.equal(fresh.options.domain, '127.0.0.1:43000');
      assert.equal(await read('.vscode/settings.json'), '{ "editor.fontSize": 15 }\n');
    });

    it('knows the old ports from settings written before the record existed', async () => {
      await fs.mkdir(path.join(dir, '.vscode'));
      const old = sandboxOn(41000, 42000);
      await fs.writeFile(
        path.join(dir, '.vscode', 'settings.json'),
        JSON.stringify({
          'auth0Oidc.tenants': [
            { domain: old.rp.baseUrl, label: 'Sandbox RP', clientId: old.rp.m2m.clientId },
            { domain: old.provider.baseUrl, label: 'Sandbox Provider', clientId: old.provider.m2m.clientId },
          ],
        }),
      );
      await fs.writeFile(path.join(dir, 'auth0-oidc-connection.json'), '{"options":{"domain":"127.0.0.1:41000"}}');

      await prepareSampleWorkspace(dir, sandboxOn(43000, 44000));

      assert.equal(await read('auth0-oidc-connection.json'), '{"options":{"domain":"127.0.0.1:43000"}}');
      assert.ok((await read('.vscode/settings.json')).includes('http://127.0.0.1:44000'));
    });
  });
});
