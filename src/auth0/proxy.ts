// How a request reaches a tenant: directly, or through a forward proxy. VS Code's own proxy
// support patches Node's http/https modules only; undici (which this client uses) bypasses it,
// so the proxy is chosen here, from VS Code's settings when the caller passes them, else from
// the environment as curl reads it, and used through undici's own ProxyAgent.
//
// Sources followed (behaviour, not code):
// - VS Code settings `http.proxy`, `http.noProxy`, `http.proxyStrictSSL`, `http.proxyAuthorization`,
//   `http.proxySupport` (code.visualstudio.com/docs/setup/network): an explicit `http.proxy` wins
//   over the environment; `off` means extensions' requests are not proxied.
// - curl's environment variables (curl.se/docs/manpage.html, "ENVIRONMENT"): `https_proxy` /
//   `HTTPS_PROXY` for https, `http_proxy` for http, `all_proxy` as a fallback, a proxy without a
//   scheme is `http://`, and `no_proxy`: comma-separated host names that match the host and its
//   subdomains (a leading dot is ignored), IP addresses and CIDR ranges, `*` for every host. Like
//   undici's EnvHttpProxyAgent, the upper-case `HTTP_PROXY` is read too, and an entry may carry a
//   `:port` that must then match.
// - Trust: Node reads NODE_EXTRA_CA_CERTS into its default store at start; a CA passed as `ca`
//   would replace that store, so the explicit CA is added to a context built on Node's store,
//   together with NODE_EXTRA_CA_CERTS and the operating system's store where Node exposes it
//   (`tls.getCACertificates('system')`, Node 22.15+ / 23.5+, e.g. newer VS Code builds).
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import * as tls from 'node:tls';
import { Pool, ProxyAgent } from 'undici';
import type { Dispatcher } from 'undici';
import { Auth0ProxyError, ProxyConfigError, type RequestInfo } from './errors';
import { isLoopbackHost } from './tenantUrl';

/** What the caller knows about proxies; all optional. Without it, the environment decides. */
export interface ProxyConfig {
  /** VS Code `http.proxy`; empty means "use the environment". */
  readonly proxy?: string;
  /** VS Code `http.proxyStrictSSL` (default true): false accepts any certificate on proxied connections. */
  readonly strictSSL?: boolean;
  /** VS Code `http.noProxy`: hosts reached directly, same forms as NO_PROXY. */
  readonly noProxy?: readonly string[];
  /** VS Code `http.proxyAuthorization`: the Proxy-Authorization header value. */
  readonly proxyAuthorization?: string;
  /** VS Code `http.proxySupport`: `off` turns proxying off. */
  readonly support?: string;
  /** Where HTTPS_PROXY and friends are read; default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** The proxy chosen for one origin. Never holds the credentials in `display`. */
export interface ProxyRoute {
  /** The proxy URL given to undici (may carry user:password). */
  readonly uri: string;
  /** `http://proxy.corp:3128`, without credentials: for messages and logs. */
  readonly display: string;
  /** Where it came from: `http.proxy`, `HTTPS_PROXY`, ... */
  readonly source: string;
  /** Proxy-Authorization header value, from `http.proxyAuthorization`. */
  readonly token?: string;
  readonly strictSSL: boolean;
}

function envValue(
  env: Readonly<Record<string, string | undefined>>,
  ...names: string[]
): { name: string; value: string } | undefined {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return { name, value };
  }
  return undefined;
}

/** The proxy for requests to `target`, or undefined to connect directly. Throws ProxyConfigError. */
export function resolveProxy(target: URL, config: ProxyConfig = {}): ProxyRoute | undefined {
  if (config.support === 'off') return undefined;
  const env = config.env ?? process.env;
  const configured = config.proxy?.trim();
  let chosen: { name: string; value: string } | undefined;
  let noProxy = [...(config.noProxy ?? [])];
  if (configured) {
    chosen = { name: 'http.proxy', value: configured };
  } else {
    chosen =
      target.protocol === 'https:'
        ? envValue(env, 'https_proxy', 'HTTPS_PROXY', 'all_proxy', 'ALL_PROXY')
        : envValue(env, 'http_proxy', 'HTTP_PROXY', 'all_proxy', 'ALL_PROXY');
    const fromEnv = envValue(env, 'no_proxy', 'NO_PROXY');
    if (fromEnv) noProxy = [...noProxy, ...fromEnv.value.split(/[\s,]+/)];
  }
  if (!chosen || bypassesProxy(target, noProxy)) return undefined;

  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(chosen.value) ? chosen.value : `http://${chosen.value}`);
  } catch {
    throw new ProxyConfigError(chosen.name, 'it is not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ProxyConfigError(
      chosen.name,
      `the scheme ${url.protocol.replace(/:$/, '')} is not supported (http or https)`,
    );
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.hash !== '') {
    throw new ProxyConfigError(chosen.name, 'a proxy URL has no path or query');
  }
  // A loopback tenant (the sandbox; plain http is allowed only there) goes through a proxy only
  // when the proxy runs on this machine too: a remote proxy would reach its own loopback, and a
  // plain-http request would carry the token to it in clear text. (Go's ProxyFromEnvironment
  // never proxies localhost for the first reason.)
  if (isLoopbackHost(target.hostname) && !isLoopbackHost(url.hostname)) return undefined;
  const authorization = config.proxyAuthorization?.trim();
  return {
    uri: url.href,
    display: `${url.protocol}//${url.host}`,
    source: chosen.name,
    ...(authorization ? { token: authorization } : {}),
    strictSSL: config.strictSSL !== false,
  };
}

