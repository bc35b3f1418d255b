import * as vscode from 'vscode';
import type * as Auth0 from '../auth0';
import { UserFacingError } from '../vscode/errors';

// Stands in for src/vscode/lazyAuth0.ts in the browser bundle (esbuild.mjs): the Auth0 client runs
// on undici and node:http, which a web worker lacks. The commands that need it are hidden there
// (src/web/webHost.ts); whatever still reaches it (Move to OIDC reading a discovery document)
// gets this plain error, which it reports, instead of a stack trace.

export function auth0(): typeof Auth0 {
  throw new UserFacingError(
    vscode.l10n.t('Calling Auth0 is not available in the browser: open the folder in VS Code on the desktop for this.'),
  );
}
