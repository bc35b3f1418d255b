import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

describe('the .vsix contents', function () {
  this.timeout(60_000);

  it('holds only what runs: the bundle, the schema, the manifest and its strings', () => {
    const out = execFileSync(process.execPath, [require.resolve('@vscode/vsce/vsce'), 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' });
    const files = out.split('\n').map((l) => l.trim()).filter((l) => l.length > 0).sort();
    for (const file of files) {
      assert.match(file, /^(dist\/extension\.js|dist\/webview\/[\w.-]+\.(js|css)|schemas\/[\w.-]+\.json|media\/.+|l10n\/.+|package\.json|package\.nls\.json|README\.md|LICENSE|CHANGELOG\.md)$/, `${file} should not be packaged`);
    }
    assert.ok(files.includes('dist/extension.js') && files.includes('schemas/auth0-oidc-connection.schema.json'));
    const total = files.reduce((sum, f) => sum + statSync(join(root, f)).size, 0);
    assert.ok(total < 1024 * 1024, `the packaged files add up to ${total} bytes, more than 1 MB`);
  });

  it('contributes only commands that are registered in the code', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const source = execFileSync('grep', ['-rhoE', "'auth0Oidc\\.[A-Za-z.]+'", join(root, 'src')], { encoding: 'utf8' });
    for (const command of manifest.contributes.commands as { command: string }[]) {
      assert.ok(source.includes(`'${command.command}'`), `${command.command} is contributed but never named in src/`);
    }
  });
});
