import * as vscode from 'vscode';
import type { ProxyConfig } from '../auth0';

/** The settings of VS Code's own proxy support that the Auth0 client honours (see src/auth0/proxy.ts). */
export const PROXY_SETTINGS = [
  'http.proxy',
  'http.proxyStrictSSL',
  'http.noProxy',
  'http.proxyAuthorization',
  'http.proxySupport',
] as const;

/**
 * VS Code's proxy settings for the Auth0 client, which uses undici and so is not covered by
 * VS Code's patching of Node's http/https modules. When `http.proxy` is empty, the client reads
 * HTTPS_PROXY / HTTP_PROXY / NO_PROXY from the extension host's environment, as VS Code does.
 *
 * Only the user's (or the machine's) values count, read with `inspect()`: a folder's
 * `.vscode/settings.json` must never route the Management token through a proxy of the
 * repository's choosing, nor turn certificate checks off. VS Code scopes these settings to the
 * machine today; this holds even if that ever changes (issue 23.6).
 */
export function proxyConfig(): ProxyConfig {
  const http = vscode.workspace.getConfiguration('http');
  const proxy = userValue(http, 'proxy');
  const noProxy = userValue(http, 'noProxy');
  const authorization = userValue(http, 'proxyAuthorization');
  const support = userValue(http, 'proxySupport');
  return {
    ...(typeof proxy === 'string' && proxy.trim() !== '' ? { proxy } : {}),
    strictSSL: userValue(http, 'proxyStrictSSL') !== false,
    ...(Array.isArray(noProxy) ? { noProxy: noProxy.filter((e): e is string => typeof e === 'string') } : {}),
    ...(typeof authorization === 'string' && authorization.trim() !== '' ? { proxyAuthorization: authorization } : {}),
    ...(typeof support === 'string' ? { support } : {}),
  };
}

/** The user's value, else the default: workspace and folder values are ignored. */
function userValue(configuration: vscode.WorkspaceConfiguration, key: string): unknown {
  const inspected = configuration.inspect<unknown>(key);
  return inspected?.globalValue ?? inspected?.defaultValue;
}

/** True when a configuration change touches one of the proxy settings. */
export function affectsProxy(e: vscode.ConfigurationChangeEvent): boolean {
  return PROXY_SETTINGS.some((s) => e.affectsConfiguration(s));
}
