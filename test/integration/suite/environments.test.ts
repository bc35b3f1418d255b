// One connection file, several environments (issue 25.1), in the editor: the file is checked as
// resolved for every environment of auth0-oidc.environments.json, each problem on its keyword
// naming the environment; hover shows a keyword's value in each environment.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { oidcKeywordConnectionText } from '../../fixtures/keywordConnections';
import type { Trees } from '../../../src/tree';
import { startSandbox, type Sandbox } from '../../sandbox';
import {
  addSandboxTenant,
  codeOf,
  ours,
  testLoginInTestBrowser,
  waitFor,
  workspaceFolder,
  writeWorkspaceFile,
} from './helpers';

const EXTENSION_ID = 'auth0-oidc-tools.auth0-oidc-connections';

/**
 * Runs a command that asks which environment with a quick pick, and answers it as a user who
 * presses Enter: the first item (the environments file's first environment). Enter goes to the
 * workbench until the command is done; without a quick pick open it does nothing.
 */
async function answeringWithEnter<T>(run: Thenable<T>): Promise<T> {
  let settled = false;
  const result = Promise.resolve(run).finally(() => (settled = true));
  await waitFor(
    'the command to ask and go on',
    async () => {
      if (!settled) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      return settled || undefined;
    },
    60_000,
  );
  return result;
}

/** Runs a command that must not ask: a quick pick still open after 15 s fails the test. */
async function withoutQuestions<T>(run: Thenable<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const asked = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      void vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      reject(new Error('the command stopped at a question'));
    }, 15_000);
  });
  try {
    return await Promise.race([run, asked]);
  } finally {
    clearTimeout(timer);
  }
}

/** The Connection Files view, shown (its checks with a tenant run only while it is visible). */
async function connectionFilesView(): Promise<Trees['connectionFilesTree']> {
  const trees = await vscode.extensions.getExtension<Trees>(EXTENSION_ID)!.activate();
  await vscode.commands.executeCommand('auth0Oidc.connectionFiles.focus');
  return trees.connectionFilesTree;
}

