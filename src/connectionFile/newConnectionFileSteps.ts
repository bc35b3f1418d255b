import * as vscode from 'vscode';
import { tenantPickItem } from '../tenants/pickTenant';
import {
  CONNECTION_FILE_NAME,
  CONNECTION_FILE_SUFFIX,
  DEFAULT_SCOPE,
  KNOWN_SCOPES,
  connectionNameProblem,
} from '../core/connectionFile/connectionModel';
import { clientSecretPlaceholder, placeholderKey } from '../core/connectionFile/placeholders';
import { readConnectionFile } from '../core/connectionFile/readConnectionFile';
import { SecretKeys } from '../vscode/secretStore';
import { childUri } from '../vscode/workspaceFiles';
import { bareHostFrom, hostProblem } from '../core/connectionFile/host';
import { isWellFormedClientId } from '../core/connectionFile/validate';
import type { Services } from '../services';
import { BACK, MultiStepInput, type PickOptions, type StepInput, type WizardStep } from '../vscode/multiStepInput';
import type { Tenant } from '../tenants/tenantRegistry';
import * as choices from '../core/connectionFile/applicationChoices';

// The New Connection File wizard (src/connectionFile/newConnectionFile.ts runs it): one step
// object per question, in the order of STEPS below, as Azure's AzureWizardPromptStep. The wizard
// numbers them ("2/6") from that list; a typed fallback or a tenant choice shares its step's number.

export interface Answers {
  name: string;
  /** The configured provider tenant picked in step 2; undefined when the domain was typed. */
  provider?: Tenant | undefined;
  domain: string;
  clientId: string;
  /** True when the client id was picked from the provider tenant's applications. */
  clientPicked: boolean;
  secret: string;
  scopes: string[];
  enabledClients: string[];
}

/** What every step reads and fills in: the answers, and the services and tenants it asks with. */
interface WizardState extends Answers {
  readonly services: Services;
  /** The configured tenants, when the workspace is trusted. */
  readonly tenants: readonly Tenant[];
  /** Where the file goes, when known before the end: the explorer's folder, or the only workspace folder. */
  readonly folder: vscode.Uri | undefined;
}

const TITLE = vscode.l10n.t('New auth0-oidc Connection');
/** A tenant that has not answered by then gets a "could not load, type instead" item (issue 13). */
export const TENANT_LOAD_LIMIT_MS = 2_000;

/** An item that switches a picker step to typed entry. */
interface TypeItem extends vscode.QuickPickItem {
  readonly type: true;
}
interface TenantItem extends vscode.QuickPickItem {
  readonly tenant: Tenant;
}
interface AppItem extends vscode.QuickPickItem {
  readonly app: choices.ApplicationSummary;
}
type SecretItem = vscode.QuickPickItem & { readonly source: 'tenant' | 'paste' | 'later' };

function typeItem(label: string, detail?: string): TypeItem {
  return { label, type: true, alwaysShow: true, ...(detail ? { detail } : {}) };
}

function hostOf(tenant: Tenant): string {
  return new URL(tenant.origin).host;
}

const always = (): boolean => true;

/**
 * The keys of a multi-select pick, as VS Code 1.100 has them: typing goes to the filter box, where
 * Space types a space; Down or Up moves into the list and gives it the keyboard (QuickPick.focus
 * calls list.domFocus() when canSelectMany), and there Space ticks the row (quickInputTree's
 * keydown handler); Enter accepts from either. "Space to toggle" alone ticked nothing (issue 21.2).
 * The scopes and applications steps say so first in their placeholders, which the box cuts off when long.
 */

/** Asked when the applications step is accepted with none ticked (issue 21.2). */
async function confirmNoApplication(): Promise<boolean> {
  const go = { title: vscode.l10n.t('Continue') };
  const back = { title: vscode.l10n.t('Go Back'), isCloseAffordance: true };
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('No application ticked: the connection will be enabled for no application.'),
    {
      modal: true,
      detail: vscode.l10n.t(
        'Nobody can log in through it until an application is enabled (list their client IDs in "enabled_clients"). Go back to tick one: ↓ moves into the list, Space ticks.',
      ),
    },
    go,
    back,
  );
  return answer === go;
}

