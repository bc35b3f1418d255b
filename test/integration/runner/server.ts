// Starts code-server on 127.0.0.1, port 0 unless told otherwise, with the given profile, and
// reads its URL and remote authority.
import * as path from 'node:path';
import { killGroup, onCleanup, spawnTracked } from './processes';
import type { RunProfile } from './profile';

export interface CodeServer {
  /** e.g. http://127.0.0.1:40123 (no trailing slash) */
  baseUrl: string;
  /** The authority that `vscode-remote://` URIs must name, read from the workbench page. */
  remoteAuthority: string;
  pid: number;
  /** Settles when code-server's process ends, with its exit code (null after a signal). */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

export interface StartOptions {
  bin: string;
  /** The Node that runs code-server; default this process's. */
  nodeBin?: string;
  profile: RunProfile;
  port?: number;
  /** Extra arguments, e.g. a folder to open. */
  args?: string[];
  /** Leave workspace trust on (no --disable-workspace-trust): runner/trust.ts. */
  workspaceTrust?: boolean;
  /** Called with each line code-server prints. */
  onLine?: (line: string) => void;
  timeoutMs?: number;
}

export async function startCodeServer(opts: StartOptions): Promise<CodeServer> {
  const { profile } = opts;
  const args = [
    opts.bin,
    '--bind-addr',
    `127.0.0.1:${opts.port ?? 0}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    ...(opts.workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    '--user-data-dir',
    profile.userDataDir,
    '--extensions-dir',
    profile.extensionsDir,
    '--config',
    profile.configFile,
    ...(opts.args ?? []),
  ];
  const child = spawnTracked('code-server', opts.nodeBin ?? process.execPath, args, {
    cwd: profile.root,
    env: profile.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid!;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  // Runs before the group is ended (cleanups run newest first): what code-server prints while
  // being stopped (SIGPIPE, ECONNRESET) is not news.
  let stopping = false;
  onCleanup('code-server output', () => {
    stopping = true;
    return Promise.resolve();
  });
  const timeoutMs = opts.timeoutMs ?? 60_000;

  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`code-server did not listen within ${timeoutMs / 1000} s`)),
      timeoutMs,
    );
    let buffered = '';
    const onData = (chunk: Buffer): void => {
      buffered += chunk.toString('utf8');
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl).replace(/\r$/, '');
        buffered = buffered.slice(nl + 1);
        if (!stopping) opts.onLine?.(line);
        const m = /HTTP server listening on (http:\/\/[^\s]+)/.exec(line);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!.replace(/\/$/, ''));
        }
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited before listening (${signal ?? `exit ${code}`})`));
    });
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });

  const page = await (await fetch(`${baseUrl}/`)).text();
  const m = /id="vscode-workbench-web-configuration"\s+data-settings="([^"]*)"/.exec(page);
  if (!m) throw new Error(`code-server's page at ${baseUrl}/ has no workbench configuration`);
  const settings = JSON.parse(decodeHtml(m[1]!)) as { remoteAuthority?: string };
  if (!settings.remoteAuthority) throw new Error('code-server did not announce a remoteAuthority');

  return {
    baseUrl,
    remoteAuthority: settings.remoteAuthority,
    pid,
    exited,
    stop: () => {
      stopping = true;
      return killGroup(pid);
    },
  };
}

function decodeHtml(s: string): string {
  return s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** A `vscode-remote://` URI for a path on the machine code-server runs on. */
export function remoteUri(server: CodeServer, fsPath: string): string {
  const p = path.resolve(fsPath).split(path.sep).map(encodeURIComponent).join('/');
  return `vscode-remote://${server.remoteAuthority}${p}`;
}

/**
 * The workbench URL that opens `folder` with the extension under development loaded, and, when
 * `testsPath` is given, runs that mocha entry in the extension host.
 */
export function workbenchUrl(
  server: CodeServer,
  opts: { folder: string | undefined; extensionPath: string; testsPath?: string },
): string {
  const payload: [string, string][] = [
    ['extensionDevelopmentPath', remoteUri(server, opts.extensionPath)],
    ['skipWelcome', 'true'],
  ];
  if (opts.testsPath) payload.push(['extensionTestsPath', remoteUri(server, opts.testsPath)]);
  // Without a folder: an empty window (code-server's `ew=true`).
  const where = opts.folder === undefined ? 'ew=true' : `folder=${encodeURIComponent(path.resolve(opts.folder))}`;
  return `${server.baseUrl}/?${where}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}
