// Which hosts are loopback: a tenant there may use plain http (the local sandbox), and the
// connection file rules and the move to oidc treat such a provider domain alike. Shared by
// src/core and src/auth0/tenantUrl.ts (which re-exports it).

/** True for 127.0.0.0/8, `localhost` and `[::1]` (as URL.hostname spells them). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || host === '[::1]' || host === '::1') {
    return true;
  }
  const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return octets !== null && octets.slice(1).every((o) => Number(o) <= 255);
}
