import * as vscode from 'vscode';
import type { Services } from '../services';
import { CONFIG_SECTION, TENANTS_SETTING, isUsableTenantEntry } from '../tenants/tenantSettings';

/** Context keys the getting-started walkthrough completes its steps on (package.json `onContext:`). */
export const WALKTHROUGH_CONTEXT = {
  /** At least two tenants are configured: the Relying Party and the provider. */
  twoTenants: 'auth0Oidc.twoTenantsConfigured',
  /** A deploy succeeded in this window. */
  deployed: 'auth0Oidc.deploySucceeded',
  /** A test login ended with tokens in this window (not merely started). */
  testLoginSucceeded: 'auth0Oidc.testLoginSucceeded',
} as const;

/**
 * Sets `twoTenantsConfigured` from the settings, from activation on (src/extension.ts): the
 * settings are all it needs, so it runs before (and without) the features bundle, with the rule
 * TenantRegistry.list() applies (an entry with an unusable domain does not count).
 */
export function trackTenantCount(): vscode.Disposable {
  const update = (): void => {
    const entries = vscode.workspace.getConfiguration(CONFIG_SECTION).get<unknown>(TENANTS_SETTING);
    const usable = Array.isArray(entries) ? entries.filter(isUsableTenantEntry).length : 0;
    void vscode.commands.executeCommand('setContext', WALKTHROUGH_CONTEXT.twoTenants, usable >= 2);
  };
  update();
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration(`${CONFIG_SECTION}.${TENANTS_SETTING}`)) update();
  });
}

/** Sets the walkthrough's other context keys from the extension's own events, once the features are loaded. */
export function trackWalkthrough(services: Services): vscode.Disposable {
  return services.deploys.onDidDeploy(
    () => void vscode.commands.executeCommand('setContext', WALKTHROUGH_CONTEXT.deployed, true),
  );
}
