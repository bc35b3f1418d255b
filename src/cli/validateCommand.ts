import { readFile, stat } from 'node:fs/promises';
import type { ConnectionDiagnostic, Severity } from '../core/connectionFile/diagnostic';
import { stripBom } from '../core/connectionFile/fileText';
import { validateConnectionText } from '../core/connectionFile/validate';

export interface FileReport {
  readonly file: string;
  readonly diagnostics: readonly ConnectionDiagnostic[];
}

/** Larger files are refused before reading, so a mistaken path cannot exhaust memory. */
const MAX_FILE_BYTES = 64 * 1024 * 1024;

export class UnreadableFileError extends Error {}

export async function validateFile(file: string): Promise<FileReport> {
  return { file, diagnostics: validateConnectionText(await readConnectionText(file), { fileName: file }) };
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
export function toTextReport(reports: readonly FileReport[]): string {
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
  lines.push(`${reports.length} file(s) checked: ${errors} error(s), ${warnings} warning(s).`);
  return lines.join('\n');
}

export function hasErrors(reports: readonly FileReport[]): boolean {
  return reports.some((r) => r.diagnostics.some((d) => d.severity === 'error'));
}
