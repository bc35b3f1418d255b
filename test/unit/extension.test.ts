// Activation registers stand-ins only: every command, both views, the virtual document schemes and
// the walkthrough's tenant count, without loading the features bundle; the features load once, on
// the first use of any of them (or as soon as a connection file is open), and the stand-ins then
// forward to them.
import * as assert from 'node:assert/strict';
import { EventEmitter, fake, installFakeVscode, openDocument, workspace } from './reliability/fakeVscode';

installFakeVscode();
// After the fake is installed: src/extension.ts imports vscode.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { activate } = require('../../src/extension') as typeof import('../../src/extension');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { COMMAND_IDS } = require('../../src/commandIds') as typeof import('../../src/commandIds');

interface Loaded {
  calls: { context: unknown; views: { tenants: unknown; connectionFiles: unknown } }[];
  ran: { id: string; args: unknown[] }[];
  tenantsChanged: EventEmitter<unknown>;
  previewsChanged: EventEmitter<unknown>;
}

/** A features module that records being loaded and what the stand-ins ask of it. */
function stubFeatures(): Loaded {
  const loaded: Loaded = {
    calls: [],
    ran: [],
    tenantsChanged: new EventEmitter(),
    previewsChanged: new EventEmitter(),
  };
  fake.featuresModule = {
    loadFeatures(context: unknown, views: Loaded['calls'][number]['views']) {
      loaded.calls.push({ context, views });
      const tree = (name: string, changed: EventEmitter<unknown>) => ({
        name,
        onDidChangeTreeData: changed.event,
        getTreeItem: (node: string) => ({ label: `${name}:${node}` }),
        getChildren: (node?: string) => (node ? [] : [`${name}-root`]),
        getParent: () => undefined,
      });
      const run =
        (id: string) =>
        (...args: unknown[]) => {
          loaded.ran.push({ id, args });
          return Promise.resolve(`ran ${id}`);
        };
      return {
        trees: {
          tenantsTree: tree('tenants', loaded.tenantsChanged),
          connectionFilesTree: tree('files', new EventEmitter()),
        },
        commands: new Map(COMMAND_IDS.map((id) => [id, run(id)])),
        documents: {
          'auth0-oidc-provider': { onDidChange: new EventEmitter().event, provideTextDocumentContent: () => 'report' },
          'auth0-oidc-preview': {
            onDidChange: loaded.previewsChanged.event,
            provideTextDocumentContent: () => 'preview',
          },
        },
      };
    },
  };
  return loaded;
}

type Context = { subscriptions: { dispose(): unknown }[] };

/** Activates with the stub features, `open` already open in the editor. */
function freshActivation(open: string[] = []): { context: Context; api: ReturnType<typeof activate>; loaded: Loaded } {
  for (const map of [fake.commands, fake.treeViews, fake.contentProviders, fake.contexts]) map.clear();
  fake.textDocuments.length = 0;
  for (const path of open) fake.textDocuments.push({ uri: { path } });
  fake.settings.clear();
  const loaded = stubFeatures();
  const context: Context = { subscriptions: [] };
  const api = activate(context as never);
  return { context, api, loaded };
}

/** Runs `test` against a fresh activation, and disposes of what it registered. */
async function withActivation(
  test: (activation: ReturnType<typeof freshActivation>) => unknown,
  open: string[] = [],
): Promise<void> {
  const activation = freshActivation(open);
  try {
    await test(activation);
  } finally {
    for (const d of activation.context.subscriptions) d.dispose();
  }
}

