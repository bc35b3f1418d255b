import * as vscode from 'vscode';
import type { Services } from '../../services';
import { tenantFromArg } from '../../tenants/pickTenant';

export const REMOVE_TENANT_COMMAND = 'auth0Oidc.removeTenant';

/** Auth0 OIDC: Remove Tenant — after a modal confirmation naming it; its secrets go too. */
export function removeTenant(services: Services) {
  return async (arg?: unknown): Promise<boolean> => {
    const tenant = tenantFromArg(services.tenants, arg)
      ?? (await vscode.window.showQuickPick(services.tenants.list().map((t) => ({ label: t.displayName, description: t.origin, tenant: t })), { placeHolder: vscode.l10n.t('Tenant to remove') }))?.tenant;
    if (!tenant) return false;
    const remove = vscode.l10n.t('Remove');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('Remove the tenant {0} from VS Code?', tenant.displayName),
      { modal: true, detail: vscode.l10n.t('Its stored client secret or token is deleted from secret storage. Nothing changes on the tenant itself.') },
      remove,
    );
    if (answer !== remove) return false;
    await services.tenants.remove(tenant);
    services.log.info(`Removed tenant ${tenant.origin}.`);
    return true;
  };
}
