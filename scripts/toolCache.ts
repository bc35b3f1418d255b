// The tools the tests run in (code-server builds, the Node that runs the newer one) are kept in a
// cache outside the checkout, keyed by version, so a fresh clone on the same machine reuses them
// instead of building code-server again (minutes of native builds). A cached folder is trusted
// only when its seal matches: the list of its files with their sizes, and the content of the files
// that decide whether it runs (the entry script, native modules). A folder that was changed,
// truncated or half-deleted fails the check and is built again.
//
//   AUTH0_OIDC_TOOL_CACHE=/some/dir   where the cache lives (default: $XDG_CACHE_HOME or
//                                     ~/.cache, then auth0-oidc-connections/)
import { createHash } from 'node:crypto';
import { existsSync, promises as fs, readFileSync, readdirSync, lstatSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export function toolCacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (env.AUTH0_OIDC_TOOL_CACHE) return path.resolve(env.AUTH0_OIDC_TOOL_CACHE);
  const base = env.XDG_CACHE_HOME ? env.XDG_CACHE_HOME : path.join(os.homedir(), '.cache');
  return path.join(base, 'auth0-oidc-connections');
}

/** The seal file a finished install leaves in its folder. */
export const SEAL_FILE = '.install-seal.json';

interface Seal {
  readonly key: string;
  readonly files: number;
  readonly listing: string;
  readonly content: string;
  readonly sealedAt: string;
}

/** Files whose bytes are hashed, not only their size: what makes the tool start and run natively. */
function isKeyFile(rel: string): boolean {
  return rel.endsWith('.node') || /(^|\/)out\/node\/entry\.js$/.test(rel) || /(^|\/)bin\/node$/.test(rel);
}

function walk(root: string): { rel: string; size: number }[] {
  const files: { rel: string; size: number }[] = [];
  const stack = [''];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = dir ? `${dir}/${entry.name}` : entry.name;
      if (rel === SEAL_FILE) continue;
      if (entry.isDirectory()) stack.push(rel);
      else if (entry.isSymbolicLink()) files.push({ rel: `${rel} -> link`, size: 0 });
      else files.push({ rel, size: lstatSync(path.join(root, rel)).size });
    }
  }
  return files.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
}

function computeSeal(dir: string, key: string): Seal {
  const files = walk(dir);
  const listing = createHash('sha256');
  const content = createHash('sha256');
  for (const f of files) {
    listing.update(`${f.rel}\t${f.size}\n`);
    if (isKeyFile(f.rel)) content.update(f.rel).update(readFileSync(path.join(dir, f.rel)));
  }
  return {
    key,
    files: files.length,
    listing: listing.digest('hex'),
    content: content.digest('hex'),
    sealedAt: new Date().toISOString(),
  };
}

/** Seals a finished install: call it last, once the folder is complete and proved to run. */
export async function sealFolder(dir: string, key: string): Promise<void> {
  await fs.writeFile(path.join(dir, SEAL_FILE), JSON.stringify(computeSeal(dir, key), null, 2) + '\n');
}

/**
 * Checks a cached folder against its seal. Returns undefined when it is intact, else why not
 * (missing, never sealed, another key, files added, removed, resized or changed).
 */
export function sealProblem(dir: string, key: string): string | undefined {
  if (!existsSync(dir)) return 'not installed';
  let seal: Seal;
  try {
    seal = JSON.parse(readFileSync(path.join(dir, SEAL_FILE), 'utf8')) as Seal;
  } catch {
    return 'no seal (an unfinished or older install)';
  }
  if (seal.key !== key) return `sealed for ${seal.key}, not ${key}`;
  const now = computeSeal(dir, key);
  if (now.listing !== seal.listing)
    return `its files differ from the sealed list (${now.files} now, ${seal.files} sealed)`;
  if (now.content !== seal.content) return 'the content of its entry script or native modules changed';
  return undefined;
}
