// A tenant's oidc-provider configuration: Auth0's paths, token lifetimes, claims, the interaction
// policy, resource indicators for the Management API audience, error pages, and a storage adapter
// whose clients are the Management API's application records.
import { randomBytes } from 'node:crypto';
import { isNonVerifiableCallback, type TenantContext } from './context';
import type { KoaContext, OidcClient, OidcModule, OidcProvider } from './oidc';
import { errorPage, loggedOutPage, logoutPage } from './pages';
import { LEGACY_PROFILE_CLAIMS, legacyProfileFields, servesLegacyProfile } from './legacyProfile';
import { profileClaims, type ClientRecord } from './records';

/** The interaction reason of Auth0's confirmation page for non-verifiable callbacks. */
export const NON_VERIFIABLE_CALLBACK = 'non_verifiable_callback';

/** A tenant's oidc-provider instance, configured to behave like Auth0's authorization server. */
export function createOidcProvider(tenant: TenantContext, mod: OidcModule, issuer: string): OidcProvider {
  const Provider = mod.default;
  const provider = new Provider(issuer, providerConfiguration(tenant, mod));
  // Auth0 compares redirect_uri with the application's Allowed Callback URLs as exact strings:
  // scheme, host, port, path and a trailing slash all count; a loopback URI registered without a
  // port does NOT match other ports (unlike RFC 8252 section 7.3, and unlike oidc-provider's own
  // rule for native clients). https://auth0.com/docs/authenticate/login/redirect-users-after-login
  provider.Client.prototype.redirectUriAllowed = function redirectUriAllowed(
    this: OidcClient & { redirectUris?: string[] },
    value: string,
  ): boolean {
    return (this.redirectUris ?? []).includes(value);
  };
  return provider;
}

