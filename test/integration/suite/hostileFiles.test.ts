// Files whose names come from a connection name (a file's or a tenant's) are written only inside
// the folder they belong to, and a secret already stored under a derived placeholder is never
// replaced unasked (issue 12, item 2). Commands run with argument objects, as a task would.
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { startSandbox, type Sandbox } from '../../sandbox';
import type { Trees } from '../../../src/tree';
import type { TenantNode } from '../../../src/tree/nodes/tenantNode';
import { addSandboxTenant, waitFor, workspaceFolder, writeWorkspaceFile } from './helpers';

const EXTENSION_ID = 'auth0-oidc-tools.auth0-oidc-connections';

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

describe('derived file names and derived secret keys', function () {
  this.timeout(30_000);
  const written: vscode.Uri[] = [];

  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
  });
  after(async () => {
    for (const uri of written)
      await vscode.workspace.fs.delete(uri, { useTrash: false }).then(undefined, () => undefined);
  });

  it('Move to OIDC refuses a name that leads out of the folder and writes nothing there', async () => {
    const tag = randomBytes(4).toString('hex');
    const name = `../../../../../../../../tmp/pwned-${tag}`;
    const file = await writeWorkspaceFile(
      `traversal-${tag}.auth0-oidc.json`,
      JSON.stringify({
        name,
        strategy: 'auth0-oidc',
        options: { client_id: 'abc', client_secret: 'literal-secret-123', domain: 'partner.example' },
      }),
    );
    written.push(file);
    const escaped = vscode.Uri.joinPath(file, '..', `${name}-oidc.oidc-connection.json`);
    assert.ok(
      !escaped.path.startsWith(workspaceFolder().path),
      `the probe path ${escaped.path} is outside the workspace`,
    );
    written.push(escaped);
    const outcome = await vscode.commands.executeCommand<unknown>('auth0Oidc.moveToOidc', {
      file,
      open: false,
      overwrite: true,
    });
    assert.equal(outcome, undefined, 'the move was refused');
    assert.equal(await exists(escaped), false, `nothing was written at ${escaped.path}`);
  });

  it('Move to OIDC writes nothing through a link placed at the new name, dangling or not (issue 23.2)', async () => {
    const fs = await import('node:fs/promises');
    const os = await import('node:os');
    const path = await import('node:path');
    const tag = randomBytes(4).toString('hex');
    const outside = await fs.mkdtemp(path.join(os.tmpdir(), `outside-${tag}-`));
    try {
      const victim = path.join(outside, 'victim.txt');
      await fs.writeFile(victim, 'untouched');
      for (const [kind, linkTarget] of [
        ['live', victim],
        ['dangling', path.join(outside, 'created-through-link.txt')],
      ] as const) {
        const name = `link-${kind}-${tag}`;
        const file = await writeWorkspaceFile(
          `${name}.auth0-oidc.json`,
          JSON.stringify({
            name,
            strategy: 'auth0-oidc',
            options: { client_id: 'abc', client_secret: '##LINK_CLIENT_SECRET##', domain: 'partner.example' },
          }),
        );
        written.push(file);
        const link = vscode.Uri.joinPath(workspaceFolder(), `${name}-oidc.oidc-connection.json`);
        await fs.symlink(linkTarget, link.fsPath);
        written.push(link);
        const outcome = await vscode.commands.executeCommand<unknown>('auth0Oidc.moveToOidc', {
          file,
          open: false,
          overwrite: true,
        });
        assert.equal(outcome, undefined, `the move through a ${kind} link was refused`);
        assert.ok((await fs.lstat(link.fsPath)).isSymbolicLink(), 'the link is still a link');
      }
      assert.equal(await fs.readFile(victim, 'utf8'), 'untouched');
      assert.deepEqual((await fs.readdir(outside)).sort(), ['victim.txt'], 'nothing created through the dangling link');
    } finally {
      await fs.rm(outside, { recursive: true, force: true });
    }
  });

  it('Move to OIDC writes nothing into a linked folder that leads outside the workspace (issue 23.2)', async () => {
    const fs = await import('node:fs/promises');
    const os = await import('node:os');
    const path = await import('node:path');
    const tag = randomBytes(4).toString('hex');
    const outside = await fs.mkdtemp(path.join(os.tmpdir(), `outside-${tag}-`));
    const linkedFolder = vscode.Uri.joinPath(workspaceFolder(), `linked-${tag}`);
    try {
      await fs.symlink(outside, linkedFolder.fsPath);
      const name = `linked-${tag}`;
      const file = vscode.Uri.joinPath(linkedFolder, `${name}.auth0-oidc.json`);
      await fs.writeFile(
        file.fsPath,
        JSON.stringify({
          name,
          strategy: 'auth0-oidc',
          options: { client_id: 'abc', client_secret: '##LINKED_CLIENT_SECRET##', domain: 'partner.example' },
        }),
      );
      const outcome = await vscode.commands.executeCommand<unknown>('auth0Oidc.moveToOidc', { file, open: false });
      assert.equal(outcome, undefined, 'the move was refused');
      assert.deepEqual(await fs.readdir(outside), [`${name}.auth0-oidc.json`], 'nothing written outside');
    } finally {
      await fs.rm(linkedFolder.fsPath, { force: true });
      await fs.rm(outside, { recursive: true, force: true });
    }
  });

  it('Move to OIDC does not replace a different secret stored under the derived placeholder unless asked', async () => {
    const tag = randomBytes(4).toString('hex');
    const name = `derived-${tag}`;
    const body = (secret: string): string =>
      JSON.stringify({
        name,
        strategy: 'auth0-oidc',
        options: { client_id: 'abc', client_secret: secret, domain: 'partner.example' },
      });
    const first = await writeWorkspaceFile(`first-${tag}.auth0-oidc.json`, body('first-literal-secret'));
    const second = await writeWorkspaceFile(`second-${tag}.auth0-oidc.json`, body('second-literal-secret'));
    written.push(first, second);
    const moved = await vscode.commands.executeCommand<{ uri: vscode.Uri } | undefined>('auth0Oidc.moveToOidc', {
      file: first,
      open: false,
      overwrite: true,
    });
    assert.ok(moved, 'the first move stores its secret');
    written.push(moved.uri);
    // Same derived key, different value: refused without replaceStoredSecret ...
    assert.equal(
      await vscode.commands.executeCommand('auth0Oidc.moveToOidc', { file: second, open: false, overwrite: true }),
      undefined,
    );
    // ... the same value again is no replacement, and is allowed ...
    assert.ok(
      await vscode.commands.executeCommand('auth0Oidc.moveToOidc', { file: first, open: false, overwrite: true }),
    );
    // ... and an explicit replaceStoredSecret goes through.
    assert.ok(
      await vscode.commands.executeCommand('auth0Oidc.moveToOidc', {
        file: second,
        open: false,
        overwrite: true,
        replaceStoredSecret: true,
      }),
    );
  });

  it('New Connection File refuses an invalid name from arguments and does not replace a stored secret unasked', async () => {
    const tag = randomBytes(4).toString('hex');
    const folder = vscode.Uri.joinPath(workspaceFolder(), `new-${tag}`);
    await vscode.workspace.fs.createDirectory(folder);
    written.push(folder);
    const args = { domain: 'partner.example', clientId: 'abc', folder, open: false };
    assert.equal(
      await vscode.commands.executeCommand('auth0Oidc.newConnectionFile', {
        ...args,
        name: `../escape-${tag}`,
        clientSecret: 'x-secret-1',
      }),
      undefined,
    );
    const name = `scaffold-${tag}`;
    assert.ok(
      await vscode.commands.executeCommand('auth0Oidc.newConnectionFile', {
        ...args,
        name,
        clientSecret: 'first-secret-1',
      }),
    );
    assert.equal(
      await vscode.commands.executeCommand('auth0Oidc.newConnectionFile', {
        ...args,
        name,
        clientSecret: 'other-secret-2',
      }),
      undefined,
      'a different stored secret is kept',
    );
    assert.ok(
      await vscode.commands.executeCommand('auth0Oidc.newConnectionFile', {
        ...args,
        name,
        clientSecret: 'other-secret-2',
        replaceStoredSecret: true,
      }),
    );
  });
});

