// Public surface of the Auth0 client layer (pure Node; never imports vscode).
export * from './errors';
export { tenantBaseUrl, isLoopbackHost } from './tenantUrl';
export { resolveProxy, bypassesProxy, type ProxyConfig, type ProxyRoute } from './proxy';
export {
  TenantHttpClient,
  DEFAULT_TIMEOUT_MS,
  loggablePath,
  type RequestLogEntry,
  type TenantHttpOptions,
} from './http';
export {
  DEFAULT_RETRY,
  computeRetryDelay,
  isTransientFailure,
  type RetryOptions,
  type RetryMode,
  type RetryEvent,
  type RetryReason,
} from './retryPolicy';
export {
  ClientCredentialsTokenProvider,
  StaticTokenProvider,
  inspectManagementToken,
  managementTokenTenantProblem,
  refreshMarginMs,
  type TokenProvider,
  type TokenProviderDescription,
  type SecretSource,
  type ManagementTokenInfo,
} from './tokens';
export * from './managementClient';
export { applyDeploy, type DeployStep, type DeployProgress, type DeployResult } from './applyDeploy';
export { RequestPacer, DEFAULT_MAX_CONCURRENT, type PacingOptions, type PacingStats, type PacerTicket } from './pacing';
export * from './login/errors';
export {
  LoopbackLogin,
  exchangeCode,
  fetchUserInfo,
  parseLoopbackRedirectUri,
  DEFAULT_CALLBACK_PATH,
  DEFAULT_LOGIN_TIMEOUT_MS,
  type LoopbackLoginOptions,
  type LoginResult,
  type LoginTokens,
  type CompleteOptions,
} from './login/loopbackLogin';
export { createPkce, createState, createNonce, pkceChallenge, randomUrlSafe, type Pkce } from './login/pkce';
export {
  readProviderFacts,
  runProviderCheck,
  ProviderCheckFlow,
  type ApplyFixesOptions,
  type FixesOutcome,
  type ProviderFacts,
} from './providerCheck';
export {
  readDiscoveryDocument,
  readDiscoveryFacts,
  DISCOVERY_PATH,
  DISCOVERY_TIMEOUT_MS,
  type DiscoveryDocumentReadOptions,
  type DiscoveryReadOptions,
} from './discovery';
