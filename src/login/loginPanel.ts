import * as vscode from 'vscode';
import { Disposable } from '../vscode/lifecycle';
import type { Log } from '../vscode/log';
import { randomUrlSafe } from '../core/webCrypto';
import { shellHtml } from './html';
import { openInBrowser } from '../vscode/openInBrowser';
import { isAppMessage, type AppMessage, type HostMessage, type TokenKind, type ViewModel } from '../webview/protocol';

const LOGIN_VIEW_TYPE = 'auth0Oidc.loginView';

/**
 * The panels that show decoded tokens and authorize links: one per kind and connection (a Test
 * Login result of one connection, its authorize link, decoded tokens), so that Decode Token never
 * replaces a Test Login result; the same kind for the same connection reuses its panel. Each keeps
 * the raw tokens of what it shows in memory only, and sends one to the app only when the person
 * asks to see it; copying is done here. Nothing is put into the HTML, webview state, settings or
 * logs.
 */
export class LoginPanel extends Disposable {
  private static readonly panels = new Map<string, LoginPanel>();
  private static last: LoginPanel | undefined;

  private model: ViewModel;
  private rawTokens = new Map<TokenKind, string>();

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly key: string,
    private readonly extensionUri: vscode.Uri,
    log: Log,
    model: ViewModel,
  ) {
    super();
    this.model = model;
    this.register(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((message: unknown) => {
        if (isAppMessage(message))
          this.onMessage(message).catch((error: unknown) => log.error('Login view message', error));
      }),
      // Last: its listeners go first, so closing it here does not come back to dispose().
      panel,
    );
  }

  /**
   * Shows `model` in the panel for `key` (created on first use), with the raw tokens it may reveal
   * or copy. `key` names the kind and the connection, e.g. `login:https://rp…:partner`.
   */
  static show(
    extensionUri: vscode.Uri,
    log: Log,
    model: ViewModel,
    key: string,
    rawTokens: Partial<Record<TokenKind, string>> = {},
  ): LoginPanel {
    let view = LoginPanel.panels.get(key);
    if (!view || view.isDisposed) {
      const panel = vscode.window.createWebviewPanel(LOGIN_VIEW_TYPE, model.title, vscode.ViewColumn.Active, {
        enableScripts: true,
        enableCommandUris: false,
        // The app asks for its data again when it is shown after being hidden.
        retainContextWhenHidden: false,
        localResourceRoots: [
          vscode.Uri.joinPath(extensionUri, 'dist', 'webview'),
          vscode.Uri.joinPath(extensionUri, 'media'),
        ],
      });
      view = new LoginPanel(panel, key, extensionUri, log, model);
      LoginPanel.panels.set(key, view);
    }
    LoginPanel.last = view;
    view.update(model, rawTokens);
    return view;
  }

  /** The panel shown last, if it is still open (for tests and for commands that update it). */
  static get active(): LoginPanel | undefined {
    return LoginPanel.last && !LoginPanel.last.isDisposed ? LoginPanel.last : undefined;
  }

  /** How many result panels are open. */
  static get openCount(): number {
    return LoginPanel.panels.size;
  }

  get html(): string {
    return this.panel.webview.html;
  }

  get currentModel(): ViewModel {
    return this.model;
  }

  override dispose(): void {
    if (this.isDisposed) return;
    this.rawTokens.clear();
    if (LoginPanel.panels.get(this.key) === this) LoginPanel.panels.delete(this.key);
    if (LoginPanel.last === this) LoginPanel.last = undefined;
    super.dispose();
  }

  private update(model: ViewModel, rawTokens: Partial<Record<TokenKind, string>>): void {
    this.model = model;
    this.rawTokens = new Map(
      Object.entries(rawTokens).filter((e): e is [TokenKind, string] => typeof e[1] === 'string'),
    );
    this.panel.title = model.title;
    // A fresh document (and nonce) per render; the app posts `ready` and gets the model then.
    this.panel.webview.html = this.render();
    this.panel.reveal(undefined, false);
  }

  private render(): string {
    const webview = this.panel.webview;
    return shellHtml({
      cspSource: webview.cspSource,
      nonce: randomUrlSafe(18),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview', 'main.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', 'loginView.css')).toString(),
      title: this.model.title,
    });
  }

  private post(message: HostMessage): Thenable<boolean> {
    return this.panel.webview.postMessage(message);
  }

  private async onMessage(message: AppMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        await this.post({ type: 'show', model: this.model });
        return;
      case 'reveal': {
        const value = this.rawTokens.get(message.token);
        if (value !== undefined) await this.post({ type: 'revealed', token: message.token, value });
        return;
      }
      case 'copyToken': {
        const value = this.rawTokens.get(message.token);
        if (value === undefined) return;
        await vscode.env.clipboard.writeText(value);
        await this.post({
          type: 'notice',
          text: vscode.l10n.t(
            'Copied the {0} to the clipboard.',
            message.token === 'id' ? vscode.l10n.t('ID token') : vscode.l10n.t('access token'),
          ),
        });
        return;
      }
      case 'copyLink':
        if (this.model.view !== 'authorize') return;
        await vscode.env.clipboard.writeText(this.model.url);
        await this.post({ type: 'notice', text: vscode.l10n.t('Copied the link to the clipboard.') });
        return;
      case 'openLink':
        if (this.model.view !== 'authorize') return;
        if (!(await openInBrowser(this.model.url)))
          await this.post({ type: 'notice', text: vscode.l10n.t('The browser could not be opened: copy the link.') });
        return;
    }
  }
}
