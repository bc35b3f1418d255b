import type { NodeFileSystem } from '../vscode/nodeHost';

// Stands in for src/vscode/nodeHost.ts in the browser bundle (esbuild.mjs): a web worker has no
// Node file system (the browser's, File System Access, shows no symbolic links to check) and no
// environment variables.

export function nodeFileSystem(): Promise<NodeFileSystem | undefined> {
  return Promise.resolve(undefined);
}

export function hostEnvironment(): Readonly<Record<string, string | undefined>> {
  return {};
}
