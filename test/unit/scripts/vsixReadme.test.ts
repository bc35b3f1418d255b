// Issue 23.2: the README that goes into the .vsix inlines images from media/. A link placed at an
// image's name (or a linked folder) must not publish a file from outside the repository.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const SCRIPT = path.resolve(__dirname, '../../../scripts/vsix-readme.mjs');
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

describe('vsix README images', () => {
  let dir: string;
  let repo: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'vsix-readme-'));
    repo = path.join(dir, 'repo');
    mkdirSync(path.join(repo, 'media'), { recursive: true });
    writeFileSync(path.join(dir, 'outside.png'), Buffer.concat([PNG, Buffer.from('SECRET-OUTSIDE')]));
    mkdirSync(path.join(dir, 'elsewhere'));
    writeFileSync(path.join(dir, 'elsewhere', 'b.png'), Buffer.concat([PNG, Buffer.from('SECRET-FOLDER')]));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const run = (readme: string) => {
    writeFileSync(path.join(repo, 'README.md'), readme);
    const result = spawnSync(process.execPath, [SCRIPT, '--root', repo], { encoding: 'utf8' });
    const out = path.join(repo, 'dist', 'vsix', 'README.md');
    let written = '';
    try {
      written = readFileSync(out, 'utf8');
    } catch {
      // nothing written
    }
    return { status: result.status, stderr: result.stderr, written };
  };

  it('inlines an image that is a plain file of the repository', () => {
    writeFileSync(path.join(repo, 'media', 'a.png'), PNG);
    const { status, written } = run('![a](media/a.png)\n');
    assert.equal(status, 0);
    assert.match(written, /data:image\/png;base64,/);
  });

  it('refuses an image that is a link to a file outside the repository', () => {
    symlinkSync(path.join(dir, 'outside.png'), path.join(repo, 'media', 'a.png'));
    const { status, stderr, written } = run('![a](media/a.png)\n');
    assert.equal(status, 1);
    assert.match(stderr, /symbolic link/);
    assert.ok(!written.includes(Buffer.from('SECRET-OUTSIDE').toString('base64').slice(0, 12)));
    assert.equal(written, '');
  });

  it('refuses an image inside a linked folder', () => {
    symlinkSync(path.join(dir, 'elsewhere'), path.join(repo, 'media', 'linked'));
    const { status, stderr } = run('![b](media/linked/b.png)\n');
    assert.equal(status, 1);
    assert.match(stderr, /linked folder/);
  });
});
