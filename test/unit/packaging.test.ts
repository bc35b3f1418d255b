import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

describe('the .vsix contents', function () {
  this.timeout(180_000); // vsce ls and a production build of every bundle: 15 s quiet, over 60 s on a loaded machine

  it('holds only what runs: the bundle, the schema, the manifest and its strings', () => {
    const listing = execFileSync(process.execPath, [require.resolve('@vscode/vsce/vsce'), 'ls', '--no-dependencies'], {
      cwd: root,
      encoding: 'utf8',
    });
    const files = listing
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.length > 0)
      .sort();
    for (const file of files) {
      assert.match(
        file,
        /^(dist\/(extension|features|auth0|shared|web\/extension)\.js|dist\/webview\/[\w.-]+\.(js|css)|schemas\/[\w.-]+\.json|media\/.+|l10n\/.+|package\.json|package\.nls\.json|README\.md|LICENSE|CHANGELOG\.md)$/,
        `${file} should not be packaged`,
      );
    }
    assert.ok(files.includes('dist/extension.js') && files.includes('schemas/auth0-oidc-connection.schema.json'));
    // Sizes of the production (minified) bundles, as `npm run package` builds them.
    const out = mkdtempSync(join(tmpdir(), 'auth0-oidc-pack-'));
    try {
      execFileSync(process.execPath, ['esbuild.mjs', '--production', '--outdir', out], { cwd: root });
      const size = (f: string): number =>
        statSync(f.startsWith('dist/') ? join(out, f.slice('dist/'.length)) : join(root, f)).size;
      const total = files.reduce((sum, f) => sum + size(f), 0);
      // 1 MB before the yaml parser for auth0-deploy-cli's tenant.yaml (115 KB minified, issue 25.2),
      // the browser entry (issue 26), which bundles the editor features once more, and environments.
      assert.ok(total < 1.75 * 1024 * 1024, `the packaged files add up to ${total} bytes, more than 1.75 MB`);
      assert.ok(files.includes('dist/web/extension.js'), 'the browser entry (package.json `browser`) is packaged');
      const web = size('dist/web/extension.js');
      // 240 KB before the yaml parser, which github.dev needs for auth0-deploy-cli's tenant.yaml.
      assert.ok(web < 450 * 1024, `dist/web/extension.js is ${web} bytes: the browser bundle grew past 450 KB`);
      // Activation requires extension.js (and shared.js) only: stand-ins, no features (144 KB before).
      for (const bundle of ['features.js', 'auth0.js', 'shared.js'])
        assert.ok(files.includes(`dist/${bundle}`), `the bundle loaded on first use, ${bundle}, is packaged`);
      const activation = size('dist/extension.js');
      assert.ok(activation < 16 * 1024, `dist/extension.js is ${activation} bytes: more than the stand-ins`);
      // The Auth0 errors and tenant URL rules are compiled once, into shared.js, which both the
      // extension and the lazily loaded client require: an error is `instanceof` its class in both.
      const holding = (text: string): string[] =>
        ['extension.js', 'features.js', 'auth0.js', 'shared.js'].filter((f) =>
          readFileSync(join(out, f), 'utf8').includes(text),
        );
      assert.deepEqual(holding('Invalid tenant domain: '), ['shared.js'], 'errors.ts is compiled into shared.js only');
      assert.deepEqual(
        holding('did not return the options of connection'),
        ['shared.js'],
        'src/core/auth0Api/errors.ts (the base error, used by the deploy planner too) is compiled into shared.js only',
      );
      assert.deepEqual(
        holding('it is not a valid host name'),
        ['shared.js'],
        'tenantUrl.ts is compiled into shared.js only',
      );
      for (const bundle of ['extension.js', 'auth0.js'])
        assert.match(
          readFileSync(join(out, bundle), 'utf8'),
          /require\("\.\/shared\.js"\)/,
          `${bundle} requires shared.js`,
        );
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('contributes only commands that are registered in the code', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const source = execFileSync('grep', ['-rhoE', "'auth0Oidc\\.[A-Za-z.]+'", join(root, 'src')], { encoding: 'utf8' });
    for (const command of manifest.contributes.commands as { command: string }[]) {
      assert.ok(source.includes(`'${command.command}'`), `${command.command} is contributed but never named in src/`);
    }
  });
});
