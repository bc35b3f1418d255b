import * as vscode from 'vscode';
import { auth0 } from '../vscode/lazyAuth0';
import type { Services } from '../services';
import { originOf, type Tenant, type TenantConfig, type TenantCredentials, type TenantScope } from './tenantRegistry';
import { tenantFromArg, tenantPickItem } from './pickTenant';
import { userMessage } from '../vscode/errors';
import { BACK, InputCancelled, MultiStepInput, type StepInput, type TextStep } from '../vscode/multiStepInput';
import { withCancellableProgress } from '../vscode/progress';

/** Arguments that skip the prompts (tests, tasks). Secrets passed here go to SecretStorage only. */
export interface TenantArgs {
  /** The canonical domain (Management API). */
  readonly domain: string;
  /** An optional custom domain for logins and authorize links. */
  readonly customDomain?: string;
  readonly label?: string;
  readonly clientId?: string;
  readonly clientSecret?: string;
  readonly token?: string;
  /** Check the credentials against the tenant before saving (default true); a failure saves nothing. */
  readonly verify?: boolean;
  /** Where the tenant is listed: the user's settings or this workspace's (default: where tenants are now). */
  readonly scope?: TenantScope;
}

interface Answers {
  domain: string;
  customDomain: string;
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
  const picked = await vscode.window.showQuickPick(services.tenants.list().map(tenantPickItem), {
    ignoreFocusOut: true,
    placeHolder: vscode.l10n.t('Tenant to edit'),
    matchOnDescription: true,
  });
  return picked?.tenant;
}

async function saveTenant(services: Services, arg: unknown, previous: Tenant | undefined): Promise<Tenant | undefined> {
  // Editing asks for credentials: a tenant from the workspace's settings is confirmed first.
  if (previous) await services.tenants.confirmUse(previous);
  if (isTenantArgs(arg)) {
    const config: TenantConfig = {
      domain: arg.domain,
      ...(arg.label ? { label: arg.label } : {}),
      ...(arg.clientId ? { clientId: arg.clientId } : {}),
      ...(arg.customDomain ? { customDomain: arg.customDomain } : {}),
    };
    const credentials: TenantCredentials | undefined = arg.token
      ? { kind: 'token', token: arg.token }
      : arg.clientSecret
        ? { kind: 'client-credentials', clientSecret: arg.clientSecret }
        : undefined;
    const scope = arg.scope === 'user' || arg.scope === 'workspace' ? arg.scope : undefined;
    const outcome = await checkAndSave(services, config, credentials, arg.verify ?? true, previous, scope);
    return 'tenant' in outcome ? outcome.tenant : refuse(config.domain, outcome.problem);
  }
  // Asked step by step. A refused answer (a wrong secret, a token of another tenant) offers Try
  // Again, which opens the wizard at its secret step with every other answer kept (issue 21.7).
  let kept: Answers | undefined;
  let scope: TenantScope | undefined = previous?.scope;
  for (;;) {
    let answers: Answers;
    try {
      answers = await ask(previous, await previousKind(services, previous), kept);
    } catch (error) {
      if (error instanceof InputCancelled) return undefined;
      throw error;
    }
    const config: TenantConfig = {
      domain: answers.domain,
      ...(answers.customDomain ? { customDomain: answers.customDomain } : {}),
      ...(answers.label ? { label: answers.label } : {}),
      ...(answers.kind === 'client-credentials' ? { clientId: answers.clientId } : {}),
    };
    const credentials: TenantCredentials | undefined = answers.secret
      ? answers.kind === 'token'
        ? { kind: 'token', token: answers.secret }
        : { kind: 'client-credentials', clientSecret: answers.secret }
      : undefined;
    scope ??= await askScope();
    if (!scope) return undefined;
    const outcome = await checkAndSave(services, config, credentials, true, previous, scope);
    if ('tenant' in outcome) return outcome.tenant;
    if (outcome.problem === undefined) return undefined; // cancelled while checking
    const again = vscode.l10n.t('Try Again');
    const choice = await vscode.window.showErrorMessage(
      vscode.l10n.t('Nothing was saved for {0}: {1}', config.domain, outcome.problem),
      again,
    );
    if (choice !== again) return undefined;
    // The secret is asked again, empty: a password box hides what was typed, so a wrong one could
    // not be corrected in place, and a secret the tenant just refused is not worth keeping.
    kept = { ...answers, secret: '' };
  }
}

function refuse(domain: string, problem: string | undefined): undefined {
  if (problem !== undefined)
    void vscode.window.showErrorMessage(vscode.l10n.t('Nothing was saved for {0}: {1}', domain, problem));
  return undefined;
}

