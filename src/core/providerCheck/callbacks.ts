/** The Relying Party's `/login/callback` URL(s) the provider application must allow. */
import { bareHostFrom } from '../connectionFile/host';

/**
 * `https://RP/login/callback` for an RP domain or origin. A loopback host without a scheme (the
 * local sandbox, `127.0.0.1:PORT`) is reached over plain http, as the tenant registry does.
 */
export function expectedCallback(rpDomain: string): string {
  const trimmed = rpDomain.trim();
  const scheme = /^(https?):\/\//i.exec(trimmed)?.[1]?.toLowerCase();
  const host = (bareHostFrom(trimmed) ?? trimmed).toLowerCase();
  const protocol = scheme ?? (isLoopback(host) ? 'http' : 'https');
  return `${protocol}://${host}/login/callback`;
}

function isLoopback(host: string): boolean {
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : (host.split(':')[0] ?? host);
  return name === 'localhost' || name === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name);
}

/**
 * Auth0 compares a redirect_uri with the Allowed Callback URLs as exact strings: scheme, host,
 * port, path and a trailing slash all count (`.../login/callback/` is a different URL).
 * https://auth0.com/docs/authenticate/login/redirect-users-after-login
 */
export function sameCallback(listed: string, expected: string): boolean {
  return listed.trim() === expected;
}

/**
 * The RP domains whose /login/callback the provider application must list: each chosen one, plus
 * the custom domain of a configured tenant among them, since a login that starts on the custom
 * domain returns there (Auth0: with a custom domain, the IdP's callback is https://CUSTOM/login/callback).
 * https://auth0.com/docs/customize/custom-domains/configure-features-to-use-custom-domains
 */
export function withLoginDomains(
  rpDomains: readonly string[],
  tenants: readonly { readonly origin: string; readonly loginOrigin: string }[],
): string[] {
  const out: string[] = [];
  for (const domain of rpDomains) {
    out.push(domain);
    const tenant = tenants.find((t) => t.origin === domain || expectedCallback(t.origin) === expectedCallback(domain));
    if (tenant && tenant.loginOrigin !== tenant.origin) out.push(tenant.loginOrigin);
  }
  return out;
}
