/**
 * Which tenants Deploy offers for a file, in which order. The tenant the file names as its
 * provider (options.domain) is never a target: a connection federating a tenant to itself
 * cannot log anyone in. The tenant the file was last deployed to comes first.
 */
export interface TargetCandidate {
  /** `https://host` or `http://127.0.0.1:port`. */
  readonly origin: string;
}

export function deployTargets<T extends TargetCandidate>(
  tenants: readonly T[],
  providerDomain: string | undefined,
  lastDeployOrigin: string | undefined,
): { readonly targets: T[]; readonly providerExcluded?: T } {
  const host = (t: T): string => new URL(t.origin).host.toLowerCase();
  const provider = providerDomain?.trim().toLowerCase();
  const providerExcluded = provider ? tenants.find((t) => host(t) === provider) : undefined;
  const targets = tenants.filter((t) => t !== providerExcluded);
  const last = targets.findIndex((t) => t.origin === lastDeployOrigin);
  if (last > 0) targets.unshift(...targets.splice(last, 1));
  return { targets, ...(providerExcluded ? { providerExcluded } : {}) };
}