/**
 * Proves the credentials against the tenant, then saves: a wrong domain, secret or scope saves
 * nothing and answers the reason (`problem` undefined: the person cancelled the check).
 */
async function checkAndSave(
  services: Services,
  config: TenantConfig,
  credentials: TenantCredentials | undefined,
  verify: boolean,
  previous: Tenant | undefined,
  scope: TenantScope | undefined,
): Promise<{ tenant: Tenant } | { problem: string | undefined }> {
  if (credentials?.kind === 'token') {
    // A token for another tenant (a repository's settings can list a look-alike domain) is
    // refused before it is stored, with the reason.
    const problem = tokenProblem(credentials.token, config.domain);
    if (problem !== undefined) return { problem };
  }
  if (credentials && verify) {
    // Proved against the tenant before anything is stored: a wrong domain, secret or scope saves nothing.
    try {
      const checked = await withCancellableProgress(
        vscode.l10n.t('Checking the credentials with {0}…', config.domain),
        async (signal) => {
          await services.tenants.probe(config, credentials, signal);
          return true;
        },
      );
      if (!checked) return { problem: undefined };
    } catch (error) {
      services.log.error(`Checking credentials for ${config.domain}`, error);
      return { problem: services.log.redactor.redact(userMessage(error)) };
    }
  }
  const tenant = await services.tenants.save(config, credentials, previous, scope);
  services.log.info(`Saved tenant ${tenant.origin}.`);
  if (credentials && verify)
    void vscode.window.showInformationMessage(vscode.l10n.t('Connected to {0}.', tenant.displayName));
  return { tenant };
}

/** User settings (every workspace) or this workspace's; the user's when no folder is open. */
async function askScope(): Promise<TenantScope | undefined> {
  if (!vscode.workspace.workspaceFolders?.length) return 'user';
  const items: (vscode.QuickPickItem & { scope: TenantScope })[] = [
    {
      label: vscode.l10n.t('User settings'),
      detail: vscode.l10n.t('Available in every workspace'),
      scope: 'user',
    },
    {
      label: vscode.l10n.t("This workspace's settings"),
      detail: vscode.l10n.t("Only here; shared with anyone who gets this workspace's .vscode/settings.json"),
      scope: 'workspace',
    },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Add Auth0 Tenant'),
    placeHolder: vscode.l10n.t('Where to keep this tenant (its secret always goes to secret storage)'),
    ignoreFocusOut: true,
  });
  return picked?.scope;
}

async function previousKind(services: Services, previous: Tenant | undefined): Promise<Answers['kind']> {
  if (!previous) return 'client-credentials';
  return (await services.tenants.credentials(previous))?.kind ?? 'client-credentials';
}

