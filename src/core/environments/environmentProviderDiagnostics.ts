/**
 * A provider check's findings on a file with keywords: each check was run on the file as one
 * environment resolves it (its provider, its client id), so each environment's findings are
 * computed on that environment's text and shown on the original text, on the keyword that put
 * the value there, naming the environment ("prod: Provider check: ...").
 */
import type { ConnectionDiagnostic } from '../connectionFile/diagnostic';
import { LineIndex } from '../connectionFile/lineIndex';
import { providerDiagnostics } from '../providerCheck/providerCheck';
import type { ProviderCheckReport } from '../providerCheck/types';
import { type KeywordMappings, originalSpan } from './keywords';
import { resolveKeywords } from './resolve';

/** An environment's last provider check. */
export interface EnvironmentCheck {
  readonly environment: { readonly name: string; readonly values: KeywordMappings };
  readonly report: ProviderCheckReport;
}

/**
 * The diagnostics of every environment's last check, on `text` as written. One finding on the
 * same place in several environments is shown once, naming them all.
 */
export function environmentProviderDiagnostics(
  text: string,
  checks: readonly EnvironmentCheck[],
): ConnectionDiagnostic[] {
  const lines = new LineIndex(text);
  const merged = new Map<string, { diagnostic: ConnectionDiagnostic; environments: string[] }>();
  for (const { environment, report } of checks) {
    const resolved = resolveKeywords(text, environment.values);
    for (const diagnostic of providerDiagnostics(resolved.text, report)) {
      const span = originalSpan(resolved.replacements, diagnostic.span);
      const id = `${diagnostic.code}\u0000${span.offset}\u0000${span.length}\u0000${diagnostic.message}`;
      const found = merged.get(id);
      if (found) found.environments.push(environment.name);
      else
        merged.set(id, {
          diagnostic: {
            ...diagnostic,
            span,
            range: { start: lines.positionAt(span.offset), end: lines.positionAt(span.offset + span.length) },
          },
          environments: [environment.name],
        });
    }
  }
  return [...merged.values()].map(({ diagnostic, environments }) => ({
    ...diagnostic,
    message: `${environments.join(', ')}: ${diagnostic.message}`,
  }));
}
