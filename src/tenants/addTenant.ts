import * as vscode from 'vscode';
import { auth0 } from '../vscode/lazyAuth0';
import type { Services } from '../services';
import { originOf, type Tenant, type TenantConfig, type TenantCredentials } from './tenantRegistry';
import { tenantFromArg } from './pickTenant';
import { userMessage } from '../vscode/errors';
import { BACK, InputCancelled, MultiStepInput } from '../vscode/multiStepInput';
import { requireTrust } from '../vscode/trust';

export const ADD_TENANT_COMMAND = 'auth0Oidc.addTenant';
export const EDIT_TENANT_COMMAND = 'auth0Oidc.editTenant';

/** Arguments that skip the prompts (tests, tasks). Secrets passed here go to SecretStorage only. */
export interface TenantArgs {
  readonly domain: string;
  readonly label?: string;
  readonly clientId?: string;
  readonly clientSecret?: string;
  readonly token?: string;
  /** Check the credentials against the tenant before saving (default true). */
  readonly verify?: boolean;
}

interface Answers {
  domain: string;
  label: string;
  kind: 'client-credentials' | 'token';
  clientId: string;
  secret: string;
}

/** Auth0 OIDC: Add Tenant — domain, label and Management API credentials, checked before saving. */
export function addTenant(services: Services) {
  return async (arg?: unknown): Promise<Tenant | undefined> => saveTenant(services, arg, undefined);
}

/** Auth0 OIDC: Edit Tenant — the same steps, pre-filled; an empty secret keeps the stored one. */
export function editTenant(services: Services) {
  return async (arg?: unknown): Promise<Tenant | undefined> => {
    const tenant = tenantFromArg(services.tenants, arg) ?? (await pickExisting(services));
    return tenant ? saveTenant(services, undefined, tenant) : undefined;
  };
}

async function pickExisting(services: Services): Promise<Tenant | undefined> {
  const picked = await vscode.window.showQuickPick(
    services.tenants.list().map((tenant) => ({ label: tenant.displayName, description: tenant.origin, tenant })),
    { placeHolder: vscode.l10n.t('Tenant to edit') },
  );
  return picked?.tenant;
}

async function saveTenant(services: Services, arg: unknown, previous: Tenant | undefined): Promise<Tenant | undefined> {
  if (!(await requireTrust(vscode.l10n.t('Adding a tenant')))) return undefined;
  let config: TenantConfig;
  let credentials: TenantCredentials | undefined;
  let verify = true;
  if (isTenantArgs(arg)) {
    config = { domain: arg.domain, ...(arg.label ? { label: arg.label } : {}), ...(arg.clientId ? { clientId: arg.clientId } : {}) };
    credentials = arg.token ? { kind: 'token', token: arg.token } : arg.clientSecret ? { kind: 'client-credentials', clientSecret: arg.clientSecret } : undefined;
    verify = arg.verify ?? true;
  } else {
    let answers: Answers;
    try {
      answers = await ask(previous, await previousKind(services, previous));
    } catch (error) {
      if (error instanceof InputCancelled) return undefined;
      throw error;
    }
    config = { domain: answers.domain, ...(answers.label ? { label: answers.label } : {}), ...(answers.kind === 'client-credentials' ? { clientId: answers.clientId } : {}) };
    credentials = answers.secret ? (answers.kind === 'token' ? { kind: 'token', token: answers.secret } : { kind: 'client-credentials', clientSecret: answers.secret }) : undefined;
  }
  const tenant = await services.tenants.save(config, credentials, previous);
  services.log.info(`Saved tenant ${tenant.origin}.`);
  if (verify && (await services.tenants.hasCredentials(tenant))) await verifyTenant(services, tenant);
  return tenant;
}

/** Lists one connection: proves the domain, the credentials and the read scope in one request. */
async function verifyTenant(services: Services, tenant: Tenant): Promise<void> {
  try {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking access to {0}…', tenant.displayName), cancellable: true }, async (_progress, token) => {
      const abort = new AbortController();
      const subscription = token.onCancellationRequested(() => abort.abort());
      try {
        const client = await services.tenants.client(tenant);
        await client.listConnectionsPage({ take: 1, fields: ['id', 'name', 'strategy'], signal: abort.signal });
      } finally {
        subscription.dispose();
      }
    });
    void vscode.window.showInformationMessage(vscode.l10n.t('Connected to {0}.', tenant.displayName));
  } catch (error) {
    services.log.error(`Checking ${tenant.origin}`, error);
    const edit = vscode.l10n.t('Edit Tenant');
    const choice = await vscode.window.showWarningMessage(vscode.l10n.t('{0} was saved, but the check failed: {1}', tenant.displayName, services.log.redactor.redact(userMessage(error))), edit);
    if (choice === edit) await vscode.commands.executeCommand(EDIT_TENANT_COMMAND, tenant);
  }
}

