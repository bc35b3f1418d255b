// The sample workspace `npm start` opens (.vscode-test/sample-workspace): a connection file and
// .vscode/settings.json whose auth0Oidc.tenants point at the sandbox tenants.
//
// It belongs to the person trying the extension: a start never overwrites it. The sandbox may
// listen on other ports than last time (it takes its old ports again only when they are free), so
// a start moves the old sandbox's `host:port` (127.0.0.1:PORT and its custom domain
// localhost:PORT, in URLs and bare domains) to the new ports in every connection file
// (auth0-oidc-connection.json, *.auth0-oidc.json, *.oidc-connection.json, in any folder) and in
// .vscode/settings.json, and changes nothing else. A missing sample file is written fresh. The
// ports it was written for are recorded in .vscode/sandbox-ports.json.
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';

export interface SampleTenant {
  baseUrl: string;
  domain: string;
  m2m: { clientId: string };
  apps?: { name: string; clientId: string }[];
}
export interface SampleSandbox {
  provider: SampleTenant;
  rp: SampleTenant;
}
export interface SandboxPorts {
  provider: number;
  rp: number;
}

const TENANTS = ['provider', 'rp'] as const;
/** The host names a sandbox tenant answers on: its canonical domain and its custom domain. */
const SANDBOX_HOSTNAMES = ['127.0.0.1', 'localhost'];
export const PORTS_RECORD = path.join('.vscode', 'sandbox-ports.json');
const SETTINGS = path.join('.vscode', 'settings.json');
const SAMPLE_CONNECTION = 'auth0-oidc-connection.json';
/** The extension's connection files (package.json activationEvents). */
const CONNECTION_FILE = /(^auth0-oidc-connection\.json|\.auth0-oidc\.json|\.oidc-connection\.json)$/;
const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

export function sandboxPorts(sandbox: SampleSandbox): SandboxPorts {
  return { provider: Number(new URL(sandbox.provider.baseUrl).port), rp: Number(new URL(sandbox.rp.baseUrl).port) };
}

/** The `host:port` strings that name a sandbox on `ports` (canonical and custom domain of each tenant). */
export function sandboxHosts(ports: SandboxPorts): string[] {
  return TENANTS.flatMap((t) => SANDBOX_HOSTNAMES.map((h) => `${h}:${ports[t]}`));
}

/**
 * `text` with each old sandbox tenant's `host:port` moved to that tenant's new port, in one pass
 * (tenants that trade ports are not moved twice). A host must stand alone (not the end of
 * 10.127.0.0.1 or the start of a longer port); everything else is left as it is.
 */
export function rewriteSandboxPorts(text: string, from: SandboxPorts, to: SandboxPorts): string {
  const moves = new Map<string, number>();
  for (const t of TENANTS) if (from[t] !== to[t]) moves.set(String(from[t]), to[t]);
  if (moves.size === 0) return text;
  const hosts = SANDBOX_HOSTNAMES.map((h) => h.replace(/\./g, '\\.')).join('|');
  const ports = [...moves.keys()].join('|');
  const pattern = new RegExp(`(?<![\\w.-])(${hosts}):(${ports})(?!\\d)`, 'g');
  return text.replace(pattern, (_match, host: string, port: string) => `${host}:${moves.get(port)}`);
}

/** The ports of the sandbox tenants that settings written by an earlier start name, if any. */
export function portsFromSettings(settingsText: string): SandboxPorts | undefined {
  let settings: unknown;
  try {
    settings = JSON.parse(settingsText);
  } catch {
    return undefined; // comments or a half-typed edit: nothing to learn from it
  }
  const tenants = (settings as Record<string, unknown> | null)?.['auth0Oidc.tenants'];
  if (!Array.isArray(tenants)) return undefined;
  const portOf = (label: string): number | undefined => {
    const entry = tenants.find((t) => (t as { label?: unknown } | null)?.label === label) as
      { domain?: unknown } | undefined;
    if (typeof entry?.domain !== 'string') return undefined;
    try {
      const url = new URL(entry.domain);
      return SANDBOX_HOSTNAMES.includes(url.hostname) && url.port ? Number(url.port) : undefined;
    } catch {
      return undefined;
    }
  };
  const provider = portOf('Sandbox Provider');
  const rp = portOf('Sandbox RP');
  return provider && rp ? { provider, rp } : undefined;
}