/** The typed client ids: an empty answer is a warning first, as an empty pick asks first. */
const noClientIdTyped = (v: string): Promise<vscode.InputBoxValidationMessage | undefined> =>
  Promise.resolve(
    splitClientIds(v).length > 0
      ? undefined
      : {
          severity: vscode.InputBoxValidationSeverity.Warning,
          message: vscode.l10n.t(
            'No client ID: the connection will be enabled for no application, and nobody can log in through it until one is. Enter again to continue.',
          ),
        },
  );

/** This wizard's pickers filter on the description too (client ids, hosts). */
const pickOne = <T extends vscode.QuickPickItem>(input: StepInput, options: PickOptions<T>) =>
  input.pickOne<T>({ matchOnDescription: true, ...options });

const typedDomain = (input: StepInput, s: Answers) =>
  input.text({
    value: s.domain,
    placeholder: 'partner.eu.auth0.com',
    prompt: vscode.l10n.t(
      'Domain of the provider tenant (the Auth0 tenant users log in to); a pasted URL is reduced to its host',
    ),
    validate: (v) => {
      const host = bareHostFrom(v);
      return host === undefined ? vscode.l10n.t("Enter the provider tenant's domain.") : hostProblem(host);
    },
  });
const typedClientId = (input: StepInput, s: Answers) =>
  input.text({
    value: s.clientId,
    prompt: vscode.l10n.t('Client ID of the Regular Web Application in the provider tenant'),
    validate: (v) =>
      isWellFormedClientId(v.trim())
        ? undefined
        : vscode.l10n.t('Paste the application\'s Client ID: letters, digits, "-", "_" and ".".'),
  });
const typedSecret = (input: StepInput, s: Answers, why?: string) =>
  input.text({
    value: s.secret,
    password: true,
    prompt:
      (why ? why + ' ' : '') +
      vscode.l10n.t(
        "Client secret of that application. It goes to VS Code's secret storage; the file gets a placeholder. Leave empty to enter it at deploy time.",
      ),
  });
const typedClientIds = (input: StepInput, s: Answers) =>
  input.text({
    value: s.enabledClients.join(', '),
    prompt: vscode.l10n.t('Client IDs of the Relying Party applications to enable, separated by commas'),
    validate: (v) => {
      const bad = splitClientIds(v).filter((c) => !isWellFormedClientId(c));
      return bad.length > 0 ? vscode.l10n.t('Not a client ID: {0}', bad.join(', ')) : undefined;
    },
    check: noClientIdTyped,
  });

/** A tenant's applications as items, or one "could not load, type instead" item, within the limit. */
async function applicationItems(
  services: Services,
  tenant: Tenant,
  order: (apps: readonly choices.ApplicationSummary[]) => choices.ApplicationSummary[],
  selected: ReadonlySet<string>,
): Promise<(AppItem | TypeItem)[]> {
  const result = await services.applications.load(tenant, TENANT_LOAD_LIMIT_MS, { fresh: true, interactive: true });
  if (result.kind === 'loaded') {
    return order(result.apps).map((app) => ({
      label: app.name ?? app.client_id,
      description: `${choices.applicationTypeName(app.app_type)} · ${app.client_id}`,
      detail: choices.callbacksSummary(app),
      picked: selected.has(app.client_id),
      app,
    }));
  }
  const reason =
    result.kind === 'timeout'
      ? vscode.l10n.t('{0} did not answer within {1} s.', tenant.displayName, TENANT_LOAD_LIMIT_MS / 1000)
      : result.reason;
  return [
    typeItem(
      vscode.l10n.t('$(warning) Could not load the applications of {0}: type instead', tenant.displayName),
      reason,
    ),
  ];
}

