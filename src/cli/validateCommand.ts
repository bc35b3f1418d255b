import { readFile, stat } from 'node:fs/promises';
import type { ConnectionDiagnostic, Range, Severity } from '../core/connectionFile/diagnostic';
import { stripBom } from '../core/connectionFile/fileText';
import { LineIndex } from '../core/connectionFile/lineIndex';
import { readConnectionFile } from '../core/connectionFile/readConnectionFile';
import { noApplicationNote } from '../core/deploy/plan';
import type { Environment } from '../core/environments/environmentsFile';
import { resolveKeywords, usesEnvironmentKeywords, validateForEnvironments } from '../core/environments/resolve';
import { EnvironmentConfigError, findEnvironmentsFile, loadEnvironment, loadEnvironments } from './environments';

/** A diagnostic of the validator, or a finding of the CLI's own about the whole file (code and message). */
export type ReportedDiagnostic = Pick<ConnectionDiagnostic, 'severity' | 'message' | 'range'> & {
  readonly code: string;
};

export interface FileReport {
  readonly file: string;
  /** The environment the file was checked in, as it resolves the file's keywords; none: as written. */
  readonly environment?: string;
  readonly diagnostics: readonly ReportedDiagnostic[];
}

/** The code of the warning for a file that enables no application (see noApplicationNote). */
export const NO_APPLICATION_CODE = 'enabled-for-no-application';
/** A finding about the whole file sits at its start, where editors can jump to. */
const FILE_START: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** Larger files are refused before reading, so a mistaken path cannot exhaust memory. */
const MAX_FILE_BYTES = 64 * 1024 * 1024;

export class UnreadableFileError extends Error {}

/**
 * The editor's diagnostics of `file`, plus, for a file without errors that enables no application,
 * a warning: deployed as a new connection it lets nobody log in (the rule Deploy uses, issue 21).
 */
export async function validateFile(file: string): Promise<FileReport> {
  return validateText(file, await readConnectionText(file));
}

function validateText(file: string, text: string): FileReport {
  const reading = readConnectionFile(text, file);
  const note = reading.kind === 'valid' ? noApplicationNote(reading.connection) : undefined;
  const findings: ReportedDiagnostic[] = note
    ? [{ code: NO_APPLICATION_CODE, severity: 'warning', message: note, range: FILE_START }]
    : [];
  return { file, diagnostics: [...reading.diagnostics, ...findings] };
}

/** `validate --env NAME` and `--environments FILE`. */
export interface EnvironmentOptions {
  readonly environment?: string;
  readonly environmentsFile?: string;
}

/**
 * `file` as the environments resolve it (issue 25.1): with `environment`, as that one does; without,
 * a file using keywords with an environments file beside it or above is checked in every
 * environment (one report each, every message naming its environment), and any other file as
 * written (validateFile). EnvironmentConfigError when the environments file is missing or wrong.
 */
export async function validateFileInEnvironments(file: string, options: EnvironmentOptions): Promise<FileReport[]> {
  const path = findEnvironmentsFile(file, options.environmentsFile);
  if (options.environment !== undefined) {
    if (path === undefined)
      throw new EnvironmentConfigError(
        `--env ${options.environment}: no auth0-oidc.environments.json beside ${file} or in a folder above it; name one with --environments FILE.`,
      );
    const environment = await loadEnvironment(path, options.environment);
    return [validateInEnvironment(file, await readConnectionText(file), environment)];
  }
  const text = await readConnectionText(file);
  if (path === undefined || !usesEnvironmentKeywords(text)) return [validateText(file, text)];
  return (await loadEnvironments(path)).map((environment) => validateInEnvironment(file, text, environment));
}