async function previousKind(services: Services, previous: Tenant | undefined): Promise<Answers['kind']> {
  if (!previous) return 'client-credentials';
  return (await services.tenants.credentials(previous))?.kind ?? 'client-credentials';
}

async function ask(previous: Tenant | undefined, kind: Answers['kind']): Promise<Answers> {
  const title = previous ? vscode.l10n.t('Edit Auth0 Tenant') : vscode.l10n.t('Add Auth0 Tenant');
  const total = 4;
  const state: Answers = { domain: previous?.domain ?? '', label: previous?.label ?? '', kind, clientId: previous?.clientId ?? '', secret: '' };
  return MultiStepInput.run(state, [
    async (input, s) => {
      const value = await input.text({
        title, step: 1, totalSteps: total, value: s.domain, placeholder: 'acme.eu.auth0.com',
        prompt: vscode.l10n.t('Tenant domain (or custom domain). Its Management API token is only ever sent here.'),
        validate: (v) => (originOf(v.trim()) ? undefined : vscode.l10n.t('Enter a host such as acme.eu.auth0.com (https only; http only for 127.0.0.1 or localhost).')),
      });
      if (value === BACK) return BACK;
      s.domain = value.trim();
      return undefined;
    },
    async (input, s) => {
      const value = await input.text({ title, step: 2, totalSteps: total, value: s.label, placeholder: new URL(originOf(s.domain) ?? 'https://x').host, prompt: vscode.l10n.t('A label for this tenant (optional)') });
      if (value === BACK) return BACK;
      s.label = value.trim();
      return undefined;
    },
    async (input, s) => {
      const items = [
        { label: vscode.l10n.t('Machine-to-machine application'), detail: vscode.l10n.t('Client ID and secret of an application authorized for the Auth0 Management API; tokens are renewed automatically'), credentialKind: 'client-credentials' as const },
        { label: vscode.l10n.t('Paste a Management API token'), detail: vscode.l10n.t('A token from the API Explorer; it expires and must be pasted again'), credentialKind: 'token' as const },
      ];
      const value = await input.pickOne({ title, step: 3, totalSteps: total, placeholder: vscode.l10n.t('How the extension gets Management API tokens'), items, selected: items.filter((i) => i.credentialKind === s.kind) });
      if (value === BACK) return BACK;
      s.kind = value.credentialKind;
      return undefined;
    },
    async (input, s) => {
      if (s.kind === 'client-credentials') {
        const id = await input.text({
          title, step: 4, totalSteps: total + 1, value: s.clientId, prompt: vscode.l10n.t('Client ID of the machine-to-machine application'),
          validate: (v) => (/^[A-Za-z0-9._-]+$/.test(v.trim()) ? undefined : vscode.l10n.t('Paste the application\'s Client ID.')),
        });
        if (id === BACK) return BACK;
        s.clientId = id.trim();
      }
      const keep = previous ? vscode.l10n.t(' Leave empty to keep the stored one.') : '';
      const secret = await input.text({
        title, step: s.kind === 'client-credentials' ? 5 : 4, totalSteps: s.kind === 'client-credentials' ? total + 1 : total, password: true,
        prompt: (s.kind === 'token' ? vscode.l10n.t('Management API token (kept in VS Code\'s secret storage).') : vscode.l10n.t('Client secret (kept in VS Code\'s secret storage).')) + keep,
        validate: (v) => {
          if (v.length === 0) return previous ? undefined : vscode.l10n.t('Required.');
          if (s.kind !== 'token') return undefined;
          return tokenProblem(v.trim());
        },
      });
      if (secret === BACK) return BACK;
      s.secret = secret.trim();
      return undefined;
    },
  ]);
}

function tokenProblem(token: string): string | undefined {
  try {
    auth0().inspectManagementToken(token);
    return undefined;
  } catch (error) {
    return userMessage(error);
  }
}

function isTenantArgs(arg: unknown): arg is TenantArgs {
  return typeof arg === 'object' && arg !== null && typeof (arg as TenantArgs).domain === 'string' && !('origin' in arg);
}
