import { readFile, stat } from 'node:fs/promises';
import type { ConnectionDiagnostic, Range, Severity } from '../core/connectionFile/diagnostic';
import { stripBom } from '../core/connectionFile/fileText';
import { readConnectionFile } from '../core/connectionFile/readConnectionFile';
import { noApplicationNote } from '../core/deploy/plan';

/** A diagnostic of the validator, or a finding of the CLI's own about the whole file (code and message). */
export type ReportedDiagnostic = Pick<ConnectionDiagnostic, 'severity' | 'message' | 'range'> & {
  readonly code: string;
};

export interface FileReport {
  readonly file: string;
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
  const reading = readConnectionFile(await readConnectionText(file), file);
  const note = reading.kind === 'valid' ? noApplicationNote(reading.connection) : undefined;
  const findings: ReportedDiagnostic[] = note
    ? [{ code: NO_APPLICATION_CODE, severity: 'warning', message: note, range: FILE_START }]
    : [];
  return { file, diagnostics: [...reading.diagnostics, ...findings] };
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
  lines.push(`${reports.length} file(s) checked: ${errors} error(s), ${warnings} warning(s).${hidden}`);
  return lines.join('\n');
}

export function hasErrors(reports: readonly FileReport[]): boolean {
  return reports.some((r) => r.diagnostics.some((d) => d.severity === 'error'));
}
