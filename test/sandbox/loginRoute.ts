// /u/login: the login page (form) behind oidc-provider's interactions, the test shortcuts, and the
// hand-over to a federation for auth0-oidc / oidc connections.
import type * as http from 'node:http';
import type { TenantContext } from './context';
import type { OidcInteraction } from './oidc';
import { NON_VERIFIABLE_CALLBACK } from './oidcConfig';
import { confirmCallbackPage, errorPage, loginPage } from './pages';
import type { ClientRecord, ConnectionRecord, UserRecord } from './records';
import { readRaw, redirect, sendHtml } from './respond';
import { DATABASE_CONNECTION } from './seed';

/**
 * Where a browser that reached `/authorize` through a port forwarder must start its login instead:
 * the same path and query on the tenant's own origin, or undefined when the request came in on one
 * of the tenant's own hosts (canonical or custom domain).
 *
 * code-server relays a loopback link through `http://EDITOR/proxy/PORT/...`, keeping its own Host
 * header and adding no X-Forwarded-* header, and rewrites only path-only redirects (`/u/login` →
 * `/proxy/PORT/u/login`). oidc-provider builds the resume URL of a login from the Host header, so
 * a login started there returned from the provider to `http://EDITOR/authorize/UID`, where
 * code-server answers "Not found.". The federation already sends the browser to the provider and
 * back to `<rp>/login/callback` by absolute URLs (the browser must reach the tenants directly), so
 * the login starts on the tenant's own origin too. Nothing else changes: every check of
 * `/authorize` runs on the redirected request, and the query is passed on untouched.
 */
export function ownOriginForForwardedLogin(
  tenant: Pick<TenantContext, 'baseUrl' | 'customBaseUrl'>,
  req: http.IncomingMessage,
): string | undefined {
  if ((req.method ?? 'GET').toUpperCase() !== 'GET') return undefined;
  const raw = req.url ?? '/';
  const pathAndQuery = raw.startsWith('/') ? raw : '/';
  if (!/^\/authorize(\?|$)/.test(pathAndQuery)) return undefined;
  const host = (req.headers.host ?? '').toLowerCase();
  const ownHosts = [tenant.baseUrl, tenant.customBaseUrl].map((base) => new URL(base).host);
  if (ownHosts.includes(host)) return undefined;
  return `${tenant.baseUrl}${pathAndQuery}`;
}

