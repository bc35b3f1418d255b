import { ErrorNode, LoadMoreNode } from './nodes/messageNodes';

export { LOAD_MORE_COMMAND, RETRY_COMMAND } from './nodes/messageNodes';

/** The "Load more…" node's click: the next page of its list. */
export function loadMore() {
  return (arg?: unknown): void => {
    if (arg instanceof LoadMoreNode) arg.loadMore();
  };
}

/** An error node's click or inline action: the failed request again. */
export function retry() {
  return (arg?: unknown): void => {
    if (arg instanceof ErrorNode) arg.retry();
  };
}
