/**
 * The connection files' states, cached, and the queue of their comparisons with a tenant: what
 * the Connection Files view, the status bar and the CodeLens share (src/connectionFile/fileStates.ts
 * wires it to VS Code). Pure: reading a file and asking a tenant are the owner's.
 */
import type { Auth0OidcConnectionFile } from '../connectionFile/connectionModel';
import type { FileState, RemoteCheck } from './fileState';

/** Remote checks at once: enough to fill a view quickly without tripping a tenant's rate limit. */
export const MAX_PARALLEL_CHECKS = 4;

/**
 * How long a tenant's answer counts as fresh: a focus or a view shown again within this time
 * asks nothing (switching windows back and forth sends no storm of requests).
 */
export const FRESH_FOR_MS = 5_000;

/** What the cache asks of its owner; `F` is a file (a URI), `id` its key. */
export interface FileStateSource<F> {
  id(file: F): string;
  /** The file's own state, read now: settled, or the comparison with a tenant still to make. */
  local(file: F): Promise<RemoteCheck>;
  /** The comparison with the tenant (network); expected failures are a state ('unknown'), not a throw. */
  remote(file: F, tenant: string, body: Auth0OidcConnectionFile): Promise<FileState>;
  /** A file's state changed (undefined: any file's). */
  changed(file: F | undefined): void;
  /** A comparison threw. */
  failed(error: unknown): void;
}

export interface FileStateCacheOptions {
  readonly maxParallel?: number;
  readonly freshForMs?: number;
  /** For tests. */
  readonly now?: () => number;
}

interface Entry<F> {
  readonly file: F;
  state: FileState;
  /** Set when the file is compared with a tenant: what to compare, with which tenant. */
  readonly check?: { readonly tenant: string; readonly body: Auth0OidcConnectionFile };
  /** The first comparison is still to be made (the view was hidden). */
  due: boolean;
  running: boolean;
  /** When the tenant last answered. */
  checkedAt?: number;
}

export class FileStateCache<F> {
  private readonly entries = new Map<string, Entry<F>>();
  private running = 0;
  private readonly queue: (() => void)[] = [];
  private readonly maxParallel: number;
  private readonly freshForMs: number;
  private readonly now: () => number;

  constructor(
    private readonly source: FileStateSource<F>,
    options: FileStateCacheOptions | number = {},
  ) {
    const o = typeof options === 'number' ? { maxParallel: options } : options;
    this.maxParallel = o.maxParallel ?? MAX_PARALLEL_CHECKS;
    this.freshForMs = o.freshForMs ?? FRESH_FOR_MS;
    this.now = o.now ?? Date.now;
  }

  /**
   * The file's state now: cached, or computed locally. With `check`, starts the comparison with
   * the tenant when it is due; `changed` says when it has answered.
   */
  async state(file: F, check: boolean): Promise<FileState> {
    const key = this.source.id(file);
    let entry = this.entries.get(key);
    if (!entry) {
      entry = toEntry(file, await this.source.local(file));
      // Another caller may have filled it meanwhile; keep the first so only one check runs.
      const existing = this.entries.get(key);
      if (existing) entry = existing;
      else this.entries.set(key, entry);
    }
    if (entry.due && !entry.running && check) this.startCheck(key, entry);
    return entry.state;
  }

  /** Forgets a file's state (it changed, was saved, deployed or deleted). */
  forget(file: F): void {
    this.entries.delete(this.source.id(file));
    this.source.changed(file);
  }

  /**
   * Forgets the states of every file `matches` (one file judged in each of its environments is
   * several entries: a save or a deploy of the file makes them all stale).
   */
  forgetWhere(matches: (file: F) => boolean): void {
    for (const [key, entry] of this.entries) {
      if (!matches(entry.file)) continue;
      this.entries.delete(key);
      this.source.changed(entry.file);
    }
  }

  /**
   * Forgets the state of every file compared with this connection of this tenant: the extension
   * itself changed it (deleted it from the tree, pulled it), so what the tenant said is stale.
   */
  forgetConnection(tenant: string, connectionName: string): void {
    for (const [key, entry] of this.entries) {
      if (entry.check?.tenant === tenant && entry.check.body.name === connectionName) {
        this.entries.delete(key);
        this.source.changed(entry.file);
      }
    }
  }

  /**
   * Asks the tenants again about every file whose comparison was made more than `freshForMs`
   * ago (the window regained focus, a view became visible: someone may have changed the tenant
   * meanwhile). The state shown stays until the new answer, which says `changed` when it differs.
   * The checks go through the same queue as the first ones.
   */
  revalidate(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) {
      if (entry.check && !entry.due && !entry.running && now - (entry.checkedAt ?? 0) >= this.freshForMs) {
        this.startCheck(key, entry);
      }
    }
  }

  /** Forgets every state. */
  clear(): void {
    this.entries.clear();
    this.source.changed(undefined);
  }

  private startCheck(key: string, entry: Entry<F>): void {
    const { tenant, body } = entry.check!;
    entry.running = true;
    this.schedule(async () => {
      let state: FileState;
      try {
        state = await this.source.remote(entry.file, tenant, body);
      } finally {
        entry.running = false;
      }
      // A save or deploy meanwhile replaced the entry: this answer is about an older file.
      if (this.entries.get(key) !== entry) return;
      entry.checkedAt = this.now();
      const first = entry.due;
      entry.due = false;
      if (!first && sameState(entry.state, state)) return;
      entry.state = state;
      this.source.changed(entry.file);
    });
  }

  private schedule(task: () => Promise<void>): void {
    const next = (): void => {
      this.running++;
      task()
        .catch((error: unknown) => this.source.failed(error))
        .finally(() => {
          this.running--;
          this.queue.shift()?.();
        });
    };
    if (this.running < this.maxParallel) next();
    else this.queue.push(next);
  }
}

function toEntry<F>(file: F, decision: RemoteCheck): Entry<F> {
  if (decision.kind === 'settled') return { file, state: decision.state, due: false, running: false };
  return {
    file,
    state: { kind: 'checking', tenant: decision.tenant },
    check: { tenant: decision.tenant, body: decision.body },
    due: true,
    running: false,
  };
}

function sameState(a: FileState, b: FileState): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
