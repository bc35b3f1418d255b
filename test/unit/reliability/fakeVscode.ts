// Just enough of the `vscode` module to run src/vscode/trust.ts, src/tenants/tenantRegistry.ts and
// the activation stand-ins of src/extension.ts in plain Node, with workspace trust, settings and
// open documents set by the test. Installed by resolving the module name 'vscode' to this file;
// the lazily loaded Auth0 bundle (dist/auth0.js beside the extension) resolves to
// src/auth0/index.ts, and the features bundle (dist/features.js) to `fake.featuresModule`.
import Module from 'node:module';
import * as path from 'node:path';

type Listener<T> = (value: T) => unknown;

export class EventEmitter<T> {
  private listeners: Listener<T>[] = [];
  readonly event = (listener: Listener<T>): { dispose(): void } => {
    this.listeners.push(listener);
    return {
      dispose: () => {
        this.listeners = this.listeners.filter((l) => l !== listener);
      },
    };
  };

  fire(value: T): void {
    for (const l of [...this.listeners]) l(value);
  }

  dispose(): void {
    this.listeners = [];
  }
}

export const ConfigurationTarget = { Global: 1, Workspace: 2, WorkspaceFolder: 3 } as const;
/** What src/vscode/multiStepInput.ts reads at run time (its boxes are faked by its own test). */
export const InputBoxValidationSeverity = { Info: 1, Warning: 2, Error: 3 } as const;
export const QuickInputButtons = { Back: { iconPath: 'back' } } as const;
export const ProgressLocation = { SourceControl: 1, Window: 10, Notification: 15 } as const;

/** What the test controls. */
export const fake = {
  isTrusted: true,
  /** auth0Oidc.* settings in the user's settings. */
  settings: new Map<string, unknown>(),
  /** auth0Oidc.* settings in the workspace's settings (they win over the user's). */
  workspaceSettings: new Map<string, unknown>(),
  warnings: [] as string[],
  executed: [] as string[],
  /** The answer the person gives to a warning with buttons. */
  warningAnswer: undefined as string | undefined,
  lines: [] as string[],
  /** Registered through commands.registerCommand, by id. */
  commands: new Map<string, (...args: unknown[]) => unknown>(),
  treeViews: new Map<string, { treeDataProvider: unknown }>(),
  contentProviders: new Map<string, unknown>(),
  /** setContext values, by key. */
  contexts: new Map<string, unknown>(),
  textDocuments: [] as { uri: { path: string } }[],
  /** What `require` of the features bundle gives (src/extension.ts loads it on first use). */
  featuresModule: undefined as unknown,
};

export class Disposable {
  constructor(private readonly onDispose: () => unknown) {}
  static from(...items: { dispose(): unknown }[]): Disposable {
    return new Disposable(() => items.forEach((i) => i.dispose()));
  }
  dispose(): void {
    this.onDispose();
  }
}

const documentOpened = new EventEmitter<{ uri: { path: string } }>();

/** Opens a document in the fake workspace, firing onDidOpenTextDocument. */
export function openDocument(path: string): void {
  const document = { uri: { path } };
  fake.textDocuments.push(document);
  documentOpened.fire(document);
}

const configurationChanged = new EventEmitter<{ affectsConfiguration(section: string): boolean }>();

