import * as vscode from 'vscode';
import { proxyConfig } from '../vscode/proxySettings';
import { completeWalkthroughStep } from '../walkthrough/walkthroughContext';
import type { LoginResult, LoopbackLogin } from '../auth0';
import { isCancellation } from '../auth0/errors';
import { isLoopbackHost } from '../auth0/tenantUrl';
import { callbacksWith, callbacksWithout, CallbacksUnreadableError } from '../core/login/callbacks';
import type { ClaimCheck } from '../core/login/tokens';
import type { ParsedUserId } from '../core/login/userId';
import type { Services } from '../services';
import { CONFIG_SECTION } from '../tenants/tenantRegistry';
import { auth0 } from '../vscode/lazyAuth0';
import { UserFacingError, userMessage } from '../vscode/errors';
import { SecretKeys } from '../vscode/secretStore';
import { offerCopyLink, openInBrowser } from '../vscode/openInBrowser';
import { explainProviderFailure, ProviderRequirementsError } from './explainProviderFailure';
import { LoginPanel } from './loginPanel';
import { loginModel } from './model';
import type { TokensModel } from '../webview/protocol';
import { isLoginTargetArgs, loginCommand, type LoginTarget, type LoginTargetArgs } from './loginTarget';
import type { LoginRedirectError } from '../auth0/login/errors';
import { DEPLOY_COMMAND, SET_STORED_SECRET_COMMAND } from '../commandIds';
import { isConnectionFileName } from '../core/connectionFile/connectionModel';
import { placeholderSlots } from '../core/connectionFile/placeholderSlots';
import { invokedFile, toUri } from '../vscode/connectionFileArg';
import { readDocumentText } from '../vscode/documentText';

const REDIRECT_PORT_SETTING = 'testLogin.redirectPort';
const REDIRECT_URI_SETTING = 'testLogin.redirectUri';

/** Arguments that skip the prompts (integration tests). */
export interface TestLoginArgs extends LoginTargetArgs {
  /** Open the authorize link in the browser (default true). */
  readonly openBrowser?: boolean;
  /** Called with the authorize link once the listener is up (tests driving the login themselves). */
  readonly onAuthorizeUrl?: (url: string) => void;
  /** Consent, given in advance, to add the loopback redirect URI to the application for this login. */
  readonly allowCallbackChange?: boolean;
  /** More authorize parameters, e.g. `prompt: 'login'`. */
  readonly authorizeParams?: Readonly<Record<string, string>>;
  /** How long to wait for the browser. Default 300. */
  readonly timeoutSeconds?: number;
}

/** What the command returns: decoded results only, never a token, code or secret. */
export interface TestLoginOutcome {
  readonly tenant: string;
  readonly connection: string;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly userId?: string;
  readonly user?: ParsedUserId;
  readonly idTokenChecks: readonly ClaimCheck[];
  readonly accessTokenChecks: readonly ClaimCheck[];
  readonly profile?: Record<string, unknown>;
  /** The redirect URI was added to the application for this login, and removed again. */
  readonly callbackAdded: boolean;
  readonly callbackRemoved: boolean;
  readonly model: TokensModel;
  /** The view's HTML as rendered, for tests that check no token is in it. */
  readonly html: string;
}

type SecretSource = 'management-api' | 'secret-storage' | 'entered' | 'none';

/**
 * Auth0 OIDC: Test Login. A real login through the connection: a loopback listener, PKCE, state
 * and nonce; the browser opened on the authorize link; the code exchanged; /userinfo read; the
 * result decoded in the token view.
 */
export function testLogin(services: Services): (arg?: unknown) => Promise<TestLoginOutcome | undefined> {
  const command = loginCommand(
    services,
    vscode.l10n.t('Tenant to log in to'),
    async (args: TestLoginArgs | undefined, target) => {
      const secret = await clientSecretFor(services, target);
      return secret ? run(services, target, secret, args) : undefined;
    },
  );
  return async (arg?: unknown) => {
    try {
      return await command(arg);
    } catch (error) {
      if (await offerSetStoredSecret(services, arg, error)) return undefined;
      throw error;
    }
  };
}

