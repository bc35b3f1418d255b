// How every command ends on a thrown error (src/vscode/errors.ts showError, used by the command
// wrapper in src/commands.ts): one user-facing type shown as a warning, one cancellation type kept quiet.
import * as assert from 'node:assert/strict';
import { fake, installFakeVscode } from '../reliability/fakeVscode';

installFakeVscode();
/* eslint-disable @typescript-eslint/no-require-imports -- loaded after the fake vscode is installed */
const { showError, UserFacingError, AlreadyShownError } =
  require('../../../src/vscode/errors') as typeof import('../../../src/vscode/errors');
const { InputCancelled } =
  require('../../../src/vscode/multiStepInput') as typeof import('../../../src/vscode/multiStepInput');
const { CancelledError } = require('../../../src/auth0/errors') as typeof import('../../../src/auth0/errors');
const { Log } = require('../../../src/vscode/log') as typeof import('../../../src/vscode/log');
/* eslint-enable @typescript-eslint/no-require-imports */

describe("showError (the command wrapper's handling of a thrown error)", () => {
  beforeEach(() => {
    fake.warnings.length = 0;
    fake.lines.length = 0;
  });

  it('shows a UserFacingError as a warning, its words as they are, with a known secret redacted', () => {
    const log = new Log();
    log.redactor.add('s3cret-value-123');
    showError(
      log,
      'Command x failed',
      new UserFacingError('partner.json has 2 error(s); fix them first. s3cret-value-123'),
    );
    assert.deepEqual(fake.warnings, ['partner.json has 2 error(s); fix them first. ••••']);
    assert.ok(!fake.lines.some((l) => l.startsWith('error')), 'a refusal is not logged as an error');
  });

  it("keeps every cancellation quiet: Escape in an input, the client's CancelledError, an AbortError", () => {
    const log = new Log();
    const abort = new Error('aborted');
    abort.name = 'AbortError';
    for (const error of [new InputCancelled(), new CancelledError(), abort]) showError(log, 'Command x failed', error);
    assert.deepEqual(fake.warnings, []);
    assert.equal(fake.lines.filter((l) => l.includes('cancelled')).length, 3);
  });

  it('only logs an error the progress already showed with Retry, when the person did not retry', () => {
    const log = new Log();
    showError(log, 'Command x failed', new AlreadyShownError(new Error('tenant.example did not answer within 30 s')));
    assert.deepEqual(fake.warnings, []);
    assert.ok(fake.lines.some((l) => l.startsWith('error') && l.includes('did not answer')));
  });
});
