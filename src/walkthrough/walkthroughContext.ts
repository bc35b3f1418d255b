import * as vscode from 'vscode';
import type { Services } from '../services';
import { CONFIG_SECTION, TENANTS_SETTING } from '../tenants/settingKeys';
import type * as TenantSettings from '../tenants/tenantSettings';

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
    // Fewer than two entries cannot be two tenants: the domain rules are loaded only to check two or more.
    const two =
      Array.isArray(entries) && entries.length >= 2 && entries.filter(tenantSettings().isUsableTenantEntry).length >= 2;
    void vscode.commands.executeCommand('setContext', WALKTHROUGH_CONTEXT.twoTenants, two);
  };
  update();
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration(`${CONFIG_SECTION}.${TENANTS_SETTING}`)) update();
  });
}

/**
 * The tenant domain rules, on first call: a require(), not an import, so that esbuild initialises the
 * module, and requires dist/shared.js with it, only then (about 2 ms of activation otherwise).
 */
function tenantSettings(): typeof TenantSettings {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../tenants/tenantSettings') as typeof TenantSettings;
}

/** Sets the walkthrough's other context keys from the extension's own events, once the features are loaded. */
export function trackWalkthrough(services: Services): vscode.Disposable {
  return services.deploys.onDidDeploy(
    () => void vscode.commands.executeCommand('setContext', WALKTHROUGH_CONTEXT.deployed, true),
  );
}