async function run(
  services: Services,
  target: LoginTarget,
  secret: { value?: string; source: SecretSource },
  args: TestLoginArgs | undefined,
): Promise<TestLoginOutcome | undefined> {
  const { log } = services;
  const abort = new AbortController();
  const config = vscode.workspace.getConfiguration(CONFIG_SECTION);
  const fixedUri = config.get<string>(REDIRECT_URI_SETTING, '').trim();
  const fixedPort = config.get<number>(REDIRECT_PORT_SETTING, 0);
  const login: LoopbackLogin = await auth0().LoopbackLogin.start({
    rpDomain: target.tenant.loginOrigin,
    clientId: target.app.client_id,
    connection: target.connection.name,
    ...(fixedUri !== '' ? { redirectUri: fixedUri } : fixedPort > 0 ? { port: fixedPort } : {}),
    timeoutMs: (args?.timeoutSeconds ?? 300) * 1000,
    signal: abort.signal,
    ...(args?.authorizeParams ? { extraAuthorizeParams: args.authorizeParams } : {}),
  });
  let callbackAdded = false;
  let callbackRemoved = false;
  let callbacksBefore: readonly string[] = [];
  let outcome: Omit<TestLoginOutcome, 'callbackRemoved'> | undefined;
  try {
    if (!(target.app.callbacks ?? []).includes(login.redirectUri)) {
      if (!(await consentToCallback(target, login.redirectUri, args?.allowCallbackChange === true))) return undefined;
      callbacksBefore = await addCallback(target, login.redirectUri);
      callbackAdded = true;
      log.info(
        `Test login: added ${login.redirectUri} to the callbacks of ${target.app.client_id} on ${target.tenant.origin} for this login.`,
      );
    }
    const result = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: vscode.l10n.t('Test login with {0}', target.connection.name),
        cancellable: true,
      },
      async (progress, token): Promise<LoginResult | undefined> => {
        const subscription = token.onCancellationRequested(() => abort.abort());
        try {
          // Auth0 asks the person to confirm a login that reuses a session and returns to a loopback
          // address such as this one (non-verifiable callback URI, the default since 2026-04-28):
          // say what that page is, so that "Continue" is an informed choice. The application's
          // skip_non_verifiable_callback_uri_confirmation_prompt is never changed from here.
          progress.report({
            message: vscode.l10n.t(
              'finish the login in the browser… If the tenant asks you to confirm a login to {0}, that address is this Test Login in VS Code: continue only if you started it.',
              login.redirectUri,
            ),
          });
          log.info(
            `Test login: ${target.connection.name} on ${target.tenant.origin}, application ${target.app.client_id}, redirect ${login.redirectUri}.`,
          );
          args?.onAuthorizeUrl?.(login.authorizeUrl);
          // A loopback RP (the sandbox) is reached through the listener's start URL: remote
          // workbenches rewrite loopback links they open to a port-forwarding URL, dropping the query.
          const open = isLoopbackOrigin(target.tenant.loginOrigin) ? login.startUrl : login.authorizeUrl;
          if (args?.openBrowser !== false) {
            const opened = await openInBrowser(open);
            // The fallback when no browser opened, or the person wants another one: the link, to copy.
            offerCopyLink(
              opened
                ? vscode.l10n.t('Test Login opened the login in your browser. No browser tab? Copy the link.')
                : vscode.l10n.t(
                    'The browser could not be opened: copy the link and open it in a browser on this machine.',
                  ),
              login.authorizeUrl,
            );
          }
          await login.waitForCode();
          progress.report({ message: vscode.l10n.t('exchanging the code…') });
          return await login.complete({
            ...(secret.value !== undefined ? { clientSecret: secret.value } : {}),
            proxy: proxyConfig(),
            onRequest: (e) =>
              log.info(
                `${target.tenant.loginOrigin} ${e.method} ${e.path} ${e.status ?? e.error ?? 'failed'} ${Math.round(e.durationMs)}ms`,
              ),
          });
        } finally {
          subscription.dispose();
        }
      },
    );
    if (!result) return undefined;
    services.log.redactor.add(result.tokens.accessToken);
    services.log.redactor.add(result.tokens.idToken);
    const model = loginModel({
      title: vscode.l10n.t('Test login: {0}', target.connection.name),
      context: [
        { label: vscode.l10n.t('Tenant'), value: target.tenant.displayName },
        { label: vscode.l10n.t('Connection'), value: target.connection.name },
        { label: vscode.l10n.t('Strategy'), value: target.connection.strategy },
        { label: vscode.l10n.t('Application'), value: `${target.app.name ?? ''} (${target.app.client_id})`.trim() },
        {
          label: vscode.l10n.t('Redirect URI'),
          value: `${login.redirectUri}${callbackAdded ? vscode.l10n.t(' (added for this login, then removed)') : ''}`,
        },
        ...(result.tokens.scope ? [{ label: vscode.l10n.t('Scope granted'), value: result.tokens.scope }] : []),
      ],
      ...(result.tokens.idToken !== undefined ? { idToken: result.tokens.idToken } : {}),
      accessToken: result.tokens.accessToken,
      ...(result.userinfo ? { userinfo: result.userinfo } : {}),
      ...(result.userinfoError ? { userinfoError: result.userinfoError } : {}),
      expect: { issuer: result.issuer, clientId: target.app.client_id, nonce: result.nonce },
      nowMs: Date.now(),
      // The user id is read the way this connection's strategy writes it (oidc|… or auth0-oidc|…).
      connection: { name: target.connection.name, strategy: target.connection.strategy },
    });
    const panel = LoginPanel.show(
      services.context.extensionUri,
      log,
      model,
      `login:${target.tenant.origin}:${target.connection.name}`,
      {
        ...(result.tokens.idToken !== undefined ? { id: result.tokens.idToken } : {}),
        access: result.tokens.accessToken,
      },
    );
    const user = model.user;
    log.info(`Test login succeeded: ${user ? user.userId : '(no user id)'}.`);
    completeWalkthroughStep('testLogin');
    outcome = {
      tenant: target.tenant.origin,
      connection: target.connection.name,
      clientId: target.app.client_id,
      redirectUri: login.redirectUri,
      ...(user ? { user, userId: user.userId } : {}),
      idTokenChecks: model.tokens.find((t) => t.kind === 'id')?.checks ?? [],
      accessTokenChecks: model.tokens.find((t) => t.kind === 'access')?.checks ?? [],
      ...(result.userinfo ? { profile: result.userinfo } : {}),
      callbackAdded,
      model,
      html: panel.html,
    };
  } catch (error) {
    if (isRefusedCredentials(error) && secret.source !== 'management-api' && secret.source !== 'none') {
      await services.secrets.delete(SecretKeys.applicationClientSecret(target.tenant.origin, target.app.client_id));
    }
    if (abort.signal.aborted && isCancellation(error)) {
      // Cancelled, typically after the browser stopped on the provider's error page ("Callback URL
      // mismatch" never comes back here): say why, when the provider check can tell (issue 22).
      const explained = await explainProviderFailure(services, target);
      if (explained) void vscode.window.showWarningMessage(services.log.redactor.redact(explained.message));
      return undefined;
    }
    if (error instanceof auth0().LoginRedirectError && error.blamesCallback)
      throw await withProviderCallbacks(services, target, error);
    // A failure at the provider step of an auth0-oidc login (an error redirect other than refused
    // credentials, which has its own offer): the provider requirements that fail, with their
    // fixes, when the provider tenant is configured here (issue 22).
    if (error instanceof auth0().LoginRedirectError && !error.refusedConnectionCredentials) {
      const explained = await explainProviderFailure(services, target, userMessage(error));
      if (explained) throw new ProviderRequirementsError(explained.message, explained.failing, error);
    }
    throw error;
  } finally {
    await login.close();
    if (callbackAdded) {
      callbackRemoved = await removeCallback(services, target, login.redirectUri, callbacksBefore);
      if (!callbackRemoved) {
        void vscode.window.showWarningMessage(
          vscode.l10n.t(
            'Could not remove {0} from the Allowed Callback URLs of {1} again; remove it in the dashboard.',
            login.redirectUri,
            target.app.name ?? target.app.client_id,
          ),
        );
      }
    }
  }
  return outcome && { ...outcome, callbackRemoved };
}

