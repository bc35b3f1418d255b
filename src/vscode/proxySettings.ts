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
 */
export function proxyConfig(): ProxyConfig {
  const http = vscode.workspace.getConfiguration('http');
  const proxy = http.get<unknown>('proxy');
  const noProxy = http.get<unknown>('noProxy');
  const authorization = http.get<unknown>('proxyAuthorization');
  const support = http.get<unknown>('proxySupport');
  return {
    ...(typeof proxy === 'string' && proxy.trim() !== '' ? { proxy } : {}),
    strictSSL: http.get<unknown>('proxyStrictSSL') !== false,
    ...(Array.isArray(noProxy) ? { noProxy: noProxy.filter((e): e is string => typeof e === 'string') } : {}),
    ...(typeof authorization === 'string' && authorization.trim() !== '' ? { proxyAuthorization: authorization } : {}),
    ...(typeof support === 'string' ? { support } : {}),
  };
}

/** True when a configuration change touches one of the proxy settings. */
export function affectsProxy(e: vscode.ConfigurationChangeEvent): boolean {
  return PROXY_SETTINGS.some((s) => e.affectsConfiguration(s));
}