describe('activation: stand-ins, features on first use', () => {
  it('registers every command, both views and both document schemes without loading the features', () =>
    withActivation(({ loaded }) => {
      assert.deepEqual([...fake.commands.keys()].sort(), [...COMMAND_IDS].sort());
      assert.deepEqual([...fake.treeViews.keys()].sort(), ['auth0Oidc.connectionFiles', 'auth0Oidc.tenants']);
      assert.deepEqual([...fake.contentProviders.keys()].sort(), ['auth0-oidc-preview', 'auth0-oidc-provider']);
      assert.equal(loaded.calls.length, 0);
    }));

  it('loads the features on the first command, once, with the views it created, and runs the command with its arguments', () =>
    withActivation(async ({ context, loaded }) => {
      assert.equal(
        await fake.commands.get('auth0Oidc.deployConnection')!({ file: 'x' }),
        'ran auth0Oidc.deployConnection',
      );
      assert.equal(await fake.commands.get('auth0Oidc.testLogin')!(), 'ran auth0Oidc.testLogin');
      assert.equal(loaded.calls.length, 1);
      assert.equal(loaded.calls[0]!.context, context);
      assert.equal(loaded.calls[0]!.views.tenants, fake.treeViews.get('auth0Oidc.tenants'));
      assert.equal(loaded.calls[0]!.views.connectionFiles, fake.treeViews.get('auth0Oidc.connectionFiles'));
      assert.deepEqual(loaded.ran, [
        { id: 'auth0Oidc.deployConnection', args: [{ file: 'x' }] },
        { id: 'auth0Oidc.testLogin', args: [] },
      ]);
    }));

  it("serves a view through its stand-in once shown, and forwards the loaded tree's change events", () =>
    withActivation(async ({ loaded }) => {
      const provider = fake.treeViews.get('auth0Oidc.tenants')!.treeDataProvider as {
        getChildren(n?: string): unknown;
        getTreeItem(n: string): unknown;
        onDidChangeTreeData(l: (e: unknown) => void): unknown;
      };
      const changes: unknown[] = [];
      provider.onDidChangeTreeData((e) => changes.push(e));
      assert.equal(loaded.calls.length, 0);
      assert.deepEqual(await provider.getChildren(), ['tenants-root']);
      assert.deepEqual(await provider.getTreeItem('a'), { label: 'tenants:a' });
      assert.equal(loaded.calls.length, 1);
      loaded.tenantsChanged.fire('node');
      assert.deepEqual(changes, ['node']);
    }));

  it("forwards the trees' and documents' change events however the features were loaded (here by a command), before VS Code asked the stand-ins anything", () =>
    withActivation(async ({ loaded }) => {
      const provider = fake.treeViews.get('auth0Oidc.tenants')!.treeDataProvider as {
        onDidChangeTreeData(l: (e: unknown) => void): unknown;
      };
      const previews = fake.contentProviders.get('auth0-oidc-preview') as {
        onDidChange(l: (e: unknown) => void): unknown;
      };
      const changes: unknown[] = [];
      provider.onDidChangeTreeData((e) => changes.push(e));
      previews.onDidChange((u) => changes.push(u));
      await fake.commands.get('auth0Oidc.refreshTenants')!();
      loaded.tenantsChanged.fire(undefined);
      loaded.previewsChanged.fire('preview-uri');
      assert.deepEqual(changes, [undefined, 'preview-uri']);
    }));

  it('serves each virtual document scheme from its own provider in the features', () =>
    withActivation(async ({ loaded }) => {
      const preview = fake.contentProviders.get('auth0-oidc-preview') as {
        provideTextDocumentContent(u: unknown): unknown;
      };
      const report = fake.contentProviders.get('auth0-oidc-provider') as {
        provideTextDocumentContent(u: unknown): unknown;
      };
      assert.equal(await preview.provideTextDocumentContent('u'), 'preview');
      assert.equal(await report.provideTextDocumentContent('u'), 'report');
      assert.equal(loaded.calls.length, 1);
    }));

  it('loads the features when a connection file opens, not for other files', () =>
    withActivation(({ loaded }) => {
      openDocument('/w/package.json');
      assert.equal(loaded.calls.length, 0);
      openDocument('/w/partner.auth0-oidc.json');
      assert.equal(loaded.calls.length, 1);
      openDocument('/w/auth0-oidc-connection.json');
      assert.equal(loaded.calls.length, 1);
    }));

  it('loads the features right after activation when a connection file is already open', () =>
    withActivation(
      async ({ loaded }) => {
        assert.equal(loaded.calls.length, 0, 'not inside activate()');
        await new Promise<void>((resolve) => setImmediate(resolve));
        assert.equal(loaded.calls.length, 1);
      },
      ['/w/auth0-oidc-connection.json'],
    ));

  it('gives tests the trees through the returned API, loading the features then', () =>
    withActivation(({ api, loaded }) => {
      assert.equal(loaded.calls.length, 0);
      assert.equal((api.tenantsTree as unknown as { name: string }).name, 'tenants');
      assert.equal((api.connectionFilesTree as unknown as { name: string }).name, 'files');
      assert.equal(loaded.calls.length, 1);
    }));

  it("sets the walkthrough's two-tenants context from the settings at activation and on change, without the features", () =>
    withActivation(async ({ loaded }) => {
      assert.equal(fake.contexts.get('auth0Oidc.twoTenantsConfigured'), false);
      // The same rule as TenantRegistry.list(): unusable domains do not count.
      await workspace
        .getConfiguration('auth0Oidc')
        .update('tenants', [{ domain: 'rp.eu.auth0.com' }, { domain: 'http://evil.example' }]);
      assert.equal(fake.contexts.get('auth0Oidc.twoTenantsConfigured'), false);
      await workspace
        .getConfiguration('auth0Oidc')
        .update('tenants', [{ domain: 'rp.eu.auth0.com' }, { domain: 'provider.eu.auth0.com' }]);
      assert.equal(fake.contexts.get('auth0Oidc.twoTenantsConfigured'), true);
      assert.equal(loaded.calls.length, 0);
    }));
});
