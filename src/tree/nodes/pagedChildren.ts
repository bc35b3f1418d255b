import { listSlots, type PagedList } from '../../core/tree/pagedList';
import { EmptyNode, ErrorNode, LoadingNode, LoadMoreNode } from './messageNodes';
import type { TreeHost, TreeNode } from './treeNode';

/**
 * The children of a node that shows a paged list: its items, then a loading, error (retry),
 * "Load more" or empty node. The first page is requested here, without waiting for it: the
 * tree shows "Loading…" and the node is re-rendered when the page arrives.
 *
 * Every render that shows "Loading…" asks for that re-render, not only the one that started the
 * load: the list may be loading for someone else (knownApplications() reads the tenant's
 * applications for a connection's enabled-app names), or a reset may have dropped the load an
 * earlier render waited for. Without it, "Loading…" stayed on screen for good. Renders while a
 * page is on its way share its promise.
 */
export function pagedChildren<T>(
  parent: TreeNode,
  list: PagedList<T>,
  host: TreeHost,
  itemNode: (item: T) => TreeNode,
  emptyLabel: string,
): TreeNode[] {
  const loadNext = (): void => {
    const loading = list.loadMore();
    host.changed(parent);
    void loading.then(() => host.changed(parent));
  };
  if (!list.started || list.isLoading) {
    void list.loadMore().then(() => host.changed(parent));
  }
  return listSlots(list).map((slot) => {
    switch (slot.kind) {
      case 'item':
        return itemNode(slot.item);
      case 'loading':
        return new LoadingNode(parent);
      case 'error':
        return new ErrorNode(parent, slot.error, host, loadNext);
      case 'loadMore':
        return new LoadMoreNode(parent, slot.loaded, loadNext);
      case 'empty':
        return new EmptyNode(parent, emptyLabel);
    }
  });
}
