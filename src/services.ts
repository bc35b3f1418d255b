import type * as vscode from 'vscode';
import type { TenantApplications } from './connectionFile/tenantApplications';
import type { DeployHistory } from './deploy/deployHistory';
import type { ActiveEnvironment } from './environments/activeEnvironment';
import type { WorkspaceEnvironments } from './environments/workspaceEnvironments';
import type { TenantRegistry } from './tenants/tenantRegistry';
import type { Log } from './vscode/log';
import type { SecretStore } from './vscode/secretStore';

/** What commands, views and providers share; built once in activate(). */
export interface Services {
  readonly context: vscode.ExtensionContext;
  readonly log: Log;
  readonly secrets: SecretStore;
  readonly tenants: TenantRegistry;
  /** Where each file was last deployed, and the event fired after each deploy. */
  readonly deploys: DeployHistory;
  /** The configured tenants' applications, cached, for pickers, completions and hovers. */
  readonly applications: TenantApplications;
  /** The workspace's environments files (auth0-oidc.environments.json). */
  readonly environments: WorkspaceEnvironments;
  /** The environment chosen in the status bar, which Test Login and Check Provider use. */
  readonly activeEnvironment: ActiveEnvironment;
}
