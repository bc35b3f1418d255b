// The Tenants tree's paged children (src/tree/nodes/pagedChildren.ts): a node that shows "Loading…"
// must be re-rendered when that load ends, whoever started it. Before, only the render that started
// the load asked for a change event: a list loaded by someone else (the Applications folder's list,
// loaded by knownApplications() for a connection's enabled-app names; the connections, loaded by
// revealConnection's findConnection after a reset) left "Loading…" on screen for good.
import * as assert from 'node:assert/strict';
import { installFakeVscode } from '../reliability/fakeVscode';

installFakeVscode();
/* eslint-disable @typescript-eslint/no-require-imports -- loaded after the fake vscode is installed */
const { pagedChildren } =
  require('../../../src/tree/nodes/pagedChildren') as typeof import('../../../src/tree/nodes/pagedChildren');
const { LoadingNode } =
  require('../../../src/tree/nodes/messageNodes') as typeof import('../../../src/tree/nodes/messageNodes');
const { TreeNode } = require('../../../src/tree/nodes/treeNode') as typeof import('../../../src/tree/nodes/treeNode');
const { PagedList } = require('../../../src/core/tree/pagedList') as typeof import('../../../src/core/tree/pagedList');
/* eslint-enable @typescript-eslint/no-require-imports */

class Folder extends TreeNode {
  readonly id = 'folder';
  getTreeItem(): never {
    throw new Error('not rendered here');
  }
}

class Item extends TreeNode {
  constructor(
    parent: InstanceType<typeof TreeNode>,
    readonly id: string,
  ) {
    super(parent);
  }
  getTreeItem(): never {
    throw new Error('not rendered here');
  }
}

function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

describe('pagedChildren (a tree node over a paged list)', () => {
  function setup() {
    const pages: ReturnType<typeof gate>[] = [];
    const list = new PagedList<string>(
      async () => {
        const page = gate();
        pages.push(page);
        await page.promise;
        return { items: ['a', 'b'] };
      },
      (s) => s,
    );
    const parent = new Folder(undefined);
    const changed: unknown[] = [];
    const host = { changed: (node: unknown) => changed.push(node), describeError: () => 'error' };
    const render = () => pagedChildren(parent, list, host, (s) => new Item(parent, s), 'empty');
    return { list, parent, changed, render, pages };
  }

  it('re-renders the node when the load it started ends', async () => {
    const { parent, changed, render, pages } = setup();
    const first = render();
    assert.ok(first[0] instanceof LoadingNode);
    assert.equal(pages.length, 1, 'the first page is requested');
    pages[0]!.open();
    await waitFor(() => changed.length > 0);
    assert.deepEqual(changed, [parent]);
    assert.deepEqual(
      render().map((n) => n.id),
      ['a', 'b'],
    );
  });

  it('re-renders the node when a load started elsewhere ends (no "Loading…" for good)', async () => {
    const { list, parent, changed, render, pages } = setup();
    // Someone else (knownApplications, findConnection) starts the load; the tree then renders the node.
    const elsewhere = list.loadMore();
    const shown = render();
    assert.ok(shown[0] instanceof LoadingNode, 'the node shows Loading… while the page is on its way');
    assert.equal(pages.length, 1, 'the render shares the pending page');
    pages[0]!.open();
    await elsewhere;
    await waitFor(() => changed.length > 0);
    assert.deepEqual(changed, [parent], 'the tree is told to render the node again');
  });

  it('re-renders the node when a reset replaced the load it was waiting for', async () => {
    const { list, parent, changed, render, pages } = setup();
    render(); // starts page 1
    list.reset(); // e.g. a deploy on the tenant
    const again = list.loadMore(); // revealConnection's search starts page 1 anew
    pages[0]!.open(); // the dropped answer: its event makes the tree render the node again...
    await waitFor(() => changed.length > 0);
    changed.length = 0;
    assert.ok(render()[0] instanceof LoadingNode, '...while the new page is on its way');
    pages[1]!.open();
    await again;
    await waitFor(() => changed.length > 0);
    assert.ok(changed.includes(parent));
    assert.deepEqual(
      render().map((n) => n.id),
      ['a', 'b'],
    );
  });
});

/** Polls with a deadline: the change event follows the page's promise by a few microtasks. */
async function waitFor(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the change event');
    await new Promise((resolve) => setImmediate(resolve));
  }
}
