// src/commandIds.ts is the one list of command ids: it and the manifest name the same commands.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { installFakeVscode } from './reliability/fakeVscode';

installFakeVscode();
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after the fake vscode is installed
const ids = require('../../src/commandIds') as Record<string, unknown>;

describe('command ids (src/commandIds.ts)', () => {
  it('lists every contributed command, and only internal ones besides', () => {
    const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'));
    const contributed = (manifest.contributes.commands as { command: string }[]).map((c) => c.command).sort();
    const listed = Object.entries(ids)
      .filter(([name]) => name.endsWith('_COMMAND'))
      .map(([, id]) => id as string);
    assert.equal(new Set(listed).size, listed.length, 'no id is listed twice');
    assert.deepEqual(listed.filter((id) => !id.startsWith('auth0Oidc.internal.')).sort(), contributed);
  });
});
