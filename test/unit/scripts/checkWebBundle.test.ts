// Issue 26: no Node module or global may reach the browser bundle (dist/web/extension.js); the
// check that esbuild.mjs runs after every build must find each kind, and pass the real bundle.
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const SCRIPT = path.join(ROOT, 'scripts', 'check-web-bundle.mjs');

describe('browser bundle check', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'web-bundle-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const check = (text: string) => {
    const file = path.join(dir, 'extension.js');
    writeFileSync(file, text);
    return spawnSync(process.execPath, [SCRIPT, file], { encoding: 'utf8' });
  };

  const leaks: [string, string][] = [
    ['var c = require("node:crypto");', 'require of a module other than vscode'],
    ["var h = require('http');", 'require of a module other than vscode'],
    ['const fs = await import("node:fs/promises");', 'dynamic import of a Node module'],
    ['var u = require_undici();', 'undici'],
    ['const b = Buffer.from(s).toString("base64url");', 'Buffer'],
    ['const e = process.env.HOME;', 'process'],
    ['const p = __dirname + "/auth0.js";', 'CommonJS file path global'],
    ['setImmediate(load);', 'setImmediate'],
  ];
  for (const [code, what] of leaks) {
    it(`fails on ${what}: ${code}`, () => {
      const result = check(`var vscode = require("vscode");\n${code}\n`);
      assert.equal(result.status, 1, result.stdout);
      assert.match(result.stderr, new RegExp(`extension\\.js:2: .*${what}`));
    });
  }

  it('passes a bundle that requires only vscode and uses Web Crypto', () => {
    const result = check(
      'var vscode = require("vscode");\nconst r = globalThis.crypto.getRandomValues(new Uint8Array(8));\n',
    );
    assert.equal(result.status, 0, result.stderr);
  });

  it('passes Buffer named only in a comment or a message, and a local called process (as yaml has)', () => {
    const result = check(
      'var vscode = require("vscode");\n// Returns a Buffer in node\nthrow new Error("either Buffer or atob is required");\nfunction f(process) { return process.argv; }\n',
    );
    assert.equal(result.status, 0, result.stderr);
  });

  it("is not switched off by a bundled library's eslint comments", () => {
    const result = check('var vscode = require("vscode");\n// eslint-disable-next-line\nBuffer.from("x");\n');
    assert.equal(result.status, 1, result.stdout);
    assert.match(result.stderr, /extension\.js:3: .*Buffer/);
  });

  it('passes the real browser bundle, which requires vscode and nothing else', function () {
    this.timeout(120_000);
    const out = path.join(dir, 'dist');
    // esbuild.mjs runs the check itself and exits 1 on a finding.
    execFileSync(process.execPath, ['esbuild.mjs', '--outdir', out], { cwd: ROOT, stdio: 'pipe' });
    const result = spawnSync(process.execPath, [SCRIPT, path.join(out, 'web', 'extension.js')], { encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
  });
});
