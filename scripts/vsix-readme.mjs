// Writes the README that goes into the .vsix (dist/vsix/README.md, passed to `vsce package
// --readme-path`): README.md with each relative PNG/JPEG/GIF image inlined as a data: URI.
//
// Why: VS Code shows an installed extension's README in a webview whose Content-Security-Policy
// allows images only from https: and data: (microsoft/vscode#43173); a relative link resolves
// against the webview's own origin and breaks, and vsce can only rewrite it to a repository URL,
// which this extension does not have (microsoft/vscode-vsce#390). Inlined, the image travels
// inside the package. VS Code 1.103 and later also drop data: images from that page
// (microsoft/vscode-vsce#1196), so there it shows the alt text; the repository's README.md keeps
// the plain relative link.
//
//   node scripts/vsix-readme.mjs [--check] [--root DIR]
//     --check: only verify that every image can be inlined; --root: the repository (tests)
import { lstatSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

const rootArg = process.argv.indexOf('--root');
const root = realpathSync(
  rootArg > 0
    ? path.resolve(process.argv[rootArg + 1])
    : path.resolve(path.dirname(new URL(import.meta.url).pathname), '..'),
);
const TYPES = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif' };
const MAX_BYTES = 512 * 1024;

const source = readFileSync(path.join(root, 'README.md'), 'utf8');
const problems = [];
let inlined = 0;
const out = source.replace(/(!\[[^\]]*\]\()([^)\s]+)(\))/g, (all, open, link, close) => {
  if (/^[a-z][a-z0-9+.-]*:/i.test(link) || link.startsWith('#')) return all;
  const file = path.resolve(root, decodeURI(link));
  const type = TYPES[path.extname(file).toLowerCase()];
  if (!file.startsWith(root + path.sep)) {
    problems.push(`${link}: outside the repository`);
    return all;
  }
  if (!type) {
    problems.push(`${link}: only PNG, JPEG and GIF can be inlined (vsce refuses SVG in a README)`);
    return all;
  }
  let bytes;
  try {
    // The path check above reads the name only: a link at media/x.png to ../../.npmrc would be
    // published inside the README. No link, and the real path must stay in the repository.
    if (lstatSync(file).isSymbolicLink() || !realpathSync(file).startsWith(root + path.sep)) {
      problems.push(`${link}: a symbolic link, or inside a linked folder; put the image itself in the repository`);
      return all;
    }
    bytes = readFileSync(file);
  } catch {
    problems.push(`${link}: no such file`);
    return all;
  }
  if (bytes.length > MAX_BYTES) {
    problems.push(`${link}: ${bytes.length} bytes, more than ${MAX_BYTES}; make it smaller`);
    return all;
  }
  inlined++;
  return `${open}data:${type};base64,${bytes.toString('base64')}${close}`;
});

if (problems.length > 0) {
  console.error(`README.md images that cannot go into the .vsix:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
if (!process.argv.includes('--check')) {
  mkdirSync(path.join(root, 'dist', 'vsix'), { recursive: true });
  writeFileSync(path.join(root, 'dist', 'vsix', 'README.md'), out);
  console.log(`[vsix-readme] dist/vsix/README.md with ${inlined} image(s) inlined`);
}
