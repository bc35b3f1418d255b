import * as vscode from 'vscode';
import { CONNECTION_FILES_GLOB, isConnectionFileName } from '../core/connectionFile/connectionModel';
import {
  bindingMismatch,
  bindingOf,
  isPlaceholder,
  type PlaceholderBinding,
} from '../core/connectionFile/placeholders';
import { placeholderSlots, type PlaceholderSlot } from '../core/connectionFile/placeholderSlots';
import { readConnectionFile } from '../core/connectionFile/readConnectionFile';
import type { Services } from '../services';
import { toUri } from '../vscode/connectionFileArg';
import { readDocumentText } from '../vscode/documentText';
import { UserFacingError } from '../vscode/errors';
import { environmentSecretTarget } from '../environments/environmentConnection';

/** Arguments that skip the prompts (integration tests; the lens and Test Login pass file and key). */
export interface SetStoredSecretArgs {
  readonly file: vscode.Uri | string;
  /** The placeholder's key (`PARTNER_CLIENT_SECRET` or `##PARTNER_CLIENT_SECRET##`); default: the file's only one. */
  readonly key?: string;
  /** The value, instead of the password box (tests). */
  readonly value?: string;
  /** Replace a value stored for another domain or client id without asking (tests). */
  readonly rebind?: boolean;
  /** Store the value of this environment of the file's auth0-oidc.environments.json. */
  readonly environment?: string;
}

/** What the command did: the key and the binding, never the value. */
export interface SetStoredSecretOutcome {
  readonly key: string;
  readonly binding: PlaceholderBinding;
}

/**
 * Auth0 OIDC: Set Stored Secret. Puts a new value behind a file's `##KEY##` in SecretStorage,
 * bound to the provider domain and client id the file names, and never touches the file: the
 * secret is typed into a password box, so it reaches no editor buffer, auto-save or Local History
 * (issue 21.3; the alternative was pasting it into the file for the literal-secret quick fix).
 *
 * No workspace trust needed: it sends nothing anywhere and only writes what the person types into
 * secret storage, bound to the file's domain and client id; a value bound to another domain or
 * client id is replaced only after a modal question, so an untrusted file cannot take it over.
 */
export function setStoredSecret(services: Services) {
  return async (arg?: unknown, keyArg?: unknown): Promise<SetStoredSecretOutcome | undefined> => {
    const args = argsOf(arg, keyArg);
    // An environment's own value (issue 25.1): its key and binding come from the file as it resolves there.
    const target =
      args?.environment !== undefined
        ? await environmentSecretTarget(services, toUri(args.file), args.environment, args.key)
        : args
          ? await slotIn(args.file, args.key)
          : await pickSlot();
    if (!target) return undefined;
    const key = 'slot' in target ? target.slot.key : target.key;
    const outcome = await storeSecretFor(services, { uri: target.uri, key, binding: target.binding }, args ?? {});
    if (outcome)
      void vscode.window.showInformationMessage(
        vscode.l10n.t(
          '##{0}## is stored for {1} of {2}. Deploy and Test Login use the new value; {3} was not changed.',
          key,
          outcome.binding.clientId,
          outcome.binding.domain,
          vscode.workspace.asRelativePath(target.uri),
        ),
      );
    return outcome;
  };
}

/** A placeholder to put a value behind: the file that holds it, its key, and what it is bound to. */
export interface SecretTarget {
  readonly uri: vscode.Uri;
  readonly key: string;
  readonly binding: PlaceholderBinding;
}

/**
 * The value behind `##key##`, typed into a password box (or given, for tests), stored and bound to
 * the target's provider application; a value bound to another one is replaced only after a modal
 * question. Undefined when the person cancels. Shows no message: the caller says what changed.
 */
