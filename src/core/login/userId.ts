// An Auth0 user_id split into its parts. For an auth0-oidc connection it is
// `auth0-oidc|CONNECTION|PROVIDER_CONNECTION|PROVIDER_USER_ID`, e.g.
// `auth0-oidc|partner|auth0|563b9b6cf50bc24402a69b80`: the provider tenant's own user_id
// (`PROVIDER_CONNECTION|PROVIDER_USER_ID`) behind the RP connection's name. Pure and browser-safe.

export type ParsedUserId =
  | {
      readonly kind: 'auth0-oidc';
      readonly userId: string;
      /** The connection's name on the RP tenant. */
      readonly connection: string;
      /** The strategy/provider of the user in the provider tenant, e.g. `auth0`, `google-oauth2`. */
      readonly providerConnection: string;
      /** The user's id in the provider tenant, which may itself contain `|`. */
      readonly providerUserId: string;
      /** The user_id the provider tenant knows: `PROVIDER_CONNECTION|PROVIDER_USER_ID`. */
      readonly providerUserIdFull: string;
    }
  | {
      /** Any other `PROVIDER|ID` user id, e.g. `auth0|abc` or `oidc|conn|sub`. */
      readonly kind: 'other';
      readonly userId: string;
      readonly provider: string;
      readonly id: string;
    }
  | { readonly kind: 'invalid'; readonly userId: string; readonly reason: string };

const AUTH0_OIDC_PREFIX = 'auth0-oidc';

export function parseUserId(value: unknown): ParsedUserId {
  if (typeof value !== 'string' || value.trim() === '') {
    return { kind: 'invalid', userId: typeof value === 'string' ? value : '', reason: 'there is no user id' };
  }
  const userId = value.trim();
  const parts = userId.split('|');
  if (parts[0] === AUTH0_OIDC_PREFIX) {
    const [, connection = '', providerConnection = '', ...rest] = parts;
    const providerUserId = rest.join('|');
    if (connection === '')
      return { kind: 'invalid', userId, reason: 'the connection name after "auth0-oidc|" is missing' };
    if (providerConnection === '' || providerUserId === '') {
      // Lenient: an id like `auth0-oidc|conn|12345` (no provider connection) still names the connection.
      if (providerConnection !== '' && rest.length === 0) {
        return {
          kind: 'auth0-oidc',
          userId,
          connection,
          providerConnection: '',
          providerUserId: providerConnection,
          providerUserIdFull: providerConnection,
        };
      }
      return { kind: 'invalid', userId, reason: 'the provider user id after the connection name is missing' };
    }
    return {
      kind: 'auth0-oidc',
      userId,
      connection,
      providerConnection,
      providerUserId,
      providerUserIdFull: `${providerConnection}|${providerUserId}`,
    };
  }
  if (parts.length < 2 || parts[0] === '') return { kind: 'invalid', userId, reason: 'it has no "provider|id" form' };
  return { kind: 'other', userId, provider: parts[0]!, id: parts.slice(1).join('|') };
}
