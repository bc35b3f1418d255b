// Smoke suite for the packaged extension: `npm run test:vsix` installs dist-vsix/*.vsix into
// code-server with `--install-extension` and runs this folder in it. First it proves that the
// extension under test is the installed copy (not the development folder), then it runs the
// development suites that a user's first minutes touch: activation, the schema's and the
// extension's diagnostics on a file, the tree, and a deploy to the sandbox.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../suite/activation.test';
import '../suite/editor.test';
import '../suite/tree.test';
import '../suite/deploy.test';

describe('installed from the .vsix', () => {
  it('runs the copy installed into the extensions folder, not the development folder', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not installed`);
    const extensionsDir = process.env.AUTH0_OIDC_EXPECT_EXTENSIONS_DIR;
    assert.ok(extensionsDir, 'the runner names the extensions folder the .vsix went into');
    const relative = path.relative(extensionsDir, ext.extensionPath);
    assert.ok(
      !relative.startsWith('..') && !path.isAbsolute(relative),
      `${ext.extensionPath} is not inside ${extensionsDir}`,
    );
  });
});
