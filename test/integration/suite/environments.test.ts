// One connection file, several environments (issue 25.1), in the editor: the file is checked as
// resolved for every environment of auth0-oidc.environments.json, each problem on its keyword
// naming the environment; hover shows a keyword's value in each environment.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, ours, waitFor, workspaceFolder, writeWorkspaceFile } from './helpers';

const EXTENSION_ID = 'auth0-oidc-tools.auth0-oidc-connections';

const connection = `{
  "name": "partner-##ENV##",
  "strategy": "auth0-oidc",
  "options": {
    "client_id": "aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY",
    "client_secret": "##PARTNER_CLIENT_SECRET##",
    "domain": "##PROVIDER_DOMAIN##",
    "scope": "openid profile"
  },
  "enabled_clients": "@@RP_APPS@@"
}
`;

function environmentsText(prodValues: Record<string, unknown>): string {
  return JSON.stringify(
    {
      environments: {
        dev: {
          rpTenant: 'acme-dev.eu.auth0.com',
          providerTenant: 'partner-dev.eu.auth0.com',
          values: { ENV: 'dev', PROVIDER_DOMAIN: 'partner-dev.eu.auth0.com', RP_APPS: ['devApp1'] },
        },
        prod: { rpTenant: 'acme.eu.auth0.com', providerTenant: 'partner.eu.auth0.com', values: prodValues },
      },
    },
    undefined,
    2,
  );
}

describe('editor: one connection file, several environments', () => {
  const folder = (): vscode.Uri => vscode.Uri.joinPath(workspaceFolder(), 'environments-suite');
  let file: vscode.Uri;

  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
    await vscode.workspace.fs.createDirectory(folder());
    file = await writeWorkspaceFile('environments-suite/partner.auth0-oidc.json', connection);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(folder(), { recursive: true });
  });

  it('shows a key missing in prod as an error on its keyword naming prod, and nothing once prod has it', async () => {
    await writeWorkspaceFile(
      'environments-suite/auth0-oidc.environments.json',
      environmentsText({ ENV: 'prod', RP_APPS: ['prodApp1', 'prodApp2'] }),
    );
    const document = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(document);
    const missing = await waitFor('the missing key diagnostic', () =>
      ours(file).find((d) => codeOf(d) === 'environment-key-missing'),
    );
    assert.match(missing.message, /^prod: ##PROVIDER_DOMAIN## has no value/);
    assert.equal(missing.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(document.getText(missing.range), '##PROVIDER_DOMAIN##');
    // The placeholders are filled by the environments: no "placeholder outside a secret" left.
    assert.deepEqual(
      ours(file)
        .filter((d) => d.severity === vscode.DiagnosticSeverity.Error)
        .map(codeOf),
      ['environment-key-missing'],
    );

    await writeWorkspaceFile(
      'environments-suite/auth0-oidc.environments.json',
      environmentsText({ ENV: 'prod', PROVIDER_DOMAIN: 'partner.eu.auth0.com', RP_APPS: ['prodApp1'] }),
    );
    await waitFor('no error once prod has the key', () =>
      ours(file).every((d) => d.severity !== vscode.DiagnosticSeverity.Error) ? true : undefined,
    );
  });

  it('shows a value Auth0 would reject in one environment on the keyword, naming it', async () => {
    await writeWorkspaceFile(
      'environments-suite/auth0-oidc.environments.json',
      environmentsText({ ENV: 'prod', PROVIDER_DOMAIN: 'https://partner.eu.auth0.com/', RP_APPS: [] }),
    );
    const document = await vscode.workspace.openTextDocument(file);
    const wrong = await waitFor('the domain diagnostic of prod', () =>
      ours(file).find((d) => d.severity === vscode.DiagnosticSeverity.Error && /^prod: /.test(d.message)),
    );
    assert.equal(document.getText(wrong.range), '"##PROVIDER_DOMAIN##"');
  });

  it('hovers a keyword with its value in each environment', async () => {
    await writeWorkspaceFile(
      'environments-suite/auth0-oidc.environments.json',
      environmentsText({ ENV: 'prod', PROVIDER_DOMAIN: 'partner.eu.auth0.com', RP_APPS: ['prodApp1'] }),
    );
    const document = await vscode.workspace.openTextDocument(file);
    const at = document.positionAt(document.getText().indexOf('@@RP_APPS@@') + 3);
    const text = await waitFor('the keyword hover', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', file, at);
      const all = hovers
        .flatMap((h) => h.contents)
        .map((c) => (typeof c === 'string' ? c : c.value))
        .join('\n');
      return all.includes('prodApp1') ? all : undefined;
    });
    assert.match(text, /dev: `\["devApp1"\]`/);
    assert.match(text, /prod: `\["prodApp1"\]`/);
  });
});
