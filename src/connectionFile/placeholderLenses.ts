import * as vscode from 'vscode';
import { SET_STORED_SECRET_COMMAND } from '../commandIds';
import { placeholderSlots } from '../core/connectionFile/placeholderSlots';

/**
 * "Set Stored Secret" above each `##KEY##` of a secret option: the way to put a new value behind
 * the placeholder without typing the secret into the file (issue 21.3).
 */
export class PlaceholderLenses implements vscode.CodeLensProvider {
  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    return placeholderSlots(document.getText()).map((slot) => {
      const position = document.positionAt(slot.offset);
      return new vscode.CodeLens(new vscode.Range(position, position), {
        title: vscode.l10n.t('Set Stored Secret'),
        tooltip: vscode.l10n.t(
          "Enter a new value for ##{0}## in VS Code's secret storage; the file is not changed.",
          slot.key,
        ),
        command: SET_STORED_SECRET_COMMAND,
        arguments: [document.uri, slot.key],
      });
    });
  }
}
