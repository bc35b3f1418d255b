// How a link reaches the person's browser when VS Code runs remotely (code-server, a remote
// extension host): the workbench maps a loopback URL to a port-forwarding URL. code-server 4.x
// maps `http://127.0.0.1:PORT/authorize?…` to `BASE/proxy/PORT/` and drops the path and the query
// (its resolveExternalUri keeps only the port), so the person landed on the tenant's root: an error.

/**
 * The URL to open for `original`, given `resolved`, what `vscode.env.asExternalUri` made of it.
 * Undefined when `resolved` is `original` or kept its path and query (open `original` then, and let
 * `openExternal` resolve it the same way). Otherwise `resolved`'s base with the original path
 * (below the base's path) and query and fragment put back.
 */
export function repairExternalLink(original: string, resolved: string): string | undefined {
  const from = new URL(original);
  const to = new URL(resolved);
  if (to.href === from.href) return undefined;
  const pathKept = from.pathname === '/' || to.pathname.endsWith(from.pathname);
  if (pathKept && to.search === from.search && to.hash === from.hash) return undefined;
  const repaired = new URL(to.href);
  if (!pathKept) {
    const base = to.pathname.endsWith('/') ? to.pathname : `${to.pathname}/`;
    repaired.pathname = `${base}${from.pathname.replace(/^\/+/, '')}`;
  }
  repaired.search = from.search;
  repaired.hash = from.hash;
  return repaired.href;
}