/** The connection name. */
const nameStep: WizardStep<WizardState> = {
  shouldPrompt: always,
  async prompt(input, s) {
    const value = await input.text({
      value: s.name,
      placeholder: 'partner',
      prompt: vscode.l10n.t(
        'Connection name: letters, digits and single hyphens (used as connection=NAME when logging in)',
      ),
      validate: (v) => connectionNameProblem(v),
      check: (v) => nameTaken(s, v),
    });
    if (value === BACK) return BACK;
    s.name = value;
    return undefined;
  },
};

/**
 * Whether `name` is taken, checked at its own step (issue 21.7): a connection file of that name in
 * the folder the file goes to is an error (a second file would deploy the same connection); a
 * secret already stored under the name's placeholder is a warning, as the new file would use it.
 */
async function nameTaken(s: WizardState, name: string): Promise<string | vscode.InputBoxValidationMessage | undefined> {
  const file = s.folder && (await connectionFileNamed(s.folder, name));
  if (file)
    return vscode.l10n.t(
      '{0} already holds the connection "{1}": choose another name, or open that file.',
      vscode.workspace.asRelativePath(file),
      name,
    );
  const placeholder = clientSecretPlaceholder(name);
  const key = placeholderKey(placeholder);
  if (key === undefined || (await s.services.secrets.get(SecretKeys.placeholder(key))) === undefined) return undefined;
  const binding = await s.services.secrets.placeholderBinding(key);
  return {
    severity: vscode.InputBoxValidationSeverity.Warning,
    message: binding
      ? vscode.l10n.t(
          'A secret is already stored as {0}, for the application {1} of {2}: the new file uses it, unless you enter another secret (you are then asked before it is replaced). Enter to go on, or choose another name.',
          placeholder,
          binding.clientId,
          binding.domain,
        )
      : vscode.l10n.t(
          'A secret is already stored as {0}: the new file uses it, unless you enter another secret (you are then asked before it is replaced). Enter to go on, or choose another name.',
          placeholder,
        ),
  };
}

/** The connection file in `folder` holding the connection `name`: NAME.auth0-oidc.json, or another naming it. */
async function connectionFileNamed(folder: vscode.Uri, name: string): Promise<vscode.Uri | undefined> {
  let entries: [string, vscode.FileType][];
  try {
    entries = await vscode.workspace.fs.readDirectory(folder);
  } catch {
    return undefined; // a folder that cannot be listed is reported when the file is written
  }
  const files = entries
    .filter(([, type]) => type === vscode.FileType.File)
    .map(([file]) => file)
    .filter((file) => file === CONNECTION_FILE_NAME || file.endsWith(CONNECTION_FILE_SUFFIX));
  if (files.includes(`${name}${CONNECTION_FILE_SUFFIX}`)) return childUri(folder, `${name}${CONNECTION_FILE_SUFFIX}`);
  for (const file of files) {
    const uri = childUri(folder, file);
    try {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      if (readConnectionFile(text, file).object?.name === name) return uri;
    } catch {
      // unreadable: not this name's file as far as anyone can tell
    }
  }
  return undefined;
}

/** The provider tenant, picked among the configured ones, or its domain typed. */
const providerStep: WizardStep<WizardState> = {
  shouldPrompt: always,
  async prompt(input, s) {
    const tenants = s.tenants;
    for (;;) {
      if (tenants.length > 0) {
        const items: (TenantItem | TypeItem)[] = [
          ...tenants.map(tenantPickItem),
          typeItem(vscode.l10n.t('Type a domain…'), vscode.l10n.t('A provider tenant that is not configured here')),
        ];
        const picked = await pickOne(input, {
          placeholder: vscode.l10n.t('Provider tenant: the Auth0 tenant users log in to'),
          items,
          selected: items.filter((i) => 'tenant' in i && i.tenant.origin === s.provider?.origin),
        });
        if (picked === BACK) return BACK;
        if ('tenant' in picked) {
          if (s.provider?.origin !== picked.tenant.origin) s.clientPicked = false;
          s.provider = picked.tenant;
          s.domain = hostOf(picked.tenant);
          return undefined;
        }
      }
      const value = await typedDomain(input, s);
      if (value === BACK) {
        if (tenants.length > 0) continue;
        return BACK;
      }
      s.provider = undefined;
      s.clientPicked = false;
      s.domain = bareHostFrom(value) ?? value;
      return undefined;
    }
  },
};

