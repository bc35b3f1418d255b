// `auth0-oidc check-provider`: the provider check for CI, with the provider tenant's Management
// API credentials from the environment (the same variables as deploy).
import {
  Auth0ClientError,
  InvalidTenantDomainError,
  type ManagementClient,
  ProviderCheckFlow,
  createManagementClient,
  tenantBaseUrl,
} from '../auth0';
import {
  providerTargetOf,
  type ProviderCheckReport,
  type RequirementStatus,
} from '../core/providerCheck/providerCheck';
import { Redactor } from '../core/secrets';
import { CliConfigError, EXIT, credentialsFromEnv, readValidFile, type Env, type Io } from './deployCommand';
import { UnreadableFileError } from './validateCommand';

export interface CheckProviderCliOptions {
  readonly file: string;
  readonly rpDomains: readonly string[];
  /** The provider tenant the credentials belong to; the file's (options.domain, discovery_url or issuer) must be it. */
  readonly providerDomain: string;
  readonly fix: boolean;
  readonly format: 'text' | 'json';
}

const MARK: Record<RequirementStatus, string> = { pass: 'PASS', fail: 'FAIL', unknown: '????', info: 'INFO' };

export async function runCheckProvider(options: CheckProviderCliOptions, io: Io, env: Env): Promise<number> {
  const redactor = new Redactor();
  const out = (text: string): void => io.stdout(redactor.redact(text));
  const fail = (code: number, message: string): number => {
    if (options.format === 'json') out(JSON.stringify({ error: { exitCode: code, message } }, undefined, 2));
    else io.stderr(redactor.redact(message));
    return code;
  };
  let client: ManagementClient | undefined;
  try {
    if (options.rpDomains.length === 0)
      throw new CliConfigError(
        'Name the Relying Party tenant with --rp-domain DOMAIN (its callback must be allowed by the provider application).',
      );
    if (!options.providerDomain)
      throw new CliConfigError(
        'Name the provider tenant with --provider-domain DOMAIN: its credentials (AUTH0_PROVIDER_*) are only sent there.',
      );
    const read = await readValidFile(options.file, options.format);
    if ('report' in read) {
      out(read.report);
      return EXIT.findings;
    }
    // The provider's credentials go only to the tenant named on the command line, never to one a
    // changed file names: a pull request could otherwise point options.domain at its own server.
    // The rules are those of the file's strategy (auth0-oidc or oidc).
    const target = providerTargetOf(read.body);
    if ('missing' in target)
      throw new CliConfigError(`The file names no provider tenant or application: it needs ${target.missing}.`);
    const providerDomain = target.providerDomain;
    if (tenantBaseUrl(providerDomain).origin !== tenantBaseUrl(options.providerDomain).origin) {
      throw new CliConfigError(
        `The file's ${target.providerOption} (${providerDomain}) is not the --provider-domain given (${options.providerDomain}); the provider tenant's credentials are only sent to that one.`,
      );
    }
    const credentials = credentialsFromEnv(env, redactor, 'AUTH0_PROVIDER_');
    client = createManagementClient({ domain: providerDomain, credentials });
    const input = {
      strategy: target.strategy,
      providerDomain,
      clientId: target.clientId,
      rpDomains: options.rpDomains,
      fileEndpoints: target.fileEndpoints,
    };
    const flow = new ProviderCheckFlow(client, input);
    let report = await flow.run();
    let fixed: string[] = [];
    if (options.fix && !report.passed) {
      const outcome = await flow.applyFixes(true);
      if (outcome.failed[0]) throw outcome.failed[0].error;
      fixed = outcome.fixed.flatMap((f) => f.summaries);
      report = outcome.report;
    }
    out(options.format === 'json' ? JSON.stringify({ ...report, fixed }, undefined, 2) : reportText(report, fixed));
    return report.passed ? EXIT.ok : EXIT.findings;
  } catch (error) {
    if (error instanceof UnreadableFileError || error instanceof CliConfigError) return fail(EXIT.usage, error.message);
    if (error instanceof Auth0ClientError)
      return fail(error instanceof InvalidTenantDomainError ? EXIT.usage : EXIT.api, error.userMessage);
    return fail(EXIT.api, `Unexpected error: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await client?.close();
  }
}

function reportText(report: ProviderCheckReport, fixed: readonly string[]): string {
  const lines = [`Provider application ${report.clientId} on ${report.providerDomain} (rules of ${report.strategy}):`];
  for (const f of fixed) lines.push(`  fixed: ${f}`);
  for (const r of report.results) {
    lines.push(`  ${MARK[r.status]} ${r.title}`);
    if (r.status === 'info') lines.push(`       now:   ${r.actual}`, `       note:  ${r.expected}`);
    else if (r.status !== 'pass')
      lines.push(`       found: ${r.actual}`, `       set:   ${r.expected}`, `       where: ${r.where}`);
  }
  lines.push(
    report.passed
      ? 'All requirements pass.'
      : `${report.results.filter((r) => r.status === 'fail' || r.status === 'unknown').length} requirement(s) need attention.`,
  );
  return lines.join('\n');
}
