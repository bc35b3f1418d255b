// The benchmark's side inside VS Code: loaded as extensionTestsPath by bench/vscode.ts into a fresh
// window of code-server whose extension host has one extension under development, the extension
// (production build) or the minimal fixture. It times its `activate()` (the activation request to
// the promise resolving), and in the window asked to, deploy and test login commands
// against an in-process sandbox, from the command to its result. It prints one line,
// `BENCH_RESULT {json}`, which the harness reads from the workbench's console.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { TestBrowser } from '../../test/sandbox/browser';
import { startSandbox } from '../../test/sandbox';

export const EXTENSION_ID = 'auth0-oidc-tools.auth0-oidc-connections';
export const MINIMAL_ID = 'auth0-oidc-bench.minimal-extension';

export interface HostConfig {
  /** The extension under development in this window, whose activation is timed. */
  readonly which: 'ours' | 'minimal';
  /** First require() its main module and time that alone, to split activation into load and activate(). */
  readonly preload?: boolean;
  /** Also time the deploy and test login commands, this many times each. */
  readonly commandRuns: number;
}

export interface HostResult {
  readonly activation: {
    readonly ours?: number;
    readonly minimal?: number;
    readonly alreadyActive: string[];
    readonly load?: number;
    readonly afterLoad?: number | undefined;
  };
  readonly deployCreate: number[];
  readonly deployUpdate: number[];
  readonly testLogin: number[];
  readonly testLoginAvailable: boolean;
  readonly commands: string[];
  readonly errors: string[];
}

async function timeActivation(id: string, alreadyActive: string[]): Promise<number | undefined> {
  const extension = vscode.extensions.getExtension(id);
  if (!extension) throw new Error(`${id} is not loaded in this window`);
  if (extension.isActive) {
    alreadyActive.push(id);
    return undefined;
  }
  const started = performance.now();
  await extension.activate();
  return performance.now() - started;
}

async function timeCommands(runs: number, result: HostResult): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!folder) throw new Error('no workspace folder is open');
  const sandbox = await startSandbox();
  try {
    const rp = sandbox.rp;
    const providerApp = sandbox.provider.app('Provider App for RP');
    const webApp = rp.app('RP Web App');
    await vscode.commands.executeCommand('auth0Oidc.addTenant', {
      domain: rp.baseUrl,
      label: 'Bench RP',
      clientId: rp.m2m.clientId,
      clientSecret: rp.m2m.clientSecret,
      verify: false,
    });
    const files: vscode.Uri[] = [];
    for (let i = 0; i < runs; i++) {
      files.push(
        await vscode.commands.executeCommand<vscode.Uri>('auth0Oidc.newConnectionFile', {
          name: `bench-deploy-${i}`,
          domain: sandbox.provider.domain,
          clientId: providerApp.clientId,
          clientSecret: providerApp.clientSecret,
          scopes: ['openid', 'profile', 'email'],
          enabledClients: [webApp.clientId],
          folder,
          open: false,
        }),
      );
    }
    for (const file of files) {
      const started = performance.now();
      const outcome = await vscode.commands.executeCommand<{ kind: string } | undefined>('auth0Oidc.deployConnection', {
        file,
        tenant: rp.baseUrl,
      });
      const ms = performance.now() - started;
      if (outcome?.kind !== 'create') throw new Error(`deploy of ${file.path} gave ${JSON.stringify(outcome)}`);
      result.deployCreate.push(ms);
    }
    for (const file of files) {
      const document = await vscode.workspace.openTextDocument(file);
      const body = JSON.parse(document.getText()) as { options: { scope: string } };
      body.options.scope = 'openid profile';
      const edit = new vscode.WorkspaceEdit();
      edit.replace(file, new vscode.Range(0, 0, document.lineCount, 0), `${JSON.stringify(body, undefined, 2)}\n`);
      if (!(await vscode.workspace.applyEdit(edit)) || !(await document.save()))
        throw new Error(`could not change ${file.path}`);
      const started = performance.now();
      const outcome = await vscode.commands.executeCommand<{ kind: string } | undefined>('auth0Oidc.deployConnection', {
        file,
        tenant: rp.baseUrl,
        confirmUpdate: true,
      });
      const ms = performance.now() - started;
      if (outcome?.kind !== 'update') throw new Error(`update of ${file.path} gave ${JSON.stringify(outcome)}`);
      result.deployUpdate.push(ms);
    }
    if (result.testLoginAvailable) {
      for (let i = 0; i < runs; i++) {
        // The TestBrowser stands in for the person's browser; sandbox_login logs Alice in at the
        // provider without the form, so the time excludes typing.
        const browser = new TestBrowser();
        const followed: Promise<unknown>[] = [];
        try {
          const started = performance.now();
          const outcome = await vscode.commands.executeCommand<{ userId?: string } | undefined>('auth0Oidc.testLogin', {
            connectionName: 'bench-deploy-0',
            tenant: rp.baseUrl,
            clientId: webApp.clientId,
            openBrowser: false,
            allowCallbackChange: true,
            timeoutSeconds: 60,
            authorizeParams: { sandbox_login: 'alice@provider.test' },
            onAuthorizeUrl: (url: string) => {
              followed.push(browser.follow(url));
            },
          });
          const ms = performance.now() - started;
          if (!outcome?.userId?.startsWith('auth0-oidc|bench-deploy-0|'))
            throw new Error(`test login gave ${JSON.stringify(outcome)}`);
          result.testLogin.push(ms);
        } finally {
          await Promise.allSettled(followed);
          await browser.close();
          await vscode.commands.executeCommand('workbench.action.closeAllEditors');
        }
      }
    }
    await vscode.commands.executeCommand('auth0Oidc.removeTenant', { domain: rp.baseUrl, confirmed: true });
  } finally {
    await sandbox.close();
  }
}

export async function run(): Promise<void> {
  const config = JSON.parse(readFileSync(path.join(__dirname, 'config.json'), 'utf8')) as HostConfig;
  const alreadyActive: string[] = [];
  const activation: {
    ours?: number;
    minimal?: number;
    alreadyActive: string[];
    load?: number;
    afterLoad?: number | undefined;
  } = {
    alreadyActive,
  };
  const id = config.which === 'ours' ? EXTENSION_ID : MINIMAL_ID;
  if (config.preload) {
    // Node's module cache is per process: activate() below finds the module loaded already.
    const extension = vscode.extensions.getExtension(id)!;
    const main = path.join(extension.extensionPath, String((extension.packageJSON as { main: string }).main));
    const started = performance.now();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(main);
    activation.load = performance.now() - started;
    activation.afterLoad = await timeActivation(id, alreadyActive);
  } else {
    const ms = await timeActivation(id, alreadyActive);
    if (ms !== undefined) activation[config.which] = ms;
  }
  const commands = (await vscode.commands.getCommands(true)).filter((c) => c.startsWith('auth0Oidc.'));
  const result: HostResult = {
    activation,
    deployCreate: [],
    deployUpdate: [],
    testLogin: [],
    testLoginAvailable: commands.includes('auth0Oidc.testLogin'),
    commands,
    errors: [],
  };
  if (config.commandRuns > 0) {
    try {
      await timeCommands(config.commandRuns, result);
    } catch (error) {
      result.errors.push(error instanceof Error ? (error.stack ?? error.message) : String(error));
    }
  }
  console.log(`BENCH_RESULT ${JSON.stringify(result)}`);
}
