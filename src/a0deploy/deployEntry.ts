import * as vscode from 'vscode';
import { fromA0DeployEntry } from '../core/a0deploy/exportImport';
import { readConnectionFile, summarizeErrors } from '../core/connectionFile/readConnectionFile';
import { DEPLOY_COMMAND } from '../commandIds';
import { fillStoredSecrets } from '../connectionFile/storedSecrets';
import type { DeployOutcome } from '../deploy/deployConnection';
import type { ResolvedConnection } from '../deploy/prepareDeploy';
import type { Services } from '../services';
import { pickTenant } from '../tenants/pickTenant';
import { UserFacingError } from '../vscode/errors';
import { refuseUntrusted } from '../vscode/trust';
import { asA0DeploySends, refuseKeywordLeft, type RepositoryEntry } from './entryFromArgs';

/** How long Deploy waits for the RP tenant's applications (names to ids). */
const APPLICATIONS_LIMIT_MS = 30_000;

/**
 * Deploy from an a0deploy entry: the connection as a0deploy would send it (keywords replaced from
 * config.json's AUTH0_KEYWORD_REPLACE_MAPPINGS, enabled_clients names mapped to the RP tenant's
 * client ids), its secret placeholder filled from secret storage as Deploy fills a connection
 * file's, then the extension's own Deploy (diff, create or update).
 */
export async function deployEntry(services: Services, found: RepositoryEntry): Promise<DeployOutcome | undefined> {
  if (refuseUntrusted(vscode.l10n.t('Deploying'))) return undefined;
  const { uri, name, tenant: repositoryTenant } = found;
  const replaced = asA0DeploySends(found);
  refuseKeywordLeft(found, replaced, vscode.l10n.t('Nothing was sent.'));
  const tenant =
    repositoryTenant ?? (await pickTenant(services.tenants, vscode.l10n.t('Tenant to deploy "{0}" to', name)));
  if (!tenant) return undefined;
  const loaded = await services.applications.load(tenant, APPLICATIONS_LIMIT_MS, { interactive: true, fresh: true });
  if (loaded.kind !== 'loaded')
    throw new UserFacingError(
      vscode.l10n.t(
        'The applications of {0} are needed to map the names in enabled_clients, and they could not be read: {1}',
        tenant.displayName,
        loaded.kind === 'failed' ? loaded.reason : vscode.l10n.t('no answer in time.'),
      ),
    );
  const { body, mapping } = fromA0DeployEntry(replaced, loaded.apps);
  const [unknown] = mapping.unknown;
  if (unknown !== undefined)
    throw new UserFacingError(
      vscode.l10n.t(
        'enabled_clients of "{0}" names "{1}", which no application of {2} is called: fix the name (a0deploy would send it on as it is). Nothing was sent.',
        name,
        unknown,
        tenant.displayName,
      ),
    );
  const [ambiguous] = mapping.ambiguous;
  if (ambiguous !== undefined)
    throw new UserFacingError(
      vscode.l10n.t(
        'enabled_clients of "{0}" names "{1}", which several applications of {2} are called: rename one of them or write its client id. Nothing was sent.',
        name,
        ambiguous,
        tenant.displayName,
      ),
    );
  const reading = readConnectionFile(JSON.stringify(body));
  if (reading.kind !== 'valid') {
    const { firstMessage } = summarizeErrors(reading.errors);
    throw new UserFacingError(
      vscode.l10n.t('"{0}" with its keywords replaced is not a connection to deploy: {1}', name, firstMessage),
    );
  }
  const resolved: ResolvedConnection = {
    uri,
    ...(await fillStoredSecrets(services.secrets, reading.connection, { file: uri })),
  };
  const outcome = await vscode.commands.executeCommand<DeployOutcome | undefined>(DEPLOY_COMMAND, {
    file: uri,
    tenant: tenant.origin,
    ask: true,
    resolved,
  });
  if (outcome)
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        '"{0}" on {1} is now what a0deploy reads from {2}: its next `a0deploy import` deploys the same content, with the same keywords and names.',
        name,
        tenant.displayName,
        vscode.workspace.asRelativePath(uri),
      ),
    );
  return outcome;
}
