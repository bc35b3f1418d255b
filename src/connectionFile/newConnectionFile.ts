import * as vscode from 'vscode';
import { completeWalkthroughStep } from '../walkthrough/walkthroughContext';
import { childUri, pickWriteFolder } from '../vscode/workspaceFiles';
import { toUri } from '../vscode/connectionFileArg';
import { DEFAULT_SCOPE, connectionNameProblem } from '../core/connectionFile/connectionModel';
import { clientSecretPlaceholder, placeholderKey, bindingOf } from '../core/connectionFile/placeholders';
import { scaffoldConnectionText, scaffoldFileName, type ScaffoldInput } from '../core/connectionFile/scaffold';
import type { Services } from '../services';
import { InputCancelled } from '../vscode/multiStepInput';
import { SecretKeys } from '../vscode/secretStore';
import { askAnswers } from './newConnectionFileSteps';

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

/**
 * Auth0 OIDC: New Connection File. From the palette or the explorer's folder menu it asks step
 * by step; called with a NewConnectionFileArgs object it asks nothing. Returns the file's URI.
 */
export function newConnectionFile(services: Services) {
  return async (arg?: unknown): Promise<vscode.Uri | undefined> => {
    try {
      if (isArgs(arg)) return await writeConnectionFile(services, arg);
      const folder = arg instanceof vscode.Uri ? await folderOf(arg) : undefined;
      const answers = await askAnswers(services, folder);
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
