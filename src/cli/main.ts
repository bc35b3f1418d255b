/**
 * The command line over the same core as the extension, for CI:
 *   auth0-oidc validate [--format text|json] FILE...
 * Exit codes: 0 no errors, 1 a file has errors, 2 usage or unreadable files.
 */
import { parseArgs } from 'node:util';
import { UnreadableFileError, hasErrors, toJsonReport, toTextReport, validateFile } from './validateCommand';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

const USAGE = `Usage:
  auth0-oidc validate [--format text|json] FILE...

Commands:
  validate   Check connection files with the same rules as the VS Code extension.

Exit codes: 0 no errors, 1 errors found, 2 usage error or unreadable file.`;

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    (command === undefined ? io.stderr : io.stdout)(USAGE);
    return command === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (command !== 'validate') {
    io.stderr(`Unknown command "${command}".\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: [...rest], allowPositionals: true, options: { format: { type: 'string', default: 'text' }, help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    io.stderr(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  if (parsed.values.help) {
    io.stdout(USAGE);
    return EXIT_OK;
  }
  const format = parsed.values.format;
  if (format !== 'text' && format !== 'json') {
    io.stderr(`--format must be "text" or "json", not "${format}".`);
    return EXIT_USAGE;
  }
  if (parsed.positionals.length === 0) {
    io.stderr(`Name at least one connection file.\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  const results = await Promise.allSettled(parsed.positionals.map((file) => validateFile(file)));
  const unreadable = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (unreadable.length > 0) {
    for (const r of unreadable) io.stderr(r.reason instanceof UnreadableFileError ? r.reason.message : `Unexpected error: ${String(r.reason)}`);
    return EXIT_USAGE;
  }
  const reports = results.map((r) => (r as PromiseFulfilledResult<Awaited<ReturnType<typeof validateFile>>>).value);
  io.stdout(format === 'json' ? JSON.stringify(toJsonReport(reports), undefined, 2) : toTextReport(reports));
  return hasErrors(reports) ? EXIT_FINDINGS : EXIT_OK;
}

if (require.main === module) {
  runCli(process.argv.slice(2), { stdout: (t) => process.stdout.write(t + '\n'), stderr: (t) => process.stderr.write(t + '\n') }).then(
    (code) => { process.exitCode = code; },
    (error: unknown) => { process.stderr.write(`Unexpected error: ${String(error)}\n`); process.exitCode = EXIT_USAGE; },
  );
}
