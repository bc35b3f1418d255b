// The base of the Auth0 client's typed errors, and the one error the pure deploy planner
// (src/core/deploy/plan.ts) throws itself. Defined here so that src/core needs nothing of
// src/auth0; src/auth0/errors.ts re-exports them beside the network errors that extend the base.
// Both bundles get them from dist/shared.js (esbuild.mjs), so `instanceof` holds across bundles.

/** Who is calling, so messages can name the tenant and the application to fix. */
export interface ErrorContext {
  /** Tenant host (and port), e.g. `acme.eu.auth0.com`. */
  readonly tenant: string;
  /** Client id of the Management API (M2M) application, when client credentials are used. */
  readonly clientId?: string;
  readonly credentialKind?: 'client-credentials' | 'pasted-token';
}

/** Base class: `message` is for logs, `userMessage` for a notification. Both are secret-free. */
export class Auth0ClientError extends Error {
  constructor(
    message: string,
    readonly userMessage: string = message,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * The tenant answered a connection without `options`: Auth0 leaves them out when the token lacks
 * read:connections_options ("Migrate to Management API Connection Options Scopes",
 * auth0.com/docs/troubleshoot/product-lifecycle/past-migrations/migrate-connection-options-scope),
 * and a PATCH carrying options needs update:connections_options. Deploy and Pull stop here rather
 * than write a file without options or PATCH options built from a partial picture.
 */
export class MissingConnectionOptionsError extends Auth0ClientError {
  static readonly SCOPES = ['read:connections_options', 'update:connections_options'] as const;

  constructor(
    readonly connectionName: string,
    readonly context?: ErrorContext,
  ) {
    const tenant = context?.tenant ? `Tenant ${context.tenant}` : 'The tenant';
    const who = context?.clientId ? `application ${context.clientId}` : 'the Management API credentials';
    const where = context?.clientId
      ? `to application ${context.clientId} under APIs → Auth0 Management API → Machine to Machine Applications in the tenant's dashboard`
      : `in a Management API token (APIs → Auth0 Management API → API Explorer in the tenant's dashboard)`;
    super(
      `Connection ${connectionName}: ${context?.tenant ?? 'the tenant'} returned no options (scope read:connections_options missing)`,
      `${tenant} did not return the options of connection ${connectionName}: ${who} lack the read:connections_options scope (deploying also needs update:connections_options). Nothing was changed. Grant read:connections_options and update:connections_options ${where}, then try again.`,
    );
  }
}

/** The connection, when the tenant returned its options; otherwise MissingConnectionOptionsError. */
export function requireConnectionOptions<T extends { readonly name: string; readonly options?: unknown }>(
  connection: T,
  context?: ErrorContext,
): T & { readonly options: Record<string, unknown> } {
  const options = connection.options;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new MissingConnectionOptionsError(connection.name, context);
  }
  return connection as T & { readonly options: Record<string, unknown> };
}
