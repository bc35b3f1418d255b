import * as vscode from 'vscode';
import type { Tenant, TenantRegistry } from './tenantRegistry';
import { ADD_TENANT_COMMAND, runCommand } from '../commandIds';
import { UserFacingError } from '../vscode/errors';

/** A tenant from a command argument: a Tenant, a tree node holding one, or a domain string. */
export function tenantFromArg(registry: TenantRegistry, arg: unknown): Tenant | undefined {
  if (typeof arg === 'string') return registry.find(arg);
  if (typeof arg === 'object' && arg !== null) {
    const candidate: unknown = 'tenant' in arg ? arg.tenant : arg;
    if (typeof candidate === 'object' && candidate !== null && typeof (candidate as Tenant).origin === 'string')
      return registry.find((candidate as Tenant).origin);
  }
  return undefined;
}

/**
 * A tenant as a quick-pick item: label, origin, and for a tenant that this workspace's settings
 * list (not the user's), a shield icon and "from this workspace's settings". Every tenant picker
 * builds its items with this, so the mark is the same everywhere.
 */
export function tenantPickItem(tenant: Tenant): vscode.QuickPickItem & { tenant: Tenant } {
  const fromWorkspace = tenant.scope === 'workspace';
  return {
    label: tenant.label ?? new URL(tenant.origin).host,
    description: fromWorkspace ? `${tenant.origin} · ${workspaceTenantMark()}` : tenant.origin,
    ...(fromWorkspace
      ? {
          iconPath: new vscode.ThemeIcon('workspace-unknown'),
          detail: vscode.l10n.t('Listed by this workspace, not by you: check the domain before using it.'),
        }
      : {}),
    tenant,
  };
}

/** The words that mark a tenant listed by the workspace's settings (tree, pickers). */
export function workspaceTenantMark(): string {
  return vscode.l10n.t("from this workspace's settings");
}

/** Asks which tenant, skipping the question when there is only one. Undefined when none or cancelled. */
export async function pickTenant(registry: TenantRegistry, placeHolder: string): Promise<Tenant | undefined> {
  const tenants = registry.list();
  if (tenants.length === 0) {
    const add = vscode.l10n.t('Add Tenant');
    if (
      (await vscode.window.showInformationMessage(vscode.l10n.t('No Auth0 tenant is configured yet.'), add)) === add
    ) {
      await runCommand(ADD_TENANT_COMMAND);
    }
    return undefined;
  }
  if (tenants.length === 1) return tenants[0];
  const picked = await vscode.window.showQuickPick(tenants.map(tenantPickItem), {
    ignoreFocusOut: true,
    placeHolder,
    matchOnDescription: true,
  });
  return picked?.tenant;
}

/** The configured tenant an argument names (origin or domain); a UserFacingError when there is none. */
export function requireTenant(registry: TenantRegistry, originOrDomain: string): Tenant {
  const tenant = registry.find(originOrDomain);
  if (!tenant)
    throw new UserFacingError(
      vscode.l10n.t('{0} is not a configured tenant. Add it with "Auth0 OIDC: Add Tenant".', originOrDomain),
    );
  return tenant;
}
