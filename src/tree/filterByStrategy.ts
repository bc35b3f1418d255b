import * as vscode from 'vscode';
import { AUTH0_OIDC_STRATEGY } from '../core/connectionFile/connectionModel';
import { DEFAULT_STRATEGIES } from './strategyFilter';
import type { Services } from '../services';
import { pickTenant, tenantFromArg } from '../tenants/pickTenant';
import type { Trees } from '.';

/** Strategies people federate with most; "Other…" takes any. */
const COMMON_STRATEGIES = [AUTH0_OIDC_STRATEGY, 'oidc', 'samlp', 'waad', 'adfs', 'auth0', 'google-oauth2'];

/** Filter by Strategy — which connections the tree lists for a tenant; kept per workspace. */
export function filterByStrategy(services: Services, trees: Trees) {
  return async (arg?: unknown, choice?: readonly string[]): Promise<readonly string[] | undefined> => {
    const tenant =
      tenantFromArg(services.tenants, arg) ??
      (await pickTenant(services.tenants, vscode.l10n.t('Tenant whose connections to filter')));
    if (!tenant) return undefined;
    const tree = trees.tenantsTree;
    const strategies = Array.isArray(choice) ? choice : await ask(tree.filters.get(tenant));
    if (!strategies) return undefined;
    await tree.filters.set(tenant, strategies);
    const node = tree.tenantNode(tenant);
    if (node) tree.refresh(node);
    return strategies;
  };
}

async function ask(current: readonly string[]): Promise<readonly string[] | undefined> {
  type Item = vscode.QuickPickItem & { strategies?: string[] };
  const currentKey = current.join(',');
  const mark = (strategies: string[]): string => (strategies.join(',') === currentKey ? vscode.l10n.t('current') : '');
  const items: Item[] = [
    {
      label: DEFAULT_STRATEGIES.join(', '),
      description: [vscode.l10n.t('default: the strategies of connection files'), mark([...DEFAULT_STRATEGIES])]
        .filter(Boolean)
        .join(' · '),
      strategies: [...DEFAULT_STRATEGIES],
    },
    ...COMMON_STRATEGIES.map((s) => ({ label: s, description: mark([s]), strategies: [s] })),
    { label: vscode.l10n.t('All strategies'), description: mark([]), strategies: [] },
    { label: vscode.l10n.t('Other…'), description: vscode.l10n.t('type strategy names') },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    ignoreFocusOut: true,
    placeHolder: vscode.l10n.t('Connections to list for this tenant'),
  });
  if (!picked) return undefined;
  if (picked.strategies) return picked.strategies;
  const typed = await vscode.window.showInputBox({
    ignoreFocusOut: true,
    prompt: vscode.l10n.t('Strategy names, separated by spaces or commas (e.g. "oidc samlp")'),
    value: currentKey.replace(/,/g, ' '),
    validateInput: (v) =>
      /^[\s,]*$/.test(v)
        ? vscode.l10n.t('Enter at least one strategy.')
        : /^[a-z0-9_\-\s,]+$/i.test(v)
          ? undefined
          : vscode.l10n.t('Strategy names hold letters, digits, "-" and "_".'),
  });
  return typed === undefined ? undefined : [...new Set(typed.split(/[\s,]+/).filter((s) => s.length > 0))];
}