/** True when `target` matches an entry of a NO_PROXY / http.noProxy list. */
export function bypassesProxy(target: URL, entries: readonly string[]): boolean {
  const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  for (const raw of entries) {
    let entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    if (entry === '*') return true;
    let entryPort: string | undefined;
    const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
    if (bracketed) {
      entry = bracketed[1] ?? '';
      entryPort = bracketed[2];
    } else if (isIP(entry) === 0 && !entry.includes('/')) {
      const withPort = /^(.*):(\d+)$/.exec(entry);
      if (withPort) {
        entry = withPort[1] ?? '';
        entryPort = withPort[2];
      }
    }
    if (entryPort !== undefined && entryPort !== port) continue;
    if (entry.includes('/')) {
      if (inCidr(host, entry)) return true;
      continue;
    }
    entry = entry.replace(/^\*?\./, '');
    if (host === entry || (isIP(host) === 0 && host.endsWith(`.${entry}`))) return true;
  }
  return false;
}

function inCidr(host: string, cidr: string): boolean {
  const [base = '', bitsText = ''] = cidr.split('/');
  const family = isIP(base);
  if (family === 0 || isIP(host) !== family || !/^\d+$/.test(bitsText)) return false;
  const a = ipBytes(host);
  const b = ipBytes(base);
  let bits = Number(bitsText);
  if (bits > a.length * 8) return false;
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if (((a[i] ?? 0) & mask) !== ((b[i] ?? 0) & mask)) return false;
  }
  return true;
}

function ipBytes(ip: string): number[] {
  if (isIP(ip) === 4) return ip.split('.').map(Number);
  const [head = '', tail = ''] = ip.split('::');
  const groups = (s: string): string[] => (s === '' ? [] : s.split(':'));
  const h = groups(head);
  const t = groups(tail);
  const all = ip.includes('::') ? [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t] : h;
  return all.flatMap((g) => {
    const n = parseInt(g, 16);
    return [(n >> 8) & 0xff, n & 0xff];
  });
}

type CaStore = 'default' | 'system' | 'bundled' | 'extra';
type GetCACertificates = (type?: CaStore) => string[];

function getCACertificatesFn(): GetCACertificates | undefined {
  const fn = (tls as { getCACertificates?: GetCACertificates }).getCACertificates;
  return typeof fn === 'function' ? fn : undefined;
}

function caStore(get: GetCACertificates, type: CaStore): readonly string[] {
  try {
    return get(type);
  } catch {
    return []; // This Node has no such store.
  }
}

/** The certificates of NODE_EXTRA_CA_CERTS, read as Node reads them at start. */
function extraCertificatesFromEnv(): string[] {
  const extra = process.env.NODE_EXTRA_CA_CERTS;
  if (!extra) return [];
  try {
    return readFileSync(extra, 'utf8').match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  } catch {
    return []; // Node itself warned at start that the file could not be read.
  }
}

let systemAndDefault: readonly string[] | undefined;

/**
 * Certificates to trust besides an explicit CA: Node's default store (Mozilla's roots plus
 * NODE_EXTRA_CA_CERTS) and, where Node exposes it, the operating system's store.
 */
export function defaultTrustedCertificates(): readonly string[] {
  if (systemAndDefault) return systemAndDefault;
  const get = getCACertificatesFn();
  const certificates = new Set<string>();
  if (get) {
    for (const type of ['default', 'system'] as const) for (const cert of caStore(get, type)) certificates.add(cert);
  } else {
    for (const cert of tls.rootCertificates) certificates.add(cert);
    for (const cert of extraCertificatesFromEnv()) certificates.add(cert);
  }
  systemAndDefault = [...certificates];
  return systemAndDefault;
}

let beyondBundled: readonly string[] | undefined;

