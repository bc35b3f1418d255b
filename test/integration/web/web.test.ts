// The extension in the browser's web worker extension host (issue 26): it really runs there (no
// Node), and the editor features work: diagnostics of a broken file, a quick fix, Decode Token, the
// authorize link built from typed values. A worker has no node:assert and no test/pollUntil (it
// reads process.env): the few checks and the polling with a deadline are here.
import * as vscode from 'vscode';

const EXTENSION_ID = 'auth0-oidc-tools.auth0-oidc-connections';

function ok(value: unknown, message: string): asserts value {
  if (!value) throw new Error(message);
}

function equal(actual: unknown, expected: unknown, what: string): void {
  if (actual !== expected) throw new Error(`${what}: expected ${String(expected)}, got ${String(actual)}`);
}

/** Polls `probe` every 50 ms until it gives a value; throws after `timeoutMs`. */
async function waitFor<T>(
  what: string,
  probe: () => T | undefined | false | Thenable<T | undefined | false>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function codeOf(d: vscode.Diagnostic): string | undefined {
  const code = typeof d.code === 'object' ? d.code.value : d.code;
  return code === undefined ? undefined : String(code);
}

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'auth0-oidc');
}

async function writeWorkspaceFile(name: string, text: string): Promise<vscode.Uri> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  ok(folder, 'the runner opens a workspace folder');
  const uri = vscode.Uri.joinPath(folder.uri, name);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return uri;
}

const broken = `{
  "name": "partner",
  "strategy": "auth0-oidc",
  "options": {
    "client_id": "aB3dE5fG7hJ9kL1m",
    "client_secret": "##PARTNER_CLIENT_SECRET##",
    "domain": "https://partner.eu.auth0.com/",
    "scope": "profile email"
  },
  "foo": 1
}
`;

describe('web worker extension host', () => {
  before(async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    ok(extension, `${EXTENSION_ID} is loaded`);
    await extension.activate();
  });

  it('runs the suite and the extension in a web worker, without Node', () => {
    equal(typeof process, 'undefined', 'typeof process');
    equal(typeof (globalThis as { Buffer?: unknown }).Buffer, 'undefined', 'typeof Buffer');
    // A dedicated worker's global scope: what the browser's extension host runs in.
    equal(typeof (globalThis as { importScripts?: unknown }).importScripts, 'function', 'typeof importScripts');
    const extension = vscode.extensions.getExtension<{ connectionFilesTree?: unknown }>(EXTENSION_ID);
    ok(extension?.isActive, 'the extension is active');
    // Where the UI runs (the browser), not in the remote Node host; and its API object is reachable,
    // which it is only from the same extension host.
    equal(extension.extensionKind, vscode.ExtensionKind.UI, 'the extension kind');
    ok(extension.exports?.connectionFilesTree, "the extension's own API (activate()'s return) in this host");
  });

  it("shows the extension's own diagnostics of a broken file", async () => {
    const uri = await writeWorkspaceFile('broken.auth0-oidc.json', broken);
    await vscode.window.showTextDocument(uri);
    const expected = ['domain-not-bare-host', 'scope-missing-openid', 'unknown-property', 'strategy-deprecated'];
    const found = await waitFor('our diagnostics', () => {
      const diagnostics = ours(uri);
      return expected.every((code) => diagnostics.some((d) => codeOf(d) === code)) ? diagnostics : undefined;
    });
    const domain = found.find((d) => codeOf(d) === 'domain-not-bare-host')!;
    equal(domain.severity, vscode.DiagnosticSeverity.Error, 'the domain diagnostic is an error');
    equal(domain.range.start.line, 6, 'the domain diagnostic is on the domain line');
  });

  it('applies a quick fix, which removes its diagnostic', async () => {
    const uri = await writeWorkspaceFile('fix.auth0-oidc.json', broken);
    const editor = await vscode.window.showTextDocument(uri);
    const diagnostic = await waitFor('the domain diagnostic', () =>
      ours(uri).find((d) => codeOf(d) === 'domain-not-bare-host'),
    );
    // The workbench asks for fixes with the markers it holds, which reach it from this worker a
    // moment after getDiagnostics() here shows them: ask until the fix is offered.
    let titles: string[] = [];
    const action = await waitFor('a quick fix for the domain', async () => {
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        uri,
        diagnostic.range,
        vscode.CodeActionKind.QuickFix.value,
      );
      titles = actions.map((a) => a.title);
      return actions.find((a) => /bare host/.test(a.title));
    }).catch((error: unknown) => {
      throw new Error(`${error instanceof Error ? error.message : String(error)}; offered: ${titles.join(' | ')}`);
    });
    // As the in-host suite does: a fix is an edit, a command, or both.
    if (action.edit) ok(await vscode.workspace.applyEdit(action.edit), 'the edit applies');
    if (action.command)
      await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
    await waitFor('the diagnostic to go away', () => !ours(uri).some((d) => codeOf(d) === 'domain-not-bare-host'));
    const body = JSON.parse(editor.document.getText()) as { options: { domain: string } };
    equal(body.options.domain, 'partner.eu.auth0.com', 'the fixed domain');
  });

  it('decodes a pasted token into the view, never putting the raw token into its HTML', async () => {
    const b64 = (value: object): string =>
      btoa(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    const canary = 'CANARY-web-sig-never-in-html-5c1';
    const now = Math.floor(Date.now() / 1000);
    const token = `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64({ iss: 'https://x.example/', aud: 'A', sub: 'auth0-oidc|partner|auth0|563b9b6cf50bc24402a69b80', exp: now + 600, iat: now })}.${canary}`;
    const result = await vscode.commands.executeCommand<
      { user?: { kind: string; providerUserIdFull: string }; html: string } | undefined
    >('auth0Oidc.decodeToken', { token });
    ok(result, 'Decode Token returns its outcome');
    equal(result.user?.kind, 'auth0-oidc', 'the user id kind');
    equal(result.user?.providerUserIdFull, 'auth0|563b9b6cf50bc24402a69b80', 'the provider user id');
    ok(result.html.includes("default-src 'none'"), 'the view has the strict CSP');
    ok(!result.html.includes(canary), 'no raw token in the HTML');
  });

  it('builds the authorize link from the file and typed values, without a tenant', async () => {
    const uri = await writeWorkspaceFile('link.auth0-oidc.json', broken);
    const result = await vscode.commands.executeCommand<
      { url: string; parameters: { name: string; meaning: string }[] } | undefined
    >('auth0Oidc.openAuthorizeLink', {
      file: uri,
      tenant: 'acme.eu.auth0.com',
      clientId: 'rpWebApp1',
      redirectUri: 'https://jwt.io',
    });
    ok(result, 'Open Authorize Link returns the link');
    const url = new URL(result.url);
    equal(`${url.origin}${url.pathname}`, 'https://acme.eu.auth0.com/authorize', 'the authorize endpoint');
    equal(url.searchParams.get('connection'), 'partner', 'the connection, from the file');
    equal(url.searchParams.get('client_id'), 'rpWebApp1', 'the client id');
    equal(url.searchParams.get('redirect_uri'), 'https://jwt.io', 'the redirect URI');
    ok(/^[A-Za-z0-9_-]{32}$/.test(url.searchParams.get('state') ?? ''), 'a random state from Web Crypto');
    ok(
      result.parameters.some((p) => p.name === 'connection'),
      'each parameter explained',
    );
  });
});
