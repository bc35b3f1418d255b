// Entry of the web suite (issue 26), run by the runner's web phase (runner/web.ts) in the browser's
// web worker extension host: code-server loads the extension there when the profile's settings say
// `remote.extensionKind: { ID: ["web"] }`, and the workbench URL's extensionTestsPath names this
// bundle (dist-test/web/index.js, built by scripts/build-tests.ts for the browser). A worker has no
// Node: mocha's browser build is bundled in, and the test files are required after setup() made
// describe/it global. Prints `N passed, N failed`, as the in-host suites do (runner/suitePage.ts).

// mocha's browser build is a UMD module: bundled as CommonJS it exports the BrowserMocha instance.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const mocha = require('mocha/mocha.js') as BrowserMocha;

export function run(): Promise<void> {
  mocha.setup({ ui: 'bdd', reporter: 'spec', color: false, timeout: 60_000, forbidOnly: true });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('./web.test');
  return new Promise<void>((resolve, reject) => {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    const runner = mocha.run(() => {
      console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
      if (failed > 0 || passed === 0) reject(new Error(`${failed} web test(s) failed`));
      else resolve();
    });
    runner.on('pass', () => passed++);
    runner.on('fail', () => failed++);
    runner.on('pending', () => skipped++);
  });
}