export const workspace = {
  get isTrusted(): boolean {
    return fake.isTrusted;
  },
  getConfiguration(section: string) {
    return {
      get: <T>(key: string, fallback?: T): T | undefined => {
        const id = `${section}.${key}`;
        if (fake.workspaceSettings.has(id)) return fake.workspaceSettings.get(id) as T;
        return fake.settings.has(id) ? (fake.settings.get(id) as T) : fallback;
      },
      inspect: (key: string) => ({
        key: `${section}.${key}`,
        globalValue: fake.settings.get(`${section}.${key}`),
        workspaceValue: fake.workspaceSettings.get(`${section}.${key}`),
      }),
      update: (key: string, value: unknown, target: number = ConfigurationTarget.Global) => {
        const settings = target === ConfigurationTarget.Global ? fake.settings : fake.workspaceSettings;
        if (value === undefined) settings.delete(`${section}.${key}`);
        else settings.set(`${section}.${key}`, value);
        configurationChanged.fire({ affectsConfiguration: (s: string) => `${section}.${key}`.startsWith(s) });
        return Promise.resolve();
      },
    };
  },
  onDidChangeConfiguration: configurationChanged.event,
  asRelativePath(uri: { path: string } | string): string {
    return typeof uri === 'string' ? uri : uri.path.replace(/^\//, '');
  },
  get textDocuments() {
    return fake.textDocuments;
  },
  onDidOpenTextDocument: documentOpened.event,
  registerTextDocumentContentProvider(scheme: string, provider: unknown): Disposable {
    fake.contentProviders.set(scheme, provider);
    return new Disposable(() => fake.contentProviders.delete(scheme));
  },
};

export const window = {
  showWarningMessage(message: string, ...rest: unknown[]): Promise<string | undefined> {
    const options = typeof rest[0] === 'object' && rest[0] !== null ? (rest[0] as { modal?: boolean }) : undefined;
    fake.warnings.push(options?.modal ? `[modal] ${message}` : message);
    return Promise.resolve(fake.warningAnswer);
  },
  createTreeView(id: string, options: { treeDataProvider: unknown }) {
    const view = { id, treeDataProvider: options.treeDataProvider, dispose: () => fake.treeViews.delete(id) };
    fake.treeViews.set(id, view);
    return view;
  },
  showErrorMessage(message: string): Promise<undefined> {
    fake.warnings.push(message);
    return Promise.resolve(undefined);
  },
  createOutputChannel() {
    const push =
      (level: string) =>
      (message: string): void => {
        fake.lines.push(`${level} ${message}`);
      };
    return {
      info: push('info'),
      warn: push('warn'),
      error: push('error'),
      show: () => undefined,
      dispose: () => undefined,
    };
  },
};

export const commands = {
  executeCommand(id: string, ...args: unknown[]): Promise<undefined> {
    fake.executed.push(id);
    if (id === 'setContext') fake.contexts.set(String(args[0]), args[1]);
    return Promise.resolve(undefined);
  },
  registerCommand(id: string, run: (...args: unknown[]) => unknown): Disposable {
    if (fake.commands.has(id)) throw new Error(`command '${id}' already exists`);
    fake.commands.set(id, run);
    return new Disposable(() => fake.commands.delete(id));
  },
};

export const l10n = {
  t(message: string, ...args: unknown[]): string {
    return message.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)]));
  },
};

/** SecretStorage in memory, for the registry and the secret store in plain Node. */
export class MemorySecrets {
  readonly values = new Map<string, string>();
  readonly changed: ((e: { key: string }) => void)[] = [];
  get(key: string): Promise<string | undefined> {
    return Promise.resolve(this.values.get(key));
  }
  store(key: string, value: string): Promise<void> {
    this.values.set(key, value);
    for (const listener of [...this.changed]) listener({ key });
    return Promise.resolve();
  }
  delete(key: string): Promise<void> {
    const had = this.values.delete(key);
    // VS Code fires onDidChange for a stored secret that changed or was deleted.
    if (had) for (const listener of [...this.changed]) listener({ key });
    return Promise.resolve();
  }
  onDidChange = (listener: (e: { key: string }) => void): { dispose(): void } => {
    this.changed.push(listener);
    return {
      dispose: () => {
        const at = this.changed.indexOf(listener);
        if (at >= 0) this.changed.splice(at, 1);
      },
    };
  };
}

let installed = false;

/** Makes `require('vscode')` give this module (idempotent). */
export function installFakeVscode(): void {
  if (installed) return;
  installed = true;
  const moduleWithResolve = Module as unknown as {
    _resolveFilename(request: string, parent: unknown, ...rest: unknown[]): string;
  };
  const original = moduleWithResolve._resolveFilename.bind(Module);
  const auth0Bundle = path.resolve(__dirname, '../../../src/vscode/auth0.js');
  const featuresBundle = path.resolve(__dirname, '../../../src/features.js');
  const requireCache = Module as unknown as { _cache: Record<string, unknown> };
  moduleWithResolve._resolveFilename = (request: string, parent: unknown, ...rest: unknown[]): string => {
    if (request === 'vscode') return original(__filename, parent, ...rest);
    if (request === auth0Bundle)
      return original(path.resolve(__dirname, '../../../src/auth0/index.ts'), parent, ...rest);
    if (request === featuresBundle) {
      // A module whose exports are whatever the test put in fake.featuresModule at require time.
      if (!fake.featuresModule) throw new Error('the features bundle was required, and the test provides none');
      requireCache._cache[featuresBundle] = {
        id: featuresBundle,
        filename: featuresBundle,
        loaded: true,
        exports: fake.featuresModule,
      };
      return featuresBundle;
    }
    return original(request, parent, ...rest);
  };
}
