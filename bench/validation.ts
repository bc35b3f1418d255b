// Validation: the extension's full diagnostics pass (validateConnectionText: parse, every rule,
// positions) against vscode-json-languageservice validating the same text with the same schema
// (parse + doValidation), on a typical file and on a 1 MB file with thousands of enabled_clients.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { getLanguageService, type JSONSchema, type LanguageService } from 'vscode-json-languageservice';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { validateConnectionText } from '../src/core/connectionFile/validate';
import { validConnection } from '../test/unit/core/connectionFile/fixtures';
import { alternate, figure, median, type Figure } from './stats';

const REPO = path.resolve(__dirname, '..');
const SCHEMA_URI = 'https://auth0-oidc-connections.invalid/schemas/auth0-oidc-connection.schema.json';

/** A file as "New Connection File" writes it (the unit tests' valid connection), with two enabled applications. */
export function typicalConnectionText(): string {
  const body = {
    ...validConnection,
    enabled_clients: ['rpWebApp000000000000000000000000', 'rpSpa000000000000000000000000000'],
  };
  return JSON.stringify(body, undefined, 2) + '\n';
}

/** At least `bytes` long: a valid connection whose enabled_clients holds thousands of distinct 32-character ids. */
export function largeConnectionText(bytes = 1024 * 1024): string {
  const clients: string[] = [];
  // Each entry costs 32 + quotes, comma, newline and indent: about 40 bytes.
  const count = Math.ceil(bytes / 38);
  for (let i = 0; i < count; i++) clients.push(`app${i.toString(36).padStart(29, '0')}`);
  const body = JSON.parse(typicalConnectionText()) as Record<string, unknown>;
  body.enabled_clients = clients;
  return JSON.stringify(body, undefined, 2) + '\n';
}

/**
 * The shapes that cost a validator most per byte (issue 23.4), each about `bytes` long: many tiny
 * nodes rather than a few long strings. Each is what a hostile or generated file could hold.
 */
export function worstShapeTexts(bytes = 1024 * 1024): { id: string; label: string; text: string }[] {
  const head = typicalConnectionText().trimEnd().slice(0, -1).trimEnd();
  const repeated = (item: (i: number) => string): string => {
    const parts: string[] = [];
    let size = 0;
    while (size < bytes) size += (parts[parts.length] = item(parts.length)).length + 1;
    return parts.join(',');
  };
  const withOptions = (entries: string): string =>
    typicalConnectionText().replace('"options": {', `"options": {${entries},`);
  return [
    {
      id: 'validate-1mb-short-ids',
      label: 'a 1 MB array of short ids',
      text: `${head.replace(/"enabled_clients": \[[^\]]*\]/, `"enabled_clients": [${repeated((i) => `"a${i.toString(36)}"`)}]`)}}`,
    },
    {
      id: 'validate-1mb-invalid-items',
      label: 'a 1 MB array of invalid items',
      text: `${head.replace(/"enabled_clients": \[[^\]]*\]/, `"enabled_clients": [${repeated((i) => String(i % 10))}]`)}}`,
    },
    {
      id: 'validate-1mb-many-keys',
      label: 'a 1 MB options object of many keys',
      text: withOptions(repeated((i) => `"k${i.toString(36)}":"v"`)),
    },
    {
      // Every item after the first a repeat: each one goes through the duplicate check's Set.
      id: 'validate-1mb-repeated-id',
      label: 'a 1 MB array of one id repeated',
      text: `${head.replace(/"enabled_clients": \[[^\]]*\]/, `"enabled_clients": [${repeated(() => '"a"')}]`)}}`,
    },
    {
      // Every key unknown, at the level where each is checked against the connection's properties.
      id: 'validate-1mb-top-level-keys',
      label: 'a 1 MB connection of many unknown keys',
      text: `${head},${repeated((i) => `"k${i.toString(36)}":1`)}}`,
    },
    {
      id: 'validate-1mb-deep',
      label: 'a 1 MB file nested to the limit',
      // 60 levels inside metadata.a, plus the file's own 3: just within the nesting limit of 64.
      text: `${head},"metadata":{"a":[${repeated((i) => `${'['.repeat(60)}${i % 10}${']'.repeat(60)}`)}]}}`,
    },
  ];
}

export function jsonLanguageService(): LanguageService {
  const schema = JSON.parse(
    readFileSync(path.join(REPO, 'schemas', 'auth0-oidc-connection.schema.json'), 'utf8'),
  ) as JSONSchema;
  const service = getLanguageService({});
  service.configure({
    validate: true,
    allowComments: false,
    schemas: [{ uri: SCHEMA_URI, fileMatch: ['*.auth0-oidc.json', 'auth0-oidc-connection.json'], schema }],
  });
  return service;
}

export async function jsonServiceDiagnostics(service: LanguageService, text: string, version = 1): Promise<number> {
  const document = TextDocument.create('file:///bench/partner.auth0-oidc.json', 'json', version, text);
  const diagnostics = await service.doValidation(document, service.parseJSONDocument(document), {
    schemaValidation: 'error',
  });
  return diagnostics.length;
}

/** Milliseconds per document: `iterations` in a row, averaged, after the caller's warm-up. */
async function timePerDocument(iterations: number, run: () => unknown, cpu?: number[]): Promise<number> {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < iterations; i++) await run();
  const wall = (performance.now() - started) / iterations;
  const used = process.cpuUsage(cpuBefore);
  // This process's CPU time (its GC threads included): what the validation itself costs, without
  // the waiting for a CPU that the wall time includes on a loaded machine.
  cpu?.push((used.user + used.system) / 1000 / iterations);
  return wall;
}

