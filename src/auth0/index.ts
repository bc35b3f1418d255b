// Public surface of the Auth0 client layer (pure Node; never imports vscode).
export * from './errors';
export { tenantBaseUrl, isLoopbackHost } from './tenantUrl';
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