/** The provider application, Regular Web Apps first, or its client id typed. */
const clientIdStep: WizardStep<WizardState> = {
  shouldPrompt: always,
  async prompt(input, s) {
    for (;;) {
      if (s.provider) {
        const tenant = s.provider;
        const typed = typeItem(vscode.l10n.t('Type a client ID…'));
        const picked = await pickOne<AppItem | TypeItem>(input, {
          placeholder: vscode.l10n.t(
            'Application in {0} that the RP logs in with (a Regular Web Application)',
            tenant.displayName,
          ),
          items: [typed],
          loading: applicationItems(s.services, tenant, choices.providerApplicationOrder, new Set([s.clientId])),
        });
        if (picked === BACK) return BACK;
        if ('app' in picked) {
          if (picked.app.client_id !== s.clientId) s.secret = '';
          s.clientId = picked.app.client_id;
          s.clientPicked = true;
          return undefined;
        }
      }
      const value = await typedClientId(input, s);
      if (value === BACK) {
        if (s.provider) continue;
        return BACK;
      }
      s.clientId = value.trim();
      s.clientPicked = false;
      return undefined;
    }
  },
};

/** The client secret, read from the provider tenant with the person's consent, or pasted. */
const secretStep: WizardStep<WizardState> = {
  shouldPrompt: always,
  async prompt(input, s) {
    let why: string | undefined;
    for (;;) {
      if (s.provider && s.clientPicked && why === undefined) {
        const tenant = s.provider;
        const items: SecretItem[] = [
          {
            label: vscode.l10n.t('Read it from {0}', tenant.displayName),
            detail: vscode.l10n.t(
              "Reads the application's client secret with the Management API (scope read:client_keys) into VS Code's secret storage; the file gets a placeholder.",
            ),
            source: 'tenant',
          },
          { label: vscode.l10n.t('Paste it'), source: 'paste' },
          { label: vscode.l10n.t('Enter it at deploy time'), source: 'later' },
        ];
        const picked = await pickOne(input, {
          placeholder: vscode.l10n.t('Client secret of the provider application'),
          items,
        });
        if (picked === BACK) return BACK;
        if (picked.source === 'later') {
          s.secret = '';
          return undefined;
        }
        if (picked.source === 'tenant') {
          const read = await readClientSecret(s.services, tenant, s.clientId);
          if ('secret' in read) {
            s.secret = read.secret;
            return undefined;
          }
          why = read.problem;
        } else why = '';
      }
      const value = await typedSecret(input, s, why);
      if (value === BACK) {
        if (s.provider && s.clientPicked) {
          why = undefined;
          continue;
        }
        return BACK;
      }
      s.secret = value;
      return undefined;
    }
  },
};

/** The scopes to request from the provider. */
const scopesStep: WizardStep<WizardState> = {
  shouldPrompt: always,
  async prompt(input, s) {
    const items = KNOWN_SCOPES.map((scope) => ({
      label: scope,
      picked: s.scopes.includes(scope),
      ...(scope === 'openid' ? { description: vscode.l10n.t('needed for the login to work') } : {}),
    }));
    const value = await input.pickMany({
      placeholder: vscode.l10n.t(
        'Type to filter, ↓ then Space to tick, Enter to accept: the scopes to request from the provider',
      ),
      items,
      selected: items.filter((i) => i.picked),
    });
    if (value === BACK) return BACK;
    s.scopes = value.map((i) => i.label);
    return undefined;
  },
};

