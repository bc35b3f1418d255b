import type * as vscode from 'vscode';

/**
 * The documents the extension's language features apply to: every connection file of either
 * strategy (the names package.json's jsonValidation matches, and CONNECTION_FILES_GLOB), so an
 * `oidc` file written by Move to OIDC gets the same CodeLens, quick fixes, completions and hovers.
 */
export const CONNECTION_FILE_SELECTOR: vscode.DocumentSelector = [
  { language: 'json', pattern: '**/{auth0-oidc-connection.json,*.auth0-oidc.json,*.oidc-connection.json}' },
];
