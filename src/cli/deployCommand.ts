// `auth0-oidc deploy`: the extension's deploy (same client, same plan) for CI. Credentials and
// secrets come from environment variables and never appear in the output.
import {
  Auth0ClientError,
  InvalidTenantDomainError,
  type ManagementClient,
  type ManagementCredentials,
  createManagementClient,
  applyDeploy,
  tenantBaseUrl,
} from '../auth0';
import type { Auth0OidcConnectionFile } from '../core/connectionFile/connectionModel';
import { readConnectionFile } from '../core/connectionFile/readConnectionFile';
import {
  CLI_PLACEHOLDER_PREFIX,
  bindingOf,
  fillPlaceholders,
  normalizeDomain,
} from '../core/connectionFile/placeholders';
import { LineIndex } from '../core/connectionFile/lineIndex';
import { ENVIRONMENTS_FILE_NAME, type Environment } from '../core/environments/environmentsFile';
import type { KeywordMappings } from '../core/environments/keywords';
import { resolveKeywords, validateForEnvironments } from '../core/environments/resolve';
import { DeployPlanError, planDeploy, type DeployPlan, type DiffEntry } from '../core/deploy/plan';
import { readRemoteState } from '../core/deploy/remoteState';
import { Redactor, SECRET_MASK } from '../core/secrets';
import {
  EnvironmentConfigError,
  KEYWORD_MAPPINGS_VARIABLE,
  findEnvironmentsFile,
  loadEnvironment,
  mappingsFromEnv,
} from './environments';
import {
  type ReportedDiagnostic,
  UnreadableFileError,
  readConnectionText,
  toJsonReport,
  toTextReport,
} from './validateCommand';

export const EXIT = {
  ok: 0,
  findings: 1,
  usage: 2,
  api: 3,
  /** Only with --detailed-exitcode: the plan had changes (applied, or found by a dry run). */
  changes: 4,
} as const;

export type Env = Readonly<Record<string, string | undefined>>;