export async function storeSecretFor(
  services: Services,
  target: SecretTarget,
  options: { readonly value?: string; readonly rebind?: boolean; readonly prompt?: string } = {},
): Promise<SetStoredSecretOutcome | undefined> {
  const { uri, key, binding } = target;
  const file = vscode.workspace.asRelativePath(uri);
  const stored = await services.secrets.placeholderBinding(key);
  if (stored && bindingMismatch(stored, binding).length > 0 && options.rebind !== true) {
    const replace = vscode.l10n.t('Replace and Bind to {0}', binding.domain);
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('##{0}## is stored for another application: replace it?', key),
      {
        modal: true,
        detail: vscode.l10n.t(
          'The value stored as ##{0}## is for the application {1} of {2}; {3} names {4} of {5}. Files naming {1} of {2} will no longer get it. If {3} has a typo in its domain or client id, fix the file instead.',
          key,
          stored.clientId,
          stored.domain,
          file,
          binding.clientId,
          binding.domain,
        ),
      },
      replace,
    );
    if (answer !== replace) return undefined;
  }

  const value =
    options.value !== undefined
      ? checkedValue(options.value)
      : await vscode.window.showInputBox({
          title: vscode.l10n.t('Set Stored Secret ##{0}##', key),
          prompt:
            options.prompt ??
            vscode.l10n.t(
              "The client secret of the application {0} on {1}. It goes to VS Code's secret storage only; {2} keeps the placeholder and is not changed.",
              binding.clientId,
              binding.domain,
              file,
            ),
          password: true,
          ignoreFocusOut: true,
          // Empty is not flagged as an error before anything is typed; Enter on it stores nothing.
          validateInput: (text) => (text.trim() === '' ? undefined : secretProblem(text)),
        });
  if (value === undefined || value.trim() === '') return undefined;
  await services.secrets.storePlaceholder(key, value.trim(), binding);
  services.log.info(`Stored a new value for ##${key}## (${binding.clientId} of ${binding.domain}) for ${file}.`);
  return { key, binding };
}

/** Why a typed value cannot be a client secret, or undefined when it can. */
function secretProblem(text: string): string | undefined {
  const value = text.trim();
  if (value === '') return vscode.l10n.t('Enter the client secret (the file keeps its placeholder).');
  if (isPlaceholder(value)) return vscode.l10n.t('That is a placeholder: enter the secret it stands for.');
  // Auth0 client secrets are base64url text; a space or line break inside is a paste gone wrong.
  if (/\s/.test(value)) return vscode.l10n.t('A client secret has no spaces or line breaks inside.');
  return undefined;
}

function checkedValue(value: string): string {
  const problem = secretProblem(value);
  if (problem) throw new UserFacingError(problem);
  return value;
}

function argsOf(arg: unknown, keyArg: unknown): SetStoredSecretArgs | undefined {
  const key = typeof keyArg === 'string' ? keyArg : undefined;
  if (arg instanceof vscode.Uri) return { file: arg, ...(key ? { key } : {}) };
  if (typeof arg !== 'object' || arg === null) return undefined;
  // A Connection Files node (its resourceUri), or an argument object.
  if ('resourceUri' in arg && arg.resourceUri instanceof vscode.Uri) return { file: arg.resourceUri };
  const a = arg as Record<string, unknown>;
  if (!(typeof a.file === 'string' || a.file instanceof vscode.Uri)) return undefined;
  return {
    file: a.file,
    ...(typeof a.key === 'string' ? { key: a.key } : {}),
    ...(typeof a.value === 'string' ? { value: a.value } : {}),
    ...(a.rebind === true ? { rebind: true } : {}),
    ...(typeof a.environment === 'string' ? { environment: a.environment } : {}),
  };
}

interface Target {
  readonly uri: vscode.Uri;
  readonly slot: PlaceholderSlot;
  readonly binding: PlaceholderBinding;
}

