// The in-memory records of a tenant, shaped as Auth0's Management API returns them.

export interface ConnectionRecord {
  id: string;
  name: string;
  display_name: string;
  strategy: string;
  options: Record<string, unknown>;
  enabled_clients: string[];
  realms: string[];
  is_domain_connection: boolean;
  show_as_button?: boolean;
  metadata?: Record<string, unknown>;
  authentication?: unknown;
  connected_accounts?: unknown;
}

export type AppType = 'regular_web' | 'non_interactive' | 'spa' | 'native';

export interface ClientRecord {
  client_id: string;
  client_secret: string;
  name: string;
  tenant: string;
  global: boolean;
  is_first_party: boolean;
  app_type: AppType;
  callbacks: string[];
  allowed_logout_urls: string[];
  web_origins: string[];
  allowed_origins: string[];
  grant_types: string[];
  oidc_conformant: boolean;
  token_endpoint_auth_method: 'client_secret_post' | 'client_secret_basic' | 'none';
  jwt_configuration: { alg: 'RS256'; lifetime_in_seconds: number; secret_encoded: boolean };
  [key: string]: unknown;
}

export interface TenantSettingsRecord {
  friendly_name: string;
  support_email: string;
  flags: Record<string, boolean>;
  [key: string]: unknown;
}

/** A login-capable user: provider users and RP database users (password) or federated RP users. */
export interface UserRecord {
  user_id: string;
  email: string;
  password?: string;
  email_verified: boolean;
  name: string;
  nickname: string;
  given_name?: string;
  family_name?: string;
  picture: string;
  updated_at: string;
  /** Name of the connection the user belongs to. */
  connection: string;
}

export interface TenantState {
  connections: Map<string, ConnectionRecord>;
  clients: Map<string, ClientRecord>;
  tenantSettings: TenantSettingsRecord;
  /** Management API scopes granted to machine-to-machine applications, by client id. */
  clientGrants: Map<string, string[]>;
  /** Users by user_id. */
  users: Map<string, UserRecord>;
}

/** Profile claims a user exposes through ID tokens and /userinfo (the normalized Auth0 profile). */
export function profileClaims(user: UserRecord): Record<string, unknown> {
  const claims: Record<string, unknown> = {
    sub: user.user_id,
    email: user.email,
    email_verified: user.email_verified,
    name: user.name,
    nickname: user.nickname,
    picture: user.picture,
    updated_at: user.updated_at,
  };
  if (user.given_name !== undefined) claims.given_name = user.given_name;
  if (user.family_name !== undefined) claims.family_name = user.family_name;
  return claims;
}
