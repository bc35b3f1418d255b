/**
 * A connection file with keywords, judged as one environment resolves it: what the Connection
 * Files view and the status bar show for each environment, in place of the errors the file as
 * written has (its `##KEY##` are not values Auth0 would take, but no environment sends them).
 */
import { readConnectionFile } from '../connectionFile/readConnectionFile';
import type { LocalFileState } from '../deploy/fileState';
import type { Environment } from './environmentsFile';
import { resolveKeywords, validateForEnvironments } from './resolve';

/**
 * The file as `environment` resolves it: the errors the editor shows for that environment (on the
 * original text, so their lines are the file's), among them a provider other than the
 * environment's providerTenant (Deploy refuses it), or the resolved body, its secret placeholders
 * left in place.
 */
export function environmentLocalFileState(
  text: string,
  environment: Pick<Environment, 'name' | 'values' | 'providerTenant'>,
  fileName?: string,
): LocalFileState {
  const errors = validateForEnvironments(text, [environment], fileName).filter((d) => d.severity === 'error');
  const [first] = errors;
  if (first)
    return {
      kind: 'errors',
      count: errors.length,
      // A problem of the file itself is not prefixed by validateForEnvironments when every
      // environment (here the one) has it; say which environment it is about all the same.
      firstMessage: first.message.startsWith(`${environment.name}: `)
        ? first.message
        : `${environment.name}: ${first.message}`,
      firstLine: lineOf(text, first.span.offset),
    };
  const reading = readConnectionFile(resolveKeywords(text, environment.values).text, fileName);
  // validateForEnvironments found no error in this text: the reading has its body.
  if (reading.kind === 'errors')
    return { kind: 'errors', count: reading.errors.length, firstMessage: reading.errors[0].message, firstLine: 1 };
  return { kind: 'valid', body: reading.connection };
}

/** The 1-based line of `offset` in `text`. */
function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