function providerConfiguration(tenant: TenantContext, mod: OidcModule): Record<string, unknown> {
  const ttl = tenant.options.tokenLifetimeSeconds;
  const { Check, base } = mod.interactionPolicy;
  const policy = base();
  // A session is reused only for its own connection: /authorize with `connection=B` while the
  // session's user logged in through connection A goes to B (its login form, or B's identity
  // provider for a federated connection), and the user who comes back from there replaces the
  // session's. Auth0's `connection` parameter sends the login straight to that connection
  // (https://community.auth0.com/t/authenticating-users-through-a-specific-connection-database-social-etc),
  // and an Auth0 session belongs to the identity it was made with
  // (https://support.auth0.com/center/s/article/auth0-session-expiration-behavior-with-linked-sns-and-database-accounts).
  // Auth0 documents no sentence on a session of another connection; handing that session's user to
  // connection B is the kind side (B's identity provider, client secret and settings never
  // checked), so the sandbox takes the strict one. With prompt=none the answer is `login_required`
  // (https://auth0.com/docs/authenticate/login/configure-silent-authentication: the user is not
  // logged in, here not through that connection); "Login required" is the description Auth0's
  // silent-authentication errors are quoted with (not documented).
  policy.get('login')?.checks.add(
    new Check('connection_switch', 'Login required', 'login_required', (ctx: KoaContext) => {
      const wanted = ctx.oidc?.params?.connection;
      const accountId = ctx.oidc?.session?.accountId;
      if (typeof wanted !== 'string' || !wanted || !accountId) return Check.NO_NEED_TO_PROMPT;
      return connectionOfAccount(tenant, accountId) === wanted ? Check.NO_NEED_TO_PROMPT : Check.REQUEST_PROMPT;
    }),
  );
  // Auth0 asks the user to confirm a login that would return to a non-verifiable callback (a
  // loopback or custom-scheme URI) without any user interaction, i.e. when an existing session
  // satisfies the request; a fresh login (the user just typed a password) needs no confirmation.
  // Default for every tenant since 2026-04-28; off per application or tenant with
  // skip_non_verifiable_callback_uri_confirmation_prompt: true. With prompt=none such a request is
  // refused (interaction_required).
  // https://auth0.com/docs/secure/security-guidance/measures-against-app-impersonation
  // https://auth0.com/docs/troubleshoot/product-lifecycle/deprecations-and-migrations/migrate-to-non-verifiable-callback-uri-end-user-confirmation
  policy.get('consent')?.checks.add(
    new Check(
      NON_VERIFIABLE_CALLBACK,
      'the login reuses a session and returns to a non-verifiable callback URI',
      'interaction_required',
      (ctx: KoaContext) => {
        const oidc = ctx.oidc;
        const redirectUri = oidc?.params?.redirect_uri;
        if (typeof redirectUri !== 'string' || !isNonVerifiableCallback(redirectUri)) return Check.NO_NEED_TO_PROMPT;
        const client = tenant.state.clients.get(oidc?.client?.clientId ?? '');
        if (client?.skip_non_verifiable_callback_uri_confirmation_prompt === true) return Check.NO_NEED_TO_PROMPT;
        if (tenant.state.tenantSettings.skip_non_verifiable_callback_uri_confirmation_prompt === true)
          return Check.NO_NEED_TO_PROMPT;
        const result = oidc?.result;
        if (result && ('login' in result || 'consent' in result)) return Check.NO_NEED_TO_PROMPT;
        return Check.REQUEST_PROMPT;
      },
    ),
  );
  return {
    adapter: adapterClass(tenant),
    clients: [],
    jwks: { keys: [tenant.options.signingKey.privateJwk] },
    cookies: {
      keys: [randomBytes(32).toString('base64url')],
      // Browsers share cookies across ports of one host: distinct names keep the tenants apart.
      names: {
        session: `_${tenant.name}_session`,
        interaction: `_${tenant.name}_interaction`,
        resume: `_${tenant.name}_resume`,
      },
      long: { httpOnly: true, sameSite: 'lax' },
      short: { httpOnly: true, sameSite: 'lax' },
    },
    claims: {
      // The legacy profile's fields are declared here so that oidc-provider lets them through;
      // findAccount only returns them at /userinfo, when the tenant serves that application the
      // legacy profile (legacyProfile.ts).
      openid: ['sub', ...LEGACY_PROFILE_CLAIMS],
      email: ['email', 'email_verified'],
      profile: ['name', 'nickname', 'picture', 'given_name', 'family_name', 'updated_at'],
    },
    scopes: ['openid', 'offline_access', 'profile', 'email'],
    extraParams: ['connection', 'sandbox_login', 'audience', 'screen_hint', 'organization', 'invitation'],
    conformIdTokenClaims: false,
    responseTypes: ['code'],
    pkce: {
      required: (_ctx: unknown, client: { tokenEndpointAuthMethod?: string }) =>
        client.tokenEndpointAuthMethod === 'none',
    },
    routes: {
      authorization: '/authorize',
      token: '/oauth/token',
      userinfo: '/userinfo',
      jwks: '/.well-known/jwks.json',
      end_session: '/v2/logout',
      revocation: '/oauth/revoke',
      introspection: '/oauth/introspect',
      registration: '/oidc/register',
      pushed_authorization_request: '/oauth/par',
      code_verification: '/activate',
      device_authorization: '/oauth/device/code',
      backchannel_authentication: '/bc-authorize',
    },
    ttl: {
      AccessToken: ttl,
      ClientCredentials: ttl,
      IdToken: 36000,
      AuthorizationCode: 600,
      Interaction: 3600,
      Session: 86400,
      Grant: 86400,
      RefreshToken: 30 * 86400,
    },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      revocation: { enabled: true },
      introspection: { enabled: false },
      userinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx: KoaContext, form: string) => {
          ctx.type = 'html';
          ctx.body = logoutPage(tenant.name, form);
        },
        postLogoutSuccessSource: (ctx: KoaContext) => {
          ctx.type = 'html';
          ctx.body = loggedOutPage(tenant.name);
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: (_ctx: unknown, _client: unknown, oneOf?: string[]) => oneOf,
        useGrantedResource: () => false,
        getResourceServerInfo: (_ctx: unknown, resource: string, client: { clientId: string }) => {
          if (resource !== tenant.managementAudience) {
            const InvalidTarget = mod.errors.InvalidTarget ?? Error;
            throw new InvalidTarget(`Service not found: ${resource}`);
          }
          return {
            scope: (tenant.state.clientGrants.get(client.clientId) ?? []).join(' '),
            audience: resource,
            accessTokenTTL: ttl,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    extraTokenClaims: (_ctx: unknown, token: { kind?: string; clientId?: string }) =>
      token.kind === 'ClientCredentials' ? { gty: 'client-credentials', azp: token.clientId } : undefined,
    findAccount: (ctx: KoaContext, sub: string) => {
      const claims = accountClaims(tenant, sub);
      if (!claims) return undefined;
      const clientId = ctx.oidc?.client?.clientId ?? '';
      return {
        accountId: sub,
        claims: (use: string) => {
          const user = tenant.state.users.get(sub);
          if (
            use !== 'userinfo' ||
            !user ||
            !servesLegacyProfile(tenant.state.tenantSettings, tenant.state.clients.get(clientId))
          )
            return claims;
          return { ...claims, ...legacyProfileFields(user, clientId, tenant.name) };
        },
      };
    },
    loadExistingGrant: async (ctx: KoaContext) => {
      // First-party applications: no consent screen; every requested scope is granted.
      const oidc = ctx.oidc;
      if (!oidc?.client || !oidc.session?.accountId) return undefined;
      const grant = new oidc.provider.Grant({ clientId: oidc.client.clientId, accountId: oidc.session.accountId });
      const scope = typeof oidc.params?.scope === 'string' ? oidc.params.scope : 'openid';
      grant.addOIDCScope(scope);
      await grant.save();
      return grant;
    },
    interactions: {
      url: (_ctx: unknown, interaction: { uid: string }) => `/u/login?state=${interaction.uid}`,
      policy,
    },
    renderError: (ctx: KoaContext, out: { error: string; error_description?: string }) => {
      const q = ctx.query;
      let title = 'Something went wrong';
      let description = out.error_description ?? '';
      let hint: string | undefined;
      if (out.error === 'invalid_redirect_uri') {
        title = 'Callback URL mismatch';
        description = `${String(q.redirect_uri ?? '(none)')} is not in the list of allowed callback URLs.`;
        hint = `Add it to the Allowed Callback URLs of application ${String(q.client_id ?? '')} on tenant ${tenant.name}.`;
      } else if (out.error === 'invalid_client' && q.client_id) {
        title = 'Unknown client';
        description = `Unknown client: ${String(q.client_id)}`;
      }
      ctx.type = 'html';
      ctx.body = errorPage({ tenant: tenant.name, title, error: out.error, description, hint });
    },
  };
}

/** The models a grant issues, which `revokeByGrantId` removes with it (oidc-provider's list). */
const GRANT_BOUND_MODELS = new Set([
  'AccessToken',
  'AuthorizationCode',
  'RefreshToken',
  'DeviceCode',
  'BackchannelAuthenticationRequest',
]);

/** An oidc-provider storage adapter: clients come from the Management state, the rest lives in memory. */
function adapterClass(tenant: TenantContext): new (model: string) => unknown {
  const store = new Map<string, { payload: Record<string, unknown>; expiresAt: number }>();
  const grants = new Map<string, string[]>();
  const now = (): number => Math.floor(Date.now() / 1000);
  return class SandboxAdapter {
    constructor(private readonly model: string) {}
    private key(id: string): string {
      return `${this.model}:${id}`;
    }
    upsert(id: string, payload: Record<string, unknown>, expiresIn: number): Promise<void> {
      const key = this.key(id);
      store.set(key, { payload, expiresAt: expiresIn ? now() + expiresIn : Infinity });
      // Only what a grant issues is revoked with it, as in oidc-provider's own memory adapter. An
      // Interaction carries the grantId of the session it started from too; revoking that grant
      // (oidc-provider logs the old session out when a login ends as another user) must not delete
      // the login in progress, or its resume fails with "interaction session not found".
      if (typeof payload.grantId === 'string' && GRANT_BOUND_MODELS.has(this.model))
        grants.set(payload.grantId, [...(grants.get(payload.grantId) ?? []), key]);
      if (this.model === 'Session' && typeof payload.uid === 'string')
        store.set(`SessionUid:${payload.uid}`, { payload: { id }, expiresAt: now() + expiresIn });
      return Promise.resolve();
    }
    find(id: string): Promise<Record<string, unknown> | undefined> {
      if (this.model === 'Client') {
        const client = tenant.state.clients.get(id);
        return Promise.resolve(client ? oidcClientMetadata(client) : undefined);
      }
      const entry = store.get(this.key(id));
      if (!entry) return Promise.resolve(undefined);
      if (entry.expiresAt < now()) {
        store.delete(this.key(id));
        return Promise.resolve(undefined);
      }
      return Promise.resolve(entry.payload);
    }
    async findByUid(uid: string): Promise<Record<string, unknown> | undefined> {
      const ref = store.get(`SessionUid:${uid}`);
      return ref ? this.find(String(ref.payload.id)) : undefined;
    }
    findByUserCode(): Promise<undefined> {
      return Promise.resolve(undefined);
    }
    consume(id: string): Promise<void> {
      const entry = store.get(this.key(id));
      if (entry) entry.payload.consumed = now();
      return Promise.resolve();
    }
    destroy(id: string): Promise<void> {
      store.delete(this.key(id));
      return Promise.resolve();
    }
    revokeByGrantId(grantId: string): Promise<void> {
      for (const key of grants.get(grantId) ?? []) store.delete(key);
      grants.delete(grantId);
      return Promise.resolve();
    }
  };
}

function accountClaims(tenant: TenantContext, accountId: string): Record<string, unknown> | undefined {
  const user = tenant.state.users.get(accountId);
  if (user) return profileClaims(user);
  const federated = tenant.federatedUsers.get(accountId);
  return federated ? { ...federated, sub: accountId } : undefined;
}

function connectionOfAccount(tenant: TenantContext, accountId: string): string | undefined {
  // A federated user: STRATEGY|CONNECTION|ID (auth0-oidc or oidc).
  if (accountId.startsWith('auth0-oidc|') || accountId.startsWith('oidc|')) return accountId.split('|')[1];
  return tenant.state.users.get(accountId)?.connection;
}

/** oidc-provider's client metadata for an Auth0 application record. */
function oidcClientMetadata(client: ClientRecord): Record<string, unknown> {
  const redirectUris = client.callbacks.filter((c) => {
    if (c.includes('*') || c.includes('#')) return false;
    try {
      new URL(c);
      return true;
    } catch {
      return false;
    }
  });
  // Single Page and Native applications are public: no secret authenticates them, so a code flow
  // without PKCE (the auth0-oidc strategy sends none) is refused at /authorize. Auth0's
  // "Confidential and Public Applications" names both types public.
  // https://auth0.com/docs/get-started/applications/confidential-and-public-applications
  const isPublic =
    client.token_endpoint_auth_method === 'none' || client.app_type === 'spa' || client.app_type === 'native';
  const interactive = client.app_type !== 'non_interactive';
  const grantTypes = client.grant_types.filter((g) =>
    ['authorization_code', 'refresh_token', 'client_credentials'].includes(g),
  );
  return {
    client_id: client.client_id,
    client_name: client.name,
    ...(isPublic ? {} : { client_secret: client.client_secret }),
    application_type: client.app_type === 'native' ? 'native' : 'web',
    // A Machine to Machine application keeps its callbacks, so that the authorize request it may
    // not make is answered at the callback with unauthorized_client (no authorization_code grant).
    redirect_uris: redirectUris,
    post_logout_redirect_uris: client.allowed_logout_urls.filter((u) => /^https?:\/\//.test(u)),
    grant_types: interactive ? grantTypes.filter((g) => g !== 'client_credentials') : ['client_credentials'],
    response_types: interactive && grantTypes.includes('authorization_code') ? ['code'] : [],
    token_endpoint_auth_method: isPublic ? 'none' : client.token_endpoint_auth_method,
    id_token_signed_response_alg: 'RS256',
  };
}