async function consentToCallback(target: LoginTarget, redirectUri: string, given: boolean): Promise<boolean> {
  if (given) return true;
  const add = vscode.l10n.t('Add Temporarily');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('Allow {0} as a callback of {1}?', redirectUri, target.app.name ?? target.app.client_id),
    {
      modal: true,
      detail: vscode.l10n.t(
        "Test Login receives the browser's answer on this loopback address, and Auth0 only redirects to Allowed Callback URLs. It is added to the application on {0} now and removed when the login ends. To avoid changing the application, register a fixed one (e.g. http://127.0.0.1:53682/callback) and set auth0Oidc.testLogin.redirectUri.",
        target.tenant.displayName,
      ),
    },
    add,
  );
  return answer === add;
}

/** Adds `redirectUri`, from the list read right before the PATCH (which replaces the whole list); returns that list. */
async function addCallback(target: LoginTarget, redirectUri: string): Promise<readonly string[]> {
  const current = await target.client.getClient(target.app.client_id, { fields: ['client_id', 'callbacks'] });
  let next: string[] | undefined;
  try {
    next = callbacksWith(current.callbacks, redirectUri);
  } catch (error) {
    if (error instanceof CallbacksUnreadableError) {
      throw new UserFacingError(
        vscode.l10n.t(
          'The Allowed Callback URLs of {0} could not be read, so Test Login does not change them. Add {1} in the dashboard, or set auth0Oidc.testLogin.redirectUri to one that is listed.',
          target.app.name ?? target.app.client_id,
          redirectUri,
        ),
      );
    }
    throw error;
  }
  if (next) await target.client.updateClient(target.app.client_id, { callbacks: next });
  return current.callbacks ?? [];
}

