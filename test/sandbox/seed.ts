// Seed data: fixed, readable values (documented in README.md) so demos and docs can refer to
// them. Only the ports differ between runs.
import type { AppType, ClientRecord, TenantSettingsRecord, UserRecord } from './records';

export type TenantName = 'provider' | 'rp';

/** Every Management API scope the sandbox checks, plus the options scopes Auth0 also grants. */
export const ALL_MANAGEMENT_SCOPES: readonly string[] = [
  'read:connections',
  'create:connections',
  'update:connections',
  'delete:connections',
  'read:connections_options',
  'update:connections_options',
  'read:clients',
  'update:clients',
  'read:client_keys',
  'update:client_keys',
  'read:client_credentials',
  'update:client_credentials',
  'read:client_summary',
  'read:tenant_settings',
  'update:tenant_settings',
];
export const READ_ONLY_MANAGEMENT_SCOPES: readonly string[] = ALL_MANAGEMENT_SCOPES.filter((s) =>
  s.startsWith('read:'),
);
/**
 * Every scope but the connection options ones: what an application granted before Auth0 added
 * read:connections_options / update:connections_options holds. It sees connections without
 * `options` and cannot PATCH them.
 */
export const NO_OPTIONS_MANAGEMENT_SCOPES: readonly string[] = ALL_MANAGEMENT_SCOPES.filter(
  (s) => !s.startsWith('read:connections_options') && !s.startsWith('update:connections_options'),
);

/** `label` padded with zeros to Auth0's 32-character client id length. */
const clientId = (label: string): string => label.padEnd(32, '0');
const clientSecret = (label: string): string => `${label}-secret-`.padEnd(64, '0');

export const DATABASE_CONNECTION = 'Username-Password-Authentication';

interface AppSeed {
  label: string;
  name: string;
  appType: AppType;
  callbacks: string[];
  oidcConformant: boolean;
  grants?: readonly string[];
}

export interface TenantSeed {
  apps: AppSeed[];
  users: Omit<UserRecord, 'connection' | 'updated_at' | 'email_verified' | 'picture' | 'nickname'>[];
  settings: TenantSettingsRecord;
}

export function tenantSeed(name: TenantName, rpBaseUrl: string): TenantSeed {
  if (name === 'provider') {
    return {
      apps: [
        {
          label: 'providerM2mAllScopes',
          name: 'Sandbox Management (provider)',
          appType: 'non_interactive',
          callbacks: [],
          oidcConformant: true,
          grants: ALL_MANAGEMENT_SCOPES,
        },
        {
          label: 'providerM2mReadOnly',
          name: 'Sandbox Management read-only (provider)',
          appType: 'non_interactive',
          callbacks: [],
          oidcConformant: true,
          grants: READ_ONLY_MANAGEMENT_SCOPES,
        },
        {
          label: 'providerM2mNoOptions',
          name: 'Sandbox Management without options scopes (provider)',
          appType: 'non_interactive',
          callbacks: [],
          oidcConformant: true,
          grants: NO_OPTIONS_MANAGEMENT_SCOPES,
        },
        {
          label: 'providerAppForRp',
          name: 'Provider App for RP',
          appType: 'regular_web',
          callbacks: [`${rpBaseUrl}/login/callback`],
          oidcConformant: false,
        },
        {
          label: 'providerAppMisconfigured',
          name: 'Provider App Misconfigured',
          appType: 'regular_web',
          callbacks: ['https://rp.example.invalid/login/callback'],
          oidcConformant: true,
        },
      ],
      users: [
        {
          user_id: 'auth0|5f7c8ec7c33c6c004bbafe82',
          email: 'alice@provider.test',
          password: 'Alice-Passw0rd!',
          name: 'Alice Provider',
          given_name: 'Alice',
          family_name: 'Provider',
        },
        {
          user_id: 'auth0|5f7c8ec7c33c6c004bbafe83',
          email: 'bob@provider.test',
          password: 'Bob-Passw0rd!',
          name: 'Bob Provider',
          given_name: 'Bob',
          family_name: 'Provider',
        },
      ],
      settings: {
        friendly_name: 'Sandbox OIDC Provider',
        support_email: 'support@provider.test',
        flags: { enable_legacy_profile: true, enable_client_connections: true },
      },
    };
  }
  return {
    apps: [
      {
        label: 'rpM2mAllScopes',
        name: 'Sandbox Management (rp)',
        appType: 'non_interactive',
        callbacks: [],
        oidcConformant: true,
        grants: ALL_MANAGEMENT_SCOPES,
      },
      {
        label: 'rpM2mReadOnly',
        name: 'Sandbox Management read-only (rp)',
        appType: 'non_interactive',
        callbacks: [],
        oidcConformant: true,
        grants: READ_ONLY_MANAGEMENT_SCOPES,
      },
      {
        label: 'rpM2mNoOptions',
        name: 'Sandbox Management without options scopes (rp)',
        appType: 'non_interactive',
        callbacks: [],
        oidcConformant: true,
        grants: NO_OPTIONS_MANAGEMENT_SCOPES,
      },
      {
        label: 'rpWebApp',
        name: 'RP Web App',
        appType: 'regular_web',
        callbacks: ['http://127.0.0.1:53682/callback', 'https://jwt.io'],
        oidcConformant: true,
      },
      {
        label: 'rpSpa',
        name: 'RP SPA',
        appType: 'spa',
        callbacks: ['http://127.0.0.1:40404/spa/callback'],
        oidcConformant: true,
      },
    ],
    users: [
      {
        user_id: 'auth0|64b7d2c9e1f0a3b4c5d6e7f8',
        email: 'carol@rp.test',
        password: 'Carol-Passw0rd!',
        name: 'Carol Relying',
      },
    ],
    settings: {
      friendly_name: 'Sandbox Relying Party',
      support_email: 'support@rp.test',
      flags: { enable_legacy_profile: false, enable_client_connections: true },
    },
  };
}

export function clientRecord(app: AppSeed, tenant: string, tokenLifetimeSeconds: number): ClientRecord {
  const isPublic = app.appType === 'spa' || app.appType === 'native';
  const grantTypes =
    app.appType === 'non_interactive' ? ['client_credentials'] : ['authorization_code', 'refresh_token'];
  return {
    client_id: clientId(app.label),
    client_secret: clientSecret(app.label),
    name: app.name,
    tenant,
    global: false,
    is_first_party: true,
    app_type: app.appType,
    callbacks: app.callbacks,
    allowed_logout_urls: app.callbacks.map((c) => new URL(c).origin),
    web_origins: [],
    allowed_origins: [],
    grant_types: grantTypes,
    oidc_conformant: app.oidcConformant,
    token_endpoint_auth_method: isPublic ? 'none' : 'client_secret_post',
    jwt_configuration: { alg: 'RS256', lifetime_in_seconds: tokenLifetimeSeconds, secret_encoded: false },
  };
}

export function userRecord(seed: TenantSeed['users'][number]): UserRecord {
  const local = seed.email.split('@')[0] ?? seed.email;
  return {
    ...seed,
    email_verified: true,
    nickname: local,
    // Auth0's default avatar URL pattern; nothing in the sandbox fetches it.
    picture: `https://cdn.auth0.com/avatars/${local.slice(0, 2).toLowerCase()}.png`,
    updated_at: '2024-01-01T00:00:00.000Z',
    connection: DATABASE_CONNECTION,
  };
}
