// Public surface of the Auth0 client layer (pure Node; never imports vscode).
export * from './errors';
export { tenantBaseUrl, isLoopbackHost } from './tenantUrl';
export { resolveProxy, bypassesProxy, type ProxyConfig, type ProxyRoute } from './proxy';
export {
  TenantHttpClient,
  DEFAULT_RETRY,
  DEFAULT_TIMEOUT_MS,
  computeRetryDelay,
  loggablePath,
  type RetryOptions,
  type RetryMode,
  type RequestLogEntry,
  type TenantHttpOptions,
} from './http';
export {
  ClientCredentialsTokenProvider,
  StaticTokenProvider,
  inspectManagementToken,
  refreshMarginMs,
  type TokenProvider,
  type TokenProviderDescription,
  type SecretSource,
  type ManagementTokenInfo,
} from './tokens';
export * from './managementClient';
export * from './deployPlan';
export * from './login/errors';
export { LoopbackLogin, exchangeCode, fetchUserInfo, parseLoopbackRedirectUri, DEFAULT_CALLBACK_PATH, DEFAULT_LOGIN_TIMEOUT_MS, type LoopbackLoginOptions, type LoginResult, type LoginTokens, type CompleteOptions } from './login/loopbackLogin';
export { createPkce, createState, createNonce, pkceChallenge, randomUrlSafe, type Pkce } from './login/pkce';
export { readProviderFacts, runProviderCheck, applyProviderFixes, type ProviderFacts } from './providerCheck';