describe('Pull into File writes nothing through links (issue 23.2)', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let trees: Trees;
  const NAME = 'seed-auth0-oidc-1'; // what seedConnections names the first one

  before(async () => {
    trees = (await vscode.extensions.getExtension<Trees>(EXTENSION_ID)!.activate())!;
    sandbox = await startSandbox();
    sandbox.rp.seedConnections(1);
    await addSandboxTenant(sandbox.rp, 'Pull Links RP');
  });
  after(async () => {
    await vscode.commands.executeCommand('auth0Oidc.removeTenant', { domain: sandbox?.rp.baseUrl, confirmed: true });
    await sandbox?.close();
  });

  /** The seeded connection's node in the Tenants view, as a click on it would pass. */
  async function connectionNode(): Promise<unknown> {
    const origin = new URL(sandbox.rp.baseUrl).origin;
    const root = await waitFor('the RP tenant in the tree', async () =>
      ((await trees.tenantsTree.getChildren()) as TenantNode[]).find((n) => n.tenant.origin === origin),
    );
    const id = [...sandbox.rp.state.connections.values()].find((c) => c.name === NAME)!.id;
    const result = await trees.tenantsTree.revealConnection(root.tenant, id);
    assert.equal(result.kind, 'revealed');
    return result.kind === 'revealed' ? result.node : undefined;
  }

  // Not a proof of the guard alone: VS Code's stat sees the dangling link, so without the guard
  // Pull asks "Replace?" and the test host dismisses it. The linked folder below fails without it.
  it('writes nothing through a dangling link placed at the new name', async () => {
    const fs = await import('node:fs/promises');
    const os = await import('node:os');
    const path = await import('node:path');
    const tag = randomBytes(4).toString('hex');
    const outside = await fs.mkdtemp(path.join(os.tmpdir(), `outside-${tag}-`));
    const folder = vscode.Uri.joinPath(workspaceFolder(), `pull-link-${tag}`);
    try {
      await fs.mkdir(folder.fsPath);
      const link = path.join(folder.fsPath, `${NAME}.auth0-oidc.json`);
      await fs.symlink(path.join(outside, 'created-through-link.json'), link);
      const pulled = await vscode.commands.executeCommand<unknown>(
        'auth0Oidc.pullConnection',
        await connectionNode(),
        folder,
      );
      assert.equal(pulled, undefined, 'the pull was refused');
      assert.ok((await fs.lstat(link)).isSymbolicLink(), 'the link is still a link');
      assert.deepEqual(await fs.readdir(outside), [], 'nothing created through the link');
    } finally {
      await fs.rm(folder.fsPath, { recursive: true, force: true });
      await fs.rm(outside, { recursive: true, force: true });
    }
  });

  it('writes nothing into a linked folder that leads outside the workspace', async () => {
    const fs = await import('node:fs/promises');
    const os = await import('node:os');
    const path = await import('node:path');
    const tag = randomBytes(4).toString('hex');
    const outside = await fs.mkdtemp(path.join(os.tmpdir(), `outside-${tag}-`));
    const linkedFolder = vscode.Uri.joinPath(workspaceFolder(), `pull-linked-${tag}`);
    try {
      await fs.symlink(outside, linkedFolder.fsPath);
      const pulled = await vscode.commands.executeCommand<unknown>(
        'auth0Oidc.pullConnection',
        await connectionNode(),
        linkedFolder,
      );
      assert.equal(pulled, undefined, 'the pull was refused');
      assert.deepEqual(await fs.readdir(outside), [], 'nothing written outside');
    } finally {
      await fs.rm(linkedFolder.fsPath, { force: true });
      await fs.rm(outside, { recursive: true, force: true });
    }
  });
});

