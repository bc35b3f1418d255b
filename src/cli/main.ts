/**
 * The command line over the same core and Auth0 client as the extension, for CI:
 *   auth0-oidc validate [--env NAME] [--environments FILE] [--verbose] [--format text|json] FILE...
 *   auth0-oidc deploy --tenant DOMAIN [--dry-run] [--detailed-exitcode] [--format text|json] FILE
 *   auth0-oidc deploy --env NAME [--environments FILE] [--dry-run] [--detailed-exitcode] [--format text|json] FILE
 *   auth0-oidc check-provider --provider-domain DOMAIN --rp-domain DOMAIN [--fix] [--format text|json] FILE
 * Exit codes are in USAGE.
 */
import { parseArgs } from 'node:util';
import { runCheckProvider } from './checkProviderCommand';
import { EXIT, runDeploy, type Env } from './deployCommand';
import { EnvironmentConfigError } from './environments';
import {
  UnreadableFileError,
  hasErrors,
  toJsonReport,
  toTextReport,
  validateFileInEnvironments,
  withoutHints,
} from './validateCommand';

const EXIT_OK = EXIT.ok;
const EXIT_FINDINGS = EXIT.findings;
const EXIT_USAGE = EXIT.usage;

const USAGE = `Usage:
  auth0-oidc validate [--env NAME] [--environments FILE] [--verbose] [--format text|json] FILE...
  auth0-oidc deploy --tenant DOMAIN [--dry-run] [--detailed-exitcode] [--format text|json] FILE
  auth0-oidc deploy --env NAME [--environments FILE] [--dry-run] [--detailed-exitcode]
                    [--format text|json] FILE
  auth0-oidc check-provider --provider-domain DOMAIN --rp-domain DOMAIN [--rp-domain DOMAIN...]
                            [--fix] [--format text|json] FILE

Commands:
  validate        Check connection files with the same rules as the VS Code extension, and warn
                  when a file enables no application (created so, nobody can log in through it).
                  Hints (notes such as the enabled_clients one) are printed only with --verbose.
                  A file with ##KEY##/@@KEY@@ keywords and an auth0-oidc.environments.json (beside
                  it or above, or --environments FILE) is checked in every environment, each
                  finding naming its environment; --env NAME checks it in that one only.
  deploy          Create the connection on the tenant, or update it (options diffed with secrets
                  masked, the stored secret kept), then set its enabled applications. Prints the
                  plan and its warnings (e.g. a connection created enabled for no application);
                  --dry-run prints it and changes nothing, and needs no AUTH0_OIDC_KEY secret.
                  --env NAME deploys to an environment of auth0-oidc.environments.json (found
                  beside FILE or in a folder above it, or named with --environments FILE): its
                  RP tenant, and its values for the file's ##KEY## (text inside a string) and
                  "@@KEY@@" (a whole JSON value) keywords. Secrets never come from that file.
  check-provider  Check the provider application named by the file (options.client_id), with the
                  rules of its strategy. auth0-oidc (options.domain): Regular Web Application, the
                  RP's /login/callback allowed, OIDC-conformant off, legacy user profile on. oidc
                  (options.discovery_url): the application, its Authorization Code grant with a
                  client secret, the callback, the issuer and endpoints against the provider's
                  discovery document. --fix applies the missing settings. The tenant the file
                  names must be the --provider-domain.

Environment:
  AUTH0_CLIENT_ID + AUTH0_CLIENT_SECRET   deploy: a machine-to-machine application of the tenant
                                          (the RP), or AUTH0_MGMT_TOKEN, a Management API token.
  AUTH0_PROVIDER_CLIENT_ID + AUTH0_PROVIDER_CLIENT_SECRET
                                          check-provider: the same for the provider tenant, or
                                          AUTH0_PROVIDER_MGMT_TOKEN.
  AUTH0_OIDC_KEY                          the secret for each ##KEY## placeholder in a secret
                                          option (e.g. AUTH0_OIDC_PARTNER_CLIENT_SECRET).
                                          Only this prefix is read, so a file cannot name
                                          other variables of the job.
  AUTH0_KEYWORD_REPLACE_MAPPINGS          deploy: auth0-deploy-cli's keyword values, a JSON
                                          object (e.g. {"ENV": "dev"}); over --env's values
                                          for the same key, or alone with --tenant. Never a
                                          secret option's value.
Tokens and secrets are never printed.

Exit codes:
  0  success: valid / deployed / no changes / every provider requirement passes; warnings
     (printed as such, e.g. a connection enabled for no application) do not change it
  1  findings: the file has errors, the plan is refused, or a provider requirement fails
  2  usage or configuration error: bad arguments, unreadable file, missing environment variable
  3  Auth0 API error (authentication, permission, rate limit, network)
  4  only with --detailed-exitcode: the deploy had changes (applied, or found by --dry-run)`;

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