export interface Io {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

export interface DeployCliOptions {
  /** The RP tenant; with `environment`, optional (the environment names it) but must agree. */
  readonly tenant?: string | undefined;
  /** `--env NAME`: an environment of the environments file. */
  readonly environment?: string | undefined;
  /** `--environments FILE`; without it, found beside the connection file or above (findEnvironmentsFile). */
  readonly environmentsFile?: string | undefined;
  readonly file: string;
  readonly dryRun: boolean;
  readonly format: 'text' | 'json';
  readonly detailedExitcode: boolean;
}

/** A problem with the invocation or its environment: exit 2 with this message. */
export class CliConfigError extends Error {}

/**
 * Management API credentials from PREFIX_MGMT_TOKEN, or PREFIX_CLIENT_ID + PREFIX_CLIENT_SECRET.
 * `AUTH0_` is the RP tenant's (deploy); `AUTH0_PROVIDER_` the provider tenant's (check-provider).
 */
export function credentialsFromEnv(env: Env, redactor: Redactor, prefix = 'AUTH0_'): ManagementCredentials {
  const token = env[`${prefix}MGMT_TOKEN`]?.trim();
  if (token) {
    redactor.add(token);
    return { kind: 'token', token };
  }
  const clientId = env[`${prefix}CLIENT_ID`]?.trim();
  const clientSecret = env[`${prefix}CLIENT_SECRET`]?.trim();
  if (clientId && clientSecret) {
    redactor.add(clientSecret);
    return { kind: 'client-credentials', clientId, clientSecret };
  }
  if (clientId || clientSecret)
    throw new CliConfigError(
      `Set both ${prefix}CLIENT_ID and ${prefix}CLIENT_SECRET (${prefix}${clientId ? 'CLIENT_SECRET' : 'CLIENT_ID'} is missing), or ${prefix}MGMT_TOKEN.`,
    );
  throw new CliConfigError(
    `No Management API credentials: set ${prefix}CLIENT_ID and ${prefix}CLIENT_SECRET (a machine-to-machine application authorized for the Management API), or ${prefix}MGMT_TOKEN.`,
  );
}

/**
 * Replaces each `##KEY##` secret option with the environment variable AUTH0_OIDC_KEY, and names
 * the variables that are not set (a deploy refuses to go on without them; a dry run does not need
 * them). The prefix keeps a file from naming the job's other variables (its own credentials, CI
 * tokens), which a deploy would otherwise hand to the provider named in the file.
 *
 * Binding (issue 12.5) works differently here than in the editor: there is no stored record of
 * what a variable was created for, so the CI job is the binding. Whoever gives a job
 * AUTH0_OIDC_KEY also chooses the FILE the job deploys; give each job only the variables of the
 * files it deploys (README, CLI). The editor's SecretStorage values are never read here.
 */
function resolvePlaceholders(
  body: Auth0OidcConnectionFile,
  env: Env,
  redactor: Redactor,
): { body: Auth0OidcConnectionFile; missing: string[] } {
  const filled = fillPlaceholders(body, (key) => {
    const value = env[`${CLI_PLACEHOLDER_PREFIX}${key}`];
    if (value !== undefined && value.trim() !== '') redactor.add(value);
    return value;
  });
  const missing = filled.unresolved.map(({ option, key }) => `${CLI_PLACEHOLDER_PREFIX}${key} (for options.${option})`);
  return { body: filled.body, missing };
}

function missingVariables(missing: readonly string[]): CliConfigError {
  return new CliConfigError(
    `Set the environment variable${missing.length > 1 ? 's' : ''} ${missing.join(', ')}: the file holds a ##placeholder## there.`,
  );
}

/**
 * A dry run sends nothing, so it needs no connection secret (issue 21.9). A create is planned with
 * SECRET_MASK standing in for each secret not set (the plan shows secrets masked anyway, and a
 * dry run never applies it); an update keeps the placeholder, so the plan keeps the tenant's
 * secret, as a file without one does.
 */
function withStandInSecrets(body: Auth0OidcConnectionFile): Auth0OidcConnectionFile {
  return fillPlaceholders(body, () => SECRET_MASK).body;
}

/**
 * Reads a connection file and refuses it when it has errors (exit 1 with the diagnostics). With
 * `keywords`, the file is first resolved with those values (##KEY##, "@@KEY@@"), and its
 * problems are reported on the keywords of the file as written.
 */
export async function readValidFile(
  file: string,
  format: 'text' | 'json',
  keywords?: { readonly label: string; readonly values: KeywordMappings },
): Promise<{ body: Auth0OidcConnectionFile } | { report: string }> {
  const text = await readConnectionText(file);
  const resolved = keywords ? resolveKeywords(text, keywords.values) : undefined;
  const reading = readConnectionFile(resolved ? resolved.text : text, file);
  if (reading.kind === 'errors' || (resolved && resolved.problems.length > 0)) {
    const report = {
      file,
      diagnostics: keywords ? diagnosticsOnKeywords(text, keywords, file) : reading.diagnostics,
    };
    return {
      report:
        format === 'json'
          ? JSON.stringify(
              {
                error: { exitCode: EXIT.findings, message: `${file} has errors.` },
                validation: toJsonReport([report]),
              },
              undefined,
              2,
            )
          : toTextReport([report]),
    };
  }
  return { body: reading.connection };
}

/** The diagnostics of the file resolved with `keywords`, placed on the file as written. */
function diagnosticsOnKeywords(
  text: string,
  keywords: { readonly label: string; readonly values: KeywordMappings },
  file: string,
): ReportedDiagnostic[] {
  const lines = new LineIndex(text);
  return validateForEnvironments(text, [{ name: keywords.label, values: keywords.values }], file).map((d) => ({
    code: d.code,
    severity: d.severity,
    message: d.message,
    range: { start: lines.positionAt(d.span.offset), end: lines.positionAt(d.span.offset + d.span.length) },
  }));
}

/**
 * Where the deploy goes and with which keyword values: `--env NAME` reads the environments file
 * (its RP tenant, its values); AUTH0_KEYWORD_REPLACE_MAPPINGS adds to the values (and wins, as
 * a0deploy's environment variables win over its config file); neither: the file as it is.
 */
async function deployTarget(
  options: DeployCliOptions,
  env: Env,
  redactor: Redactor,
): Promise<{
  tenant: string;
  environment: Environment | undefined;
  keywords: { label: string; values: KeywordMappings } | undefined;
}> {
  const mappings = mappingsFromEnv(env, (value) => redactor.add(value));
  let environment: Environment | undefined;
  if (options.environment !== undefined) {
    const path = findEnvironmentsFile(options.file, options.environmentsFile);
    if (path === undefined)
      throw new CliConfigError(
        `--env ${options.environment}: no ${ENVIRONMENTS_FILE_NAME} beside ${options.file} or in a folder above it. Name one with --environments FILE.`,
      );
    environment = await loadEnvironment(path, options.environment);
  }
  const tenant = options.tenant?.trim() || environment?.rpTenant;
  if (!tenant)
    throw new CliConfigError(
      'Name the tenant to deploy to with --tenant DOMAIN (e.g. acme.eu.auth0.com), or an environment with --env NAME.',
    );
  if (environment && normalizeDomain(tenant) !== normalizeDomain(environment.rpTenant))
    throw new CliConfigError(
      `--tenant ${tenant} is not the RP tenant of environment "${environment.name}" (${environment.rpTenant}): leave --tenant out, or fix rpTenant.`,
    );
  const keywords =
    environment || mappings
      ? {
          label: environment?.name ?? KEYWORD_MAPPINGS_VARIABLE,
          values: { ...(environment?.values ?? {}), ...(mappings ?? {}) },
        }
      : undefined;
  return { tenant, environment, keywords };
}

/**
 * An environment's connection signs in with its provider tenant: the file, resolved, must name
 * that one, so AUTH0_OIDC_KEY meant for dev's provider is never sent to another host.
 */
function checkProviderTenant(body: Auth0OidcConnectionFile, environment: Environment): void {
  const asked = bindingOf(body.options)?.domain;
  if (normalizeDomain(asked ?? '') !== normalizeDomain(environment.providerTenant))
    throw new CliConfigError(
      `Environment "${environment.name}" signs in with ${environment.providerTenant}, but the file resolves to provider ${asked ?? '(none)'}: make options.domain (or its keyword) give ${environment.providerTenant}, or fix providerTenant.`,
    );
}

export async function runDeploy(options: DeployCliOptions, io: Io, env: Env): Promise<number> {
  const redactor = new Redactor();
  const out = (text: string): void => io.stdout(redactor.redact(text));
  const fail = (code: number, message: string, extra: Record<string, unknown> = {}): number => {
    if (options.format === 'json') out(JSON.stringify({ error: { exitCode: code, message, ...extra } }, undefined, 2));
    else io.stderr(redactor.redact(message));
    return code;
  };

  let client: ManagementClient | undefined;
  try {
    const { tenant, environment, keywords } = await deployTarget(options, env, redactor);
    const read = await readValidFile(options.file, options.format, keywords);
    if ('report' in read) {
      out(read.report);
      return EXIT.findings;
    }
    if (environment) checkProviderTenant(read.body, environment);
    const baseUrl = tenantBaseUrl(tenant);
    const credentials = credentialsFromEnv(env, redactor);
    const { body: local, missing } = resolvePlaceholders(read.body, env, redactor);
    if (missing.length > 0 && !options.dryRun) throw missingVariables(missing);
    client = createManagementClient({ domain: tenant, credentials });
    const { remote, enabledClients } = await readRemoteState(client, local.name);
    const planned = missing.length > 0 && remote === undefined ? withStandInSecrets(local) : local;
    const plan = planDeploy(planned, remote, enabledClients);
    const changed = plan.kind !== 'unchanged';
    let result: { connectionId: string; enabledClientsChanged: number } | undefined;
    if (!options.dryRun && changed) {
      const applied = await applyDeploy(client, plan);
      result = { connectionId: applied.connectionId, enabledClientsChanged: applied.enabledClientsChanged };
    }
    out(
      options.format === 'json'
        ? JSON.stringify(
            {
              ...(environment ? { environment: environment.name } : {}),
              ...planJson(plan, baseUrl, options.dryRun, missing, result),
            },
            undefined,
            2,
          )
        : `${environment ? `Environment ${environment.name}: ` : ''}${planText(plan, baseUrl, options.dryRun, missing, result)}`,
    );
    return changed && options.detailedExitcode ? EXIT.changes : EXIT.ok;
  } catch (error) {
    if (
      error instanceof UnreadableFileError ||
      error instanceof CliConfigError ||
      error instanceof EnvironmentConfigError
    )
      return fail(EXIT.usage, error.message);
    if (error instanceof DeployPlanError) return fail(EXIT.findings, error.userMessage);
    if (error instanceof Auth0ClientError) {
      // InvalidTenantDomainError is a usage problem; everything else came from talking to the tenant.
      if (error instanceof InvalidTenantDomainError) return fail(EXIT.usage, error.userMessage);
      const status = 'status' in error && typeof error.status === 'number' ? { status: error.status } : {};
      const errorCode =
        'errorCode' in error && typeof error.errorCode === 'string' ? { errorCode: error.errorCode } : {};
      return fail(EXIT.api, error.userMessage, { ...status, ...errorCode });
    }
    if (error instanceof SyntaxError) return fail(EXIT.findings, `${options.file}: ${error.message}`);
    return fail(EXIT.api, `Unexpected error: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await client?.close();
  }
}

function connectionId(plan: DeployPlan, result: { connectionId: string } | undefined): string | undefined {
  return result?.connectionId ?? (plan.kind === 'create' ? undefined : plan.connectionId);
}

/** The JSON output's shape, stable for CI scripts. Secrets are `••••`. */
function planJson(
  plan: DeployPlan,
  baseUrl: URL,
  dryRun: boolean,
  notNeeded: readonly string[],
  result?: { connectionId: string; enabledClientsChanged: number },
): Record<string, unknown> {
  const id = connectionId(plan, result);
  return {
    tenant: baseUrl.host,
    connection: plan.connectionName,
    action: plan.kind,
    dryRun,
    applied: result !== undefined,
    ...(id ? { connectionId: id } : {}),
    changes: plan.optionsDiff.map((d) => ({ path: d.path, before: d.before, after: d.after })),
    enabledClients: plan.enabledClients,
    warnings: plan.warnings,
    ...(notNeeded.length > 0 ? { secretsNotNeeded: notNeeded } : {}),
  };
}

function planText(
  plan: DeployPlan,
  baseUrl: URL,
  dryRun: boolean,
  notNeeded: readonly string[],
  result?: { connectionId: string; enabledClientsChanged: number },
): string {
  const lines: string[] = [];
  const what = plan.kind === 'create' ? 'create' : plan.kind === 'update' ? 'update' : 'no changes';
  lines.push(
    `Connection ${plan.connectionName} on ${baseUrl.host}: ${what}${plan.kind !== 'create' ? ` (${plan.connectionId})` : ''}`,
  );
  if (plan.optionsDiff.length > 0) {
    lines.push(plan.kind === 'create' ? '  Body (secrets masked):' : '  Changes (secrets masked):');
    for (const d of plan.optionsDiff) lines.push(`    ${diffLine(d)}`);
  }
  const { add, remove } = plan.enabledClients;
  if (add.length + remove.length > 0) {
    lines.push('  Enabled applications:');
    for (const id of add) lines.push(`    + ${id}`);
    for (const id of remove) lines.push(`    - ${id}`);
  }
  for (const warning of plan.warnings) lines.push(`  Warning: ${warning}`);
  if (plan.kind === 'unchanged') lines.push('Nothing to do: the tenant already matches the file.');
  else if (dryRun) lines.push('Dry run: nothing was changed.');
  if (notNeeded.length > 0)
    lines.push(
      `Not set, and not needed by a dry run (it sends no secret): ${notNeeded.join(', ')}. ${
        plan.kind === 'create'
          ? 'The deploy itself needs it.'
          : "The plan keeps the tenant's secret; the deploy itself needs it."
      }`,
    );
  else if (result)
    lines.push(
      `${plan.kind === 'create' ? 'Created' : 'Updated'} ${plan.connectionName} (${result.connectionId}); ${result.enabledClientsChanged} enabled application change(s).`,
    );
  return lines.join('\n');
}

function diffLine(d: DiffEntry): string {
  const show = (v: unknown): string => (typeof v === 'string' && v === SECRET_MASK ? v : JSON.stringify(v));
  if (d.before === undefined) return `+ ${d.path}: ${show(d.after)}`;
  if (d.after === undefined) return `- ${d.path}: ${show(d.before)}`;
  return `~ ${d.path}: ${show(d.before)} → ${show(d.after)}`;
}
