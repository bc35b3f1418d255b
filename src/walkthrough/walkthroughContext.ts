import * as vscode from 'vscode';
import type { Services } from '../services';

/** Context keys the getting-started walkthrough completes its steps on (package.json `onContext:`). */
export const WALKTHROUGH_CONTEXT = {
  /** At least two tenants are configured: the Relying Party and the provider. */
  twoTenants: 'auth0Oidc.twoTenantsConfigured',
  /** A deploy succeeded in this window. */
  deployed: 'auth0Oidc.deploySucceeded',
  /** A test login ended with tokens in this window (not merely started). */
  testLoginSucceeded: 'auth0Oidc.testLoginSucceeded',
} as const;

/** Sets the walkthrough's context keys from the extension's own events. */
export function trackWalkthrough(services: Services): vscode.Disposable {
  const updateTenants = (): void => {
    void vscode.commands.executeCommand(
      'setContext',
      WALKTHROUGH_CONTEXT.twoTenants,
      services.tenants.list().length >= 2,
    );
  };
  updateTenants();
  return vscode.Disposable.from(
    services.tenants.onDidChange(updateTenants),
    services.deploys.onDidDeploy(
      () => void vscode.commands.executeCommand('setContext', WALKTHROUGH_CONTEXT.deployed, true),
    ),
  );
}
