import * as vscode from 'vscode';
import { failingRequirements, describeRequirementFailures } from '../core/login/providerFailure';
import { withLoginDomains } from '../core/providerCheck/providerCheck';
import type { RequirementResult } from '../core/providerCheck/types';
import type { Services } from '../services';
import { auth0 } from '../vscode/lazyAuth0';
import { userMessage } from '../vscode/errors';
import type { LoginTarget } from './loginTarget';

/**
 * A Test Login that failed at the provider step, with its cause: the provider requirements that
 * Check Provider Application finds failing, each with the same fix. Shown like the original error
 * (the command wrapper reads `userMessage`); the original stays the `cause`.
 */
export class ProviderRequirementsError extends Error {
  override readonly name = 'ProviderRequirementsError';
  constructor(
    readonly userMessage: string,
    readonly failing: readonly RequirementResult[],
    cause: unknown,
  ) {
    super(userMessage, { cause });
  }
}

/**
 * Runs the provider check of an auth0-oidc connection's provider application when its tenant is
 * configured here with credentials, and returns the requirements that fail with one sentence for
 * the person (undefined when the provider cannot be read or every requirement holds: then nothing
 * is explained and the original error stands). The cause comes first, where a collapsed
 * notification shows it; `original` (the error's own message) follows as the details, and is
 * absent when the person cancelled the login.
 */
export async function explainProviderFailure(
  services: Services,
  target: LoginTarget,
  original?: string,
): Promise<{ message: string; failing: readonly RequirementResult[] } | undefined> {
  if (target.connection.strategy !== 'auth0-oidc' || !vscode.workspace.isTrusted) return undefined;
  try {
    const options = (await target.client.getConnection(target.connection.id)).options ?? {};
    const clientId = typeof options.client_id === 'string' ? options.client_id : undefined;
    const domain = typeof options.domain === 'string' ? options.domain : undefined;
    if (!clientId || !domain) return undefined;
    const provider = services.tenants.find(domain);
    if (!provider || !(await services.tenants.hasCredentials(provider))) return undefined;
    const client = await services.tenants.client(provider);
    const report = await auth0().runProviderCheck(client, {
      strategy: 'auth0-oidc',
      providerDomain: domain,
      clientId,
      rpDomains: withLoginDomains([target.tenant.origin], services.tenants.list()),
    });
    const failing = failingRequirements(report);
    services.log.info(
      `Test login: provider check of ${clientId} on ${domain} after the failure: ${report.results.map((r) => `${r.id}=${r.status}`).join(' ')}.`,
    );
    if (failing.length === 0) return undefined;
    const message = [
      original === undefined
        ? vscode.l10n.t(
            'Test Login with {0} was cancelled. Check Provider Application finds what stops it on {1} (application {2}):',
            target.connection.name,
            provider.displayName,
            clientId,
          )
        : vscode.l10n.t(
            'Test Login with {0} failed at the provider. Check Provider Application finds why on {1} (application {2}):',
            target.connection.name,
            provider.displayName,
            clientId,
          ),
      ...describeRequirementFailures(failing),
      vscode.l10n.t('Run Check Provider Application on the connection to apply the fixes.'),
      ...(original === undefined ? [] : [vscode.l10n.t('Details: {0}', original)]),
    ].join(' ');
    return { message, failing };
  } catch (reason) {
    services.log.info(`Test login: the provider check could not explain the failure (${userMessage(reason)}).`);
    return undefined;
  }
}
