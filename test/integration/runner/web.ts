// The web phase (issue 26): the extension in the browser's web worker extension host, as vscode.dev
// and github.dev run it. code-server runs extensions in its Node host by default; its profile's user
// setting `remote.extensionKind: { ID: ["web"] }` moves ours into the worker (the workbench payload's
// `extensionDevelopmentKind` has no effect in code-server, and vsce refuses `extensionKind: ["web"]`
// in the manifest). A code-server of its own, so the other phases keep the Node host. In it: the
// web suite (test/integration/web, bundled for the browser into dist-test/web/index.js), whose URIs
// name the page's own host and port (else the suite silently falls back to the Node host), then the
// web UI scenarios (test/integration/web/*.ui.ts).
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../../../scripts/code-server';
import { createProfile, type RunProfile } from './profile';
import { startCodeServer, type CodeServer } from './server';

/** The extension's id, as `remote.extensionKind` names it. */
export function extensionId(): string {
  const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
    publisher: string;
    name: string;
  };
  return `${manifest.publisher}.${manifest.name}`;
}

/** A profile whose settings run our extension in the web worker host, and its code-server. */
export async function startWebCodeServer(opts: {
  codeServerBin: string;
  nodeBin?: string | undefined;
  keep?: boolean | undefined;
  verbose?: boolean | undefined;
  onProfile?: ((root: string) => void) | undefined;
  onLine: (line: string) => void;
}): Promise<{ profile: RunProfile; server: CodeServer }> {
  const profile = await createProfile({
    keep: opts.keep,
    prefix: 'web-', // short: code-server's IPC socket path must stay under 108 characters
    settings: { 'remote.extensionKind': { [extensionId()]: ['web'] } },
  });
  opts.onProfile?.(profile.root);
  const server = await startCodeServer({
    bin: opts.codeServerBin,
    ...(opts.nodeBin ? { nodeBin: opts.nodeBin } : {}),
    profile,
    onLine: opts.onLine,
  });
  // code-server announces the authority `remote`; the worker host reads the extension and the suite
  // through the page's own origin, so the payload's URIs must name its host and port.
  return { profile, server: { ...server, remoteAuthority: new URL(server.baseUrl).host } };
}
