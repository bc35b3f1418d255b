// URI schemes of the extension's virtual documents: registered at activation (src/extension.ts),
// served by the features once loaded. Here, not in the modules that serve them, so the activation
// bundle does not include those.

/** The provider check's report and checklist (src/providerCheck/providerChecks.ts). */
export const PROVIDER_DOCS_SCHEME = 'auth0-oidc-provider';
/** The deploy diff's two sides (src/deploy/deployDiff.ts). */
export const PREVIEW_SCHEME = 'auth0-oidc-preview';
