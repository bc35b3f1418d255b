import * as vscode from 'vscode';
import { Redactor } from '../core/secrets';

/**
 * The extension's LogOutputChannel, with every line passed through a Redactor: a secret that
 * reaches a log call by mistake still never reaches the channel.
 */
export class Log implements vscode.Disposable {
  readonly redactor = new Redactor();
  private readonly channel: vscode.LogOutputChannel;

  constructor() {
    this.channel = vscode.window.createOutputChannel('Auth0 OIDC', { log: true });
  }

  info(message: string): void {
    this.channel.info(this.redactor.redact(message));
  }

  warn(message: string): void {
    this.channel.warn(this.redactor.redact(message));
  }

  error(message: string, error?: unknown): void {
    const detail = error === undefined ? '' : `: ${error instanceof Error ? error.message : JSON.stringify(error)}`;
    this.channel.error(this.redactor.redact(message + detail));
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
