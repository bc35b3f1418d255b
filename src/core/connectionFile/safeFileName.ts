/**
 * File names built from connection names (Move to OIDC, Pull into File, New Connection File).
 * A connection name comes from a file or a tenant, neither of which is trusted: `../../tmp/x`
 * as a name wrote outside the workspace (issue 12). Only names the validator accepts make a file
 * name, and the file must land directly in the folder it is meant for.
 */
import { connectionNameProblem } from './connectionModel';

export class UnsafeFileNameError extends Error {}

/** `NAME + suffix`, or UnsafeFileNameError saying why the name cannot name a file. */
export function fileNameFor(connectionName: string, suffix: string): string {
  const problem = connectionNameProblem(connectionName);
  if (problem !== undefined) {
    const shown = connectionName.length > 60 ? `${connectionName.slice(0, 60)}…` : connectionName;
    throw new UnsafeFileNameError(`The connection name ${JSON.stringify(shown)} cannot name a file: ${problem}`);
  }
  return `${connectionName}${suffix}`;
}

/**
 * The path of `fileName` directly inside `folderPath` (both `/`-separated, as in a URI), or
 * UnsafeFileNameError when the name holds a separator or a dot segment, i.e. when the result
 * would not be a child of the folder.
 */
export function childPath(folderPath: string, fileName: string): string {
  if (fileName === '' || fileName === '.' || fileName === '..' || /[/\\\0]/.test(fileName) || fileName.includes(':')) {
    throw new UnsafeFileNameError(`"${fileName.slice(0, 60)}" is not a plain file name; nothing was written.`);
  }
  let folder = folderPath;
  while (folder.length > 1 && folder.endsWith('/')) folder = folder.slice(0, -1);
  return folder === '/' ? `/${fileName}` : `${folder}/${fileName}`;
}
