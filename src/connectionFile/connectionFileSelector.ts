import type * as vscode from 'vscode';

/**
 * The documents the extension's language features apply to: every connection file of either
 * strategy (the names package.json's jsonValidation matches, and CONNECTION_FILES_GLOB), so an
 * `oidc` file written by Move to OIDC gets the same CodeLens, quick fixes, completions and hovers.
 */
export const CONNECTION_FILE_SELECTOR: vscode.DocumentSelector = [
  { language: 'json', pattern: '**/{auth0-oidc-connection.json,*.auth0-oidc.json,*.oidc-connection.json}' },
];

/**
 * auth0-deploy-cli repositories (src/a0deploy): tenant.yaml of its YAML format and the JSON files
 * of its directory format's connections folder. Their providers check the path again, so the
 * extension's own files in such a folder keep only their own features.
 */
export const A0DEPLOY_SELECTOR: vscode.DocumentSelector = [
  { language: 'yaml', pattern: '**/tenant.{yaml,yml}' },
  { language: 'json', pattern: '**/connections/*.json' },
];
