import * as vscode from 'vscode';
import { configPathFor, replaceKeywords, type A0DeployConfig } from '../core/a0deploy/a0deployConfig';
import {
  a0deployFormatOf,
  readA0DeployFile,
  type A0DeployEntry,
  type A0DeployFormat,
} from '../core/a0deploy/a0deployFile';
import { keywordLeft } from '../core/a0deploy/exportImport';
import type { Services } from '../services';
import type { Tenant } from '../tenants/tenantRegistry';
import { readDocumentText } from '../vscode/documentText';
import { UserFacingError } from '../vscode/errors';
import { refusePatternKeys, repositoryContext } from './a0deployRepository';

/** An auth0-oidc or oidc entry of an a0deploy file, with what its repository says. */
export interface RepositoryEntry {
  readonly uri: vscode.Uri;
  readonly format: A0DeployFormat;
  readonly entry: A0DeployEntry;
  readonly name: string;
  /** config.json beside the repository, when there is one that reads. */
  readonly config: A0DeployConfig | undefined;
  /** Where config.json is (or would be), for messages. */
  readonly configUri: vscode.Uri;
  /** The tenant the repository deploys to, when config.json or the configured tenants say. */
  readonly tenant: Tenant | undefined;
}

/**
 * The entry of `uri` named `name` (else the file's only one, or a pick) and its repository: the
 * preamble of every command on an a0deploy entry. `notA0Deploy` is the refusal for a file of
 * another kind, in the words of the command. Undefined when the person cancels the pick.
 */
export async function entryFromArgs(
  services: Services,
  uri: vscode.Uri | undefined,
  name: string | undefined,
  notA0Deploy: () => string,
): Promise<RepositoryEntry | undefined> {
  const format = uri ? a0deployFormatOf(uri.path) : undefined;
  if (!uri || !format) throw new UserFacingError(notA0Deploy());
  const entries = readA0DeployFile(await readDocumentText(uri), format).entries.filter((e) => e.name !== undefined);
  const entry = await pickEntry(uri, entries, name);
  if (!entry) return undefined;
  const { config, tenant } = await repositoryContext(services, uri, format);
  const configUri = uri.with({ path: configPathFor(uri.path, format) });
  return { uri, format, entry, name: entry.name!, config, configUri, tenant };
}

/** The entry's connection as a0deploy sends it: its keywords replaced from config.json. */
export function asA0DeploySends(found: RepositoryEntry): Record<string, unknown> {
  refusePatternKeys(found.config, found.configUri);
  return replaceKeywords(found.entry.connection, found.config?.mappings ?? {}) as Record<string, unknown>;
}

/**
 * Refuses a value (the replaced connection, or a part of it) that still holds a keyword outside
 * its secret options: config.json does not map it. `nothingDone` ends the message ("Nothing was sent.").
 */
export function refuseKeywordLeft(found: RepositoryEntry, value: unknown, nothingDone: string): void {
  const left = keywordLeft(value);
  if (left === undefined) return;
  const configFile = vscode.workspace.asRelativePath(found.configUri);
  throw new UserFacingError(
    found.config
      ? vscode.l10n.t(
          '"{0}" uses the keyword {1}, which AUTH0_KEYWORD_REPLACE_MAPPINGS in {2} does not map: add it there (a0deploy needs it too). {3}',
          found.name,
          left,
          configFile,
          nothingDone,
        )
      : vscode.l10n.t(
          '"{0}" uses the keyword {1}, and there is no readable {2} to map it: add the file with AUTH0_KEYWORD_REPLACE_MAPPINGS. {3}',
          found.name,
          left,
          configFile,
          nothingDone,
        ),
  );
}

/** An entry the connection file rules find errors in is neither checked, deployed nor imported. */
export function refuseEntryWithErrors(found: RepositoryEntry): void {
  const errors = found.entry.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0)
    throw new UserFacingError(
      vscode.l10n.t(
        'Fix the {0} error(s) of "{1}" first (line {2}: {3}).',
        errors.length,
        found.name,
        errors[0]!.range.start.line + 1,
        errors[0]!.message,
      ),
    );
}

async function pickEntry(
  uri: vscode.Uri,
  entries: readonly A0DeployEntry[],
  name: string | undefined,
): Promise<A0DeployEntry | undefined> {
  if (name !== undefined) {
    const found = entries.find((e) => e.name === name);
    if (!found)
      throw new UserFacingError(
        vscode.l10n.t(
          '{0} has no auth0-oidc or oidc connection named "{1}".',
          vscode.workspace.asRelativePath(uri),
          name,
        ),
      );
    return found;
  }
  if (entries.length === 0)
    throw new UserFacingError(
      vscode.l10n.t('{0} has no auth0-oidc or oidc connection to import.', vscode.workspace.asRelativePath(uri)),
    );
  if (entries.length === 1) return entries[0];
  return (
    await vscode.window.showQuickPick(
      entries.map((entry) => ({ label: entry.name!, description: entry.strategy, entry })),
      { placeHolder: vscode.l10n.t('Connection to import'), ignoreFocusOut: true },
    )
  )?.entry;
}
