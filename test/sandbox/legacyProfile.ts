// Auth0's legacy user profile: what a tenant's /userinfo adds for an application that is not
// OIDC-conformant while the tenant's "Legacy User Profile" is on, and what the RP's auth0-oidc
// strategy reads from it to build its user. The OIDC-conformant shape (sub and the standard claims
// of the scope) stays the same either way; only these fields come and go.
//
// Sources: Auth0's "Adopt OIDC-Conformant Authentication" guide (with OIDC-Conformant on,
// "Responses from /userinfo will conform to the OIDC specification"); the legacy profile's fields
// (user_id, identities[{user_id, provider, connection, isSocial}], clientID, global_client_id,
// created_at) as legacy Auth0 applications received them; auth0/docs
// articles/connections/social/auth0-oidc.md (the provider needs the legacy profile and an
// application that is not OIDC-conformant). NOT documented by Auth0: the exact rule that drops the
// fields (the sandbox drops all five), and the error the RP gives when they are missing.
import type { ClientRecord, TenantSettingsRecord, UserRecord } from './records';

/** The claims the legacy profile adds to /userinfo; declared under `openid` so oidc-provider passes them. */
export const LEGACY_PROFILE_CLAIMS = ['user_id', 'identities', 'clientID', 'global_client_id', 'created_at'] as const;

/** The tenant serves the legacy profile to this application: legacy profile on, application not OIDC-conformant. */
export function servesLegacyProfile(settings: TenantSettingsRecord, client: ClientRecord | undefined): boolean {
  return settings.flags.enable_legacy_profile === true && client !== undefined && client.oidc_conformant !== true;
}

/** The legacy fields of a database user, as the application `clientId` of tenant `tenantName` receives them. */
export function legacyProfileFields(user: UserRecord, clientId: string, tenantName: string): Record<string, unknown> {
  const separator = user.user_id.indexOf('|');
  const provider = separator > 0 ? user.user_id.slice(0, separator) : 'auth0';
  const idInProvider = separator > 0 ? user.user_id.slice(separator + 1) : user.user_id;
  return {
    user_id: user.user_id,
    identities: [{ user_id: idInProvider, provider, connection: user.connection, isSocial: false }],
    clientID: clientId,
    // The tenant's "global client" (its Management API client in the legacy pipeline): one per tenant.
    global_client_id: `${tenantName}GlobalClient`.padEnd(32, '0'),
    created_at: user.updated_at,
  };
}

/** What the RP's auth0-oidc strategy needs from the provider's /userinfo; a reason when it is not there. */
export type LegacyIdentity = { provider: string; userId: string } | { missing: string };

export function legacyIdentityOf(profile: Record<string, unknown>): LegacyIdentity {
  const identities = Array.isArray(profile.identities) ? (profile.identities as unknown[]) : [];
  const first = identities[0] as Record<string, unknown> | undefined;
  const missing = [
    typeof profile.user_id === 'string' ? undefined : 'user_id',
    typeof first?.provider === 'string' && typeof first.user_id === 'string' ? undefined : 'identities',
    typeof profile.clientID === 'string' ? undefined : 'clientID',
  ].filter((f): f is string => f !== undefined);
  if (missing.length > 0 || !first) return { missing: missing.join(', ') };
  return { provider: String(first.provider), userId: String(first.user_id) };
}
