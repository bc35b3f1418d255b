import * as vscode from 'vscode';
import { readA0DeployFile, type A0DeployFormat } from '../core/a0deploy/a0deployFile';
import { clientSecretEdits, entrySecretOf } from '../core/a0deploy/a0deployFixes';
import { bindingOf, clientSecretPlaceholder, placeholderKey } from '../core/connectionFile/placeholders';
import { storeSecretFor, type SetStoredSecretOutcome } from '../connectionFile/setStoredSecret';
import type { Services } from '../services';
import { UserFacingError } from '../vscode/errors';
import { SecretKeys } from '../vscode/secretStore';
import { asA0DeploySends, type RepositoryEntry } from './entryFromArgs';

/** Arguments that skip the password box (tests). */
export interface StoreEntrySecretOptions {
  readonly value?: string;
  readonly rebind?: boolean;
}

/**
 * The "store the secret" fix of an a0deploy entry, as a connection file has it: a `##KEY##` in
 * options.client_secret gets a new value behind it in secret storage (Set Stored Secret); a missing
 * client_secret is asked for, stored, and added as `##NAME_CLIENT_SECRET##`; a literal one is
 * stored and replaced by that placeholder. The value is bound to the provider domain and client id
 * the entry names once config.json's keywords are replaced, as Deploy from the entry reads them.
 */
export async function storeEntrySecret(
  services: Services,
  found: RepositoryEntry,
  options: StoreEntrySecretOptions,
): Promise<SetStoredSecretOutcome | undefined> {
  const { uri, format, entry, name } = found;
  const file = vscode.workspace.asRelativePath(uri);
  const secret = entrySecretOf(entry);
  const key = secret.kind === 'placeholder' ? secret.key : placeholderKey(clientSecretPlaceholder(name))!;
  if (secret.kind === 'other')
    throw new UserFacingError(
      vscode.l10n.t(
        'options.client_secret of "{0}" is neither a secret nor a ##KEY## placeholder of secret storage (capital letters, digits and "_"): write ##{1}## there, then store the secret.',
        name,
        key,
      ),
    );
  const resolvedOptions = asA0DeploySends(found)['options'];
  const binding =
    typeof resolvedOptions === 'object' && resolvedOptions !== null
      ? bindingOf(resolvedOptions as Record<string, unknown>)
      : undefined;
  if (!binding)
    throw new UserFacingError(
      vscode.l10n.t(
        '"{0}" does not name one provider host and a client id once the keywords of {1} are replaced, and a stored secret is bound to both: set options.client_id and options.domain (or map their keywords), then store the secret.',
        name,
        vscode.workspace.asRelativePath(found.configUri),
      ),
    );
  const placeholder = `##${key}##`;
  // Checked before anything is stored: an entry the fix cannot edit gets no secret stored for it.
  if (secret.kind !== 'placeholder' && editsFor(await documentText(uri), format, name, placeholder) === undefined)
    throw new UserFacingError(
      vscode.l10n.t(
        'Add client_secret: \'{0}\' to the options of "{1}" by hand (they are not a block of keys the fix can edit), then store the secret from there.',
        placeholder,
        name,
      ),
    );
  if (secret.kind === 'literal' && !(await mayReplaceStored(services, key, secret.value))) return undefined;
  const outcome = await storeSecretFor(
    services,
    { uri, key, binding },
    {
      ...options,
      ...(secret.kind === 'literal' ? { value: secret.value } : {}),
      ...(secret.kind === 'missing'
        ? {
            prompt: vscode.l10n.t(
              "The client secret of the application {0} on {1}. It goes to VS Code's secret storage only; {2} gets the placeholder {3}.",
              binding.clientId,
              binding.domain,
              file,
              placeholder,
            ),
          }
        : {}),
    },
  );
  if (!outcome) return undefined;
  if (secret.kind !== 'placeholder') {
    // The secret is stored: only now may it leave the file. Read again, the file may have changed meanwhile.
    const document = await vscode.workspace.openTextDocument(uri);
    const edits = editsFor(document.getText(), format, name, placeholder) ?? [];
    const edit = new vscode.WorkspaceEdit();
    for (const e of edits)
      edit.replace(
        uri,
        new vscode.Range(document.positionAt(e.offset), document.positionAt(e.offset + e.length)),
        e.newText,
      );
    if (!(await vscode.workspace.applyEdit(edit))) return outcome;
  }
  void vscode.window.showInformationMessage(
    vscode.l10n.t(
      '##{0}## is stored for {1} of {2}, and Deploy from "{3}" fills it in. a0deploy does not read secret storage: it fills ##{0}## from AUTH0_KEYWORD_REPLACE_MAPPINGS or, with --env, the environment (keep the secret there, not in the repository).',
      key,
      binding.clientId,
      binding.domain,
      name,
    ),
  );
  return outcome;
}

/** The edits that put the placeholder into the entry `name`: [] when it is there, undefined when none can. */
function editsFor(text: string, format: A0DeployFormat, name: string, placeholder: string) {
  const entry = readA0DeployFile(text, format).entries.find((e) => e.name === name);
  if (!entry) return undefined;
  if (entry.clientSecret?.value === placeholder) return [];
  const edits = clientSecretEdits(text, format, entry, placeholder);
  return edits.length > 0 ? edits : undefined;
}

async function documentText(uri: vscode.Uri): Promise<string> {
  return (await vscode.workspace.openTextDocument(uri)).getText();
}

/** Another value stored under the key is replaced by the file's literal only when the person says so (issue 12.5). */
async function mayReplaceStored(services: Services, key: string, value: string): Promise<boolean> {
  const stored = await services.secrets.get(SecretKeys.placeholder(key));
  if (stored === undefined || stored === value.trim()) return true;
  const replace = vscode.l10n.t('Replace Stored Secret');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('A different secret is already stored as ##{0}##. Replace it with the one in this file?', key),
    { modal: true },
    replace,
  );
  return answer === replace;
}