describe('the provider check refuses a file with errors', function () {
  this.timeout(30_000);

  it('returns nothing and sends nothing for a file the validator rejects, and checks it once fixed', async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
    const tag = randomBytes(4).toString('hex');
    const body = (name: string): string =>
      JSON.stringify({
        name,
        strategy: 'auth0-oidc',
        options: { client_id: 'abc', client_secret: '##X##', domain: 'not-configured.example' },
      });
    const bad = await writeWorkspaceFile(
      `check-bad-${tag}.auth0-oidc.json`,
      body('bad name [x](https://evil.example)'),
    );
    const good = await writeWorkspaceFile(`check-good-${tag}.auth0-oidc.json`, body(`check-${tag}`));
    try {
      assert.equal(
        await vscode.commands.executeCommand('auth0Oidc.checkProvider', { file: bad, rpDomain: 'rp.example' }),
        undefined,
        'a file with errors is refused',
      );
      const outcome = await vscode.commands.executeCommand<{ verified: boolean } | undefined>(
        'auth0Oidc.checkProvider',
        { file: good, rpDomain: 'rp.example' },
      );
      assert.ok(outcome, 'the same file without the error is checked (by hand: its tenant is not configured)');
      assert.equal(outcome.verified, false);
    } finally {
      for (const uri of [bad, good]) await vscode.workspace.fs.delete(uri, { useTrash: false });
    }
  });
});

