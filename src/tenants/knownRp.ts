import * as vscode from 'vscode';
import type { Services } from '../services';
import { UserFacingError } from '../vscode/errors';
import { providerOptionNaming, rpCandidates, type RpCandidates } from '../core/deploy/deployTargets';
import { pickTenant, tenantPickItem } from './pickTenant';
import type { Tenant } from './tenantRegistry';

// The Relying Party tenant of a connection file, for every command that needs one: the rule of
// src/core/deploy/deployTargets.ts (the file's provider tenant never offered, the last deploy or
// the moved file's source deploy first) applied to the configured tenants.

/** The configured tenants as the rule orders them for the file `uri` with these `options`. */
export function rpCandidatesFor(
  services: Pick<Services, 'deploys' | 'tenants'>,
  uri: vscode.Uri,
  options: unknown,
): RpCandidates<Tenant> {
  return rpCandidates(services.tenants.list(), options, services.deploys.targetHint(uri));
}

/**
 * The Relying Party tenant a connection file is for, when that is known without asking: where the
 * file was last deployed, else the one configured tenant that is not its provider tenant. A moved
 * file's source deploy is only a hint, so with several candidates nothing is known.
 */
export function knownRpOrigin(
  services: Pick<Services, 'deploys' | 'tenants'>,
  uri: vscode.Uri,
  providerOrigin: string | undefined,
): string | undefined {
  const last = services.deploys.last(uri);
  if (last) return last.tenant;
  const others = services.tenants.list().filter((t) => t.origin !== providerOrigin);
  return others.length === 1 ? others[0]!.origin : undefined;
}

/**
 * Asks which tenant the file's connection is for (Deploy, Copy Deploy as curl, Test Login, Open
 * Authorize Link). The provider tenants are left out; one candidate left is taken without asking;
 * none left is an error that says why. Undefined when cancelled or no tenant is configured (then
 * Add Tenant is offered).
 */
export async function pickRpTenant(
  services: Pick<Services, 'deploys' | 'tenants'>,
  uri: vscode.Uri,
  options: unknown,
  placeHolder: string,
): Promise<Tenant | undefined> {
  if (services.tenants.list().length === 0) return pickTenant(services.tenants, placeHolder); // offers Add Tenant
  const { targets, providerTenants, hinted } = rpCandidatesFor(services, uri, options);
  if (targets.length === 0) {
    const provider = providerTenants[0];
    throw new UserFacingError(
      vscode.l10n.t(
        '{0} is the provider tenant of this file ({1}), so it cannot be where the connection is deployed. Add the Relying Party tenant first.',
        provider?.displayName ?? '',
        (provider && providerOptionNaming(options, provider)) ?? 'options.domain',
      ),
    );
  }
  if (targets.length === 1) return targets[0];
  const picked = await vscode.window.showQuickPick(
    targets.map((tenant) => {
      // tenantPickItem marks a workspace-listed tenant (issue 12.4); the hinted target says why first.
      const item = tenantPickItem(tenant);
      if (hinted?.tenant !== tenant) return item;
      const mark =
        hinted.kind === 'lastDeployed'
          ? vscode.l10n.t('last deployed here')
          : vscode.l10n.t('the file it was moved from is deployed here');
      return { ...item, description: `${mark} · ${item.description ?? ''}` };
    }),
    { ignoreFocusOut: true, placeHolder, matchOnDescription: true },
  );
  return picked?.tenant;
}
