import * as vscode from 'vscode';
import { completeWalkthroughStep } from '../walkthrough/walkthroughContext';
import {
  UnsafeWriteTargetError,
  assertSafeWriteTarget,
  childUri,
  pickWriteFolder,
  uriExists,
} from '../vscode/workspaceFiles';
import { UnsafeFileNameError } from '../core/connectionFile/safeFileName';
import { clientSecretPlaceholder, isPlaceholder, placeholderKey, bindingOf } from '../core/connectionFile/placeholders';
import { canPull, pulledConnectionText, pulledFileName } from '../core/deploy/pullConnection';
import type { Services } from '../services';
import { SecretKeys } from '../vscode/secretStore';
import { connectionNodeArg } from '../tree/nodeArgs';
import { readTreeConnection } from './readTreeConnection';

/**
 * Pull into File — writes NAME.auth0-oidc.json in the workspace from the tenant's connection and
 * its enabled applications. The file holds a `##NAME_CLIENT_SECRET##` placeholder; when the
 * tenant returned the secret and none is stored under that placeholder yet, it goes to
 * SecretStorage, so that deploying the file back keeps working.
 */
export function pullConnection(services: Services) {
  return async (arg?: unknown, folderArg?: unknown): Promise<vscode.Uri | undefined> => {
    const node = connectionNodeArg(arg);
    if (!node) return undefined;
    if (!canPull(node.connection)) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t(
          '{0} is a {1} connection; only auth0-oidc connections can be pulled into a connection file.',
          node.connection.name,
          node.connection.strategy,
        ),
      );
      return undefined;
    }
    const folder =
      folderArg instanceof vscode.Uri
        ? folderArg
        : await pickWriteFolder(vscode.l10n.t('Folder to write the connection file in'), vscode.l10n.t('Write Here'));
    if (!folder) return undefined;
    const tenant = node.tenant;
    const remote = await readTreeConnection(services, node);
    if (!remote) return undefined;
    let target: vscode.Uri;
    try {
      // The tenant chooses the name: refuse one the validator rejects or that leads out of the folder.
      target = childUri(folder, pulledFileName(remote.connection.name));
      await assertSafeWriteTarget(target);
    } catch (error) {
      if (!(error instanceof UnsafeFileNameError || error instanceof UnsafeWriteTargetError)) throw error;
      void vscode.window.showErrorMessage(vscode.l10n.t('Cannot pull this connection into a file: {0}', error.message));
      return undefined;
    }
    if (await uriExists(target)) {
      const replace = vscode.l10n.t('Replace');
      const answer = await vscode.window.showWarningMessage(
        vscode.l10n.t(
          '{0} already exists. Replace it with {1} from {2}?',
          vscode.workspace.asRelativePath(target),
          remote.connection.name,
          tenant.displayName,
        ),
        { modal: true },
        replace,
      );
      if (answer !== replace) return undefined;
    }
    await vscode.workspace.fs.writeFile(
      target,
      new TextEncoder().encode(pulledConnectionText(remote.connection, remote.enabled)),
    );
    await storeSecretIfNew(services, remote.connection.name, remote.connection.options);
    // The file now is the tenant's connection: its state compares with that tenant.
    await services.deploys.link(target, { tenant: tenant.origin, connectionId: remote.connection.id });
    services.deploys.connectionChanged({
      tenant: tenant.origin,
      connectionName: remote.connection.name,
      kind: 'pulled',
    });
    completeWalkthroughStep('connectionFile');
    services.log.info(`Pulled ${remote.connection.name} from ${tenant.origin} into ${target.toString()}.`);
    await vscode.window.showTextDocument(target);
    return target;
  };
}

async function storeSecretIfNew(
  services: Services,
  connectionName: string,
  options: Readonly<Record<string, unknown>> | undefined,
): Promise<void> {
  const secret = options?.client_secret;
  // A real value: not empty and not itself a placeholder.
  if (typeof secret !== 'string' || secret.trim() === '' || isPlaceholder(secret)) return;
  const key = placeholderKey(clientSecretPlaceholder(connectionName))!;
  // Never overwrite: a stored value may be newer than what the tenant returned.
  if ((await services.secrets.get(SecretKeys.placeholder(key))) === undefined)
    await services.secrets.storePlaceholder(key, secret, bindingOf(options ?? {}));
}
