import * as vscode from 'vscode';
import { deployConnection, type DeployOutcome } from '../deploy/deployConnection';
import type { DeployPreviewDocuments } from '../deploy/deployDiff';
import type { Services } from '../services';
import { connectionFileFromArg, toUri } from '../vscode/connectionFileArg';
import { UserFacingError } from '../vscode/errors';

/** Arguments the CodeLens and tests pass; each may be left out and is then asked for. */
function fileOf(arg: unknown): vscode.Uri | string | undefined {
  return arg instanceof vscode.Uri || typeof arg === 'string' ? arg : undefined;
}

async function environmentNames(services: Services, uri: vscode.Uri): Promise<string[]> {
  await services.environments.ready();
  const found = services.environments.fileFor(uri);
  const names = found?.file.environments.map((e) => e.name) ?? [];
  if (names.length === 0)
    throw new UserFacingError(
      found
        ? vscode.l10n.t(
            '{0} lists no usable environment: fix its errors first.',
            vscode.workspace.asRelativePath(found.uri),
          )
        : vscode.l10n.t(
            'No auth0-oidc.environments.json applies to {0}: put one in its folder or a folder above it.',
            vscode.workspace.asRelativePath(uri),
          ),
    );
  return names;
}

/** The environment of a Connection Files node for one environment of a file (its context menu). */
function environmentOfNode(arg: unknown): string | undefined {
  return typeof arg === 'object' && arg !== null && 'environment' in arg && typeof arg.environment === 'string'
    ? arg.environment
    : undefined;
}

/**
 * Auth0 OIDC: Deploy to Environment — the file as the environment resolves it, to the
 * environment's RP tenant (no tenant picker), with its diff before an update.
 */
export function deployToEnvironment(services: Services, previews: DeployPreviewDocuments) {
  const deploy = deployConnection(services, previews);
  return async (fileArg?: unknown, environmentArg?: unknown): Promise<DeployOutcome | undefined> => {
    const given = fileOf(fileArg);
    const uri = given ? toUri(given) : await connectionFileFromArg(fileArg, vscode.l10n.t('Connection file to deploy'));
    if (!uri) return undefined;
    const names = await environmentNames(services, uri);
    const environment =
      (typeof environmentArg === 'string' ? environmentArg : environmentOfNode(fileArg)) ??
      (await vscode.window.showQuickPick(names, {
        placeHolder: vscode.l10n.t('Environment to deploy {0} to', vscode.workspace.asRelativePath(uri)),
        ignoreFocusOut: true,
      }));
    if (!environment) return undefined;
    return deploy({ file: uri, environment, ask: true });
  };
}

/**
 * Auth0 OIDC: Deploy to All Environments — one environment at a time, in the order of the
 * environments file; stops at the first that fails or is cancelled, and says which went through.
 */
export function deployToAllEnvironments(services: Services, previews: DeployPreviewDocuments) {
  const deploy = deployConnection(services, previews);
  return async (fileArg?: unknown): Promise<{ deployed: string[]; stoppedAt?: string } | undefined> => {
    const given = fileOf(fileArg);
    const uri = given ? toUri(given) : await connectionFileFromArg(fileArg, vscode.l10n.t('Connection file to deploy'));
    if (!uri) return undefined;
    const names = await environmentNames(services, uri);
    const deployed: string[] = [];
    for (const environment of names) {
      let reason: string | undefined;
      try {
        const outcome = await deploy({ file: uri, environment, ask: true });
        if (!outcome) reason = vscode.l10n.t('cancelled');
      } catch (error) {
        reason = error instanceof Error ? error.message : String(error);
      }
      if (reason !== undefined) {
        const done =
          deployed.length > 0
            ? vscode.l10n.t('Deployed to {0}.', deployed.join(', '))
            : vscode.l10n.t('Nothing was deployed.');
        const rest = names.slice(names.indexOf(environment) + 1);
        void vscode.window.showErrorMessage(
          vscode.l10n.t('Deploy to all stopped at {0}: {1}', environment, reason) +
            ' ' +
            done +
            (rest.length > 0 ? ' ' + vscode.l10n.t('Not deployed: {0}.', rest.join(', ')) : ''),
        );
        return { deployed, stoppedAt: environment };
      }
      deployed.push(environment);
    }
    void vscode.window.showInformationMessage(vscode.l10n.t('Deployed to {0}.', deployed.join(', ')));
    return { deployed };
  };
}
