// The end of an auth0-oidc federation as the RP runs it: to the provider's /authorize with the
// connection's client, then at /login/callback the code exchange, ID token check and /userinfo,
// and the RP's own user `auth0-oidc|NAME|<provider user id>` (`oidc|NAME|…` for an oidc connection).
import { randomBytes } from 'node:crypto';
import type * as http from 'node:http';
import { decodeProtectedHeader, type JWK } from 'jose';
import { Agent, fetch } from 'undici';
import { LOOPBACK_HOSTS, type TenantContext } from './context';
import { verifyJwt } from './jwt';
import { legacyIdentityOf } from './legacyProfile';
import { finishInteraction } from './loginRoute';
import type { OidcInteraction } from './oidc';
import { errorPage } from './pages';
import type { ConnectionRecord } from './records';
import { describeError, redirect, sendHtml } from './respond';

interface PendingFederation {
  uid: string;
  /** The RP domain the login runs on (canonical or custom): its /login/callback is the upstream redirect_uri. */
  base: string;
  connectionId: string;
  nonce: string;
  domain: string;
  discovery: Discovery;
  createdAt: number;
}

interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  userinfo_endpoint: string;
  jwks_uri: string;
}

/** Thrown inside the federation steps; becomes an error redirect to the application. */
class FederationError extends Error {
  constructor(
    readonly error: string,
    description: string,
  ) {
    super(description);
  }
}

export class Federation {
  private readonly pending = new Map<string, PendingFederation>();
  private readonly dispatcher: Agent;

  constructor(private readonly tenant: TenantContext) {
    // Outbound calls (federation to another tenant) trust the sandbox CA in TLS mode.
    this.dispatcher = new Agent(tenant.options.tls ? { connect: { ca: tenant.options.tls.ca } } : {});
  }

  async close(): Promise<void> {
    await this.dispatcher.destroy();
  }

  private providerUrl(domain: string, path: string): string {
    const host = domain.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
    const scheme = LOOPBACK_HOSTS.has(host) && !this.tenant.options.tls ? 'http' : 'https';
    return `${scheme}://${domain}${path}`;
  }

