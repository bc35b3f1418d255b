import { InvalidTenantDomainError } from './errors';
import { isLoopbackHost } from '../core/auth0Api/loopbackHost';

export { isLoopbackHost };

// A tenant's domain decides where its Management API token goes, so it is parsed strictly:
// an origin and nothing else; https, except plain http for loopback hosts (the local sandbox).

const HOST_PORT = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?$/;
const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * The origin of a tenant, as a URL whose path is `/`.
 * Accepts `acme.eu.auth0.com`, `acme.eu.auth0.com:8443`, `https://acme.eu.auth0.com`,
 * `127.0.0.1:PORT` (→ http), `http://localhost:PORT`; throws InvalidTenantDomainError otherwise.
 */
export function tenantBaseUrl(domain: string): URL {
  const input = domain.trim();
  if (input === '') {
    throw new InvalidTenantDomainError('it is empty');
  }
  if (/[\s\\]/.test(input)) {
    throw new InvalidTenantDomainError('it contains spaces or backslashes');
  }
  if (input.includes('?') || input.includes('#')) {
    throw new InvalidTenantDomainError('it must not contain a query or fragment');
  }
  if (input.includes('@')) {
    throw new InvalidTenantDomainError('it must not contain credentials');
  }

  const schemeMatch = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(input);
  let url: URL;
  if (schemeMatch) {
    const scheme = schemeMatch[1]!.toLowerCase();
    if (scheme !== 'https' && scheme !== 'http') {
      throw new InvalidTenantDomainError(`the scheme ${scheme}: is not allowed (use https)`);
    }
    const rest = input.slice(schemeMatch[0].length);
    const hostPart = rest.endsWith('/') ? rest.slice(0, -1) : rest;
    if (hostPart.includes('/')) {
      throw new InvalidTenantDomainError('it must not contain a path');
    }
    url = parseOrigin(`${scheme}://${hostPart}`);
    if (scheme === 'http' && !isLoopbackHost(url.hostname)) {
      throw new InvalidTenantDomainError(
        'plain http is only allowed for loopback hosts (127.0.0.1, localhost, [::1]); use https',
      );
    }
  } else {
    if (input.includes('/')) {
      throw new InvalidTenantDomainError('it must not contain a path');
    }
    if (input.includes('://') || /^[a-zA-Z][a-zA-Z0-9+.-]*:[^0-9]/.test(input)) {
      throw new InvalidTenantDomainError('it has an unknown scheme');
    }
    if (!HOST_PORT.test(input)) {
      throw new InvalidTenantDomainError('it is not a host name');
    }
    const probe = parseOrigin(`https://${input}`);
    url = isLoopbackHost(probe.hostname) ? parseOrigin(`http://${input}`) : probe;
  }

  if (!url.hostname.startsWith('[') && !isIPv4(url.hostname)) {
    const labels = url.hostname.split('.');
    if (labels.some((label) => !DNS_LABEL.test(label))) {
      throw new InvalidTenantDomainError('it is not a valid host name');
    }
  }
  if (url.port === '0') {
    throw new InvalidTenantDomainError('port 0 is not allowed');
  }
  return new URL(`${url.origin}/`);
}

function isIPv4(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host);
}

function parseOrigin(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InvalidTenantDomainError('it is not a valid host name or origin');
  }
  if (url.username !== '' || url.password !== '') {
    throw new InvalidTenantDomainError('it must not contain credentials');
  }
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '') {
    throw new InvalidTenantDomainError('it must not contain a path, query or fragment');
  }
  if (url.hostname === '') {
    throw new InvalidTenantDomainError('it has no host');
  }
  return url;
}
