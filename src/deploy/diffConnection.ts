import * as vscode from 'vscode';
import { comparableConnection, pulledConnectionFile } from '../core/deploy/pullConnection';
import type { DeployPreviewDocuments } from './deployDiff';
import type { Services } from '../services';
import { CONNECTION_FILES_GLOB } from '../core/connectionFile/connectionModel';
import { readConnectionFile } from '../core/connectionFile/readConnectionFile';
import { connectionNodeArg } from '../tree/nodeArgs';
import { readTreeConnection } from './readTreeConnection';
import { readDocumentText } from '../vscode/documentText';

/**
 * Compare with File — the connection as the tenant has it against a local connection file, both
 * with secrets masked (`••••`), in VS Code's diff editor. A file of the same name is picked first.
 */
export function diffConnection(services: Services, previews: DeployPreviewDocuments) {
  return async (arg?: unknown, fileArg?: unknown): Promise<boolean> => {
    const node = connectionNodeArg(arg);
    if (!node) return false;
    const uri = fileArg instanceof vscode.Uri ? fileArg : await pickFile(node.connection.name);
    if (!uri) return false;
    // Compared as it is, rule errors and all: only text that is not JSON is refused.
    const reading = readConnectionFile(await readDocumentText(uri), uri.path);
    const local = reading.isJson ? reading.object : undefined;
    if (!local) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t('{0} is not valid JSON; fix it first.', vscode.workspace.asRelativePath(uri)),
      );
      return false;
    }
    const tenant = node.tenant;
    const remote = await readTreeConnection(services, node);
    if (!remote) return false;
    const host = new URL(tenant.origin).host;
    const name = node.connection.name;
    // The left side is what "Pull into File" would write, so identical files show no difference.
    await previews.showDiff(
      {
        path: `/${host}/${name}.tenant.json`,
        value: comparableConnection(
          pulledConnectionFile(remote.connection, remote.enabled) as unknown as Record<string, unknown>,
        ),
      },
      { path: `/${host}/${name}.local.json`, value: comparableConnection(local) },
      vscode.l10n.t('{0}: {1} ↔ {2} (secrets masked)', name, tenant.displayName, vscode.workspace.asRelativePath(uri)),
    );
    return true;
  };
}

async function pickFile(connectionName: string): Promise<vscode.Uri | undefined> {
  const files = await vscode.workspace.findFiles(CONNECTION_FILES_GLOB, '**/node_modules/**', 200);
  if (files.length === 0) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('No connection file is in the workspace to compare with. Use "Pull into File" to make one.'),
    );
    return undefined;
  }
  const items = await Promise.all(
    files.map(async (uri) => ({ label: vscode.workspace.asRelativePath(uri), uri, name: await nameIn(uri) })),
  );
  const same = items.filter((i) => i.name === connectionName);
  if (same.length === 1) return same[0]!.uri;
  items.sort(
    (a, b) => Number(b.name === connectionName) - Number(a.name === connectionName) || a.label.localeCompare(b.label),
  );
  const picked = await vscode.window.showQuickPick(
    items.map((i) => ({ label: i.label, description: i.name ?? '', uri: i.uri })),
    {
      ignoreFocusOut: true,
      placeHolder: vscode.l10n.t('File to compare {0} with', connectionName),
      matchOnDescription: true,
    },
  );
  return picked?.uri;
}

async function nameIn(uri: vscode.Uri): Promise<string | undefined> {
  try {
    const reading = readConnectionFile(await readDocumentText(uri), uri.path);
    const name = reading.isJson ? reading.object?.name : undefined;
    return typeof name === 'string' ? name : undefined;
  } catch {
    return undefined;
  }
}
