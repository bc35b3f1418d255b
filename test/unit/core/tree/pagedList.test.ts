import assert from 'node:assert/strict';
import { PagedList, listSlots, type Page } from '../../../../src/core/tree/pagedList';

/** A fake checkpoint-paged source over `total` items, `size` per page; records the checkpoints asked for. */
function source(total: number, size = 50) {
  const calls: (string | undefined)[] = [];
  const fetch = (from: string | undefined): Promise<Page<{ id: string }>> => {
    calls.push(from);
    const start = from === undefined ? 0 : Number(from);
    const items = Array.from({ length: Math.max(0, Math.min(size, total - start)) }, (_, i) => ({
      id: `con_${start + i}`,
    }));
    const end = start + items.length;
    return Promise.resolve(end < total ? { items, next: String(end) } : { items });
  };
  return { fetch, calls };
}

const kinds = (list: PagedList<{ id: string }>): string[] => listSlots(list).map((s) => s.kind);
const counts = (list: PagedList<{ id: string }>): Record<string, number> =>
  kinds(list).reduce<Record<string, number>>((acc, k) => ({ ...acc, [k]: (acc[k] ?? 0) + 1 }), {});

describe('PagedList (tree paging)', () => {
  it('shows a loading slot before the first page is asked for and while it loads', async () => {
    const { fetch } = source(120);
    const list = new PagedList(fetch, (c) => c.id);
    assert.equal(list.status, 'idle');
    assert.deepEqual(kinds(list), ['loading']);
    const loading = list.loadMore();
    assert.equal(list.status, 'loading');
    assert.deepEqual(kinds(list), ['loading']);
    await loading;
    assert.equal(list.status, 'loaded');
  });

  it('gives 50 items and a "load more" slot, then 100, then all 120 with no slot after', async () => {
    const { fetch, calls } = source(120);
    const list = new PagedList(fetch, (c) => c.id);
    await list.loadMore();
    assert.deepEqual(counts(list), { item: 50, loadMore: 1 });
    const last = listSlots(list).at(-1);
    assert.deepEqual(last, { kind: 'loadMore', loaded: 50 });
    await list.loadMore();
    assert.deepEqual(counts(list), { item: 100, loadMore: 1 });
    await list.loadMore();
    assert.deepEqual(counts(list), { item: 120 });
    assert.equal(list.hasMore, false);
    assert.deepEqual(calls, [undefined, '50', '100']);
    await list.loadMore();
    assert.equal(calls.length, 3, 'an exhausted list asks for nothing more');
  });

  it('shares one request between calls made while a page loads (a double click loads one page)', async () => {
    const { fetch, calls } = source(120);
    const list = new PagedList(fetch, (c) => c.id);
    await Promise.all([list.loadMore(), list.loadMore(), list.loadMore()]);
    assert.equal(calls.length, 1);
    assert.equal(list.items.length, 50);
  });

  it('shows an empty slot for an empty list', async () => {
    const list = new PagedList(source(0).fetch, (c) => c.id);
    await list.loadMore();
    assert.deepEqual(kinds(list), ['empty']);
  });

  it('keeps the items on a failed page, shows an error slot, and a retry asks for the same page again', async () => {
    const { fetch, calls } = source(120);
    let fail = false;
    const list = new PagedList(
      (from: string | undefined) => (fail ? Promise.reject(new Error('503')) : fetch(from)),
      (c) => c.id,
    );
    await list.loadMore();
    fail = true;
    await list.loadMore();
    assert.equal(list.status, 'failed');
    assert.deepEqual(listSlots(list).at(-1), { kind: 'error', error: new Error('503') });
    assert.equal(list.items.length, 50);
    fail = false;
    await list.loadMore();
    assert.equal(list.error, undefined);
    assert.equal(list.items.length, 100);
    assert.deepEqual(calls, [undefined, '50']);
  });

  it('shows an error slot alone when the first page fails', async () => {
    const list = new PagedList<{ id: string }>(
      () => Promise.reject(new Error('403')),
      (c) => c.id,
    );
    await list.loadMore();
    assert.deepEqual(kinds(list), ['error']);
  });

  it('drops an item a later page repeats (the list changed between pages)', async () => {
    const pages: Page<{ id: string }>[] = [
      { items: [{ id: 'a' }, { id: 'b' }], next: 'x' },
      { items: [{ id: 'b' }, { id: 'c' }] },
    ];
    const list = new PagedList(
      () => Promise.resolve(pages.shift()!),
      (c) => c.id,
    );
    await list.loadMore();
    await list.loadMore();
    assert.deepEqual(
      list.items.map((c) => c.id),
      ['a', 'b', 'c'],
    );
  });

  it('stops at a page with no items even when it names a next checkpoint', async () => {
    const list = new PagedList(
      () => Promise.resolve({ items: [], next: 'again' }),
      (c: { id: string }) => c.id,
    );
    await list.loadMore();
    assert.equal(list.hasMore, false);
  });

  it('loadUntil pages until the item appears, and stops at the end when it does not', async () => {
    const { fetch, calls } = source(120);
    const list = new PagedList(fetch, (c) => c.id);
    assert.deepEqual(await list.loadUntil((c) => c.id === 'con_77'), { id: 'con_77' });
    assert.equal(calls.length, 2);
    assert.equal(await list.loadUntil((c) => c.id === 'con_999'), undefined);
    assert.equal(calls.length, 3);
  });

  it('loadUntil rejects with the page error', async () => {
    const list = new PagedList<{ id: string }>(
      () => Promise.reject(new Error('boom')),
      (c) => c.id,
    );
    await assert.rejects(
      list.loadUntil(() => false),
      /boom/,
    );
  });

  it('reset forgets everything, and an answer to a request made before it is ignored', async () => {
    let release!: (page: Page<{ id: string }>) => void;
    const list = new PagedList<{ id: string }>(
      () =>
        new Promise((resolve) => {
          release = resolve;
        }),
      (c) => c.id,
    );
    const stale = list.loadMore();
    list.reset();
    release({ items: [{ id: 'old' }] });
    await stale;
    assert.deepEqual(list.items, []);
    assert.equal(list.status, 'idle');
  });
});