/** Removes `redirectUri` again, from the list read right before; false when it had to stay. */
async function removeCallback(
  services: Services,
  target: LoginTarget,
  redirectUri: string,
  before: readonly string[],
): Promise<boolean> {
  try {
    const current = await target.client.getClient(target.app.client_id, { fields: ['client_id', 'callbacks'] });
    const next = callbacksWithout(current.callbacks, redirectUri, before);
    if (next) {
      await target.client.updateClient(target.app.client_id, { callbacks: next });
    } else if ((current.callbacks ?? []).includes(redirectUri)) {
      services.log.warn(
        `Test login: left ${redirectUri} in the callbacks of ${target.app.client_id}: removing it would leave the application with no callback at all.`,
      );
      return false;
    }
    services.log.info(`Test login: removed ${redirectUri} from the callbacks of ${target.app.client_id} again.`);
    return true;
  } catch (error) {
    services.log.error(`Test login: removing ${redirectUri} from the callbacks of ${target.app.client_id}`, error);
    return false;
  }
}

/**
 * The application's client secret: from the Management API when the token may read it
 * (read:client_keys), else from SecretStorage, else asked for and stored. Public applications
 * (SPA, native) have none: PKCE alone protects their code. Undefined when the person cancelled.
 */
async function clientSecretFor(
  services: Services,
  target: LoginTarget,
): Promise<{ value?: string; source: SecretSource } | undefined> {
  const app = target.app;
  if (app.token_endpoint_auth_method === 'none' || app.app_type === 'spa' || app.app_type === 'native')
    return { source: 'none' };
  try {
    const withSecret = await target.client.getClient(app.client_id, { fields: ['client_id', 'client_secret'] });
    if (typeof withSecret.client_secret === 'string' && withSecret.client_secret !== '') {
      services.log.redactor.add(withSecret.client_secret);
      return { value: withSecret.client_secret, source: 'management-api' };
    }
  } catch (error) {
    services.log.info(
      `Test login: the Management API did not give the client secret of ${app.client_id} (${error instanceof Error ? error.name : 'error'}); asking for it.`,
    );
  }
  const key = SecretKeys.applicationClientSecret(target.tenant.origin, app.client_id);
  const stored = await services.secrets.get(key);
  if (stored) return { value: stored, source: 'secret-storage' };
  const entered = await vscode.window.showInputBox({
    title: vscode.l10n.t('Client secret of {0}', app.name ?? app.client_id),
    prompt: vscode.l10n.t(
      "The Management API may not read it (scope read:client_keys). It is kept in VS Code's secret storage for the next test login.",
    ),
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() === '' ? vscode.l10n.t('Required.') : undefined),
  });
  if (entered === undefined) return undefined;
  await services.secrets.store(key, entered.trim());
  return { value: entered.trim(), source: 'entered' };
}

