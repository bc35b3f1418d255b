/**
 * One reading of a connection file, for every command, view and the CLI: the validator's
 * diagnostics and, from the same parse, either the typed connection (no error) or the errors that
 * refuse the file. Nothing parses a connection file's text again after this.
 */
import type { Auth0OidcConnectionFile } from './connectionModel';
import type { ConnectionDiagnostic } from './diagnostic';
import { valueOfTree } from './jsonTree';
import { validateConnectionTree } from './validate';

/** At least one: what a file with errors is refused with. */
export type ConnectionErrors = readonly [ConnectionDiagnostic, ...ConnectionDiagnostic[]];

interface Reading {
  /** Every diagnostic of the file (errors, warnings, notes), as the editor and the CLI show them. */
  readonly diagnostics: readonly ConnectionDiagnostic[];
  /** The text is plain JSON, as JSON.parse and the Management API read it (it may still break the rules). */
  readonly isJson: boolean;
  /**
   * The top-level JSON object as far as it could be read, errors and all: JSON.parse's for plain
   * JSON, else what jsonc-parser recovered; undefined when the text holds no object. For the
   * commands that take a file as it is: Compare with File, Move to OIDC, Test Login's connection
   * name, the binding of a secret being stored.
   */
  readonly object: Readonly<Record<string, unknown>> | undefined;
}

export type ConnectionFileReading =
  | (Reading & {
      readonly kind: 'valid';
      /** The body, as JSON.parse reads it; the validator found no error in it. */
      readonly connection: Auth0OidcConnectionFile;
    })
  | (Reading & {
      readonly kind: 'errors';
      /** The diagnostics of error severity, in the order of the text. */
      readonly errors: ConnectionErrors;
    });

/**
 * Reads a connection file's text (without a byte order mark: see stripBom) with the validator's
 * rules; `fileName` says which strategy the file must hold, as in the editor.
 */
export function readConnectionFile(text: string, fileName?: string): ConnectionFileReading {
  const validated = validateConnectionTree(text, fileName !== undefined ? { fileName } : {});
  const { diagnostics, json } = validated;
  // The whole tree only for text that is not plain JSON: for JSON, JSON.parse's value is the body
  // and building a tree of a 1 MB file would cost more than validating it.
  const bodyValue = (): unknown => (json ? json.value : validated.tree && valueOfTree(validated.tree));
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const isJson = json !== undefined;
  if (isNonEmpty(errors)) {
    let object: Readonly<Record<string, unknown>> | undefined;
    let read = false;
    return {
      kind: 'errors',
      errors,
      diagnostics,
      isJson,
      // Only the few commands that take a file with errors want it: built when asked for.
      get object() {
        if (!read) {
          read = true;
          const value = bodyValue();
          object = isObject(value) ? value : undefined;
        }
        return object;
      },
    };
  }
  // No error: the validator read an object (else `not-an-object`, `json-syntax` or `empty-file`)
  // holding every required property with its type, and nothing Auth0 rejects.
  const value = bodyValue();
  const object = isObject(value) ? value : undefined;
  return { kind: 'valid', connection: value as Auth0OidcConnectionFile, diagnostics, isJson, object };
}

/** How many errors, and the first one with its 1-based line: what a refusal says. */
export interface ErrorSummary {
  readonly count: number;
  readonly firstMessage: string;
  readonly firstLine: number;
}

export function summarizeErrors(errors: ConnectionErrors): ErrorSummary {
  const [first] = errors;
  return { count: errors.length, firstMessage: first.message, firstLine: first.range.start.line + 1 };
}

function isNonEmpty<T>(items: readonly T[]): items is readonly [T, ...T[]] {
  return items.length > 0;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
