import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { cycles, importGraph } from '../../../scripts/check-cycles';

describe('the import cycle check (scripts/check-cycles.ts, run by npm run lint)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'cycles-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = (files: Record<string, string>): void => {
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), text);
    }
  };
  const found = (): string[][] => cycles(importGraph(dir)).map((c) => c.map((f) => path.relative(dir, f)));

  it('finds a cycle through a folder index, a re-export and a type-only import', () => {
    write({
      'a.ts': "import { b } from './sub';\nexport const a = b;\n",
      'sub/index.ts': "export { b } from './b';\n",
      'sub/b.ts': "import type { C } from '../c';\nexport const b = 1 as unknown as C;\n",
      'c.ts': "export type C = typeof import('./a');\n",
      'free.ts': "import { a } from './a';\nexport const free = a;\n",
    });
    assert.deepEqual(found(), [['a.ts', 'c.ts', path.join('sub', 'b.ts'), path.join('sub', 'index.ts')]]);
  });

  it('finds a module that requires itself, and nothing in a tree without cycles', () => {
    write({
      'self.ts': "export const me = (): unknown => require('./self');\n",
      'x.ts': "import './y';\n",
      'y.ts': "import 'node:fs';\n",
    });
    assert.deepEqual(found(), [['self.ts']]);
  });

  it('src/ has no import cycle', () => {
    assert.deepEqual(cycles(importGraph(path.resolve(__dirname, '../../../src'))), []);
  });
});
