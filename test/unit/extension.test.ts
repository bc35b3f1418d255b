// Activation registers stand-ins only: every command, both views, the virtual documents, the quick
// fixes and the walkthrough's tenant count, without loading the features bundle; the features
// load once, on the first use of any of them, and the stand-ins then forward to them.
import * as assert from 'node:assert/strict';
import { fake, installFakeVscode, openDocument, workspace, EventEmitter } from './reliability/fakeVscode';

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
  const loaded: Loaded = { calls: [], ran: [], tenantsChanged: new EventEmitter(), previewsChanged: new EventEmitter() };
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
      return {
        trees: { tenantsTree: tree('tenants', loaded.tenantsChanged), connectionFilesTree: tree('files', new EventEmitter()) },
        commands: new Map(COMMAND_IDS.map((id) => [id, (...args: unknown[]) => { loaded.ran.push({ id, args }); return Promise.resolve(`ran ${id}`); }])),
        codeActions: { provideCodeActions: () => ['fix'] },
        providerChecks: { onDidChange: new EventEmitter().event, provideTextDocumentContent: () => 'report' },
        previews: { onDidChange: loaded.previewsChanged.event, provideTextDocumentContent: () => 'preview' },
      };
    },
  };
  return loaded;
}

function freshActivation(): { context: { subscriptions: { dispose(): unknown }[] }; api: ReturnType<typeof activate>; loaded: Loaded } {
  for (const map of [fake.commands, fake.treeViews, fake.contentProviders, fake.contexts]) map.clear();
  fake.codeActionProviders.length = 0;
  fake.textDocuments.length = 0;
  fake.settings.clear();
  const loaded = stubFeatures();
  const context = { subscriptions: [] as { dispose(): unknown }[] };
  const api = activate(context as never);
  return { context, api, loaded };
}

function dispose(context: { subscriptions: { dispose(): unknown }[] }): void {
  for (const d of context.subscriptions) d.dispose();
}

