// Every command the extension registers, by id: the activation bundle registers each one at once
// and loads the features (src/features.ts) on its first run. src/commands.ts maps each id to its
// handler as a Record<CommandId, ...>, so an id without a handler, or a handler without an id
// here, does not compile.
export const COMMAND_IDS = [
  'auth0Oidc.newConnectionFile',
  'auth0Oidc.internal.storeSecretAndEdit',
  'auth0Oidc.addTenant',
  'auth0Oidc.editTenant',
  'auth0Oidc.removeTenant',
  'auth0Oidc.deployConnection',
  'auth0Oidc.copyDeployAsCurl',
  'auth0Oidc.checkProvider',
  'auth0Oidc.moveToOidc',
  'auth0Oidc.refreshTenants',
  'auth0Oidc.refreshConnectionFiles',
  'auth0Oidc.loadMore',
  'auth0Oidc.retry',
  'auth0Oidc.filterByStrategy',
  'auth0Oidc.deployFileToTenant',
  'auth0Oidc.diffConnection',
  'auth0Oidc.pullConnection',
  'auth0Oidc.deleteConnection',
  'auth0Oidc.copyId',
  'auth0Oidc.revealConnection',
  'auth0Oidc.openAuthorizeLink',
  'auth0Oidc.testLogin',
  'auth0Oidc.decodeToken',
] as const;

export type CommandId = (typeof COMMAND_IDS)[number];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each command checks its own arguments, which arrive untyped
export type CommandHandler = (...args: any[]) => unknown;