/**
 * A text as VS Code hands a document to the extension: its lines joined (the extension host's
 * document getText is `lines.join(eol)`), one flat string. The generators above build texts by
 * concatenation, which V8 keeps as a rope of pieces and reads more slowly, character by
 * character, than any document the validator is given (a file read from disk is flat too).
 */
export function asVsCodeHandsIt(text: string): string {
  return text.split('\n').join('\n');
}

export async function benchValidation(opts: { runs: number; log: (line: string) => void }): Promise<Figure[]> {
  const service = jsonLanguageService();
  const cases = [
    {
      id: 'validate-typical',
      label: 'validate a typical file',
      text: asVsCodeHandsIt(typicalConnectionText()),
      iterations: 2000,
      baselineIterations: 2000,
      baselineRuns: opts.runs,
      goalMs: 1,
    },
    // The worst shapes: ours alone (the JSON service needs minutes on some), against the same goal,
    // judged on CPU time like the 1 MB file's figure in the README (the machine is shared).
    ...worstShapeTexts().map((shape) => ({
      ...shape,
      text: asVsCodeHandsIt(shape.text),
      iterations: 5,
      baselineIterations: 0,
      baselineRuns: 0,
      goalMs: 50,
      mayHaveErrors: true,
      judgedOnCpu: true,
    })),
    // Last: the garbage of its minute-long JSON service calls (hundreds of MB) is collected
    // during whatever runs next. Run before them, the worst shapes measured up to 2x their figures
    // of the same code run first (invalid items 60 against 34-42 ms, one id repeated 54 against
    // 32-41 ms).
    // The JSON service needs about a minute per call here (uniqueItems on enabled_clients is
    // quadratic in vscode-json-languageservice), so it gets one call per run and at most 3 runs.
    {
      id: 'validate-1mb',
      label: 'validate a 1 MB file',
      text: asVsCodeHandsIt(largeConnectionText()),
      iterations: 5,
      baselineIterations: 1,
      baselineRuns: Math.min(opts.runs, 3),
      goalMs: 50,
    },
  ];
  const figures: Figure[] = [];
  for (const c of cases) {
    // Both must see the same document as valid, or the comparison means nothing (the typical
    // file is checked by both; the large one is the typical one with a longer array). The worst
    // shapes are measured as they are, errors included: they are ours alone.
    const ours = validateConnectionText(c.text).filter((d) => d.severity === 'error');
    if (ours.length > 0 && !('mayHaveErrors' in c))
      throw new Error(`${c.id}: the bench document is not valid (${ours.map((d) => d.code).join(', ')})`);
    const typical = typicalConnectionText();
    if ((await jsonServiceDiagnostics(service, typical)) > 0)
      throw new Error('the JSON service reports errors on the typical file');
    // Warm-up: JIT, and the language service's schema resolution (cached per service, as in the editor).
    for (let i = 0; i < 50; i++) {
      validateConnectionText(c.iterations > 100 ? c.text : typical);
      await jsonServiceDiagnostics(service, typical);
    }
    for (let i = 0; i < Math.min(c.iterations, 5); i++) validateConnectionText(c.text);
    const oursRuns: number[] = [];
    const oursCpu: number[] = [];
    const baselineRuns: number[] = [];
    for (let run = 0; run < opts.runs; run++) {
      const withBaseline = run < c.baselineRuns;
      const [a, b] = await alternate(
        run,
        () => timePerDocument(c.iterations, () => validateConnectionText(c.text), oursCpu),
        () =>
          withBaseline
            ? timePerDocument(c.baselineIterations, () => jsonServiceDiagnostics(service, c.text, run))
            : Number.NaN,
      );
      oursRuns.push(a);
      if (withBaseline) baselineRuns.push(b);
      opts.log(
        `[bench] ${c.id} run ${run + 1}: ours ${a.toFixed(3)} ms (CPU ${oursCpu[oursCpu.length - 1]!.toFixed(3)} ms)${withBaseline ? `, JSON service ${b.toFixed(3)} ms` : ''}`,
      );
    }
    const onCpu = 'judgedOnCpu' in c;
    const f = figure({
      id: c.id,
      label: `${c.label} (${(c.text.length / 1024).toFixed(c.text.length > 10_000 ? 0 : 1)} KB)${onCpu ? ': CPU time' : ''}`,
      unit: 'ms',
      oursRuns: onCpu ? oursCpu : oursRuns,
      baselineRuns,
      baselineLabel: 'vscode-json-languageservice',
      goal: c.baselineRuns > 0 ? `< ${c.goalMs} ms and ≤ JSON service` : `< ${c.goalMs} ms`,
    });
    const notes = [
      onCpu
        ? `wall time: median ${median(oursRuns).toFixed(3)} ms (min ${Math.min(...oursRuns).toFixed(3)}), which includes waiting for a CPU`
        : `ours in CPU time: median ${median(oursCpu).toFixed(3)} ms (min ${Math.min(...oursCpu).toFixed(3)}); the wall time includes waiting for a CPU`,
      ...(c.baselineRuns > 0 && c.baselineRuns < opts.runs
        ? [
            `JSON service: median of ${c.baselineRuns} runs of 1 call each (about a minute per call: uniqueItems on enabled_clients is quadratic in vscode-json-languageservice; about 0.2 s without it)`,
          ]
        : []),
    ];
    const met =
      f.ours !== undefined && f.ours < c.goalMs && (c.baselineRuns === 0 || (f.ratio !== undefined && f.ratio <= 1));
    figures.push({ ...f, met, note: notes.join('; ') });
  }
  return figures;
}
