import type * as vscode from 'vscode';

/** The documents the extension's language features apply to (the names package.json's jsonValidation matches). */
export const CONNECTION_FILE_SELECTOR: vscode.DocumentSelector = [
  { language: 'json', pattern: '**/{auth0-oidc-connection.json,*.auth0-oidc.json}' },
];