describe('activation: stand-ins, features on first use', () => {
  it('registers every command, both views, both document schemes and the quick fixes without loading the features', () => {
    const { context, loaded } = freshActivation();
    try {
      assert.deepEqual([...fake.commands.keys()].sort(), [...COMMAND_IDS].sort());
      assert.deepEqual([...fake.treeViews.keys()].sort(), ['auth0Oidc.connectionFiles', 'auth0Oidc.tenants']);
      assert.deepEqual([...fake.contentProviders.keys()].sort(), ['auth0-oidc-preview', 'auth0-oidc-provider']);
      assert.equal(fake.codeActionProviders.length, 1);
      assert.equal(loaded.calls.length, 0);
    } finally {
      dispose(context);
    }
  });

  it('loads the features on the first command, once, with the views it created, and runs the command with its arguments', async () => {
    const { context, loaded } = freshActivation();
    try {
      assert.equal(await fake.commands.get('auth0Oidc.deployConnection')!({ file: 'x' }), 'ran auth0Oidc.deployConnection');
      assert.equal(await fake.commands.get('auth0Oidc.testLogin')!(), 'ran auth0Oidc.testLogin');
      assert.equal(loaded.calls.length, 1);
      assert.equal(loaded.calls[0]!.context, context);
      assert.equal(loaded.calls[0]!.views.tenants, fake.treeViews.get('auth0Oidc.tenants'));
      assert.deepEqual(loaded.ran, [{ id: 'auth0Oidc.deployConnection', args: [{ file: 'x' }] }, { id: 'auth0Oidc.testLogin', args: [] }]);
    } finally {
      dispose(context);
    }
  });

  it('serves a view through its stand-in once shown, and forwards the loaded tree\'s change events', async () => {
    const { context, loaded } = freshActivation();
    try {
      const provider = fake.treeViews.get('auth0Oidc.tenants')!.treeDataProvider as { getChildren(n?: string): unknown; getTreeItem(n: string): unknown; onDidChangeTreeData(l: (e: unknown) => void): unknown };
      const changes: unknown[] = [];
      provider.onDidChangeTreeData((e) => changes.push(e));
      assert.equal(loaded.calls.length, 0);
      assert.deepEqual(await provider.getChildren(), ['tenants-root']);
      assert.deepEqual(await provider.getTreeItem('a'), { label: 'tenants:a' });
      assert.equal(loaded.calls.length, 1);
      loaded.tenantsChanged.fire('node');
      assert.deepEqual(changes, ['node']);
    } finally {
      dispose(context);
    }
  });

  it('forwards the trees\' and documents\' change events however the features were loaded (here by a command), before VS Code asked the stand-ins anything', async () => {
    const { context, loaded } = freshActivation();
    try {
      const provider = fake.treeViews.get('auth0Oidc.tenants')!.treeDataProvider as { onDidChangeTreeData(l: (e: unknown) => void): unknown };
      const previews = fake.contentProviders.get('auth0-oidc-preview') as { onDidChange(l: (e: unknown) => void): unknown };
      const changes: unknown[] = [];
      provider.onDidChangeTreeData((e) => changes.push(e));
      previews.onDidChange((u) => changes.push(u));
      await fake.commands.get('auth0Oidc.refreshTenants')!();
      loaded.tenantsChanged.fire(undefined);
      loaded.previewsChanged.fire('preview-uri');
      assert.deepEqual(changes, [undefined, 'preview-uri']);
    } finally {
      dispose(context);
    }
  });

  it('serves the virtual documents and the quick fixes through their stand-ins', async () => {
    const { context, loaded } = freshActivation();
    try {
      const previews = fake.contentProviders.get('auth0-oidc-preview') as { provideTextDocumentContent(u: unknown): unknown; onDidChange(l: (e: unknown) => void): unknown };
      const changed: unknown[] = [];
      previews.onDidChange((u) => changed.push(u));
      assert.equal(await previews.provideTextDocumentContent('u'), 'preview');
      loaded.previewsChanged.fire('u2');
      assert.deepEqual(changed, ['u2']);
      const report = fake.contentProviders.get('auth0-oidc-provider') as { provideTextDocumentContent(u: unknown): unknown };
      assert.equal(await report.provideTextDocumentContent('u'), 'report');
      const actions = fake.codeActionProviders[0] as { provideCodeActions(...a: unknown[]): unknown };
      assert.deepEqual(await actions.provideCodeActions(), ['fix']);
      assert.equal(loaded.calls.length, 1);
    } finally {
      dispose(context);
    }
  });

  it('loads the features when a connection file opens, not for other files', () => {
    const { context, loaded } = freshActivation();
    try {
      openDocument('/w/package.json');
      assert.equal(loaded.calls.length, 0);
      openDocument('/w/partner.auth0-oidc.json');
      assert.equal(loaded.calls.length, 1);
      openDocument('/w/auth0-oidc-connection.json');
      assert.equal(loaded.calls.length, 1);
    } finally {
      dispose(context);
    }
  });

  it('loads the features right after activation when a connection file is already open', async () => {
    for (const map of [fake.commands, fake.treeViews, fake.contentProviders]) map.clear();
    fake.textDocuments.length = 0;
    fake.textDocuments.push({ uri: { path: '/w/auth0-oidc-connection.json' } });
    const loaded = stubFeatures();
    const context = { subscriptions: [] as { dispose(): unknown }[] };
    try {
      activate(context as never);
      assert.equal(loaded.calls.length, 0, 'not inside activate()');
      await new Promise<void>((resolve) => setImmediate(resolve));
      assert.equal(loaded.calls.length, 1);
    } finally {
      dispose(context);
    }
  });

  it('gives tests the trees through the returned API, loading the features then', () => {
    const { context, api, loaded } = freshActivation();
    try {
      assert.equal(loaded.calls.length, 0);
      assert.equal((api.tenantsTree as unknown as { name: string }).name, 'tenants');
      assert.equal((api.connectionFilesTree as unknown as { name: string }).name, 'files');
      assert.equal(loaded.calls.length, 1);
    } finally {
      dispose(context);
    }
  });

  it('sets the walkthrough\'s two-tenants context from the settings at activation and on change, without the features', async () => {
    const { context, loaded } = freshActivation();
    try {
      assert.equal(fake.contexts.get('auth0Oidc.twoTenantsConfigured'), false);
      // The same rule as TenantRegistry.list(): unusable domains do not count.
      await workspace.getConfiguration('auth0Oidc').update('tenants', [{ domain: 'rp.eu.auth0.com' }, { domain: 'http://evil.example' }]);
      assert.equal(fake.contexts.get('auth0Oidc.twoTenantsConfigured'), false);
      await workspace.getConfiguration('auth0Oidc').update('tenants', [{ domain: 'rp.eu.auth0.com' }, { domain: 'provider.eu.auth0.com' }]);
      assert.equal(fake.contexts.get('auth0Oidc.twoTenantsConfigured'), true);
      assert.equal(loaded.calls.length, 0);
    } finally {
      dispose(context);
    }
  });
});
