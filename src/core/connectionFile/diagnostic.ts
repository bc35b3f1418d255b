/** Diagnostics as the core computes them: editor-independent, 0-based positions. */

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface Position {
  /** 0-based line. */
  readonly line: number;
  /** 0-based UTF-16 column, as VS Code and LSP count. */
  readonly character: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

/** Offsets into the text, which quick fixes edit. */
export interface OffsetSpan {
  readonly offset: number;
  readonly length: number;
}

export interface ConnectionDiagnostic {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  readonly message: string;
  readonly range: Range;
  readonly span: OffsetSpan;
  /** A link that explains the diagnostic (shown as the code's target in VS Code). */
  readonly href?: string;
}

/**
 * Stable codes: quick fixes, tests and CI scripts key on them, so never rename one.
 * `inSchema` marks checks the JSON schema makes too; the editor shows those from the JSON
 * language service and hides ours unless it carries a quick fix.
 */
export const DIAGNOSTIC_CODES = {
  'json-syntax': { inSchema: true },
  'empty-file': { inSchema: false },
  // Past the limits of src/core/connectionFile/parseLimits.ts: one diagnostic, no parse.
  'file-too-large': { inSchema: false },
  'nesting-too-deep': { inSchema: false },
  // Past MAX_DIAGNOSTICS (validate.ts): how many more, with the worst severity among them.
  'more-problems': { inSchema: false },
  'not-an-object': { inSchema: true },
  'duplicate-key': { inSchema: false },
  'missing-property': { inSchema: true },
  'wrong-type': { inSchema: true },
  'unknown-property': { inSchema: true },
  'value-too-long': { inSchema: true },
  'empty-value': { inSchema: true },
  'name-invalid': { inSchema: true },
  'strategy-invalid': { inSchema: true },
  'domain-not-bare-host': { inSchema: false },
  'domain-invalid': { inSchema: false },
  'domain-is-relying-party': { inSchema: false },
  'scope-missing-openid': { inSchema: false },
  'scope-unknown': { inSchema: false },
  'scope-duplicate': { inSchema: false },
  'client-id-malformed': { inSchema: false },
  'enabled-client-malformed': { inSchema: false },
  'enabled-client-duplicate': { inSchema: true },
  // auth0-deploy-cli files: an enabled_clients name that no application of the tenant has (src/core/a0deploy).
  'enabled-client-unknown': { inSchema: false },
  'client-secret-literal': { inSchema: false },
  'placeholder-malformed': { inSchema: false },
  'placeholder-outside-secret': { inSchema: false },
  'enabled-clients-endpoint': { inSchema: false },
  'metadata-too-many': { inSchema: true },
  'strategy-deprecated': { inSchema: false },
  // oidc files (*.oidc-connection.json): discovery_url / issuer not https, type not a channel.
  'url-invalid': { inSchema: true },
  'value-invalid': { inSchema: true },
  // oidc files: a decoy options.domain, or URL options on more than one host (issue 23.1).
  'oidc-domain': { inSchema: false },
  'provider-hosts-differ': { inSchema: false },
  // Reported only after "Check Provider Application", from its remembered results
  // (src/core/providerCheck/providerCheck.ts).
  'provider-app-type': { inSchema: false },
  'provider-callback-missing': { inSchema: false },
  'provider-oidc-conformant': { inSchema: false },
  'provider-legacy-profile': { inSchema: false },
  // Reported by the editor from the configured tenants' applications (src/core/connectionFile/clientTenant.ts).
  'client-id-other-tenant': { inSchema: false },
  // oidc files only (the oidc rule table in src/core/providerCheck/rules.ts).
  'provider-app-missing': { inSchema: false },
  'provider-grant-types': { inSchema: false },
  'provider-token-auth-method': { inSchema: false },
  'provider-endpoint-mismatch': { inSchema: false },
} as const satisfies Record<string, { inSchema: boolean }>;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;