  private async fetchJson(
    url: string,
    init: { method?: string; headers?: Record<string, string>; body?: string } = {},
  ): Promise<{ status: number; json: Record<string, unknown> }> {
    const response = await fetch(url, {
      ...init,
      dispatcher: this.dispatcher,
      signal: AbortSignal.timeout(10_000),
      redirect: 'manual',
    });
    const text = await response.text();
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      json = { error: 'invalid_response', error_description: text.slice(0, 200) };
    }
    return { status: response.status, json };
  }

  async start(
    res: http.ServerResponse,
    interaction: OidcInteraction,
    connection: ConnectionRecord,
    base: string,
  ): Promise<void> {
    const options = connection.options;
    const domain =
      typeof options.domain === 'string'
        ? options.domain
        : typeof options.discovery_url === 'string'
          ? new URL(options.discovery_url).host
          : '';
    const clientId = typeof options.client_id === 'string' ? options.client_id : '';
    if (!domain || !clientId) {
      return finishInteraction(res, interaction, {
        error: 'invalid_request',
        error_description: `connection ${connection.name} has no options.domain or options.client_id`,
      });
    }
    let discovery: Discovery;
    try {
      const url = this.providerUrl(domain, '/.well-known/openid-configuration');
      const { status, json } = await this.fetchJson(url);
      if (status !== 200 || typeof json.authorization_endpoint !== 'string')
        throw new Error(`GET ${url} answered ${status}`);
      discovery = json as unknown as Discovery;
    } catch (err) {
      return finishInteraction(res, interaction, {
        error: 'access_denied',
        error_description: `Could not reach the identity provider at ${domain}: ${describeError(err)}`,
      });
    }
    const scopes = new Set(typeof options.scope === 'string' ? options.scope.split(/\s+/).filter(Boolean) : []);
    scopes.add('openid');
    const state = randomBytes(24).toString('base64url');
    const nonce = randomBytes(16).toString('base64url');
    this.prunePending();
    this.pending.set(state, {
      uid: interaction.uid,
      base,
      connectionId: connection.id,
      nonce,
      domain,
      discovery,
      createdAt: Date.now(),
    });
    const target = new URL(discovery.authorization_endpoint);
    target.searchParams.set('client_id', clientId);
    target.searchParams.set('response_type', 'code');
    target.searchParams.set('redirect_uri', `${base}/login/callback`);
    target.searchParams.set('scope', [...scopes].join(' '));
    target.searchParams.set('state', state);
    target.searchParams.set('nonce', nonce);
    const params = interaction.params as Record<string, string | undefined>;
    if (this.tenant.options.testShortcuts && params.sandbox_login)
      target.searchParams.set('sandbox_login', params.sandbox_login);
    if (params.login_hint) target.searchParams.set('login_hint', params.login_hint);
    redirect(res, 302, target.href);
  }

  private prunePending(): void {
    const cutoff = Date.now() - 3600_000;
    for (const [state, p] of this.pending) if (p.createdAt < cutoff) this.pending.delete(state);
  }

  async callback(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const provider = this.tenant.requireProvider(req);
    const state = url.searchParams.get('state') ?? '';
    const pending = this.pending.get(state);
    if (!pending) {
      return sendHtml(
        res,
        400,
        errorPage({
          tenant: this.tenant.name,
          title: 'Invalid state',
          error: 'invalid_request',
          description: 'Invalid state: this login callback does not belong to a login in progress.',
        }),
      );
    }
    this.pending.delete(state);
    const interaction = await provider.Interaction.find(pending.uid);
    if (!interaction) {
      return sendHtml(
        res,
        400,
        errorPage({
          tenant: this.tenant.name,
          title: 'Login session not found',
          error: 'invalid_request',
          description: 'The login transaction expired. Start again from the application.',
        }),
      );
    }
    try {
      const upstreamError = url.searchParams.get('error');
      if (upstreamError) {
        throw new FederationError(
          'access_denied',
          `The identity provider at ${pending.domain} answered ${upstreamError}: ${url.searchParams.get('error_description') ?? ''}`.trim(),
        );
      }
      const connection = this.tenant.state.connections.get(pending.connectionId);
      if (!connection) throw new FederationError('access_denied', 'the connection was deleted during the login');
      const accountId = await this.completeFederation(connection, pending, url.searchParams.get('code') ?? '');
      return await finishInteraction(res, interaction, { login: { accountId } });
    } catch (err) {
      const error = err instanceof FederationError ? err.error : 'access_denied';
      return finishInteraction(res, interaction, {
        error,
        error_description: err instanceof FederationError ? err.message : `Federation failed: ${describeError(err)}`,
      });
    }
  }

  /** Code exchange, ID token check and /userinfo at the provider; returns the RP user_id. */
  private async completeFederation(
    connection: ConnectionRecord,
    pending: PendingFederation,
    code: string,
  ): Promise<string> {
    const { discovery, domain } = pending;
    const clientId = typeof connection.options.client_id === 'string' ? connection.options.client_id : '';
    const form = new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: `${pending.base}/login/callback`,
      client_id: clientId,
      client_secret: typeof connection.options.client_secret === 'string' ? connection.options.client_secret : '',
    });
    let exchange: { status: number; json: Record<string, unknown> };
    try {
      exchange = await this.fetchJson(discovery.token_endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      });
    } catch (err) {
      throw new FederationError(
        'access_denied',
        `Could not reach the identity provider's token endpoint at ${domain}: ${describeError(err)}`,
      );
    }
    if (exchange.status !== 200 || typeof exchange.json.access_token !== 'string') {
      const e = exchange.json;
      throw new FederationError(
        'access_denied',
        `The identity provider at ${domain} refused the code exchange for client ${clientId} (${exchange.status} ${JSON.stringify(e.error ?? '')}: ${JSON.stringify(e.error_description ?? '')}); check the connection's client_id and client_secret.`,
      );
    }
    const idToken = exchange.json.id_token;
    if (typeof idToken !== 'string')
      throw new FederationError(
        'access_denied',
        `The identity provider at ${domain} returned no ID token (is openid in the scope?)`,
      );
    const jwks = await this.fetchJson(discovery.jwks_uri);
    const header = decodeProtectedHeader(idToken);
    const keys = (jwks.json.keys as JWK[] | undefined) ?? [];
    const key = keys.find((k) => k.kid === header.kid) ?? keys[0];
    if (!key) throw new FederationError('access_denied', `The identity provider at ${domain} publishes no signing key`);
    const verified = await verifyJwt(idToken, key);
    if (!verified.ok)
      throw new FederationError(
        'access_denied',
        `The ID token from ${domain} failed verification (${verified.reason})`,
      );
    const claims = verified.payload;
    const aud = Array.isArray(claims.aud) ? (claims.aud as unknown[]) : [claims.aud];
    if (claims.iss !== discovery.issuer || !aud.includes(clientId) || claims.nonce !== pending.nonce) {
      throw new FederationError('access_denied', `The ID token from ${domain} has the wrong issuer, audience or nonce`);
    }
    const userinfo = await this.fetchJson(discovery.userinfo_endpoint, {
      headers: { authorization: `Bearer ${exchange.json.access_token}` },
    });
    if (userinfo.status !== 200 || userinfo.json.sub !== claims.sub) {
      throw new FederationError(
        'access_denied',
        `The identity provider at ${domain} did not return the user's profile (${userinfo.status})`,
      );
    }
    const profile: Record<string, unknown> = {};
    for (const field of [
      'email',
      'email_verified',
      'name',
      'nickname',
      'picture',
      'given_name',
      'family_name',
      'updated_at',
    ]) {
      if (userinfo.json[field] !== undefined) profile[field] = userinfo.json[field];
    }
    // Auth0 prefixes a federated user's id with the identity provider: "{identity provider
    // id}|{unique id in the provider}" (https://auth0.com/docs/users/identify-users), the provider
    // id of an enterprise connection being STRATEGY|CONNECTION. The OIDC enterprise connection
    // takes the standard `sub`: oidc|NAME|SUB. auth0-oidc builds its user from the provider's
    // legacy profile instead (auth0/docs articles/connections/social/auth0-oidc.md: the provider
    // needs the legacy user profile and an application that is not OIDC-conformant):
    // auth0-oidc|NAME|PROVIDER|ID from identities[0], design.md's parameter table. Without the
    // legacy fields (the provider answered the OIDC-conformant /userinfo) it has no user and the
    // login fails. Auth0 does not document that error's text; the code is access_denied here, as
    // for every other federation failure.
    let userId: string;
    if (connection.strategy === 'auth0-oidc') {
      const identity = legacyIdentityOf(userinfo.json);
      if ('missing' in identity)
        throw new FederationError(
          'access_denied',
          `The profile from the identity provider at ${domain} has no ${identity.missing} (the legacy user profile), so the auth0-oidc connection ${connection.name} cannot identify the user.`,
        );
      userId = `auth0-oidc|${connection.name}|${identity.provider}|${identity.userId}`;
    } else {
      userId = `${connection.strategy}|${connection.name}|${String(claims.sub)}`;
    }
    this.tenant.federatedUsers.set(userId, profile);
    return userId;
  }
}
