import * as vscode from 'vscode';
import type { Auth0OidcConnectionFile } from '../core/connectionFile/connectionModel';
import { readConnectionFile, summarizeErrors } from '../core/connectionFile/readConnectionFile';
import { UserFacingError } from '../vscode/errors';

/**
 * The connection in a file's text, or a refusal naming its errors: the one way a command refuses
 * a file with errors (Deploy, Copy as curl, Check Provider Application), before any tenant is
 * asked for or contacted. The command wrapper shows the refusal as a warning.
 */
export function validConnection(uri: vscode.Uri, text: string): Auth0OidcConnectionFile {
  const reading = readConnectionFile(text, uri.path);
  if (reading.kind === 'valid') return reading.connection;
  const { count, firstLine, firstMessage } = summarizeErrors(reading.errors);
  throw new UserFacingError(
    vscode.l10n.t(
      '{0} has {1} error(s); fix them first. Line {2}: {3}',
      vscode.workspace.asRelativePath(uri),
      count,
      firstLine,
      firstMessage,
    ),
  );
}
