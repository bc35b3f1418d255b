import { isLoopbackHost } from '../auth0/tenantUrl';

/**
 * `npm start` runs code-server with this variable: `{ "http://127.0.0.1:PORT": { "clientId", "clientSecret" } }`,
 * the Management API credentials of its local sandbox tenants, so that the tree is connected on
 * first open. VS Code keeps secrets in the browser's storage, which the script cannot write to.
 */
export const SANDBOX_CREDENTIALS_ENV = 'AUTH0_OIDC_SANDBOX_CREDENTIALS';

/**
 * The sandbox client secret for a tenant, from `env`: only for a plain-http loopback origin (the
 * sandbox; never a real tenant) and only for the client id the tenant is configured with. The
 * caller stores it in SecretStorage; the variable is never written anywhere.
 */
export function sandboxClientSecret(
  env: Readonly<Record<string, string | undefined>>,
  origin: string,
  clientId: string | undefined,
): string | undefined {
  const raw = env[SANDBOX_CREDENTIALS_ENV];
  if (!raw || clientId === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' || !isLoopbackHost(url.hostname)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const entry = (parsed as Record<string, unknown>)[url.origin];
  if (typeof entry !== 'object' || entry === null) return undefined;
  const { clientId: seededId, clientSecret } = entry as { clientId?: unknown; clientSecret?: unknown };
  return seededId === clientId && typeof clientSecret === 'string' && clientSecret !== '' ? clientSecret : undefined;
}
