import * as vscode from 'vscode';
import {
  buildAuthorizeUrl,
  checkRedirectUri,
  DEFAULT_LOGIN_SCOPE,
  explainAuthorizeUrl,
  type ExplainedParameter,
} from '../core/login/authorizeUrl';
import type { Services } from '../services';
import { auth0 } from '../vscode/lazyAuth0';
import { offerCopyLink, openInBrowser } from '../vscode/openInBrowser';
import { LoginPanel } from './loginPanel';
import type { AuthorizeLinkModel } from '../webview/protocol';
import { loginCommand, type LoginTargetArgs } from './loginTarget';

/** Arguments that skip the prompts. */
export interface OpenAuthorizeLinkArgs extends LoginTargetArgs {
  /** Default: the application's first callback. */
  readonly redirectUri?: string;
  readonly scope?: string;
  /** Open the link in the browser right away (default false: the view has a button). */
  readonly openBrowser?: boolean;
}

/** What the command returns (no secret: the link holds none). */
export interface AuthorizeLinkOutcome {
  readonly url: string;
  readonly parameters: readonly ExplainedParameter[];
  readonly tenant: string;
  readonly connection: string;
  /** The connection's strategy (auth0-oidc, oidc, …): what the link's connection parameter means. */
  readonly strategy: string;
  readonly clientId: string;
}

/**
 * Auth0 OIDC: Open Authorize Link. Builds the /authorize link of a connection for one of its
 * enabled applications and a redirect URI, and shows it with its parameters explained.
 */
export function openAuthorizeLink(services: Services): (arg?: unknown) => Promise<AuthorizeLinkOutcome | undefined> {
  return loginCommand(
    services,
    vscode.l10n.t('Tenant the connection is on'),
    async (args: OpenAuthorizeLinkArgs | undefined, target) => {
      const redirectUri = args?.redirectUri ?? (await pickRedirectUri(target.app.callbacks ?? []));
      if (redirectUri === undefined) return undefined;
      checkRedirectUri(redirectUri);
      const url = buildAuthorizeUrl({
        rpOrigin: target.tenant.loginOrigin,
        clientId: target.app.client_id,
        redirectUri,
        state: auth0().createState(),
        connection: target.connection.name,
        scope: args?.scope ?? DEFAULT_LOGIN_SCOPE,
      });
      const parameters = explainAuthorizeUrl(url, { strategy: target.connection.strategy });
      const callbacks = target.app.callbacks ?? [];
      const model: AuthorizeLinkModel = {
        view: 'authorize',
        title: vscode.l10n.t('Authorize link: {0}', target.connection.name),
        url,
        parameters,
        context: [
          { label: vscode.l10n.t('Tenant'), value: target.tenant.displayName },
          { label: vscode.l10n.t('Connection'), value: target.connection.name },
          { label: vscode.l10n.t('Strategy'), value: target.connection.strategy },
          { label: vscode.l10n.t('Application'), value: `${target.app.name ?? ''} (${target.app.client_id})`.trim() },
        ],
        notes: [
          ...(callbacks.includes(redirectUri)
            ? []
            : [
                vscode.l10n.t(
                  "{0} is not among the application's Allowed Callback URLs: Auth0 will show a callback mismatch error.",
                  redirectUri,
                ),
              ]),
          vscode.l10n.t(
            'The state is random and nothing checks it when the browser comes back: this link is for looking at the login, not for an application. "Auth0 OIDC: Test Login" runs the whole flow and shows the tokens.',
          ),
        ],
      };
      LoginPanel.show(
        services.context.extensionUri,
        services.log,
        model,
        `authorize:${target.tenant.origin}:${target.connection.name}`,
      );
      services.log.info(
        `Authorize link for ${target.connection.name} on ${target.tenant.origin}, application ${target.app.client_id}.`,
      );
      if (args?.openBrowser && !(await openInBrowser(url)))
        offerCopyLink(vscode.l10n.t('The browser could not be opened for the authorize link.'), url);
      return {
        url,
        parameters,
        tenant: target.tenant.origin,
        connection: target.connection.name,
        strategy: target.connection.strategy,
        clientId: target.app.client_id,
      };
    },
  );
}

async function pickRedirectUri(callbacks: readonly string[]): Promise<string | undefined> {
  const usable = callbacks.filter((c) => !c.includes('*'));
  const typeOne = vscode.l10n.t('Type a redirect URI…');
  const items: (vscode.QuickPickItem & { uri?: string })[] = [
    ...usable.map((uri) => ({ label: uri, uri })),
    {
      label: typeOne,
      ...(usable.length > 0 ? { description: vscode.l10n.t('it must be one of the Allowed Callback URLs') } : {}),
    },
  ];
  const picked =
    usable.length > 0
      ? await vscode.window.showQuickPick(items, {
          ignoreFocusOut: true,
          placeHolder: vscode.l10n.t("Redirect URI (the application's Allowed Callback URLs)"),
        })
      : items[0];
  if (!picked) return undefined;
  if (picked.uri !== undefined) return picked.uri;
  return vscode.window
    .showInputBox({
      ignoreFocusOut: true,
      prompt: vscode.l10n.t('Redirect URI'),
      placeHolder: 'https://app.example.com/callback',
      validateInput: (value) => {
        try {
          checkRedirectUri(value.trim());
          return undefined;
        } catch (error) {
          return error instanceof Error ? error.message : String(error);
        }
      },
    })
    .then((v) => v?.trim());
}
