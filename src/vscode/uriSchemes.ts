// URI schemes of the extension's read-only virtual documents (src/vscode/virtualDocuments.ts): their
// stand-ins are registered at activation (src/extension.ts), their texts live in the features
// bundle. Here, not beside the code that fills them, so that the activation bundle stays small.

/** The deploy diff's two sides (src/deploy/deployDiff.ts). */
export const PREVIEW_SCHEME = 'auth0-oidc-preview';
/** The provider check's report and checklist, the move-to-oidc notes (src/providerCheck/providerChecks.ts). */
export const PROVIDER_DOCS_SCHEME = 'auth0-oidc-provider';

export const VIRTUAL_DOCUMENT_SCHEMES = [PREVIEW_SCHEME, PROVIDER_DOCS_SCHEME] as const;
export type VirtualDocumentScheme = (typeof VIRTUAL_DOCUMENT_SCHEMES)[number];