function isPorts(value: unknown): value is SandboxPorts {
  const v = value as Partial<SandboxPorts> | null;
  return TENANTS.every((t) => Number.isInteger(v?.[t]) && (v?.[t] ?? 0) > 0);
}

/** The ports the sample was last prepared for: the record, else the settings of an older start. */
export async function recordedPorts(dir: string): Promise<SandboxPorts | undefined> {
  try {
    const recorded: unknown = JSON.parse(await fs.readFile(path.join(dir, PORTS_RECORD), 'utf8'));
    if (isPorts(recorded)) return { provider: recorded.provider, rp: recorded.rp };
  } catch {
    // no record yet
  }
  try {
    return portsFromSettings(await fs.readFile(path.join(dir, SETTINGS), 'utf8'));
  } catch {
    return undefined;
  }
}

function freshSettings(sandbox: SampleSandbox | undefined): Record<string, unknown> {
  const settings: Record<string, unknown> = { 'workbench.startupEditor': 'none' };
  if (sandbox)
    settings['auth0Oidc.tenants'] = [
      { domain: sandbox.rp.baseUrl, label: 'Sandbox RP', clientId: sandbox.rp.m2m.clientId },
      { domain: sandbox.provider.baseUrl, label: 'Sandbox Provider', clientId: sandbox.provider.m2m.clientId },
    ];
  return settings;
}

function freshConnection(sandbox: SampleSandbox | undefined): Record<string, unknown> {
  if (!sandbox)
    return {
      name: 'partner',
      strategy: 'auth0-oidc',
      options: {
        client_id: 'PROVIDER_APP_CLIENT_ID',
        client_secret: '##PARTNER_CLIENT_SECRET##',
        domain: 'partner.eu.auth0.com',
        scope: 'openid profile email',
      },
    };
  const app = sandbox.provider.apps?.find((a) => a.name === 'Provider App for RP');
  return {
    name: 'provider-tenant',
    strategy: 'auth0-oidc',
    options: {
      client_id: app?.clientId ?? 'PROVIDER_APP_CLIENT_ID',
      client_secret: '##PROVIDER_TENANT_CLIENT_SECRET##',
      domain: sandbox.provider.domain,
      scope: 'openid profile email',
    },
  };
}

async function connectionFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (folder: string): Promise<void> => {
    for (const entry of await fs.readdir(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name)) await walk(full);
      else if (entry.isFile() && CONNECTION_FILE.test(entry.name)) found.push(full);
    }
  };
  await walk(dir);
  return found;
}

export interface SamplePreparation {
  /** Files written fresh (they were missing), relative to the workspace. */
  written: string[];
  /** Files whose sandbox ports moved, relative to the workspace. */
  moved: string[];
}

/**
 * Makes `dir` the sample workspace for `sandbox` (undefined: no sandbox) without losing what the
 * user changed in it: missing sample files are written, the old sandbox's ports are moved to the
 * new ones in every connection file and the settings, nothing else is touched.
 */
export async function prepareSampleWorkspace(
  dir: string,
  sandbox: SampleSandbox | undefined,
): Promise<SamplePreparation> {
  const result: SamplePreparation = { written: [], moved: [] };
  await fs.mkdir(path.join(dir, '.vscode'), { recursive: true });
  const ports = sandbox ? sandboxPorts(sandbox) : undefined;
  const before = ports ? await recordedPorts(dir) : undefined;
  if (ports && before) {
    const files = [...(await connectionFiles(dir)), path.join(dir, SETTINGS)].filter((f) => existsSync(f));
    for (const file of files) {
      const text = await fs.readFile(file, 'utf8');
      const moved = rewriteSandboxPorts(text, before, ports);
      if (moved === text) continue;
      await fs.writeFile(file, moved);
      result.moved.push(path.relative(dir, file));
    }
  }
  const fresh: [string, Record<string, unknown>][] = [
    [SETTINGS, freshSettings(sandbox)],
    [SAMPLE_CONNECTION, freshConnection(sandbox)],
  ];
  for (const [name, content] of fresh) {
    const file = path.join(dir, name);
    if (existsSync(file)) continue;
    await fs.writeFile(file, JSON.stringify(content, null, 2) + '\n');
    result.written.push(name);
  }
  if (ports) await fs.writeFile(path.join(dir, PORTS_RECORD), JSON.stringify(ports, null, 2) + '\n');
  return result;
}