/** Runs the steps; with `kept` (Try Again), opens at the secret step with those answers. */
async function ask(previous: Tenant | undefined, kind: Answers['kind'], kept?: Answers): Promise<Answers> {
  const title = previous ? vscode.l10n.t('Edit Auth0 Tenant') : vscode.l10n.t('Add Auth0 Tenant');
  // One total for every step, from the credential kind chosen so far: the machine-to-machine
  // path has six steps (client id and secret), the token path five. A total that grew at step 5
  // showed (4/5) then (5/6) (issue 13).
  const total = (s: Answers): number => (s.kind === 'client-credentials' ? 6 : 5);
  const state: Answers = kept
    ? { ...kept }
    : {
        domain: previous?.domain ?? '',
        customDomain: previous?.customDomain ?? '',
        label: previous?.label ?? '',
        kind,
        clientId: previous?.clientId ?? '',
        secret: '',
      };
  const text = (
    key: 'domain' | 'customDomain' | 'label',
    step: number,
    rest: (s: Answers) => Omit<TextStep, 'value' | 'title' | 'step' | 'totalSteps'>,
  ) => textStep(key, (s) => ({ title, step, totalSteps: total(s), ...rest(s) }));
  const steps: ((input: MultiStepInput, s: Answers) => Promise<typeof BACK | undefined>)[] = [
    text('domain', 1, () => ({
      placeholder: 'acme.eu.auth0.com',
      prompt: vscode.l10n.t(
        "The tenant's canonical domain (e.g. acme.eu.auth0.com), not a custom domain: the Management API is only served there, with the audience https://DOMAIN/api/v2/. Its token is only ever sent here.",
      ),
      validate: (v) =>
        originOf(v.trim())
          ? undefined
          : vscode.l10n.t('Enter a host such as acme.eu.auth0.com (https only; http only for 127.0.0.1 or localhost).'),
    })),
    text('customDomain', 2, (s) => ({
      placeholder: 'login.acme.com',
      prompt: vscode.l10n.t(
        'Custom domain for logins and authorize links (optional). Leave empty when the tenant has none.',
      ),
      validate: (v) => customDomainProblem(v.trim(), s.domain),
    })),
    text('label', 3, (s) => ({
      placeholder: new URL(originOf(s.domain) ?? 'https://x').host,
      prompt: vscode.l10n.t('A label for this tenant (optional)'),
    })),
    async (input, s) => {
      const items = [
        {
          label: vscode.l10n.t('Machine-to-machine application'),
          detail: vscode.l10n.t(
            'Client ID and secret of an application authorized for the Auth0 Management API; tokens are renewed automatically',
          ),
          credentialKind: 'client-credentials' as const,
        },
        {
          label: vscode.l10n.t('Paste a Management API token'),
          detail: vscode.l10n.t('A token from the API Explorer; it expires and must be pasted again'),
          credentialKind: 'token' as const,
        },
      ];
      const value = await input.pickOne({
        title,
        step: 4,
        totalSteps: total(s),
        placeholder: vscode.l10n.t('How the extension gets Management API tokens'),
        items,
        selected: items.filter((i) => i.credentialKind === s.kind),
      });
      if (value === BACK) return BACK;
      s.kind = value.credentialKind;
      return undefined;
    },
    async (input, s) => {
      const id = await input.text({
        title,
        step: 5,
        totalSteps: total(s),
        value: s.clientId,
        prompt: vscode.l10n.t('Client ID of the machine-to-machine application'),
        validate: (v) =>
          /^[A-Za-z0-9._-]+$/.test(v.trim()) ? undefined : vscode.l10n.t("Paste the application's Client ID."),
      });
      if (id === BACK) return BACK;
      s.clientId = id.trim();
      return undefined;
    },
    async (input, s) => {
      const keep = previous ? vscode.l10n.t(' Leave empty to keep the stored one.') : '';
      const secret = await input.text({
        title,
        step: s.kind === 'client-credentials' ? 6 : 5,
        totalSteps: total(s),
        password: true,
        prompt:
          (s.kind === 'token'
            ? vscode.l10n.t("Management API token (kept in VS Code's secret storage).")
            : vscode.l10n.t("Client secret (kept in VS Code's secret storage).")) + keep,
        validate: (v) => {
          if (v.length === 0) return previous ? undefined : vscode.l10n.t('Required.');
          if (s.kind !== 'token') return undefined;
          return tokenProblem(v.trim(), s.domain);
        },
      });
      if (secret === BACK) return BACK;
      s.secret = secret.trim();
      return undefined;
    },
  ];
  // The client id step is the machine-to-machine path's only; the numbers are the steps' own.
  const CLIENT_ID = 4;
  const wizardSteps = steps.map((prompt, i) => ({
    shouldPrompt: (s: Answers) => i !== CLIENT_ID || s.kind === 'client-credentials',
    prompt: (input: StepInput, s: Answers) => prompt(input.boxes, s),
  }));
  return MultiStepInput.wizard('', state, wizardSteps, kept ? steps.length - 1 : 0);
}

/** A step that asks for one text answer, shown pre-filled and kept trimmed. */
function textStep(
  key: 'domain' | 'customDomain' | 'label',
  step: (s: Answers) => Omit<TextStep, 'value'>,
): (input: MultiStepInput, s: Answers) => Promise<typeof BACK | undefined> {
  return async (input, s) => {
    const value = await input.text({ ...step(s), value: s[key] });
    if (value === BACK) return BACK;
    s[key] = value.trim();
    return undefined;
  };
}

function customDomainProblem(value: string, canonical: string): string | undefined {
  if (value === '') return undefined;
  const origin = originOf(value);
  if (!origin) return vscode.l10n.t('Enter a host such as login.acme.com, or leave it empty.');
  if (origin === originOf(canonical))
    return vscode.l10n.t('This is the canonical domain; leave the custom domain empty.');
  return undefined;
}

/** Why a pasted Management token cannot be used for `domain` (malformed, expired, another tenant's). */
function tokenProblem(token: string, domain: string): string | undefined {
  try {
    const info = auth0().inspectManagementToken(token);
    let baseUrl: URL;
    try {
      baseUrl = auth0().tenantBaseUrl(domain);
    } catch {
      return undefined; // the domain step reports a bad domain
    }
    const other = auth0().managementTokenTenantProblem(info, baseUrl);
    return other === undefined
      ? undefined
      : vscode.l10n.t(
          "This token was not issued for {0}: {1}. Copy a token from this tenant's Dashboard.",
          baseUrl.host,
          other,
        );
  } catch (error) {
    return userMessage(error);
  }
}

function isTenantArgs(arg: unknown): arg is TenantArgs {
  return (
    typeof arg === 'object' && arg !== null && typeof (arg as TenantArgs).domain === 'string' && !('origin' in arg)
  );
}