/** The RP applications to enable, from a configured tenant other than the provider, or typed. */
const enabledClientsStep: WizardStep<WizardState> = {
  shouldPrompt: always,
  async prompt(input, s) {
    const rps = s.tenants.filter((t) => t.origin !== s.provider?.origin && hostOf(t) !== s.domain);
    for (;;) {
      let rp: Tenant | undefined = rps.length === 1 ? rps[0] : undefined;
      if (rps.length > 1) {
        const items: (TenantItem | TypeItem)[] = [
          ...rps.map(tenantPickItem),
          typeItem(vscode.l10n.t('Type client IDs…')),
        ];
        const picked = await pickOne(input, {
          placeholder: vscode.l10n.t('Relying Party tenant whose applications use this connection'),
          items,
        });
        if (picked === BACK) return BACK;
        if ('tenant' in picked) rp = picked.tenant;
      }
      if (rp) {
        const typed = typeItem(vscode.l10n.t('Type client IDs…'));
        const picked = await input.pickMany<AppItem | TypeItem>({
          matchOnDescription: true,
          placeholder: vscode.l10n.t(
            'Type to filter, ↓ then Space to tick, Enter to accept: the applications of {0} to enable',
            rp.displayName,
          ),
          items: [typed],
          loading: applicationItems(s.services, rp, choices.loginApplications, new Set(s.enabledClients)),
          confirmNone: confirmNoApplication,
        });
        if (picked === BACK) {
          if (rps.length > 1) continue;
          return BACK;
        }
        if (!picked.some((i) => 'type' in i)) {
          s.enabledClients = picked.flatMap((i) => ('app' in i ? [i.app.client_id] : []));
          return undefined;
        }
      }
      const value = await typedClientIds(input, s);
      if (value === BACK) {
        if (rps.length > 0) continue;
        return BACK;
      }
      s.enabledClients = splitClientIds(value);
      return undefined;
    }
  },
};

/** The wizard's steps, in order; each is numbered by its place here. */
const STEPS: readonly WizardStep<WizardState>[] = [
  nameStep,
  providerStep,
  clientIdStep,
  secretStep,
  scopesStep,
  enabledClientsStep,
];

/** Asks the New Connection File questions; rejects with InputCancelled on Escape. */
export async function askAnswers(services: Services, folder?: vscode.Uri): Promise<Answers> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const state: WizardState = {
    services,
    tenants: vscode.workspace.isTrusted ? services.tenants.list() : [],
    folder: folder ?? (folders.length === 1 ? folders[0]!.uri : undefined),
    name: '',
    domain: '',
    clientId: '',
    clientPicked: false,
    secret: '',
    scopes: DEFAULT_SCOPE.split(' '),
    enabledClients: [],
  };
  return MultiStepInput.wizard(TITLE, state, STEPS);
}

function splitClientIds(text: string): string[] {
  return text.split(/[\s,]+/).filter((c) => c.length > 0);
}

/**
 * The application's client secret from the provider tenant. Auth0 returns `client_secret` only
 * to a token with read:client_keys (without it the field is left out; terraform-provider-auth0
 * #795 dropped asking for it to avoid needing that scope), so a missing field is explained.
 */
async function readClientSecret(
  services: Services,
  tenant: Tenant,
  clientId: string,
): Promise<{ secret: string } | { problem: string }> {
  try {
    const client = await services.tenants.client(tenant);
    const app = await client.getClient(clientId, {
      fields: ['client_id', 'client_secret'],
      signal: AbortSignal.timeout(10_000),
    });
    if (typeof app.client_secret === 'string' && app.client_secret !== '') {
      services.log.redactor.add(app.client_secret);
      return { secret: app.client_secret };
    }
    return {
      problem: vscode.l10n.t(
        '{0} did not return the client secret: its Management API credentials need the scope read:client_keys.',
        tenant.displayName,
      ),
    };
  } catch (error) {
    return {
      problem: vscode.l10n.t(
        'The client secret could not be read from {0}: {1}',
        tenant.displayName,
        error instanceof Error ? error.message : String(error),
      ),
    };
  }
}
