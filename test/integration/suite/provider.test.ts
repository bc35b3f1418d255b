// Provider check and the move to `oidc` inside a real VS Code against the in-process sandbox: the
// misconfigured provider application is reported item by item (also as diagnostics in the file),
// each fix is applied from VS Code (argument objects instead of modal answers), then the check
// passes; without access the same checklist comes back for manual work; the converted file is
// accepted by its schema.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startSandbox, type Sandbox } from '../../sandbox';
import { addSandboxTenants, codeOf, ours, removeSandboxTenants, waitFor, writeWorkspaceFile } from './helpers';

interface Outcome {
  strategy: string;
  results: {
    id: string;
    status: 'pass' | 'fail' | 'unknown' | 'info';
    actual: string;
    expected: string;
    where: string;
  }[];
  passed: boolean;
  verified: boolean;
  expectedCallbacks: string[];
  fixed: string[];
  notes: string[];
}

const PROVIDER_CODES = [
  'provider-app-type',
  'provider-callback-missing',
  'provider-oidc-conformant',
  'provider-legacy-profile',
];

describe('provider check and move to oidc against the sandbox', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let file: vscode.Uri;
  let misconfiguredId: string;

  before(async () => {
    sandbox = await startSandbox();
    const { provider } = sandbox;
    await addSandboxTenants(sandbox, 'Sandbox Provider', 'Sandbox RP');
    misconfiguredId = provider.app('Provider App Misconfigured').clientId;
    // Make every requirement fail: the seeded app has a wrong callback and OIDC-conformant on.
    provider.state.clients.get(misconfiguredId)!.app_type = 'spa';
    provider.state.tenantSettings.flags = { ...provider.state.tenantSettings.flags, enable_legacy_profile: false };
    const body = {
      name: 'provider-suite',
      strategy: 'auth0-oidc',
      options: {
        client_id: misconfiguredId,
        client_secret: '##PROVIDER_SUITE_CLIENT_SECRET##',
        domain: provider.domain,
        scope: 'openid profile',
      },
    };
    file = await writeWorkspaceFile('provider-suite.auth0-oidc.json', JSON.stringify(body, undefined, 2) + '\n');
    await vscode.window.showTextDocument(file);
  });

  after(() => removeSandboxTenants(sandbox));

  const status = (outcome: Outcome | undefined): string[][] => (outcome?.results ?? []).map((r) => [r.id, r.status]);
  const providerCodes = (): string[] =>
    ours(file)
      .map(codeOf)
      .filter((c): c is string => c !== undefined && PROVIDER_CODES.includes(c))
      .sort();

  it("reports the misconfigured application item by item, and in the file's diagnostics", async () => {
    const outcome = await vscode.commands.executeCommand<Outcome>('auth0Oidc.checkProvider', {
      file,
      rpDomain: sandbox.rp.baseUrl,
    });
    assert.deepEqual(status(outcome), [
      ['app-type', 'fail'],
      ['callback', 'fail'],
      ['oidc-conformant', 'fail'],
      ['legacy-profile', 'fail'],
    ]);
    assert.ok(outcome.verified);
    assert.deepEqual(outcome.expectedCallbacks, [`${sandbox.rp.baseUrl}/login/callback`]);
    assert.match(outcome.results[1]!.actual, /rp\.example\.invalid/);
    await waitFor('the four provider diagnostics', () => providerCodes().length === 4);
    const callback = ours(file).find((d) => codeOf(d) === 'provider-callback-missing')!;
    assert.match(callback.message, /does not list this tenant's callback/);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      file,
      callback.range,
    );
    assert.ok(
      actions.some((a) => a.command?.command === 'auth0Oidc.checkProvider'),
      'a quick fix runs the check',
    );
  });

  it('titles the report tab after the file without its .json (issue 13: tabs read "….json.md")', async () => {
    await vscode.commands.executeCommand('auth0Oidc.checkProvider', { file, rpDomain: sandbox.rp.baseUrl, show: true });
    const label = await waitFor('the report tab', () =>
      vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .map((t) => t.label)
        .find((l) => l.includes('Provider check')),
    );
    assert.match(label, /Provider check - provider-suite\.auth0-oidc\b/);
    assert.ok(!label.includes('.json'), label);
  });

  it('checks from a connection on the RP tenant, as its tree node does, with that tenant as the RP', async () => {
    // The shape a tenants-tree connection node has: the connection as the tenant returned it, and its tenant.
    const node = {
      connection: {
        id: 'con_x',
        name: 'from-tree',
        strategy: 'auth0-oidc',
        options: { client_id: misconfiguredId, domain: sandbox.provider.domain },
      },
      tenant: { origin: sandbox.rp.baseUrl },
    };
    const outcome = await vscode.commands.executeCommand<Outcome>('auth0Oidc.checkProvider', node);
    assert.ok(outcome?.verified);
    assert.deepEqual(outcome.expectedCallbacks, [`${sandbox.rp.baseUrl}/login/callback`]);
    assert.deepEqual(
      status(outcome).map(([id]) => id),
      ['app-type', 'callback', 'oidc-conformant', 'legacy-profile'],
    );
    assert.equal(status(outcome).find(([id]) => id === 'callback')?.[1], 'fail');
  });

  it('defaults the RP tenant to the one other configured tenant', async () => {
    const outcome = await vscode.commands.executeCommand<Outcome>('auth0Oidc.checkProvider', { file });
    assert.deepEqual(outcome.expectedCallbacks, [`${sandbox.rp.baseUrl}/login/callback`]);
  });

  const fixes: [string, () => void][] = [
    ['app-type', () => assert.equal(sandbox.provider.state.clients.get(misconfiguredId)!.app_type, 'regular_web')],
    [
      'callback',
      () =>
        assert.deepEqual(sandbox.provider.state.clients.get(misconfiguredId)!.callbacks, [
          'https://rp.example.invalid/login/callback',
          `${sandbox.rp.baseUrl}/login/callback`,
        ]),
    ],
    [
      'oidc-conformant',
      () => assert.equal(sandbox.provider.state.clients.get(misconfiguredId)!.oidc_conformant, false),
    ],
    ['legacy-profile', () => assert.equal(sandbox.provider.state.tenantSettings.flags.enable_legacy_profile, true)],
  ];
  for (const [id, check] of fixes) {
    it(`fixes ${id} from VS Code, and only that`, async () => {
      const before = (
        await vscode.commands.executeCommand<Outcome>('auth0Oidc.checkProvider', { file, rpDomain: sandbox.rp.baseUrl })
      ).results.filter((r) => r.status === 'fail').length;
      const outcome = await vscode.commands.executeCommand<Outcome>('auth0Oidc.checkProvider', {
        file,
        rpDomain: sandbox.rp.baseUrl,
        fix: [id],
      });
      assert.equal(outcome.fixed.length, 1, outcome.notes.join('\n'));
      check();
      assert.equal(outcome.results.find((r) => r.id === id)!.status, 'pass');
      assert.equal(outcome.results.filter((r) => r.status === 'fail').length, before - 1);
    });
  }

  it('then passes, and the provider diagnostics are gone', async () => {
    const outcome = await vscode.commands.executeCommand<Outcome>('auth0Oidc.checkProvider', {
      file,
      rpDomain: sandbox.rp.baseUrl,
    });
    assert.ok(outcome.passed);
    await waitFor('no provider diagnostics', () => providerCodes().length === 0);
  });

  it('without access gives the manual checklist with the exact values', async () => {
    const elsewhere = await writeWorkspaceFile(
      'provider-elsewhere.auth0-oidc.json',
      JSON.stringify(
        {
          name: 'elsewhere',
          strategy: 'auth0-oidc',
          options: { client_id: 'partnerApp123', client_secret: '##ELSEWHERE##', domain: 'partner.example.invalid' },
        },
        undefined,
        2,
      ),
    );
    sandbox.provider.resetRequestLog();
    const outcome = await vscode.commands.executeCommand<Outcome>('auth0Oidc.checkProvider', {
      file: elsewhere,
      rpDomain: 'rp.eu.auth0.com',
      fix: true,
    });
    assert.deepEqual(
      outcome.results.map((r) => r.status),
      ['unknown', 'unknown', 'unknown', 'unknown'],
    );
    assert.ok(!outcome.verified && !outcome.passed);
    assert.deepEqual(outcome.fixed, []);
    assert.match(outcome.notes[0]!, /not configured/);
    const callback = outcome.results.find((r) => r.id === 'callback')!;
    assert.match(callback.expected, /https:\/\/rp\.eu\.auth0\.com\/login\/callback/);
    assert.match(callback.where, /partner\.example\.invalid.*Allowed Callback URLs/);
    assert.equal(sandbox.provider.requestLog.length, 0);
  });

  it('offers the move to oidc on the deprecation notice, and writes a file its schema accepts', async () => {
    const deprecated = await waitFor('the deprecation notice', () =>
      ours(file).find((d) => codeOf(d) === 'strategy-deprecated'),
    );
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      file,
      deprecated.range,
    );
    const move = actions.find((a) => a.command?.command === 'auth0Oidc.moveToOidc');
    assert.ok(move, 'quick fix "Move to an OIDC enterprise connection…"');
    const outcome = await vscode.commands.executeCommand<{ uri: vscode.Uri; body: any }>('auth0Oidc.moveToOidc', {
      file,
      open: false,
      overwrite: true,
    });
    assert.equal(outcome.uri.path.split('/').pop(), 'provider-suite-oidc.oidc-connection.json');
    assert.equal(outcome.body.strategy, 'oidc');
    assert.equal(outcome.body.options.client_secret, '##PROVIDER_SUITE_CLIENT_SECRET##');
    const editor = await vscode.window.showTextDocument(outcome.uri);
    // The JSON language service reports schema violations as warnings, syntax errors as errors.
    const errors = (): vscode.Diagnostic[] =>
      vscode.languages
        .getDiagnostics(outcome.uri)
        .filter(
          (d) => d.severity === vscode.DiagnosticSeverity.Error || d.severity === vscode.DiagnosticSeverity.Warning,
        );
    // First prove the schema is applied: a wrong strategy is an error ...
    const strategy = editor.document.getText().indexOf('"oidc"');
    assert.ok(
      await editor.edit((e) =>
        e.replace(
          new vscode.Range(editor.document.positionAt(strategy), editor.document.positionAt(strategy + 6)),
          '"auth0-oidc"',
        ),
      ),
    );
    await waitFor('the schema to flag the wrong strategy', () => errors().length > 0, 30_000);
    // ... then the converted text has none.
    assert.ok(
      await editor.edit((e) =>
        e.replace(
          new vscode.Range(editor.document.positionAt(strategy), editor.document.positionAt(strategy + 12)),
          '"oidc"',
        ),
      ),
    );
    await waitFor('no errors in the converted file', () => errors().length === 0, 30_000);
    assert.equal(JSON.parse(editor.document.getText()).strategy, 'oidc');
    await editor.document.save();
  });

  it('checks an oidc file by the oidc rules: passes after the migration, offering no fix (issue 20)', async () => {
    const { provider } = sandbox;
    const app = provider.app('Provider App for RP');
    // The provider side after a correct migration: OIDC-conformant on, legacy profile off.
    provider.state.clients.get(app.clientId)!.oidc_conformant = true;
    provider.state.tenantSettings.flags = { ...provider.state.tenantSettings.flags, enable_legacy_profile: false };
    const oidcFile = await writeWorkspaceFile(
      'provider-check.oidc-connection.json',
      JSON.stringify(
        {
          name: 'provider-check-oidc',
          strategy: 'oidc',
          options: {
            type: 'back_channel',
            discovery_url: `${provider.baseUrl}/.well-known/openid-configuration`,
            issuer: `${provider.baseUrl}/`,
            // Auth0 refuses an oidc connection without these two, and so does the editor.
            authorization_endpoint: `${provider.baseUrl}/authorize`,
            jwks_uri: `${provider.baseUrl}/.well-known/jwks.json`,
            client_id: app.clientId,
            client_secret: '##PROVIDER_CHECK_OIDC_CLIENT_SECRET##',
            scope: 'openid profile',
          },
        },
        undefined,
        2,
      ) + '\n',
    );
    await vscode.window.showTextDocument(oidcFile);
    const outcome = await vscode.commands.executeCommand<Outcome>('auth0Oidc.checkProvider', {
      file: oidcFile,
      rpDomain: sandbox.rp.baseUrl,
      fix: true,
    });
    assert.deepEqual(outcome.fixed, [], 'no fix offered or sent');
    assert.ok(outcome.passed && outcome.verified, JSON.stringify(outcome.results));
    assert.equal(outcome.strategy, 'oidc');
    assert.deepEqual(
      outcome.results.filter((r) => r.status === 'info').map((r) => r.id),
      ['oidc-conformant', 'legacy-profile'],
    );
    assert.equal(provider.state.tenantSettings.flags.enable_legacy_profile, false, 'the legacy profile stays off');
    assert.equal(provider.state.clients.get(app.clientId)!.oidc_conformant, true);
    // From the tree: an oidc connection on the RP tenant is checked by the same rules.
    const fromTree = await vscode.commands.executeCommand<Outcome>('auth0Oidc.checkProvider', {
      connection: {
        id: 'con_oidc',
        name: 'provider-check-oidc',
        strategy: 'oidc',
        options: {
          client_id: app.clientId,
          discovery_url: `${provider.baseUrl}/.well-known/openid-configuration`,
          issuer: `${provider.baseUrl}/`,
        },
      },
      tenant: { origin: sandbox.rp.baseUrl },
    });
    assert.equal(fromTree?.strategy, 'oidc');
    assert.ok(fromTree.passed, JSON.stringify(fromTree.results));
    // A missing callback fails, and shows on client_id (the file has no options.domain).
    const kept = provider.state.clients.get(app.clientId)!.callbacks;
    provider.state.clients.get(app.clientId)!.callbacks = [];
    try {
      const failing = await vscode.commands.executeCommand<Outcome>('auth0Oidc.checkProvider', {
        file: oidcFile,
        rpDomain: sandbox.rp.baseUrl,
      });
      assert.deepEqual(
        failing.results.filter((r) => r.status === 'fail').map((r) => r.id),
        ['callback'],
      );
      const diagnostic = await waitFor('the callback diagnostic on the oidc file', () =>
        ours(oidcFile).find((d) => codeOf(d) === 'provider-callback-missing'),
      );
      const document = await vscode.workspace.openTextDocument(oidcFile);
      assert.equal(document.getText(diagnostic.range), JSON.stringify(app.clientId));
    } finally {
      provider.state.clients.get(app.clientId)!.callbacks = kept;
    }
  });
});
