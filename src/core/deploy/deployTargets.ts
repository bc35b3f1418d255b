/**
 * Which configured tenants a command offers as the Relying Party (the tenant the connection lives
 * on) for a connection file, in which order. One rule for every command that picks a tenant for a
 * file (Deploy, Copy Deploy as curl, Test Login, Open Authorize Link, Check Provider's RP):
 *
 * - a tenant the file names as its provider is never offered: a connection federating a tenant to
 *   itself cannot log anyone in, and a POST there creates the connection in the wrong tenant. The
 *   provider is named by `options.domain` (auth0-oidc) and by every URL option of an oidc file
 *   (discovery_url, issuer and the endpoints), whichever are present;
 * - the tenant the file was last deployed to comes first; failing that, the tenant its source file
 *   was deployed to (Move to OIDC leaves that hint), marked differently because the new connection
 *   does not exist there yet.
 */
import { providerHostsOf as providerHostsNamedIn } from '../connectionFile/providerHosts';

export interface TargetCandidate {
  /** `https://host` or `http://127.0.0.1:port`. */
  readonly origin: string;
}

/**
 * `lastDeployed`: this file was deployed there. `sourceDeployed`: the file it was moved from was
 * deployed there; this file's connection may not exist there.
 */
export type TargetHintKind = 'lastDeployed' | 'sourceDeployed';

export interface TargetHint {
  readonly origin: string;
  readonly kind: TargetHintKind;
}

export interface RpCandidates<T> {
  /** The tenants to offer, the hinted one first. */
  readonly targets: T[];
  /** Configured tenants that the file names as its provider (never offered). */
  readonly providerTenants: T[];
  /** Set when the hint names one of the targets (then `targets[0]`). */
  readonly hinted?: { readonly tenant: T; readonly kind: TargetHintKind };
}

/**
 * A host compared as tenants are: lower case, no trailing dot, no default port (`:443`, `:80`), so
 * `A.eu.auth0.com:443` and `https://a.eu.auth0.com` are the same tenant and `127.0.0.1:4000` and
 * `127.0.0.1:4001` are not.
 */
export function hostKey(host: string): string {
  const lower = host.trim().toLowerCase();
  const match = /^(.*?)\.?(?::(\d+))?$/.exec(lower);
  const name = match?.[1] ?? lower;
  const port = match?.[2];
  return port === undefined || port === '443' || port === '80' ? name : `${name}:${port}`;
}

/**
 * The keys (see hostKey) of every host the file's options name as its provider: `options.domain`,
 * each oidc URL option and `oidc_metadata`'s endpoints (connectionFile/providerHosts.ts, which the
 * placeholder binding and the validator read too).
 */
export function providerHostsOf(options: unknown): ReadonlySet<string> {
  const hosts = new Set<string>();
  for (const { host } of providerHostsNamedIn(options)) if (host !== undefined) hosts.add(hostKey(host));
  return hosts;
}

const originKey = (origin: string): string => {
  try {
    return hostKey(new URL(origin).host);
  } catch {
    return origin;
  }
};

/** The rule above over `tenants` (their configured order kept, the hinted one moved first). */
export function rpCandidates<T extends TargetCandidate>(
  tenants: readonly T[],
  options: unknown,
  hint: TargetHint | undefined,
): RpCandidates<T> {
  const providerHosts = providerHostsOf(options);
  const providerTenants = tenants.filter((t) => providerHosts.has(originKey(t.origin)));
  const targets = tenants.filter((t) => !providerTenants.includes(t));
  const at = hint ? targets.findIndex((t) => originKey(t.origin) === originKey(hint.origin)) : -1;
  if (at < 0 || !hint) return { targets, providerTenants };
  const [tenant] = targets.splice(at, 1);
  targets.unshift(tenant!);
  return { targets, providerTenants, hinted: { tenant: tenant!, kind: hint.kind } };
}

/** Which option of the file names `tenant` as its provider (`options.domain`, ...), for the error that says so. */
export function providerOptionNaming(options: unknown, tenant: TargetCandidate): string | undefined {
  const key = originKey(tenant.origin);
  const found = providerHostsNamedIn(options).find((h) => h.host !== undefined && hostKey(h.host) === key);
  return found && `options.${found.option}`;
}
