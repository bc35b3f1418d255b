import type * as vscode from 'vscode';
import type { TenantRegistry } from './tenants/tenantRegistry';
import type { Log } from './vscode/log';
import type { SecretStore } from './vscode/secretStore';

/** A file deployed to a tenant: ids only, never a secret. */
export interface DeployedFile {
  readonly uri: vscode.Uri;
  /** The tenant's origin. */
  readonly tenant: string;
  readonly connectionId: string;
}

/** What commands, views and providers share; built once in activate(). */
export interface Services {
  readonly context: vscode.ExtensionContext;
  readonly log: Log;
  readonly secrets: SecretStore;
  readonly tenants: TenantRegistry;
  /** Fired after each deploy, so views showing the tenant or the file refresh. */
  readonly deploys: vscode.EventEmitter<DeployedFile>;
}