/**
 * The part of defaultTrustedCertificates() that is not Node's bundled (Mozilla) store:
 * NODE_EXTRA_CA_CERTS and the operating system's certificates Mozilla's list lacks.
 */
function trustedBeyondBundled(): readonly string[] {
  if (beyondBundled) return beyondBundled;
  const get = getCACertificatesFn();
  const bundled = new Set(get ? caStore(get, 'bundled') : tls.rootCertificates);
  beyondBundled = defaultTrustedCertificates().filter((cert) => !bundled.has(cert));
  return beyondBundled;
}

/** Whether Node's own default store lacks something we would add (the OS store). */
function needsExplicitTrust(extraCa: string | undefined): boolean {
  return extraCa !== undefined || getCACertificatesFn() !== undefined;
}

const secureContexts = new Map<string, tls.SecureContext>();

/**
 * One SecureContext per extra CA: Node's bundled store, plus NODE_EXTRA_CA_CERTS, the OS store
 * where Node has it, and the extra CA. It starts from Node's own store (built natively, once per
 * process) and adds only what that lacks. Each certificate given as `ca` is added on its own, at
 * about 0.7 ms on Node 20, so passing the whole default store (about 145 certificates) cost
 * 30-140 ms when a process made its first client (issue 24 item 8). `context.addCACert` is the
 * native handle's method Node's own `ca` option calls; where it is missing, the whole list goes
 * as `ca`, as before.
 */
function secureContextFor(extraCa: string | undefined): tls.SecureContext | undefined {
  if (!needsExplicitTrust(extraCa)) return undefined;
  const key = extraCa ?? '';
  let context = secureContexts.get(key);
  if (!context) {
    const extra = extraCa !== undefined ? [extraCa] : [];
    const base = tls.createSecureContext();
    const native = (base as { context?: { addCACert?: unknown } }).context;
    if (native && typeof native.addCACert === 'function') {
      // Node copies its bundled store into the context on the first addition; that copy holds
      // neither NODE_EXTRA_CA_CERTS nor the OS store, so those are added too.
      const additions = [...trustedBeyondBundled(), ...extra];
      for (const cert of additions) (native.addCACert as (pem: string) => void).call(native, cert);
      context = base;
    } else {
      context = tls.createSecureContext({ ca: [...defaultTrustedCertificates(), ...extra] });
    }
    secureContexts.set(key, context);
  }
  return context;
}

export interface TenantDispatcherOptions {
  readonly connections: number;
  readonly keepAliveTimeout: number;
  /** Extra CA (PEM) trusted on top of the default and system stores. */
  readonly ca?: string;
  readonly proxy?: ProxyConfig;
}

export interface TenantDispatcher {
  readonly dispatcher: Dispatcher;
  /** Set when requests go through a proxy. */
  readonly route?: ProxyRoute;
}

/** The undici dispatcher for one origin: a Pool when direct, a ProxyAgent when proxied. */
export function createTenantDispatcher(origin: URL, options: TenantDispatcherOptions): TenantDispatcher {
  const route = resolveProxy(origin, options.proxy);
  const secureContext = secureContextFor(options.ca);
  if (!route) {
    return {
      dispatcher: new Pool(origin.origin, {
        connections: options.connections,
        keepAliveTimeout: options.keepAliveTimeout,
        ...(secureContext ? { connect: { secureContext } } : {}),
      }),
    };
  }
  const tlsOptions = {
    ...(secureContext ? { secureContext } : {}),
    ...(route.strictSSL ? {} : { rejectUnauthorized: false }),
  };
  return {
    route,
    dispatcher: new ProxyAgent({
      uri: route.uri,
      ...(route.token ? { token: route.token } : {}),
      connections: options.connections,
      keepAliveTimeout: options.keepAliveTimeout,
      requestTls: tlsOptions,
      proxyTls: tlsOptions,
    }),
  };
}

/** When a proxy is in use, the error for a failed request names it; undefined when direct. */
export function proxyFailure(
  route: ProxyRoute | undefined,
  tenant: string,
  code: string | undefined,
  isTlsError: boolean,
  request: RequestInfo,
  error: unknown,
): Auth0ProxyError | undefined {
  if (!route) return undefined;
  let status: number | undefined;
  for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
    const message = (current as { message?: unknown }).message;
    if (typeof message === 'string') {
      const match = /Proxy response \((\d{3})\)|Proxy Authentication Required \((\d{3})\)/.exec(message);
      if (match) {
        status = Number(match[1] ?? match[2]);
        break;
      }
    }
    current = (current as { cause?: unknown }).cause;
  }
  return new Auth0ProxyError(
    tenant,
    route.display,
    route.source,
    status,
    status !== undefined ? `PROXY_${status}` : code,
    status === undefined && isTlsError,
    request,
    error,
  );
}