/** What the view shows for a file: its description, and each child's label, description and contextValue. */
async function fileInView(uri: vscode.Uri): Promise<{ description: string; children: string[] }> {
  const files = await connectionFilesView();
  const node = await files.node(uri);
  if (!node) return { description: '', children: [] };
  const description = String((await files.getTreeItem(node)).description ?? '');
  const children = await Promise.all(
    (await files.getChildren(node)).map(async (child) => {
      const item = await files.getTreeItem(child);
      const label = typeof item.label === 'object' ? item.label.label : item.label;
      return `${label}: ${String(item.description ?? '')} [${item.contextValue}]`;
    }),
  );
  return { description, children };
}

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

  it('shows the file in the Connection Files view per environment, not its keywords as errors', async () => {
    await writeWorkspaceFile(
      'environments-suite/auth0-oidc.environments.json',
      environmentsText({ ENV: 'prod', RP_APPS: ['prodApp1'] }),
    );
    // dev resolves to a valid file never deployed; prod has no PROVIDER_DOMAIN.
    const shown = await waitFor('the file per environment', async () => {
      const view = await fileInView(file);
      return view.description === 'dev not deployed · prod ✗ 1 error(s)' && view;
    });
    assert.equal(shown.children.length, 2);
    assert.equal(shown.children[0], 'dev: not deployed [environmentState.notDeployed]');
    assert.equal(shown.children[1], 'prod: 1 error(s) [environmentState.errors]');
    // Leave prod whole again, as the test before did.
    await writeWorkspaceFile(
      'environments-suite/auth0-oidc.environments.json',
      environmentsText({ ENV: 'prod', PROVIDER_DOMAIN: 'partner.eu.auth0.com', RP_APPS: ['prodApp1'] }),
    );
    await waitFor('no error once prod has the key', () =>
      ours(file).every((d) => d.severity !== vscode.DiagnosticSeverity.Error) ? true : undefined,
    );
  });

  it('shows an oidc keyword file (what Move to OIDC writes) per environment, by the oidc rules', async () => {
    const oidcFile = await writeWorkspaceFile(
      'environments-suite/partner.oidc-connection.json',
      oidcKeywordConnectionText('partner-oidc-##ENV##', 'aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY'),
    );
    try {
      // prod's values point the provider URLs at dev's provider tenant: an error in prod only.
      await writeWorkspaceFile(
        'environments-suite/auth0-oidc.environments.json',
        environmentsText({ ENV: 'prod', PROVIDER_DOMAIN: 'partner-dev.eu.auth0.com', RP_APPS: ['prodApp1'] }),
      );
      const document = await vscode.workspace.openTextDocument(oidcFile);
      await vscode.window.showTextDocument(document);
      const mismatch = await waitFor('the provider mismatch in prod', () =>
        ours(oidcFile).find((d) => codeOf(d) === 'environment-provider-mismatch'),
      );
      assert.match(mismatch.message, /^prod: /);
      assert.deepEqual(
        ours(oidcFile)
          .filter((d) => d.severity === vscode.DiagnosticSeverity.Error)
          .map(codeOf),
        ['environment-provider-mismatch'],
        'the keywords in the URLs and in token_endpoint are filled, not errors',
      );
      const shown = await waitFor('the oidc file per environment', async () => {
        const view = await fileInView(oidcFile);
        return view.description === 'dev not deployed · prod ✗ 1 error(s)' && view;
      });
      assert.deepEqual(shown.children, [
        'dev: not deployed [environmentState.notDeployed]',
        'prod: 1 error(s) [environmentState.errors]',
      ]);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      await vscode.workspace.fs.delete(oidcFile);
      await writeWorkspaceFile(
        'environments-suite/auth0-oidc.environments.json',
        environmentsText({ ENV: 'prod', PROVIDER_DOMAIN: 'partner.eu.auth0.com', RP_APPS: ['prodApp1'] }),
      );
    }
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

  it("offers the quick fixes of the file as written, never one that would edit a keyword's value", async () => {
    await writeWorkspaceFile(
      'environments-suite/auth0-oidc.environments.json',
      environmentsText({ ENV: 'prod x', PROVIDER_DOMAIN: 'https://partner.eu.auth0.com/', RP_APPS: ['prodApp1'] }),
    );
    const fixes = await writeWorkspaceFile(
      'environments-suite/fixes.auth0-oidc.json',
      connection
        .replace('"scope": "openid profile"', '"scope": "profile"')
        .replace('"@@RP_APPS@@"', '"@@RP_APPS@@",\n  "display": "Partner"'),
    );
    const document = await vscode.workspace.openTextDocument(fixes);
    const byCode = await waitFor('the diagnostics of the file as written and of prod', () => {
      const all = ours(fixes);
      const found = {
        scope: all.find((d) => codeOf(d) === 'scope-missing-openid'),
        unknown: all.find((d) => codeOf(d) === 'unknown-property'),
        domain: all.find((d) => /^prod: /.test(d.message) && document.getText(d.range).includes('##PROVIDER_DOMAIN##')),
        // "partner-prod x": a name Auth0 refuses, made so by prod's value (the schema sees a keyword).
        name: all.find((d) => codeOf(d) === 'name-invalid' && /^prod: /.test(d.message)),
      };
      return found.scope && found.unknown && found.domain && found.name
        ? { scope: found.scope, unknown: found.unknown, domain: found.domain, name: found.name }
        : undefined;
    });
    // Actions that come back through executeCodeActionProvider do not carry their diagnostics:
    // each fix is recognised by its title.
    const titles = async (d: vscode.Diagnostic): Promise<string[]> =>
      (
        await vscode.commands.executeCommand<vscode.CodeAction[]>(
          'vscode.executeCodeActionProvider',
          fixes,
          d.range,
          vscode.CodeActionKind.QuickFix.value,
        )
      ).map((a) => a.title);
    assert.ok(
      (await titles(byCode.scope)).some((t) => /openid/.test(t)),
      'a fix adds openid to the scope',
    );
    assert.ok((await titles(byCode.unknown)).includes('Remove "display"'), 'a fix removes the unknown property');
    const onDomain = await titles(byCode.domain);
    assert.ok(
      !onDomain.some((t) => /host|domain/i.test(t)),
      `prod's domain comes from a keyword: no edit of the file fixes it (${onDomain.join(' | ')})`,
    );
    assert.equal(document.getText(byCode.name.range), '"partner-##ENV##"');
    const onName = await titles(byCode.name);
    assert.ok(!onName.some((t) => /^Rename/.test(t)), `no rename of the keyword (${onName.join(' | ')})`);
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

describe('deploy one connection file to two environments of the sandbox', function () {
  this.timeout(90_000);
  let sandbox: Sandbox;
  let file: vscode.Uri;
  const folder = (): vscode.Uri => vscode.Uri.joinPath(workspaceFolder(), 'environments-deploy');

  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
    sandbox = await startSandbox();
    await addSandboxTenant(sandbox.rp, 'Sandbox RP (environments)');
    await addSandboxTenant(sandbox.provider, 'Sandbox Provider (environments)');
    await vscode.workspace.fs.createDirectory(folder());
    const values = (env: string, apps: string[]): Record<string, unknown> => ({
      ENV: env,
      PROVIDER_CLIENT_ID: sandbox.provider.app('Provider App for RP').clientId,
      PROVIDER_DOMAIN: sandbox.provider.domain,
      RP_APPS: apps,
    });
    // The sandbox's tenants under two names, each environment with values of its own.
    await writeWorkspaceFile(
      'environments-deploy/auth0-oidc.environments.json',
      JSON.stringify({
        environments: {
          dev: {
            rpTenant: sandbox.rp.domain,
            providerTenant: sandbox.provider.domain,
            values: values('dev', [sandbox.rp.app('RP Web App').clientId]),
          },
          prod: {
            rpTenant: sandbox.rp.domain,
            providerTenant: sandbox.provider.domain,
            values: values('prod', [sandbox.rp.app('RP Web App').clientId, sandbox.rp.app('RP SPA').clientId]),
          },
        },
      }),
    );
    file = await writeWorkspaceFile(
      'environments-deploy/partner.auth0-oidc.json',
      JSON.stringify(
        {
          name: 'env-suite-##ENV##',
          strategy: 'auth0-oidc',
          options: {
            client_id: '##PROVIDER_CLIENT_ID##',
            client_secret: '##ENV_SUITE_SECRET##',
            domain: '##PROVIDER_DOMAIN##',
            scope: 'openid profile',
          },
          enabled_clients: '@@RP_APPS@@',
        },
        undefined,
        2,
      ),
    );
    // CodeLenses are asked of an open document.
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file));
    await waitFor('the environments file read', async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', file);
      return lenses.some((l) => l.command?.command === 'auth0Oidc.deployToEnvironment') ? true : undefined;
    });
  });

  after(async () => {
    await vscode.commands.executeCommand('auth0Oidc.removeTenant', { domain: sandbox?.rp.baseUrl, confirmed: true });
    await vscode.commands.executeCommand('auth0Oidc.removeTenant', {
      domain: sandbox?.provider.baseUrl,
      confirmed: true,
    });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(folder(), { recursive: true });
    await sandbox?.close();
  });

  const remote = (name: string): any => [...sandbox.rp.state.connections.values()].find((c: any) => c.name === name);

  it('offers Deploy to dev · prod and Deploy to All above the file', async () => {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', file);
    const titles = lenses
      .filter((l) => l.command?.command.startsWith('auth0Oidc.deployTo'))
      .map((l) => l.command!.title);
    assert.deepEqual(titles, ['Deploy to dev', '· prod', 'Deploy to All']);
  });

  it('deploys one environment from its node in the Connection Files view: that one only, no picker', async () => {
    await vscode.commands.executeCommand('auth0Oidc.setStoredSecret', {
      file,
      environment: 'dev',
      value: sandbox.provider.app('Provider App for RP').clientSecret,
    });
    await waitFor('neither environment deployed', async () =>
      (await fileInView(file)).description === 'dev not deployed · prod not deployed' ? true : undefined,
    );
    const files = await connectionFilesView();
    const dev = (await files.getChildren(await files.node(file))).find((c) => c.environment === 'dev');
    assert.ok(dev, 'the dev node');
    // A view's context menu passes the node, then the selection.
    const outcome = await vscode.commands.executeCommand<{ kind: string } | undefined>(
      'auth0Oidc.deployToEnvironment',
      dev,
      [dev],
    );
    assert.equal(outcome?.kind, 'create');
    assert.ok(remote('env-suite-dev'), 'dev was created');
    assert.equal(remote('env-suite-prod'), undefined, 'prod was not');
    // Both go to the same tenant: prod is not taken for deployed because dev was.
    await waitFor('dev in sync, prod not deployed', async () =>
      (await fileInView(file)).description === 'dev ✓ in sync · prod not deployed' ? true : undefined,
    );
  });

  it("stores each environment's secret apart and deploys each environment's values to its tenant", async () => {
    const secret = sandbox.provider.app('Provider App for RP').clientSecret;
    for (const environment of ['dev', 'prod'])
      await vscode.commands.executeCommand('auth0Oidc.setStoredSecret', { file, environment, value: secret });
    const result = await vscode.commands.executeCommand<{ deployed: string[]; stoppedAt?: string }>(
      'auth0Oidc.deployToAllEnvironments',
      file,
    );
    assert.deepEqual(result, { deployed: ['dev', 'prod'] });
    assert.deepEqual(remote('env-suite-dev')?.enabled_clients, [sandbox.rp.app('RP Web App').clientId]);
    assert.deepEqual(
      [...remote('env-suite-prod')!.enabled_clients].sort(),
      [sandbox.rp.app('RP Web App').clientId, sandbox.rp.app('RP SPA').clientId].sort(),
    );
    assert.equal(remote('env-suite-prod')?.options.client_secret, secret);
    assert.equal(remote('env-suite-dev')?.options.domain, sandbox.provider.domain);
  });

  it('shows each environment in sync in the Connection Files view, each compared with its own deploy', async () => {
    const shown = await waitFor('both environments in sync', async () => {
      const view = await fileInView(file);
      return view.description === 'dev ✓ in sync · prod ✓ in sync' && view;
    });
    assert.equal(shown.children.length, 2);
    assert.match(
      shown.children[0] ?? '',
      /^dev: in sync · Sandbox RP \(environments\)[^[]* \[environmentState\.inSync\]$/,
    );
    assert.match(
      shown.children[1] ?? '',
      /^prod: in sync · Sandbox RP \(environments\)[^[]* \[environmentState\.inSync\]$/,
    );
  });

  it('runs Test Login on the active environment: its connection on its RP tenant, no picker', async () => {
    const webApp = sandbox.rp.app('RP Web App').clientId;
    for (const environment of ['prod', 'dev']) {
      assert.equal(await vscode.commands.executeCommand('auth0Oidc.pickEnvironment', environment), environment);
      const { result, pages } = await testLoginInTestBrowser<{ userId?: string }>({ file, clientId: webApp });
      assert.match(result?.userId ?? pages.join('\n'), new RegExp(`^auth0-oidc\\|env-suite-${environment}\\|`));
    }
  });

  it('asks which environment when none is active, acts on the one picked and remembers it', async () => {
    const webApp = sandbox.rp.app('RP Web App').clientId;
    // An environment the file does not have: none of its environments is active.
    const noActive = (): Thenable<unknown> => vscode.commands.executeCommand('auth0Oidc.pickEnvironment', 'none-such');

    await noActive();
    const link = await answeringWithEnter(
      vscode.commands.executeCommand<{ connection: string; url: string } | undefined>('auth0Oidc.openAuthorizeLink', {
        file,
        clientId: webApp,
        redirectUri: 'https://jwt.io',
        openBrowser: false,
      }),
    );
    assert.equal(link?.connection, 'env-suite-dev', 'the link is for dev, the environment picked');
    assert.equal(new URL(link.url).origin, sandbox.rp.baseUrl);
    // dev is active now: asked once, not again.
    const again = await withoutQuestions(
      vscode.commands.executeCommand<{ connection: string } | undefined>('auth0Oidc.openAuthorizeLink', {
        file,
        clientId: webApp,
        redirectUri: 'https://jwt.io',
        openBrowser: false,
      }),
    );
    assert.equal(again?.connection, 'env-suite-dev');

    await noActive();
    const check = await answeringWithEnter(
      vscode.commands.executeCommand<{ expectedCallbacks: string[] } | undefined>('auth0Oidc.checkProvider', {
        file,
      }),
    );
    assert.ok(check, 'the check ran on the environment picked');
    assert.ok(check.expectedCallbacks.some((c) => c.includes(sandbox.rp.domain)));

    await noActive();
    const { result, pages } = await answeringWithEnter(
      testLoginInTestBrowser<{ userId?: string }>({ file, clientId: webApp }),
    );
    assert.match(result?.userId ?? pages.join('\n'), /^auth0-oidc\|env-suite-dev\|/);
  });

  it("checks the provider application with the environment's values and its RP tenant's callback", async () => {
    const outcome = await vscode.commands.executeCommand<{ expectedCallbacks: string[] }>('auth0Oidc.checkProvider', {
      file,
      environment: 'prod',
    });
    assert.ok(outcome, 'the check ran on the file as prod resolves it');
    assert.ok(
      outcome.expectedCallbacks.some((c) => c.includes(sandbox.rp.domain)),
      `the RP tenant's callback is expected: ${outcome.expectedCallbacks.join(', ')}`,
    );
  });

  it("remembers each environment's provider check apart, shown on the keyword naming it", async () => {
    // dev checked for an RP whose callback the provider application does not list: it fails there.
    const dev = await vscode.commands.executeCommand<{ results: { id: string; status: string }[] }>(
      'auth0Oidc.checkProvider',
      { file, environment: 'dev', rpDomain: 'rp-elsewhere.example.invalid' },
    );
    assert.deepEqual(
      dev?.results.find((r) => r.id === 'callback')?.status,
      'fail',
      'the callback of an RP it does not know',
    );
    const document = await vscode.workspace.openTextDocument(file);
    const finding = await waitFor("dev's finding in the file", () =>
      ours(file).find((d) => codeOf(d) === 'provider-callback-missing'),
    );
    assert.match(finding.message, /^dev: Provider check: /);
    assert.equal(document.getText(finding.range), '"##PROVIDER_CLIENT_ID##"');
    // prod's check, on its own RP, does not replace dev's.
    await vscode.commands.executeCommand('auth0Oidc.checkProvider', { file, environment: 'prod' });
    const callbacks = ours(file).filter((d) => codeOf(d) === 'provider-callback-missing');
    assert.deepEqual(
      callbacks.map((d) => d.message.split(':')[0]),
      ['dev'],
    );
  });

  it('stops at the first environment that fails and says which went through', async () => {
    // prod's secret is replaced by one bound to another application: prod refuses, dev goes on.
    const document = await vscode.workspace.openTextDocument(file);
    const text = document.getText();
    await writeWorkspaceFile(
      'environments-deploy/partner.auth0-oidc.json',
      text.replace('"name": "env-suite-##ENV##"', '"name": "env-suite-two-##ENV##"'),
    );
    const environmentsUri = vscode.Uri.joinPath(folder(), 'auth0-oidc.environments.json');
    const environments = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(environmentsUri)));
    delete environments.environments.prod.values.PROVIDER_DOMAIN;
    await vscode.workspace.fs.writeFile(environmentsUri, new TextEncoder().encode(JSON.stringify(environments)));
    await waitFor('prod without its domain', () => {
      const diagnostics = ours(file);
      return diagnostics.some((d) => codeOf(d) === 'environment-key-missing') ? true : undefined;
    });
    const result = await vscode.commands.executeCommand<{ deployed: string[]; stoppedAt?: string }>(
      'auth0Oidc.deployToAllEnvironments',
      file,
    );
    assert.deepEqual(result, { deployed: ['dev'], stoppedAt: 'prod' });
    assert.ok(remote('env-suite-two-dev'));
    assert.equal(remote('env-suite-two-prod'), undefined);
    await waitFor('dev in sync, prod with its error', async () =>
      (await fileInView(file)).description === 'dev ✓ in sync · prod ✗ 1 error(s)' ? true : undefined,
    );
  });
});