function isRefusedCredentials(error: unknown): boolean {
  return error instanceof auth0().TokenExchangeError && (error.status === 401 || error.error === 'invalid_client');
}

function isLoopbackOrigin(origin: string): boolean {
  return isLoopbackHost(new URL(origin).hostname);
}

/**
 * A callback complaint, its advice based on the provider application's actual callbacks when its
 * tenant is configured (issue 21.9): registering the callback is suggested only when it is missing.
 */
async function withProviderCallbacks(
  services: Services,
  target: LoginTarget,
  error: LoginRedirectError,
): Promise<LoginRedirectError> {
  try {
    const options = (await target.client.getConnection(target.connection.id)).options ?? {};
    const clientId = typeof options.client_id === 'string' ? options.client_id : undefined;
    const domain = [options.domain, options.issuer, options.discovery_url].find((v) => typeof v === 'string');
    const provider =
      typeof domain === 'string'
        ? services.tenants.find(new URL(domain.includes('://') ? domain : `https://${domain}`).host)
        : undefined;
    if (!provider || !clientId) return error;
    const loaded = await services.applications.load(provider, 5_000, { fresh: true, interactive: true });
    const app = loaded.kind === 'loaded' ? loaded.apps.find((a) => a.client_id === clientId) : undefined;
    if (!app?.callbacks) return error;
    return error.withProviderCallbacks({
      expected: `${target.tenant.loginOrigin}/login/callback`,
      callbacks: app.callbacks,
    });
  } catch (reason) {
    services.log.info(`Test login: the provider application's callbacks could not be read (${String(reason)}).`);
    return error;
  }
}

/**
 * The provider refused the connection's client credentials and the login was started on a file
 * whose client_secret is a `##KEY##`: the error offers Set Stored Secret beside Show Log (issue
 * 21.3), then Deploy, since the tenant's connection keeps the old secret until deployed again.
 * True when it showed the error.
 */
async function offerSetStoredSecret(services: Services, arg: unknown, error: unknown): Promise<boolean> {
  if (
    !(error instanceof Error) ||
    !(error instanceof auth0().LoginRedirectError) ||
    !error.refusedConnectionCredentials
  )
    return false;
  const file =
    isLoginTargetArgs(arg) && arg.file !== undefined ? toUri(arg.file) : invokedFile(arg, isConnectionFileName);
  if (!file) return false;
  let key: string | undefined;
  try {
    key = placeholderSlots(await readDocumentText(file))[0]?.key;
  } catch {
    return false;
  }
  if (!key) return false;
  services.log.error('Test login failed', error);
  const set = vscode.l10n.t('Set Stored Secret');
  const showLog = vscode.l10n.t('Show Log');
  void vscode.window
    .showErrorMessage(services.log.redactor.redact(error.userMessage), set, showLog)
    .then(async (choice) => {
      if (choice === showLog) services.log.show();
      if (choice !== set) return;
      const stored = await vscode.commands.executeCommand(SET_STORED_SECRET_COMMAND, file, key);
      if (!stored) return;
      const deploy = vscode.l10n.t('Deploy');
      const next = await vscode.window.showInformationMessage(
        vscode.l10n.t(
          "The tenant's connection still has the old secret: deploy {0} again, then run Test Login.",
          vscode.workspace.asRelativePath(file),
        ),
        deploy,
      );
      if (next === deploy) await vscode.commands.executeCommand(DEPLOY_COMMAND, file);
    });
  return true;
}