/** The file as `environment` resolves it: the editor's findings for it, on the file as written. */
function validateInEnvironment(file: string, text: string, environment: Environment): FileReport {
  const lines = new LineIndex(text);
  const named = (message: string): string =>
    message.startsWith(`${environment.name}: `) ? message : `${environment.name}: ${message}`;
  const diagnostics: ReportedDiagnostic[] = validateForEnvironments(text, [environment], file).map((d) => ({
    code: d.code,
    severity: d.severity,
    message: named(d.message),
    range: { start: lines.positionAt(d.span.offset), end: lines.positionAt(d.span.offset + d.span.length) },
  }));
  if (!diagnostics.some((d) => d.severity === 'error')) {
    const reading = readConnectionFile(resolveKeywords(text, environment.values).text, file);
    // A provider other than the environment's is among the errors above (validateForEnvironments).
    if (reading.kind === 'valid') {
      const note = noApplicationNote(reading.connection);
      if (note)
        diagnostics.push({ code: NO_APPLICATION_CODE, severity: 'warning', message: named(note), range: FILE_START });
    }
  }
  return { file, environment: environment.name, diagnostics };
}

/** Hints (notes such as the enabled_clients endpoint one) are printed only with --verbose. */
export function withoutHints(reports: readonly FileReport[]): { reports: FileReport[]; hidden: number } {
  let hidden = 0;
  const shown = reports.map((r) => {
    const diagnostics = r.diagnostics.filter((d) => d.severity !== 'hint');
    hidden += r.diagnostics.length - diagnostics.length;
    return { ...r, diagnostics };
  });
  return { reports: shown, hidden };
}

/** A connection file's text, without a byte order mark; UnreadableFileError when it cannot be read. */
export async function readConnectionText(file: string): Promise<string> {
  let text: string;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new UnreadableFileError(`${file}: not a file.`);
    if (info.size > MAX_FILE_BYTES)
      throw new UnreadableFileError(
        `${file}: ${info.size} bytes is more than the ${MAX_FILE_BYTES} a connection file may have.`,
      );
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof UnreadableFileError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new UnreadableFileError(
      code === 'ENOENT' ? `${file}: no such file.` : `${file}: cannot be read (${code ?? String(error)}).`,
    );
  }
  return stripBom(text);
}

/** The JSON output's shape: stable for CI scripts, 0-based lines and characters. */
export function toJsonReport(reports: readonly FileReport[]): unknown {
  return reports.map((r) => ({
    file: r.file,
    ...(r.environment !== undefined ? { environment: r.environment } : {}),
    diagnostics: r.diagnostics.map((d) => ({ severity: d.severity, code: d.code, message: d.message, range: d.range })),
  }));
}

const LABEL: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'info', hint: 'hint' };

/** `file:line:col: severity code: message`, 1-based like compilers print, so editors can jump. */
export function toTextReport(reports: readonly FileReport[], hiddenHints = 0): string {
  const lines: string[] = [];
  for (const report of reports) {
    for (const d of report.diagnostics) {
      lines.push(
        `${report.file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${LABEL[d.severity]} ${d.code}: ${d.message}`,
      );
    }
  }
  const errors = reports.reduce((n, r) => n + r.diagnostics.filter((d) => d.severity === 'error').length, 0);
  const warnings = reports.reduce((n, r) => n + r.diagnostics.filter((d) => d.severity === 'warning').length, 0);
  const hidden = hiddenHints > 0 ? ` ${hiddenHints} hint(s) not shown (--verbose shows them).` : '';
  const files = new Set(reports.map((r) => r.file)).size;
  const environments = reports.filter((r) => r.environment !== undefined).length;
  const inEnvironments = environments > 0 ? ` (${environments} environment(s))` : '';
  lines.push(`${files} file(s) checked${inEnvironments}: ${errors} error(s), ${warnings} warning(s).${hidden}`);
  // Which environments fail, by name: the line a CI log is read for.
  const failing = reports.filter(
    (r) => r.environment !== undefined && r.diagnostics.some((d) => d.severity === 'error'),
  );
  for (const r of failing) lines.push(`${r.file}: fails in environment ${r.environment}.`);
  return lines.join('\n');
}

export function hasErrors(reports: readonly FileReport[]): boolean {
  return reports.some((r) => r.diagnostics.some((d) => d.severity === 'error'));
}
