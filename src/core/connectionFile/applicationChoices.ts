/**
 * How a tenant's applications are offered where a connection file needs a client id: the New
 * Connection File pickers and the editor's completions and hovers. Pure: the lists come in.
 */

/** The fields of an application that the choices show (a subset of GET /api/v2/clients). */
export interface ApplicationSummary {
  readonly client_id: string;
  readonly name?: string;
  readonly app_type?: string;
  readonly callbacks?: readonly string[];
}

/** Only these fields are asked for: one paged GET /clients, nothing secret. */
export const APPLICATION_SUMMARY_FIELDS = ['client_id', 'name', 'app_type', 'callbacks'] as const;

/** Auth0's app_type values in words (Dashboard names). */
const TYPE_NAMES: Record<string, string> = {
  regular_web: 'Regular Web Application',
  spa: 'Single Page Application',
  native: 'Native',
  non_interactive: 'Machine to Machine',
};

export function applicationTypeName(appType: string | undefined): string {
  if (appType === undefined || appType === '') return 'type not set';
  return TYPE_NAMES[appType] ?? appType;
}

/**
 * The provider side of an auth0-oidc connection is a Regular Web Application (it holds a client
 * secret and receives the RP's /login/callback), so those come first; the rest keep their order,
 * machine-to-machine ones last (they cannot log a person in).
 */
export function providerApplicationOrder<T extends ApplicationSummary>(apps: readonly T[]): T[] {
  const rank = (a: ApplicationSummary): number =>
    a.app_type === 'regular_web' ? 0 : a.app_type === 'non_interactive' ? 2 : 1;
  return apps
    .map((app, index) => ({ app, index }))
    .sort((x, y) => rank(x.app) - rank(y.app) || x.index - y.index)
    .map((x) => x.app);
}

/**
 * Applications a connection can be enabled for on the RP: people log in to them, so
 * machine-to-machine applications (client credentials only) are left out.
 */
export function loginApplications<T extends ApplicationSummary>(apps: readonly T[]): T[] {
  return apps.filter((a) => a.app_type !== 'non_interactive');
}

const MAX_CALLBACKS_SHOWN = 3;

/** "Callbacks: a, b, c (+2 more)" or "No callbacks": the line a picker shows under an application. */
export function callbacksSummary(app: ApplicationSummary): string {
  const callbacks = app.callbacks ?? [];
  if (callbacks.length === 0) return 'No callbacks';
  const shown = callbacks.slice(0, MAX_CALLBACKS_SHOWN).join(', ');
  const more = callbacks.length - MAX_CALLBACKS_SHOWN;
  return more > 0 ? `Callbacks: ${shown} (+${more} more)` : `Callbacks: ${shown}`;
}

/** "Name (Regular Web Application)", or the type alone for an application without a name. */
export function applicationLabel(app: ApplicationSummary): string {
  const type = applicationTypeName(app.app_type);
  return app.name ? `${app.name} (${type})` : type;
}
