import * as vscode from 'vscode';
import {
  type PlaceholderBinding,
  bindingOf,
  normalizeDomain,
  secretPlaceholders,
} from '../core/connectionFile/placeholders';
import type { Environment } from '../core/environments/environmentsFile';
import { environmentSecretKey, withEnvironmentSecretKeys } from '../core/environments/environmentSecrets';
import { resolveKeywords } from '../core/environments/resolve';
import { fillStoredSecrets } from '../connectionFile/storedSecrets';
import { validConnection } from '../connectionFile/validConnection';
import type { ResolvedConnection } from '../deploy/prepareDeploy';
import type { Services } from '../services';
import { readDocumentText } from '../vscode/documentText';
import { UserFacingError } from '../vscode/errors';

/** The environment `name` of the environments file that applies to `uri`, or a refusal saying what to do. */
export function requireEnvironment(services: Services, uri: vscode.Uri, name: string): Environment {
  const found = services.environments.fileFor(uri);
  if (!found)
    throw new UserFacingError(
      vscode.l10n.t(
        'No auth0-oidc.environments.json applies to {0}: put one in its folder or a folder above it.',
        vscode.workspace.asRelativePath(uri),
      ),
    );
  const environment = found.file.environments.find((e) => e.name === name);
  if (!environment)
    throw new UserFacingError(
      found.file.diagnostics.length > 0
        ? vscode.l10n.t(
            '{0} has errors, and environment "{1}" is not usable until they are fixed.',
            vscode.workspace.asRelativePath(found.uri),
            name,
          )
        : vscode.l10n.t('{0} has no environment "{1}".', vscode.workspace.asRelativePath(found.uri), name),
    );
  return environment;
}

/**
 * The connection file's body as `environment` resolves it, checked, with its secret placeholders
 * left in place: refused with what to do when a keyword has no value, the body is invalid, or the
 * provider it names is not the environment's providerTenant.
 */
export async function environmentConnectionBody(
  uri: vscode.Uri,
  environment: Environment,
): Promise<ReturnType<typeof validConnection>> {
  const resolved = resolveKeywords(await readDocumentText(uri), environment.values);
  const [problem] = resolved.problems;
  if (problem)
    throw new UserFacingError(
      vscode.l10n.t(
        '{0} cannot go to {1}: {2}',
        vscode.workspace.asRelativePath(uri),
        environment.name,
        problem.message,
      ),
    );
  const body = validConnection(uri, resolved.text);
  const provider = bindingOf(body.options)?.domain;
  if (normalizeDomain(provider ?? '') !== normalizeDomain(environment.providerTenant))
    throw new UserFacingError(
      vscode.l10n.t(
        "In {0}, {1} names the provider {2}, but the environment's providerTenant is {3}: make them agree. Nothing was sent.",
        environment.name,
        vscode.workspace.asRelativePath(uri),
        provider ?? '?',
        environment.providerTenant,
      ),
    );
  return body;
}

/**
 * The connection file as `environment` has it: keywords replaced by its values, checked, the
 * provider it names must be the environment's, and its secret placeholders filled from what is
 * stored for this environment (bound to its provider host and client id).
 */
export async function readEnvironmentConnection(
  services: Services,
  uri: vscode.Uri,
  environment: Environment,
): Promise<ResolvedConnection> {
  const body = await environmentConnectionBody(uri, environment);
  const perEnvironment = withEnvironmentSecretKeys(body, environment.name);
  return { uri, ...(await fillStoredSecrets(services.secrets, perEnvironment, { file: uri })) };
}

/**
 * What Set Stored Secret stores for `environment`: the environment's own key for the file's
 * secret placeholder (`key`, or the only one), bound to the provider host and client id the file
 * resolves to there.
 */
export async function environmentSecretTarget(
  services: Services,
  uri: vscode.Uri,
  environmentName: string,
  key: string | undefined,
): Promise<{ uri: vscode.Uri; key: string; binding: PlaceholderBinding }> {
  const environment = requireEnvironment(services, uri, environmentName);
  const resolved = resolveKeywords(await readDocumentText(uri), environment.values);
  const body = validConnection(uri, resolved.text);
  const keys = secretPlaceholders(body.options).map((p) => p.key);
  const wanted = key?.replace(/^##|##$/g, '');
  const chosen = wanted ?? (keys.length === 1 ? keys[0] : undefined);
  if (chosen === undefined || !keys.includes(chosen))
    throw new UserFacingError(
      vscode.l10n.t(
        'Name the placeholder to set: {0} has {1}.',
        vscode.workspace.asRelativePath(uri),
        keys.map((k) => `##${k}##`).join(', ') || vscode.l10n.t('none'),
      ),
    );
  const binding = bindingOf(body.options);
  if (!binding)
    throw new UserFacingError(
      vscode.l10n.t(
        'In {0}, the file names no single provider domain and client id to bind the secret to.',
        environment.name,
      ),
    );
  return { uri, key: environmentSecretKey(chosen, environment.name), binding };
}
