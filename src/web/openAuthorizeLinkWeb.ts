import * as vscode from 'vscode';
import { tenantBaseUrl } from '../auth0/tenantUrl';
import { isConnectionFileName } from '../core/connectionFile/connectionModel';
import { readConnectionFile } from '../core/connectionFile/readConnectionFile';
import {
  buildAuthorizeUrl,
  checkRedirectUri,
  DEFAULT_LOGIN_SCOPE,
  explainAuthorizeUrl,
} from '../core/login/authorizeUrl';
import { randomUrlSafe } from '../core/webCrypto';
import { LoginPanel } from '../login/loginPanel';
import type { AuthorizeLinkOutcome } from '../login/openAuthorizeLink';
import type { Services } from '../services';
import { invokedFile, toUri } from '../vscode/connectionFileArg';
import { UserFacingError } from '../vscode/errors';
import { offerCopyLink, openInBrowser } from '../vscode/openInBrowser';
import type { AuthorizeLinkModel } from '../webview/protocol';

// Open Authorize Link in the browser's web worker host. On the desktop the command finds the
// connection and the application through the tenant's Management API; here there is none (README,
// "In the browser"), so the person types what it would have read: the Relying Party tenant's
// domain, the application's client ID and a redirect URI. The connection's name comes from the
// file. Building and explaining the link is the same core code (src/core/login/authorizeUrl.ts).

/** Arguments that skip the prompts (the web suite, tasks). */
export interface WebAuthorizeLinkArgs {
  /** A connection file; default the active editor's. */
  readonly file?: vscode.Uri | string;
  /** The connection's name, instead of a file. */
  readonly connectionName?: string;
  /** The Relying Party tenant's domain or origin. */
  readonly tenant?: string;
  readonly clientId?: string;
  readonly redirectUri?: string;
  readonly scope?: string;
  readonly openBrowser?: boolean;
}

function isArgs(arg: unknown): arg is WebAuthorizeLinkArgs {
  return typeof arg === 'object' && arg !== null && !(arg instanceof vscode.Uri) && !('resourceUri' in arg);
}

export function openAuthorizeLinkWeb(services: Services) {
  return async (arg?: unknown): Promise<AuthorizeLinkOutcome | undefined> => {
    const args = isArgs(arg) ? arg : {};
    const named =
      args.connectionName !== undefined ? { name: args.connectionName } : await connectionOf(args.file ?? arg);
    if (named === undefined) return undefined;
    const connection = named.name;
    const strategy = named.strategy ?? '';
    const tenant =
      args.tenant ?? (await ask(vscode.l10n.t('Relying Party tenant domain'), 'acme.eu.auth0.com', domainProblem));
    if (tenant === undefined) return undefined;
    const clientId =
      args.clientId ??
      (await ask(vscode.l10n.t('Client ID of the application to log in to (enabled for {0})', connection), '', (v) =>
        v === '' ? vscode.l10n.t('Type the client ID.') : undefined,
      ));
    if (clientId === undefined) return undefined;
    const redirectUri =
      args.redirectUri ??
      (await ask(
        vscode.l10n.t("Redirect URI (one of the application's Allowed Callback URLs)"),
        'https://app.example.com/callback',
        redirectProblem,
      ));
    if (redirectUri === undefined) return undefined;
    const rpOrigin = tenantBaseUrl(tenant).origin;
    const url = buildAuthorizeUrl({
      rpOrigin,
      clientId,
      redirectUri,
      state: randomUrlSafe(24),
      connection,
      scope: args.scope ?? DEFAULT_LOGIN_SCOPE,
    });
    const parameters = explainAuthorizeUrl(url, strategy ? { strategy } : {});
    const model: AuthorizeLinkModel = {
      view: 'authorize',
      title: vscode.l10n.t('Authorize link: {0}', connection),
      url,
      parameters,
      context: [
        { label: vscode.l10n.t('Tenant'), value: rpOrigin },
        { label: vscode.l10n.t('Connection'), value: connection },
        ...(strategy ? [{ label: vscode.l10n.t('Strategy'), value: strategy }] : []),
        { label: vscode.l10n.t('Application'), value: clientId },
      ],
      notes: [
        vscode.l10n.t(
          'In the browser the extension cannot read the tenant: the connection, the application and its callback URLs were not checked. Auth0 says so on the login page if one is wrong.',
        ),
      ],
    };
    LoginPanel.show(services.context.extensionUri, services.log, model, `authorize:${rpOrigin}:${connection}`);
    services.log.info(`Authorize link for ${connection} on ${rpOrigin}, application ${clientId}.`);
    if (args.openBrowser && !(await openInBrowser(url)))
      offerCopyLink(vscode.l10n.t('The browser could not be opened for the authorize link.'), url);
    return { url, parameters, tenant: rpOrigin, connection, strategy, clientId };
  };
}

/** The connection's name and strategy, from the file invoked on, the active one, or typed. */
async function connectionOf(arg: unknown): Promise<{ name: string; strategy?: string } | undefined> {
  const uri =
    typeof arg === 'string' || arg instanceof vscode.Uri ? toUri(arg) : invokedFile(arg, isConnectionFileName);
  if (!uri) {
    const name = await ask(vscode.l10n.t('Connection name'), 'partner', (v) =>
      v === '' ? vscode.l10n.t('Type the connection name.') : undefined,
    );
    return name === undefined ? undefined : { name };
  }
  const document = await vscode.workspace.openTextDocument(uri);
  // Read as far as it can be: a file with errors still names its connection.
  const object = readConnectionFile(document.getText(), uri.path).object;
  const name = object?.name;
  if (typeof name !== 'string' || name === '')
    throw new UserFacingError(vscode.l10n.t('{0} has no connection name.', vscode.workspace.asRelativePath(uri)));
  return typeof object?.strategy === 'string' ? { name, strategy: object.strategy } : { name };
}

function ask(
  prompt: string,
  placeHolder: string,
  problem: (value: string) => string | undefined,
): Thenable<string | undefined> {
  return vscode.window
    .showInputBox({ prompt, placeHolder, ignoreFocusOut: true, validateInput: (v) => problem(v.trim()) })
    .then((v) => v?.trim());
}

function domainProblem(value: string): string | undefined {
  try {
    tenantBaseUrl(value);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function redirectProblem(value: string): string | undefined {
  try {
    checkRedirectUri(value);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