export async function loginRoute(
  tenant: TenantContext,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
): Promise<void> {
  const provider = tenant.requireProvider(req);
  let form: URLSearchParams | undefined;
  if (req.method === 'POST') {
    const raw = await readRaw(req);
    form = new URLSearchParams(raw?.toString('utf8') ?? '');
  } else if (req.method !== 'GET') {
    return sendHtml(
      res,
      405,
      errorPage({
        tenant: tenant.name,
        title: 'Method not allowed',
        error: 'invalid_request',
        description: `${req.method} /u/login`,
      }),
    );
  }
  const uid = form?.get('state') ?? url.searchParams.get('state') ?? '';
  const interaction = uid ? await provider.Interaction.find(uid) : undefined;
  if (!interaction) {
    return sendHtml(
      res,
      400,
      errorPage({
        tenant: tenant.name,
        title: 'Login session not found',
        error: 'invalid_request',
        description: 'The login transaction expired or does not exist. Start again from the application.',
      }),
    );
  }
  const params = interaction.params as Record<string, string | undefined>;
  const client = tenant.state.clients.get(params.client_id ?? '');
  if (interaction.prompt.name !== 'login') {
    const accountId = interaction.session?.accountId;
    if (!accountId || !client)
      return finishInteraction(res, interaction, {
        error: 'access_denied',
        error_description: 'consent could not be obtained',
      });
    if (interaction.prompt.reasons.includes(NON_VERIFIABLE_CALLBACK)) {
      // Auth0's confirmation before returning a reused session to a loopback/custom-scheme callback.
      const action = form?.get('action');
      if (action === 'cancel') {
        return finishInteraction(res, interaction, {
          error: 'access_denied',
          error_description: 'The user did not confirm the login to a non-verifiable callback URL.',
        });
      }
      if (action !== 'confirm') {
        const email = tenant.state.users.get(accountId)?.email ?? tenant.federatedUsers.get(accountId)?.email;
        return sendHtml(
          res,
          200,
          confirmCallbackPage({
            tenant: tenant.name,
            state: interaction.uid,
            clientName: client.name,
            redirectUri: params.redirect_uri ?? '',
            user: typeof email === 'string' ? email : accountId,
          }),
        );
      }
    }
    // consent (first-party apps only here): grant what was asked and continue.
    const grant = new provider.Grant({ clientId: client.client_id, accountId });
    grant.addOIDCScope(params.scope ?? 'openid');
    return finishInteraction(res, interaction, { consent: { grantId: await grant.save() } });
  }

  let connection: ConnectionRecord | undefined;
  if (params.connection) {
    connection = [...tenant.state.connections.values()].find((c) => c.name === params.connection);
    // Auth0's descriptions for `connection=NAME` at /authorize, word for word. Auth0 documents no list
    // of them; they are the ones its tenants send, as users quote them: "the connection was not found"
    // (auth0/auth0.js #822, an error redirect from /authorize) and, for a connection that exists but
    // is not enabled for the application, "the connection was disabled" (auth0/Lock.swift #259,
    // `invalid_request` from the same tenant rules). Both are `invalid_request`.
    if (!connection)
      return finishInteraction(res, interaction, {
        error: 'invalid_request',
        error_description: 'the connection was not found',
      });
    if (!client || !connection.enabled_clients.includes(client.client_id)) {
      return finishInteraction(res, interaction, {
        error: 'invalid_request',
        error_description: 'the connection was disabled',
      });
    }
    if (connection.strategy === 'auth0-oidc' || connection.strategy === 'oidc') {
      if (form)
        return sendHtml(
          res,
          400,
          errorPage({
            tenant: tenant.name,
            title: 'Wrong login page',
            error: 'invalid_request',
            description: 'this connection logs in at its identity provider',
          }),
        );
      return tenant.federation.start(res, interaction, connection, tenant.baseUrlFor(req));
    }
    if (connection.strategy !== 'auth0') {
      return finishInteraction(res, interaction, {
        error: 'invalid_request',
        error_description: `the sandbox cannot log in with strategy ${connection.strategy}`,
      });
    }
  }
  const connectionName = connection?.name ?? DATABASE_CONNECTION;
  const findUser = (email: string | null | undefined): UserRecord | undefined =>
    [...tenant.state.users.values()].find(
      (u) => u.connection === connectionName && u.email.toLowerCase() === (email ?? '').toLowerCase(),
    );

  const shortcut = (tenant.options.testShortcuts ? params.sandbox_login : undefined) ?? tenant.autoLogin;
  if (!form && shortcut) {
    const user = findUser(shortcut);
    if (user) return finishInteraction(res, interaction, { login: { accountId: user.user_id } });
    return renderLogin(
      tenant,
      res,
      interaction,
      client,
      connectionName,
      shortcut,
      `Auto-login: no user ${shortcut} in ${connectionName}.`,
    );
  }
  if (!form) return renderLogin(tenant, res, interaction, client, connectionName, params.login_hint);
  const user = findUser(form.get('email'));
  if (!user || user.password === undefined || user.password !== form.get('password')) {
    return renderLogin(
      tenant,
      res,
      interaction,
      client,
      connectionName,
      form.get('email') ?? '',
      'Wrong email or password.',
      401,
    );
  }
  return finishInteraction(res, interaction, { login: { accountId: user.user_id } });
}

function renderLogin(
  tenant: TenantContext,
  res: http.ServerResponse,
  interaction: OidcInteraction,
  client: ClientRecord | undefined,
  connection: string,
  email?: string,
  error?: string,
  status = 200,
): void {
  sendHtml(
    res,
    status,
    loginPage({
      tenant: tenant.name,
      state: interaction.uid,
      clientName: client?.name ?? 'the application',
      connection,
      email,
      error,
    }),
  );
}

export async function finishInteraction(
  res: http.ServerResponse,
  interaction: OidcInteraction,
  result: Record<string, unknown>,
): Promise<void> {
  interaction.result = result;
  await interaction.save(Math.max(1, interaction.exp - Math.floor(Date.now() / 1000)));
  redirect(res, 303, interaction.returnTo);
}