/** The file's placeholder named `key`, else the one under the cursor, its only one, or a pick. */
async function slotIn(file: vscode.Uri | string, key: string | undefined): Promise<Target | undefined> {
  const uri = toUri(file);
  const { slots, binding } = await placeholdersOf(uri);
  const name = vscode.workspace.asRelativePath(uri);
  if (slots.length === 0)
    throw new UserFacingError(
      vscode.l10n.t(
        '{0} has no ##KEY## placeholder in options.client_secret, so there is no stored secret to set. Replace a literal secret with its quick fix "Store the secret…" first.',
        name,
      ),
    );
  let slot: PlaceholderSlot | undefined;
  if (key !== undefined) {
    const wanted = key.replace(/^##|##$/g, '');
    slot = slots.find((s) => s.key === wanted);
    if (!slot) throw new UserFacingError(vscode.l10n.t('{0} has no placeholder ##{1}##.', name, wanted));
  } else slot = slots.length === 1 ? slots[0] : (slotUnderCursor(uri, slots) ?? (await pickOf(uri, slots)));
  if (!slot) return undefined;
  return { uri, slot, binding: requireBinding(binding, name) };
}

/** From the palette: the active connection file's placeholder, else a pick among the workspace's. */
async function pickSlot(): Promise<Target | undefined> {
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active && isConnectionFileName(active.path) && (await placeholdersOf(active)).slots.length > 0)
    return slotIn(active, undefined);
  const files = (await vscode.workspace.findFiles(CONNECTION_FILES_GLOB, '**/node_modules/**', 200)).filter((uri) =>
    isConnectionFileName(uri.path),
  );
  const items: (vscode.QuickPickItem & { uri: vscode.Uri; slot: PlaceholderSlot })[] = [];
  for (const uri of files) {
    const { slots, binding } = await placeholdersOf(uri);
    for (const slot of slots)
      items.push({
        label: `##${slot.key}##`,
        description: vscode.workspace.asRelativePath(uri),
        detail: binding
          ? vscode.l10n.t('options.{0} · {1} of {2}', slot.option, binding.clientId, binding.domain)
          : vscode.l10n.t('options.{0} · the file names no provider domain and client id yet', slot.option),
        uri,
        slot,
      });
  }
  if (items.length === 0) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        'No connection file in this workspace has a ##KEY## placeholder in options.client_secret. Open one with a literal secret and use its quick fix "Store the secret…" to make one.',
      ),
    );
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Set Stored Secret'),
    placeHolder: vscode.l10n.t('The placeholder whose stored secret to set'),
    matchOnDescription: true,
    ignoreFocusOut: true,
  });
  return picked && slotIn(picked.uri, picked.slot.key);
}

async function placeholdersOf(
  uri: vscode.Uri,
): Promise<{ slots: PlaceholderSlot[]; binding: PlaceholderBinding | undefined }> {
  const text = await readDocumentText(uri);
  const options = readConnectionFile(text, uri.path).object?.options;
  const binding =
    typeof options === 'object' && options !== null ? bindingOf(options as Record<string, unknown>) : undefined;
  return { slots: placeholderSlots(text), binding };
}

function requireBinding(binding: PlaceholderBinding | undefined, file: string): PlaceholderBinding {
  if (binding) return binding;
  throw new UserFacingError(
    vscode.l10n.t(
      '{0} does not name one provider host and a client id, and a stored secret is bound to both: set options.client_id, and options.domain (an oidc file: its URL options, all on the same host), then set the secret.',
      file,
    ),
  );
}

function slotUnderCursor(uri: vscode.Uri, slots: readonly PlaceholderSlot[]): PlaceholderSlot | undefined {
  const editor = vscode.window.activeTextEditor;
  if (editor?.document.uri.toString() !== uri.toString()) return undefined;
  const line = editor.selection.active.line;
  return slots.find((s) => editor.document.positionAt(s.offset).line === line);
}

async function pickOf(uri: vscode.Uri, slots: readonly PlaceholderSlot[]): Promise<PlaceholderSlot | undefined> {
  const picked = await vscode.window.showQuickPick(
    slots.map((slot) => ({ label: `##${slot.key}##`, description: `options.${slot.option}`, slot })),
    {
      title: vscode.l10n.t('Set Stored Secret'),
      placeHolder: vscode.l10n.t(
        'The placeholder of {0} whose stored secret to set',
        vscode.workspace.asRelativePath(uri),
      ),
      ignoreFocusOut: true,
    },
  );
  return picked?.slot;
}
