import * as assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { sealFolder, sealProblem, toolCacheRoot } from '../../../scripts/toolCache';

describe('the tool cache outside the checkout (scripts/toolCache.ts)', () => {
  let dir: string;
  const key = 'code-server@1.2.3 node@20 linux-x64';
  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'toolcache-'));
    mkdirSync(path.join(dir, 'node_modules', 'code-server', 'out', 'node'), { recursive: true });
    mkdirSync(path.join(dir, 'native', 'build', 'Release'), { recursive: true });
    writeFileSync(path.join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js'), 'start();\n');
    writeFileSync(path.join(dir, 'native', 'build', 'Release', 'pty.node'), 'ELF1');
    writeFileSync(path.join(dir, 'readme.txt'), 'text');
    await sealFolder(dir, key);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lives in $AUTH0_OIDC_TOOL_CACHE, else in the XDG cache folder, never in the checkout', () => {
    assert.equal(toolCacheRoot({ AUTH0_OIDC_TOOL_CACHE: '/c' }), '/c');
    assert.equal(toolCacheRoot({ XDG_CACHE_HOME: '/x' }), path.join('/x', 'auth0-oidc-connections'));
  });

  it('trusts a sealed folder as it was sealed', () => {
    assert.equal(sealProblem(dir, key), undefined);
  });

  it('does not trust a missing folder, an unsealed one or one sealed for another version', () => {
    assert.match(sealProblem(path.join(dir, 'nope'), key) ?? '', /not installed/);
    assert.match(sealProblem(dir, 'code-server@9.9.9 node@20 linux-x64') ?? '', /sealed for code-server@1.2.3/);
    unlinkSync(path.join(dir, '.install-seal.json'));
    assert.match(sealProblem(dir, key) ?? '', /no seal/);
  });

  it('finds a file removed, added or resized', () => {
    writeFileSync(path.join(dir, 'extra.js'), '');
    assert.match(sealProblem(dir, key) ?? '', /files differ/);
    unlinkSync(path.join(dir, 'extra.js'));
    appendFileSync(path.join(dir, 'readme.txt'), '!');
    assert.match(sealProblem(dir, key) ?? '', /files differ/);
    unlinkSync(path.join(dir, 'readme.txt'));
    assert.match(sealProblem(dir, key) ?? '', /files differ/);
  });

  it('finds a native module or the entry script changed in place, size kept', () => {
    writeFileSync(path.join(dir, 'native', 'build', 'Release', 'pty.node'), 'ELF2');
    assert.match(sealProblem(dir, key) ?? '', /entry script or native modules changed/);
  });
});