export async function runCli(argv: readonly string[], io: CliIo, env: Env = process.env): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    (command === undefined ? io.stderr : io.stdout)(USAGE);
    return command === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (command === 'deploy') return deployCli(rest, io, env);
  if (command === 'check-provider') return checkProviderCli(rest, io, env);
  if (command !== 'validate') {
    io.stderr(`Unknown command "${command}".\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  const parsed = parseCommand(
    rest,
    io,
    { verbose: { type: 'boolean', short: 'v' }, env: { type: 'string' }, environments: { type: 'string' } },
    'many',
  );
  if ('exit' in parsed) return parsed.exit;
  const { files, format, values } = parsed;
  const options = {
    ...(typeof values.env === 'string' ? { environment: values.env } : {}),
    ...(typeof values.environments === 'string' ? { environmentsFile: values.environments } : {}),
  };
  const results = await Promise.allSettled(files.map((file) => validateFileInEnvironments(file, options)));
  const unreadable = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (unreadable.length > 0) {
    for (const r of unreadable)
      io.stderr(
        r.reason instanceof UnreadableFileError || r.reason instanceof EnvironmentConfigError
          ? r.reason.message
          : `Unexpected error: ${String(r.reason)}`,
      );
    return EXIT_USAGE;
  }
  const all = results.flatMap(
    (r) => (r as PromiseFulfilledResult<Awaited<ReturnType<typeof validateFileInEnvironments>>>).value,
  );
  const { reports, hidden } = values.verbose === true ? { reports: all, hidden: 0 } : withoutHints(all);
  io.stdout(format === 'json' ? JSON.stringify(toJsonReport(reports), undefined, 2) : toTextReport(reports, hidden));
  // Warnings (a file enabling no application among them) leave the exit code at 0: only errors are findings.
  return hasErrors(reports) ? EXIT_FINDINGS : EXIT_OK;
}

type CliOptions = NonNullable<Parameters<typeof parseArgs>[0]>['options'];

/**
 * The parsing every command shares: its own options plus --format and --help, then the files.
 * Returns what to run with, or the exit code when there is nothing to run (help shown, usage error).
 */
function parseCommand(
  args: readonly string[],
  io: CliIo,
  options: CliOptions,
  files: 'one' | 'many',
): { values: ReturnType<typeof parseArgs>['values']; files: string[]; format: 'text' | 'json' } | { exit: number } {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: { ...options, format: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    io.stderr(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return { exit: EXIT_USAGE };
  }
  if (parsed.values.help) {
    io.stdout(USAGE);
    return { exit: EXIT_OK };
  }
  const format = parsed.values.format ?? 'text';
  if (format !== 'text' && format !== 'json') {
    io.stderr(`--format must be "text" or "json", not "${typeof format === 'string' ? format : typeof format}".`);
    return { exit: EXIT_USAGE };
  }
  if (files === 'one' ? parsed.positionals.length !== 1 : parsed.positionals.length === 0) {
    const say = files === 'one' ? 'Name exactly one connection file.' : 'Name at least one connection file.';
    io.stderr(`${say}\n\n${USAGE}`);
    return { exit: EXIT_USAGE };
  }
  return { values: parsed.values, files: parsed.positionals, format };
}
async function deployCli(args: readonly string[], io: CliIo, env: Env): Promise<number> {
  const parsed = parseCommand(
    args,
    io,
    {
      tenant: { type: 'string' },
      env: { type: 'string' },
      environments: { type: 'string' },
      'dry-run': { type: 'boolean' },
      'detailed-exitcode': { type: 'boolean' },
    },
    'one',
  );
  if ('exit' in parsed) return parsed.exit;
  const { values, files, format } = parsed;
  const tenant = typeof values.tenant === 'string' ? values.tenant : undefined;
  const environment = typeof values.env === 'string' ? values.env : undefined;
  if ((tenant === undefined || tenant.trim() === '') && environment === undefined) {
    io.stderr(
      `Name the tenant to deploy to with --tenant DOMAIN (e.g. acme.eu.auth0.com), or an environment with --env NAME.\n\n${USAGE}`,
    );
    return EXIT_USAGE;
  }
  return runDeploy(
    {
      tenant,
      environment,
      environmentsFile: typeof values.environments === 'string' ? values.environments : undefined,
      file: files[0]!,
      dryRun: values['dry-run'] === true,
      detailedExitcode: values['detailed-exitcode'] === true,
      format,
    },
    io,
    env,
  );
}

async function checkProviderCli(args: readonly string[], io: CliIo, env: Env): Promise<number> {
  const parsed = parseCommand(
    args,
    io,
    {
      'rp-domain': { type: 'string', multiple: true },
      'provider-domain': { type: 'string' },
      fix: { type: 'boolean' },
    },
    'one',
  );
  if ('exit' in parsed) return parsed.exit;
  const { values, files, format } = parsed;
  const rpDomains = (values['rp-domain'] as string[] | undefined) ?? [];
  const providerDomain = (values['provider-domain'] as string | undefined) ?? '';
  return runCheckProvider({ file: files[0]!, rpDomains, providerDomain, fix: values.fix === true, format }, io, env);
}

if (require.main === module) {
  runCli(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t + '\n'),
    stderr: (t) => process.stderr.write(t + '\n'),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`Unexpected error: ${String(error)}\n`);
      process.exitCode = EXIT_USAGE;
    },
  );
}
