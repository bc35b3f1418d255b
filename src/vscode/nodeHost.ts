// What only Node's extension host has: its file system (symbolic link checks: workspaceFiles.ts) and
// its environment (npm start's sandbox credentials: tenantRegistry.ts). The browser bundle
// (esbuild.mjs) replaces this module with src/web/noNodeHost.ts.

export interface NodeFileSystem {
  readonly fs: typeof import('node:fs/promises');
  readonly path: typeof import('node:path');
}

export async function nodeFileSystem(): Promise<NodeFileSystem | undefined> {
  return { fs: await import('node:fs/promises'), path: await import('node:path') };
}

/** The extension host's environment variables. */
export function hostEnvironment(): Readonly<Record<string, string | undefined>> {
  return process.env;
}
