/**
 * Every `contextValue` the two trees set, in one place: package.json's `view/item/context`
 * menus match on these through `viewItem`, so renaming one means changing the manifest too.
 *
 * Each value, the node that carries it, and its actions (package.json menus):
 * - `tenant`: a configured tenant. Actions: deploy a file here, filter by strategy, refresh, edit, remove.
 * - `connection.auth0-oidc`: an `auth0-oidc` connection. Actions: diff with a file, pull into a file, copy id,
 *   delete, refresh.
 * - `connection`: a connection of another strategy. Actions: copy id, delete, refresh.
 * - `option`: one option of a connection (masked). No actions.
 * - `enabledApplications`: folder: a connection's enabled apps. Actions: refresh.
 * - `applications`: folder: the tenant's applications. Actions: refresh.
 * - `application`: an application. Actions: copy id.
 * - `loadMore`: "Load more…" after a page. Actions: click loads the next page.
 * - `loading`: a list being fetched. No actions.
 * - `error`: a failed fetch, message shown. Actions: click or inline: retry.
 * - `missingCredentials`: tenant without credentials. Actions: click: Edit Tenant.
 * - `empty`: an empty list. No actions.
 * - `message`: a note (untrusted workspace, no options returned). No actions.
 * - `connectionFile.<state>`: a workspace file; state is one of `errors`, `local`, `notDeployed`, `checking`,
 *   `inSync`, `differs`, `unknown`. Actions: click opens; deploy; refresh.
 * - `environmentsFile`: a workspace file with environment keywords, its states per environment beside its
 *   name. Actions: click opens; deploy to all environments, deploy to an environment; refresh.
 * - `environmentState.<state>`: that file in one environment (child of the above), state as for
 *   `connectionFile.<state>`. Actions: deploy to this environment.
 */
export const ContextValues = {
  tenant: 'tenant',
  connection: 'connection',
  auth0OidcConnection: 'connection.auth0-oidc',
  option: 'option',
  enabledApplications: 'enabledApplications',
  applications: 'applications',
  application: 'application',
  loadMore: 'loadMore',
  loading: 'loading',
  error: 'error',
  missingCredentials: 'missingCredentials',
  empty: 'empty',
  message: 'message',
  connectionFile: (state: string) => `connectionFile.${state}`,
  environmentsFile: 'environmentsFile',
  connectionFileEnvironment: (state: string) => `environmentState.${state}`,
} as const;

export const TENANTS_VIEW = 'auth0Oidc.tenants';
export const CONNECTION_FILES_VIEW = 'auth0Oidc.connectionFiles';
/** The tree's page size: what fits on a screen or two and keeps each request quick. */
export const CONNECTIONS_PAGE_SIZE = 50;
