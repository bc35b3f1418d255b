/**
 * The connection files' states, cached, and the queue of their comparisons with a tenant: what
 * the Connection Files view, the status bar and the CodeLens share (src/connectionFile/fileStates.ts
 * wires it to VS Code). Pure: reading a file and asking a tenant are the owner's.
 */
import type { Auth0OidcConnectionFile } from '../connectionFile/connectionModel';
import type { FileState, RemoteCheck } from './fileState';

/** Remote checks at once: enough to fill a view quickly without tripping a tenant's rate limit. */
export const MAX_PARALLEL_CHECKS = 4;

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

interface Entry {
  state: FileState;
  /** Set while the remote state is still to be fetched: what to compare, with which tenant. */
  pendingCheck?: { readonly tenant: string; readonly body: Auth0OidcConnectionFile };
  started?: boolean;
}

export class FileStateCache<F> {
  private readonly entries = new Map<string, Entry>();
  private running = 0;
  private readonly queue: (() => void)[] = [];

  constructor(
    private readonly source: FileStateSource<F>,
    private readonly maxParallel = MAX_PARALLEL_CHECKS,
  ) {}

  /**
   * The file's state now: cached, or computed locally. With `check`, starts the comparison with
   * the tenant when it is due; `changed` says when it has answered.
   */
  async state(file: F, check: boolean): Promise<FileState> {
    const key = this.source.id(file);
    let entry = this.entries.get(key);
    if (!entry) {
      entry = toEntry(await this.source.local(file));
      // Another caller may have filled it meanwhile; keep the first so only one check runs.
      const existing = this.entries.get(key);
      if (existing) entry = existing;
      else this.entries.set(key, entry);
    }
    if (entry.pendingCheck && !entry.started && check) this.startCheck(file, key, entry, entry.pendingCheck);
    return entry.state;
  }

  /** Forgets a file's state (it changed, was saved, deployed or deleted). */
  forget(file: F): void {
    this.entries.delete(this.source.id(file));
    this.source.changed(file);
  }

  /** Forgets every state. */
  clear(): void {
    this.entries.clear();
    this.source.changed(undefined);
  }

  private startCheck(file: F, key: string, entry: Entry, { tenant, body }: NonNullable<Entry['pendingCheck']>): void {
    entry.started = true;
    this.schedule(async () => {
      const state = await this.source.remote(file, tenant, body);
      // A save or deploy meanwhile replaced the entry: this answer is about an older file.
      if (this.entries.get(key) !== entry) return;
      entry.state = state;
      delete entry.pendingCheck;
      this.source.changed(file);
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

function toEntry(decision: RemoteCheck): Entry {
  if (decision.kind === 'settled') return { state: decision.state };
  return {
    state: { kind: 'checking', tenant: decision.tenant },
    pendingCheck: { tenant: decision.tenant, body: decision.body },
  };
}
