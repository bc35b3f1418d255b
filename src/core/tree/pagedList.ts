/**
 * A lazily loaded list that grows one page at a time, as a tree's "Load more" node needs it
 * (the GitLens LoadMoreNode idea): the items so far, whether more exist, and the failure of the
 * last attempt. Pure: the fetcher is passed in, so it runs under mocha without VS Code.
 */

export interface Page<T> {
  readonly items: readonly T[];
  /** Checkpoint for the next page; absent on the last page. */
  readonly next?: string;
}

export type PageFetcher<T> = (from: string | undefined) => Promise<Page<T>>;

export type PagedListStatus = 'idle' | 'loading' | 'loaded' | 'failed';

export class PagedList<T> {
  private loaded: T[] = [];
  private readonly seen = new Set<string>();
  private checkpoint: string | undefined;
  private exhausted = false;
  private pending: Promise<void> | undefined;
  private failure: unknown;
  /** Bumped by reset(), so that an answer to a request made before it is dropped. */
  private generation = 0;

  constructor(
    private readonly fetchPage: PageFetcher<T>,
    private readonly keyOf: (item: T) => string,
  ) {}

  get items(): readonly T[] {
    return this.loaded;
  }

  /** True once a page was asked for; before that the list has no content to show. */
  get started(): boolean {
    return this.exhausted || this.pending !== undefined || this.loaded.length > 0 || this.failure !== undefined;
  }

  get hasMore(): boolean {
    return !this.exhausted;
  }

  get isLoading(): boolean {
    return this.pending !== undefined;
  }

  /** The error of the last attempt, cleared by the next one. */
  get error(): unknown {
    return this.failure;
  }

  get status(): PagedListStatus {
    if (this.pending) return 'loading';
    if (this.failure !== undefined) return 'failed';
    return this.started ? 'loaded' : 'idle';
  }

  /**
   * Loads the next page. Never rejects: a failure is kept in `error` for the tree to show with a
   * retry. Calls while a page is loading share it, so a double click loads one page, not two.
   */
  loadMore(): Promise<void> {
    if (this.exhausted) return Promise.resolve();
    if (this.pending) return this.pending;
    const generation = this.generation;
    this.failure = undefined;
    const request = (async () => {
      try {
        const page = await this.fetchPage(this.checkpoint);
        if (generation !== this.generation) return;
        for (const item of page.items) {
          // Checkpoint paging can repeat an item when the list changes between pages.
          const key = this.keyOf(item);
          if (this.seen.has(key)) continue;
          this.seen.add(key);
          this.loaded.push(item);
        }
        this.checkpoint = page.next;
        this.exhausted = page.next === undefined || page.items.length === 0;
      } catch (error) {
        if (generation === this.generation) this.failure = error ?? new Error('failed');
      } finally {
        if (generation === this.generation) this.pending = undefined;
      }
    })();
    this.pending = request;
    return request;
  }

  /** Loads pages until `predicate` matches an item or the list ends; the match, if any. */
  async loadUntil(predicate: (item: T) => boolean, maxPages = Number.POSITIVE_INFINITY): Promise<T | undefined> {
    for (let pages = 0; ; pages++) {
      const found = this.loaded.find(predicate);
      if (found !== undefined) return found;
      if (this.exhausted || pages >= maxPages) return undefined;
      await this.loadMore();
      const failure = this.failure;
      if (failure !== undefined)
        throw failure instanceof Error ? failure : new Error('loading a page failed', { cause: failure });
    }
  }

  /** Forgets everything: the next loadMore starts from the first page. */
  reset(): void {
    this.generation++;
    this.loaded = [];
    this.seen.clear();
    this.checkpoint = undefined;
    this.exhausted = false;
    this.pending = undefined;
    this.failure = undefined;
  }
}

/** What a tree shows for a paged list, in order; the tree maps each slot to a node class. */
export type ListSlot<T> =
  | { readonly kind: 'item'; readonly item: T }
  | { readonly kind: 'loading' }
  | { readonly kind: 'error'; readonly error: unknown }
  | { readonly kind: 'empty' }
  | { readonly kind: 'loadMore'; readonly loaded: number };

/** Items first, then at most one of: loading, error (retry), load more; or empty when nothing. */
export function listSlots<T>(list: PagedList<T>): ListSlot<T>[] {
  const slots: ListSlot<T>[] = list.items.map((item) => ({ kind: 'item', item }));
  if (list.isLoading || !list.started) slots.push({ kind: 'loading' });
  else if (list.error !== undefined) slots.push({ kind: 'error', error: list.error });
  else if (list.hasMore) slots.push({ kind: 'loadMore', loaded: list.items.length });
  else if (list.items.length === 0) slots.push({ kind: 'empty' });
  return slots;
}
