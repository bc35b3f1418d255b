import * as vscode from 'vscode';
import type { Services } from '../services';
import { tenantFromArg, tenantPickItem } from './pickTenant';

/** Auth0 OIDC: Remove Tenant — after a modal confirmation naming it; its secrets go too. */
export function removeTenant(services: Services) {
  return async (arg?: unknown): Promise<boolean> => {
    const confirmed = typeof arg === 'object' && arg !== null && 'confirmed' in arg && arg.confirmed === true;
    const domain =
      typeof arg === 'object' && arg !== null && 'domain' in arg && typeof arg.domain === 'string'
        ? arg.domain
        : undefined;
    // A domain that names no configured tenant is an answer, not a reason to ask: automation
    // (and a test's clean-up) must never be left waiting on a picker nobody sees.
    if (domain !== undefined && !services.tenants.find(domain)) return false;
    const tenant =
      (domain ? services.tenants.find(domain) : tenantFromArg(services.tenants, arg)) ??
      (
        await vscode.window.showQuickPick(services.tenants.list().map(tenantPickItem), {
          ignoreFocusOut: true,
          placeHolder: vscode.l10n.t('Tenant to remove'),
          matchOnDescription: true,
        })
      )?.tenant;
    if (!tenant) return false;
    const remove = vscode.l10n.t('Remove');
    // `{ domain, confirmed: true }` skips the question, for automation and tests.
    const answer = confirmed
      ? remove
      : await vscode.window.showWarningMessage(
          vscode.l10n.t('Remove the tenant {0} from VS Code?', tenant.displayName),
          {
            modal: true,
            detail: vscode.l10n.t(
              'Its stored client secret or token is deleted from secret storage. Nothing changes on the tenant itself.',
            ),
          },
          remove,
        );
    if (answer !== remove) return false;
    await services.tenants.remove(tenant);
    services.log.info(`Removed tenant ${tenant.origin}.`);
    return true;
  };
}
