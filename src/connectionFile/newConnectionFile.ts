import * as vscode from 'vscode';
import { completeWalkthroughStep } from '../walkthrough/walkthroughContext';
import { childUri, pickWriteFolder } from '../vscode/workspaceFiles';
import { toUri } from '../vscode/connectionFileArg';
import { DEFAULT_SCOPE, KNOWN_SCOPES, connectionNameProblem } from '../core/connectionFile/connectionModel';
import { bareHostFrom, hostProblem } from '../core/connectionFile/host';
import { clientSecretPlaceholder, placeholderKey } from '../core/connectionFile/placeholders';
import { scaffoldConnectionText, scaffoldFileName, type ScaffoldInput } from '../core/connectionFile/scaffold';
import { isWellFormedClientId } from '../core/connectionFile/validate';
import type { Services } from '../services';
import { BACK, InputCancelled, MultiStepInput } from '../vscode/multiStepInput';
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
  domain: string;
  clientId: string;
  secret: string;
  scopes: string[];
  enabledClients: string;
}

const TITLE = vscode.l10n.t('New auth0-oidc Connection');
const STEPS = 6;

/**
 * Auth0 OIDC: New Connection File. From the palette or the explorer's folder menu it asks step
 * by step; called with a NewConnectionFileArgs object it asks nothing. Returns the file's URI.
 */
export function newConnectionFile(services: Services) {
  return async (arg?: unknown): Promise<vscode.Uri | undefined> => {
    try {
      if (isArgs(arg)) return await writeConnectionFile(services, arg);
      const folder = arg instanceof vscode.Uri ? await folderOf(arg) : undefined;
      const answers = await askAnswers();
      return await writeConnectionFile(
        services,
        {
          name: answers.name,
          domain: answers.domain,
          clientId: answers.clientId,
          ...(answers.secret ? { clientSecret: answers.secret } : {}),
          scopes: answers.scopes,
          enabledClients: answers.enabledClients.split(/[\s,]+/).filter((c) => c.length > 0),
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

async function askAnswers(): Promise<Answers> {
  const state: Answers = {
    name: '',
    domain: '',
    clientId: '',
    secret: '',
    scopes: DEFAULT_SCOPE.split(' '),
    enabledClients: '',
  };
  return MultiStepInput.run(state, [
    async (input, s) => {
      const value = await input.text({
        title: TITLE,
        step: 1,
        totalSteps: STEPS,
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
    async (input, s) => {
      const value = await input.text({
        title: TITLE,
        step: 2,
        totalSteps: STEPS,
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
      if (value === BACK) return BACK;
      s.domain = bareHostFrom(value) ?? value;
      return undefined;
    },
    async (input, s) => {
      const value = await input.text({
        title: TITLE,
        step: 3,
        totalSteps: STEPS,
        value: s.clientId,
        prompt: vscode.l10n.t('Client ID of the Regular Web Application in the provider tenant'),
        validate: (v) =>
          isWellFormedClientId(v.trim())
            ? undefined
            : vscode.l10n.t('Paste the application\'s Client ID: letters, digits, "-", "_" and ".".'),
      });
      if (value === BACK) return BACK;
      s.clientId = value.trim();
      return undefined;
    },
    async (input, s) => {
      const value = await input.text({
        title: TITLE,
        step: 4,
        totalSteps: STEPS,
        value: s.secret,
        password: true,
        prompt: vscode.l10n.t(
          "Client secret of that application. It goes to VS Code's secret storage; the file gets a placeholder. Leave empty to enter it at deploy time.",
        ),
      });
      if (value === BACK) return BACK;
      s.secret = value;
      return undefined;
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
    async (input, s) => {
      const value = await input.text({
        title: TITLE,
        step: 6,
        totalSteps: STEPS,
        value: s.enabledClients,
        prompt: vscode.l10n.t('Client IDs of the Relying Party applications to enable, separated by commas (optional)'),
        validate: (v) => {
          const bad = v.split(/[\s,]+/).filter((c) => c.length > 0 && !isWellFormedClientId(c));
          return bad.length > 0 ? vscode.l10n.t('Not a client ID: {0}', bad.join(', ')) : undefined;
        },
      });
      if (value === BACK) return BACK;
      s.enabledClients = value;
      return undefined;
    },
  ]);
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
    await services.secrets.store(key, args.clientSecret);
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