describe('Add Tenant refuses a pasted token issued for another tenant', function () {
  this.timeout(30_000);

  it("stores nothing for a look-alike domain given the real tenant's token", async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
    const part = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
    const token = `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ iss: 'https://acme.eu.auth0.com/', aud: 'https://acme.eu.auth0.com/api/v2/', exp: Math.floor(Date.now() / 1000) + 3600 })}.c2lnbmF0dXJl`;
    const domain = `acme-login-${randomBytes(3).toString('hex')}.example`;
    assert.equal(
      await vscode.commands.executeCommand('auth0Oidc.addTenant', { domain, token, verify: false }),
      undefined,
      'refused',
    );
    const listed = vscode.workspace.getConfiguration('auth0Oidc').get<{ domain: string }[]>('tenants') ?? [];
    assert.ok(!listed.some((t) => t.domain.includes(domain)), 'the look-alike tenant was not saved');
  });
});

describe('tenants: credentials proved before they are stored, workspace tenants marked (issue 12.4)', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let trees: Trees;

  before(async () => {
    trees = (await vscode.extensions.getExtension<Trees>(EXTENSION_ID)!.activate())!;
    sandbox = await startSandbox();
  });
  after(async () => {
    await vscode.workspace
      .getConfiguration('auth0Oidc')
      .update('tenants', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('auth0Oidc.removeTenant', { domain: sandbox?.rp.baseUrl, confirmed: true });
    await sandbox?.close();
  });

  const listed = (): { domain: string }[] =>
    vscode.workspace.getConfiguration('auth0Oidc').get<{ domain: string }[]>('tenants') ?? [];

  it('Add Tenant with a wrong client secret says why and stores nothing; the right one is saved', async () => {
    const rp = sandbox.rp;
    sandbox.rp.resetRequestLog();
    const refused = await vscode.commands.executeCommand('auth0Oidc.addTenant', {
      domain: rp.baseUrl,
      clientId: rp.m2m.clientId,
      clientSecret: 'a-wrong-secret-value',
    });
    assert.equal(refused, undefined, 'refused');
    assert.ok(!listed().some((t) => t.domain === rp.baseUrl), 'the tenant was not saved');
    assert.ok(
      rp.allRequests.some((r) => r.startsWith('POST /oauth/token')),
      'checked against the tenant',
    );
    const saved = await vscode.commands.executeCommand<{ origin: string; scope: string }>('auth0Oidc.addTenant', {
      domain: rp.baseUrl,
      clientId: rp.m2m.clientId,
      clientSecret: rp.m2m.clientSecret,
    });
    assert.equal(saved?.origin, rp.baseUrl);
    assert.equal(saved?.scope, 'user', 'kept in the user settings by default');
    assert.ok(
      listed().some((t) => t.domain === rp.baseUrl),
      'saved once proved',
    );
  });

  it("marks a tenant listed by the workspace's settings in the Tenants view", async () => {
    const domain = sandbox.provider.baseUrl;
    await vscode.workspace
      .getConfiguration('auth0Oidc')
      .update('tenants', [{ domain, label: 'From the repo' }], vscode.ConfigurationTarget.Workspace);
    const item = await waitFor('the workspace tenant in the tree', async () => {
      const nodes = (await trees.tenantsTree.getChildren()) ?? [];
      for (const node of nodes) {
        const treeItem = trees.tenantsTree.getTreeItem(node);
        if (treeItem.label === 'From the repo') return treeItem;
      }
      return undefined;
    });
    assert.match(String(item.description), /from this workspace's settings/);
    assert.match(
      (item.tooltip as vscode.MarkdownString).value.replace(/&nbsp;/g, ' '),
      /first use here asks you to confirm/,
    );
    assert.equal((item.iconPath as vscode.ThemeIcon).id, 'workspace-unknown');
  });
});
