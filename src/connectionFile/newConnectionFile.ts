import * as vscode from 'vscode';
import { tenantPickItem } from '../tenants/pickTenant';
import { completeWalkthroughStep } from '../walkthrough/walkthroughContext';
import { childUri, pickWriteFolder } from '../vscode/workspaceFiles';
import { toUri } from '../vscode/connectionFileArg';
import { DEFAULT_SCOPE, KNOWN_SCOPES, connectionNameProblem } from '../core/connectionFile/connectionModel';
import { bareHostFrom, hostProblem } from '../core/connectionFile/host';
import { clientSecretPlaceholder, placeholderKey, bindingOf } from '../core/connectionFile/placeholders';
import { scaffoldConnectionText, scaffoldFileName, type ScaffoldInput } from '../core/connectionFile/scaffold';
import { isWellFormedClientId } from '../core/connectionFile/validate';
import type { Services } from '../services';
import { BACK, InputCancelled, MultiStepInput, type PickStep, type TextStep } from '../vscode/multiStepInput';
import type { Tenant } from '../tenants/tenantRegistry';
import * as choices from '../core/connectionFile/applicationChoices';
import { SecretKeys } from '../vscode/secretStore';

/** What the command takes instead of prompts, for tests, tasks and other extensions. */
export interface NewConnectionFileArgs {
  readonly name: string;
  readonly domain: string;
  readonly clientId: string;
  /** Stored in SecretStorage behind a placeholder, unless `secretInFile` is true. Absent: placeholder only. */
  readonly clientSecret?: string;
  readonly secretInFile?: boolean;
  readonly scopes?: readonly string[];
  readonly enabledClients?: readonly string[];
  /** The folder to write into; defaults to the first workspace folder. */
  readonly folder?: vscode.Uri | string;
  /** Open the new file in an editor (default true). */
  readonly open?: boolean;
  /** Replace a different secret already stored under the placeholder (default false: refuse). */
  readonly replaceStoredSecret?: boolean;
}

