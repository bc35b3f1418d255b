// An Auth0 user_id split into its parts. Auth0 builds it as "{identity provider id}|{unique id in
// the provider}" (https://auth0.com/docs/manage-users/user-accounts/identify-users), the
// identity provider id of an enterprise connection being STRATEGY|CONNECTION:
// - auth0-oidc: `auth0-oidc|CONNECTION|PROVIDER_CONNECTION|PROVIDER_USER_ID`, e.g.
//   `auth0-oidc|partner|auth0|563b9b6cf50bc24402a69b80`: the provider tenant's own user_id
//   (`PROVIDER_CONNECTION|PROVIDER_USER_ID`) behind the RP connection's name;
// - oidc (the OIDC enterprise connection): `oidc|CONNECTION|SUB`, SUB being the OpenID provider's
//   `sub` claim, e.g. `oidc|partner-oidc|auth0|563b9b6cf50bc24402a69b80` when the provider is an
//   Auth0 tenant. The sandbox RP (test/sandbox/federation.ts) builds both the same way.
// Pure and browser-safe.

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
      readonly kind: 'oidc';
      readonly userId: string;
      /** The connection's name on the RP tenant. */
      readonly connection: string;
      /** The OpenID provider's `sub` for the user, which may itself contain `|` (`auth0|abc`). */
      readonly sub: string;
    }
  | {
      /** Any other `PROVIDER|ID` user id, e.g. `auth0|abc` or `samlp|corp|jane`. */
      readonly kind: 'other';
      readonly userId: string;
      readonly provider: string;
      readonly id: string;
    }
  | { readonly kind: 'invalid'; readonly userId: string; readonly reason: string };

const AUTH0_OIDC_PREFIX = 'auth0-oidc';
const OIDC_PREFIX = 'oidc';

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
  if (parts[0] === OIDC_PREFIX) {
    const [, connection = '', ...rest] = parts;
    const sub = rest.join('|');
    if (connection === '') return { kind: 'invalid', userId, reason: 'the connection name after "oidc|" is missing' };
    if (sub === '')
      return { kind: 'invalid', userId, reason: "the provider's sub after the connection name is missing" };
    return { kind: 'oidc', userId, connection, sub };
  }
  if (parts.length < 2 || parts[0] === '') return { kind: 'invalid', userId, reason: 'it has no "provider|id" form' };
  return { kind: 'other', userId, provider: parts[0]!, id: parts.slice(1).join('|') };
}

/** The connection a login went through, when the view knows it (Test Login; not a pasted token). */
export interface ExpectedConnection {
  readonly name: string;
  readonly strategy: string;
}

/** The strategy a parsed user id shows the login went through; undefined for an unreadable id. */
export function strategyOfUserId(user: ParsedUserId): string | undefined {
  if (user.kind === 'auth0-oidc' || user.kind === 'oidc') return user.kind;
  return user.kind === 'other' ? user.provider : undefined;
}

/**
 * What the login view warns about the user id, if anything: an id it cannot read, or a login
 * that did not go through the connection that was tested (another strategy or another
 * connection). Without an expectation (a pasted token), an id of either file strategy is fine.
 */
export function userIdNotice(user: ParsedUserId, expected?: ExpectedConnection): string | undefined {
  if (user.kind === 'invalid') return `The user id "${user.userId}" could not be read: ${user.reason}.`;
  if (!expected) {
    return user.kind === 'other'
      ? `This user did not log in through an auth0-oidc or oidc connection, but through "${user.provider}".`
      : undefined;
  }
  const strategy = strategyOfUserId(user);
  if (strategy !== expected.strategy) {
    return `This user did not log in through the ${expected.strategy} connection ${expected.name}: the user id starts with "${strategy}|", not "${expected.strategy}|${expected.name}|".`;
  }
  if ((user.kind === 'auth0-oidc' || user.kind === 'oidc') && user.connection !== expected.name) {
    return `This user logged in through the connection ${user.connection}, not ${expected.name}.`;
  }
  return undefined;
}
