import * as vscode from 'vscode';
import type { Services } from '../services';
import { CONFIG_SECTION, TENANTS_SETTING } from '../tenants/settingKeys';
import type * as TenantSettings from '../tenants/tenantSettings';

/** The walkthrough's id in package.json `contributes.walkthroughs`. */
export const WALKTHROUGH_ID = 'auth0Oidc.gettingStarted';
/** The extension's id, `publisher.name` in package.json (checked by test/unit/walkthrough). */
export const EXTENSION_ID = 'auth0-oidc-tools.auth0-oidc-connections';

/**
 * The walkthrough's steps and the context key each one completes on (package.json `onContext:`).
 * Each key is set when the outcome the step names has happened: not when a command starts.
 */
export const WALKTHROUGH_CONTEXT = {
  /** At least two tenants are configured: the Relying Party and the provider. */
  tenants: 'auth0Oidc.twoTenantsConfigured',
  /** A connection file was written (New Connection File, Pull into File). */
  connectionFile: 'auth0Oidc.connectionFileWritten',
  /** A provider check passed. */
  providerCheck: 'auth0Oidc.providerCheckPassed',
  /** A deploy succeeded in this window. */
  deploy: 'auth0Oidc.deploySucceeded',
  /** A test login ended with tokens in this window (not merely started). */
  testLogin: 'auth0Oidc.testLoginSucceeded',
  /** An oidc connection file was written by Move to OIDC. */
  moveToOidc: 'auth0Oidc.movedToOidc',
  /** Finish Migration to OIDC found the old connection gone and the new one deployed. */
  finishMigration: 'auth0Oidc.migrationFinished',
} as const;

export type WalkthroughStep = keyof typeof WALKTHROUGH_CONTEXT;

/**
 * Marks `step` done. The context key alone is not enough: VS Code's walkthrough service starts
 * lazily, and an `onContext` event already true when it registers the steps is recorded as seen
 * without completing its step (so tenants configured before the walkthrough was opened never
 * checked step 1). `welcome.markStepComplete` (the workbench's own command, step id
 * `EXTENSION#WALKTHROUGH#STEP`) completes it whatever the order; it is kept across sessions.
 */
export function completeWalkthroughStep(step: WalkthroughStep): void {
  void vscode.commands.executeCommand('setContext', WALKTHROUGH_CONTEXT[step], true);
  // Rejects when the walkthrough is not registered yet; the step is stored as done all the same.
  vscode.commands
    .executeCommand('welcome.markStepComplete', `${EXTENSION_ID}#${WALKTHROUGH_ID}#${step}`)
    .then(undefined, () => undefined);
}

/**
 * Sets `twoTenantsConfigured` from the settings, from activation on (src/extension.ts), and
 * completes the walkthrough's first step when two tenants are configured: the settings are all it
 * needs, so it runs before (and without) the features bundle, with the rule TenantRegistry.list()
 * applies (an entry with an unusable domain does not count).
 */
export function trackTenantCount(): vscode.Disposable {
  const update = (): void => {
    const entries = vscode.workspace.getConfiguration(CONFIG_SECTION).get<unknown>(TENANTS_SETTING);
    // Fewer than two entries cannot be two tenants: the domain rules are loaded only to check two or more.
    const two =
      Array.isArray(entries) && entries.length >= 2 && entries.filter(tenantSettings().isUsableTenantEntry).length >= 2;
    if (two) completeWalkthroughStep('tenants');
    else void vscode.commands.executeCommand('setContext', WALKTHROUGH_CONTEXT.tenants, false);
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

/** Completes the steps whose outcome the features report (a deploy), once the features are loaded. */
export function trackWalkthrough(services: Services): vscode.Disposable {
  return services.deploys.onDidDeploy(() => completeWalkthroughStep('deploy'));
}