interface Answers {
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

const TITLE = vscode.l10n.t('New auth0-oidc Connection');
/** Every path has these six numbered steps; a typed fallback or a tenant choice shares its step's number. */
const STEPS = 6;
/** A tenant that has not answered by then gets a "could not load, type instead" item (issue 13). */
export const TENANT_LOAD_LIMIT_MS = 2_000;

/**
 * Auth0 OIDC: New Connection File. From the palette or the explorer's folder menu it asks step
 * by step; called with a NewConnectionFileArgs object it asks nothing. Returns the file's URI.
 */
export function newConnectionFile(services: Services) {
  return async (arg?: unknown): Promise<vscode.Uri | undefined> => {
    try {
      if (isArgs(arg)) return await writeConnectionFile(services, arg);
      const folder = arg instanceof vscode.Uri ? await folderOf(arg) : undefined;
      const answers = await askAnswers(services);
      return await writeConnectionFile(
        services,
        {
          name: answers.name,
          domain: answers.domain,
          clientId: answers.clientId,
          ...(answers.secret ? { clientSecret: answers.secret } : {}),
          scopes: answers.scopes,
          enabledClients: answers.enabledClients,
          ...(folder ? { folder } : {}),
        },
        true,
      );
    } catch (error) {
      if (error instanceof InputCancelled) return undefined;
      throw error;
    }
  };
}

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

async function askAnswers(services: Services): Promise<Answers> {
  const state: Answers = {
    name: '',
    domain: '',
    clientId: '',
    clientPicked: false,
    secret: '',
    scopes: DEFAULT_SCOPE.split(' '),
    enabledClients: [],
  };
  const tenants = vscode.workspace.isTrusted ? services.tenants.list() : [];
  const ask = (input: MultiStepInput, step: number, options: Omit<TextStep, 'title' | 'step' | 'totalSteps'>) =>
    input.text({ title: TITLE, step, totalSteps: STEPS, ...options });
  const pickOne = <T extends vscode.QuickPickItem>(
    input: MultiStepInput,
    step: number,
    options: Omit<PickStep<T>, 'title' | 'step' | 'totalSteps'>,
  ) => input.pickOne<T>({ title: TITLE, step, totalSteps: STEPS, matchOnDescription: true, ...options });

  const typedDomain = (input: MultiStepInput, s: Answers) =>
    ask(input, 2, {
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
  const typedClientId = (input: MultiStepInput, s: Answers) =>
    ask(input, 3, {
      value: s.clientId,
      prompt: vscode.l10n.t('Client ID of the Regular Web Application in the provider tenant'),
      validate: (v) =>
        isWellFormedClientId(v.trim())
          ? undefined
          : vscode.l10n.t('Paste the application\'s Client ID: letters, digits, "-", "_" and ".".'),
    });
  const typedSecret = (input: MultiStepInput, s: Answers, why?: string) =>
    ask(input, 4, {
      value: s.secret,
      password: true,
      prompt:
        (why ? why + ' ' : '') +
        vscode.l10n.t(
          "Client secret of that application. It goes to VS Code's secret storage; the file gets a placeholder. Leave empty to enter it at deploy time.",
        ),
    });
  const typedClientIds = (input: MultiStepInput, s: Answers) =>
    ask(input, 6, {
      value: s.enabledClients.join(', '),
      prompt: vscode.l10n.t('Client IDs of the Relying Party applications to enable, separated by commas (optional)'),
      validate: (v) => {
        const bad = splitClientIds(v).filter((c) => !isWellFormedClientId(c));
        return bad.length > 0 ? vscode.l10n.t('Not a client ID: {0}', bad.join(', ')) : undefined;
      },
    });

  /** A tenant's applications as items, or one "could not load, type instead" item, within the limit. */
  const applicationItems = async (
    tenant: Tenant,
    order: (apps: readonly choices.ApplicationSummary[]) => choices.ApplicationSummary[],
    selected: ReadonlySet<string>,
  ): Promise<(AppItem | TypeItem)[]> => {
    const result = await services.applications.load(tenant, TENANT_LOAD_LIMIT_MS, { fresh: true });
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
  };

  return MultiStepInput.run(state, [
    async (input, s) => {
      const value = await ask(input, 1, {
        value: s.name,
        placeholder: 'partner',
        prompt: vscode.l10n.t(
          'Connection name: letters, digits and single hyphens (used as connection=NAME when logging in)',
        ),
        validate: (v) => connectionNameProblem(v),
      });
      if (value === BACK) return BACK;
      s.name = value;
      return undefined;
    },
    // 2: the provider tenant, picked among the configured ones, or its domain typed.
    async (input, s) => {
      for (;;) {
        if (tenants.length > 0) {
          const items: (TenantItem | TypeItem)[] = [
            ...tenants.map(tenantPickItem),
            typeItem(vscode.l10n.t('Type a domain…'), vscode.l10n.t('A provider tenant that is not configured here')),
          ];
          const picked = await pickOne(input, 2, {
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
    // 3: the provider application, Regular Web Apps first, or its client id typed.
    async (input, s) => {
      for (;;) {
        if (s.provider) {
          const tenant = s.provider;
          const typed = typeItem(vscode.l10n.t('Type a client ID…'));
          const picked = await pickOne<AppItem | TypeItem>(input, 3, {
            placeholder: vscode.l10n.t(
              'Application in {0} that the RP logs in with (a Regular Web Application)',
              tenant.displayName,
            ),
            items: [typed],
            loading: applicationItems(tenant, choices.providerApplicationOrder, new Set([s.clientId])),
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
    // 4: the client secret, read from the provider tenant with the person's consent, or pasted.
    async (input, s) => {
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
          const picked = await pickOne(input, 4, {
            placeholder: vscode.l10n.t('Client secret of the provider application'),
            items,
          });
          if (picked === BACK) return BACK;
          if (picked.source === 'later') {
            s.secret = '';
            return undefined;
          }
          if (picked.source === 'tenant') {
            const read = await readClientSecret(services, tenant, s.clientId);
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
    async (input, s) => {
      const items = KNOWN_SCOPES.map((scope) => ({
        label: scope,
        picked: s.scopes.includes(scope),
        ...(scope === 'openid' ? { description: vscode.l10n.t('needed for the login to work') } : {}),
      }));
      const value = await input.pickMany({
        title: TITLE,
        step: 5,
        totalSteps: STEPS,
        placeholder: vscode.l10n.t('Scopes to request from the provider (Space to toggle, Enter to accept)'),
        items,
        selected: items.filter((i) => i.picked),
      });
      if (value === BACK) return BACK;
      s.scopes = value.map((i) => i.label);
      return undefined;
    },
    // 6: the RP applications to enable, from a configured tenant other than the provider, or typed.
    async (input, s) => {
      const rps = tenants.filter((t) => t.origin !== s.provider?.origin && hostOf(t) !== s.domain);
      for (;;) {
        let rp: Tenant | undefined = rps.length === 1 ? rps[0] : undefined;
        if (rps.length > 1) {
          const items: (TenantItem | TypeItem)[] = [
            ...rps.map(tenantPickItem),
            typeItem(vscode.l10n.t('Type client IDs…')),
          ];
          const picked = await pickOne(input, 6, {
            placeholder: vscode.l10n.t('Relying Party tenant whose applications use this connection'),
            items,
          });
          if (picked === BACK) return BACK;
          if ('tenant' in picked) rp = picked.tenant;
        }
        if (rp) {
          const typed = typeItem(vscode.l10n.t('Type client IDs…'));
          const picked = await input.pickMany<AppItem | TypeItem>({
            title: TITLE,
            step: 6,
            totalSteps: STEPS,
            matchOnDescription: true,
            placeholder: vscode.l10n.t(
              'Applications of {0} to enable (Space to toggle, Enter to accept; none is fine)',
              rp.displayName,
            ),
            items: [typed],
            loading: applicationItems(rp, choices.loginApplications, new Set(s.enabledClients)),
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
  ]);
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

async function writeConnectionFile(
  services: Services,
  args: NewConnectionFileArgs,
  interactive = false,
): Promise<vscode.Uri | undefined> {
  const nameProblem = connectionNameProblem(args.name);
  if (nameProblem !== undefined) {
    // Arguments from a task or another extension skip the typed-name check: the name makes a file name.
    void vscode.window.showErrorMessage(
      vscode.l10n.t('Cannot write a connection file for "{0}": {1}', args.name.slice(0, 60), nameProblem),
    );
    return undefined;
  }
  const folder = await targetFolder(args.folder);
  if (!folder) return undefined;
  const placeholder = clientSecretPlaceholder(args.name);
  let clientSecret = placeholder;
  if (args.clientSecret && args.secretInFile) {
    clientSecret = args.clientSecret;
  } else if (args.clientSecret) {
    const key = SecretKeys.placeholder(placeholderKey(placeholder)!);
    if (!(await mayReplaceStoredSecret(services, key, placeholder, args, interactive))) return undefined;
    await services.secrets.storePlaceholder(
      placeholderKey(placeholder)!,
      args.clientSecret,
      bindingOf({ domain: args.domain, client_id: args.clientId }),
    );
  }
  const input: ScaffoldInput = {
    name: args.name,
    domain: args.domain,
    clientId: args.clientId,
    clientSecret,
    scopes: args.scopes ?? DEFAULT_SCOPE.split(' '),
    ...(args.enabledClients && args.enabledClients.length > 0 ? { enabledClients: args.enabledClients } : {}),
  };
  const existing = new Set((await vscode.workspace.fs.readDirectory(folder)).map(([name]) => name));
  const uri = childUri(folder, scaffoldFileName(args.name, existing));
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(scaffoldConnectionText(input)));
  services.log.info(`Wrote ${uri.fsPath || uri.toString()} for connection "${args.name}".`);
  completeWalkthroughStep('connectionFile');
  if (args.open !== false) await vscode.window.showTextDocument(uri);
  return uri;
}

/** A different value already stored under the placeholder is replaced only when asked (issue 12). */
async function mayReplaceStoredSecret(
  services: Services,
  key: string,
  placeholder: string,
  args: NewConnectionFileArgs,
  interactive: boolean,
): Promise<boolean> {
  const stored = await services.secrets.get(key);
  if (stored === undefined || stored === args.clientSecret) return true;
  if (args.replaceStoredSecret === true) return true;
  if (interactive) {
    const replace = vscode.l10n.t('Replace Stored Secret');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('A different secret is already stored as {0}. Replace it with the one you entered?', placeholder),
      { modal: true },
      replace,
    );
    if (answer === replace) return true;
  }
  void vscode.window.showWarningMessage(
    vscode.l10n.t('A different secret is already stored as {0}; nothing was written.', placeholder),
  );
  return false;
}

async function targetFolder(folder: vscode.Uri | string | undefined): Promise<vscode.Uri | undefined> {
  if (folder instanceof vscode.Uri) return folder;
  if (typeof folder === 'string') return toUri(folder);
  return pickWriteFolder(vscode.l10n.t('Folder for the new connection file'), vscode.l10n.t('Create Here'));
}

/** The explorer passes the clicked resource: a folder, or a file whose folder we use. */
async function folderOf(uri: vscode.Uri): Promise<vscode.Uri> {
  const stat = await vscode.workspace.fs.stat(uri);
  return stat.type & vscode.FileType.Directory ? uri : vscode.Uri.joinPath(uri, '..');
}

function isArgs(arg: unknown): arg is NewConnectionFileArgs {
  if (typeof arg !== 'object' || arg === null || arg instanceof vscode.Uri) return false;
  const a = arg as Record<string, unknown>;
  return typeof a.name === 'string' && typeof a.domain === 'string' && typeof a.clientId === 'string';
}
