// The extension activates without errors, and every command its manifest contributes is
// registered. The list comes from the manifest itself, so this test grows with package.json.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'auth0-oidc-tools.auth0-oidc-connections';

describe('activation', () => {
  it('finds the extension under development', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not loaded`);
  });

  it('activates without errors', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    await ext.activate();
    assert.equal(ext.isActive, true);
  });

  it('registers every command that package.json contributes', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    await ext.activate();
    const contributed = (
      (ext.packageJSON as { contributes?: { commands?: { command: string }[] } }).contributes?.commands ?? []
    ).map((c) => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((c) => !registered.has(c));
    assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });
});

describe('automation arguments', () => {
  it('Remove Tenant with a domain that is not configured answers false without opening a picker', async () => {
    // Before the fix the command fell through to a quick pick nobody answers: a clean-up hook
    // that removed a tenant an earlier (grepped-out) test never added hung until its timeout.
    const answered = vscode.commands.executeCommand<boolean>('auth0Oidc.removeTenant', {
      domain: 'not-configured.example.com',
      confirmed: true,
    });
    const timedOut = new Promise<'no answer'>((resolve) => setTimeout(() => resolve('no answer'), 5_000));
    const result = await Promise.race([answered, timedOut]);
    if (result === 'no answer') await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.equal(result, false);
  });
});
