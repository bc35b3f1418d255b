/**
 * What a connection file may be before anything parses it. A real one is about a kilobyte: a few
 * options, some metadata, at most a few thousand application ids. jsonc-parser recurses once per
 * nesting level (the stack overflows near depth 10,000) and validation of some shapes costs about a
 * second per megabyte on the extension host, for every file the Connection Files view lists; so a
 * file past these limits gets one diagnostic and no parse (issue 23.4).
 */

/**
 * 2 Mi characters: a thousand times a real connection file, and twice the 1 MB file the benchmark
 * validates (bench/validation.ts), so every file it measures is still read.
 */
export const MAX_CONNECTION_FILE_CHARS = 2 * 1024 * 1024;

/** Nesting deeper than this is refused; a connection file nests four or five levels. */
export const MAX_NESTING_DEPTH = 64;

/** Why the text is not parsed, or undefined when it is within the limits. */
export function parseLimitProblem(text: string): 'too-large' | 'too-deep' | undefined {
  if (text.length > MAX_CONNECTION_FILE_CHARS) return 'too-large';
  return nestingDeeperThan(text, MAX_NESTING_DEPTH) ? 'too-deep' : undefined;
}

/** True when the text is safe for every parser of the extension (size and depth). */
export function withinParseLimits(text: string): boolean {
  return parseLimitProblem(text) === undefined;
}

/**
 * One linear pass, no recursion: true when `[`/`{` nest deeper than `max` outside strings. Broken
 * text counts as it reads (an unclosed string ends the scan), so it never throws.
 */
export function nestingDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > max) return true;
    } else if ((c === 0x5d /* ] */ || c === 0x7d) /* } */ && depth > 0) depth--;
  }
  return false;
}
