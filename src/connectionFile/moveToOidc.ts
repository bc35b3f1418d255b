import * as vscode from 'vscode';
import { bindingOf } from '../core/connectionFile/placeholders';
import { completeWalkthroughStep } from '../walkthrough/walkthroughContext';
import { UnsafeWriteTargetError, assertSafeWriteTarget, childUri, uriExists } from '../vscode/workspaceFiles';
import { UnsafeFileNameError } from '../core/connectionFile/safeFileName';
import { mdCode, mdText } from '../core/markdownText';
import { connectionFileFromArg, toUri } from '../vscode/connectionFileArg';
import { readConnectionFile } from '../core/connectionFile/readConnectionFile';
import { isAuth0OidcConnectionFileName, providerDomainOf } from '../core/connectionFile/connectionModel';
import {
  ConversionError,
  oidcConnectionText,
  toOidcConnection,
  type OidcConnectionBody,
  type OidcConversion,
  type ProviderDiscovery,
} from '../core/toOidc/toOidcConnection';
import { auth0 } from '../vscode/lazyAuth0';
import { withCancellableProgress } from '../vscode/progress';
import { proxyConfig } from '../vscode/proxySettings';
import type { ProviderChecks } from '../providerCheck/providerChecks';
import type { Services } from '../services';
import { SecretKeys } from '../vscode/secretStore';
import { knownRpOrigin } from '../tenants/knownRp';

/** Arguments that skip the prompts (tests, tasks). */
export interface MoveToOidcArgs {
  readonly file: vscode.Uri | string;
  /** Replace an existing NAME.oidc-connection.json (default false: refuse). */
  readonly overwrite?: boolean;
  /** Replace a different secret already stored under the new placeholder (default false: refuse). */
  readonly replaceStoredSecret?: boolean;
  /** Open the new file and show the provider-side notes (default true). */
  readonly open?: boolean;
}

export interface MoveToOidcOutcome {
  readonly uri: vscode.Uri;
  /** The body written; its client_secret is a placeholder. */
  readonly body: OidcConnectionBody;
  readonly providerNotes: readonly string[];
  /** Where the endpoints written came from. */
  readonly endpointsSource: OidcConversion['endpointsSource'];
  /** The same in words, as the notes say it. */
  readonly endpointsNote: string;
}

/**
 * Auth0 OIDC: Move to OIDC Enterprise Connection. Writes NAME-oidc.oidc-connection.json beside
 * the file (strategy `oidc`, the provider tenant's discovery URL, same application), opens it,
 * and shows what changes on the provider side. The source file is left as it is.
 */
export function moveToOidc(services: Services, checks: ProviderChecks) {
  return async (arg?: unknown): Promise<MoveToOidcOutcome | undefined> => {
    const args = isArgs(arg) ? arg : undefined;
    const uri = args
      ? toUri(args.file)
      : await connectionFileFromArg(arg, vscode.l10n.t('auth0-oidc connection file to move to OIDC'), {
          accepts: isAuth0OidcConnectionFileName,
          noneMessage: vscode.l10n.t(
            'No auth0-oidc connection file (auth0-oidc-connection.json or *.auth0-oidc.json) is open or in the workspace. Run "Auth0 OIDC: New Connection File" first.',
          ),
        });
    if (!uri) return undefined;
    const document = await vscode.workspace.openTextDocument(uri);
    // Converted as it is, rule errors and all (toOidcConnection checks what it needs): only text
    // that is not JSON is refused.
    const reading = readConnectionFile(document.getText(), uri.path);
    const source = reading.object;
    let conversion;
    try {
      if (!reading.isJson) throw new ConversionError(vscode.l10n.t('The file is not valid JSON; fix it first.'));
      // Checked first without the network: a file that cannot be moved is said so at once.
      conversion = toOidcConnection(source, rpOriginFor(services, uri, source));
    } catch (error) {
      if (!(error instanceof ConversionError)) throw error;
      return cannotMove(uri, error);
    }
    const discovery = await readProviderDiscovery(services, conversion.providerHost);
    if (!discovery) return undefined; // cancelled
    conversion = toOidcConnection(source, { ...rpOriginFor(services, uri, source), discovery });
    let target: vscode.Uri;
    try {
      target = childUri(vscode.Uri.joinPath(uri, '..'), conversion.fileName);
      // Also in Restricted Mode: a link the repository put at the new name must not be written through.
      await assertSafeWriteTarget(target);
    } catch (error) {
      if (!(error instanceof UnsafeFileNameError || error instanceof UnsafeWriteTargetError)) throw error;
      return cannotMove(uri, error);
    }
    if (await uriExists(target)) {
      const replace = vscode.l10n.t('Replace');
      const allowed = args
        ? args.overwrite === true
        : (await vscode.window.showWarningMessage(
            vscode.l10n.t('{0} already exists. Replace it?', conversion.fileName),
            { modal: true },
            replace,
          )) === replace;
      if (!allowed) {
        if (args)
          void vscode.window.showWarningMessage(
            vscode.l10n.t('{0} already exists; nothing was written.', conversion.fileName),
          );
        return undefined;
      }
    }
    if (conversion.secretToStore) {
      // The source file held the secret itself: it goes to secret storage, the new file gets a
      // placeholder. A different value already stored under that key is never replaced unasked.
      const key = SecretKeys.placeholder(conversion.secretToStore.key);
      const stored = await services.secrets.get(key);
      if (stored !== undefined && stored !== conversion.secretToStore.value) {
        const replace = vscode.l10n.t('Replace Stored Secret');
        const allowed = args
          ? args.replaceStoredSecret === true
          : (await vscode.window.showWarningMessage(
              vscode.l10n.t(
                'A different secret is already stored as ##{0}##. Replace it with the secret written in {1}?',
                conversion.secretToStore.key,
                vscode.workspace.asRelativePath(uri),
              ),
              { modal: true },
              replace,
            )) === replace;
        if (!allowed) {
          void vscode.window.showWarningMessage(
            vscode.l10n.t(
              'A different secret is already stored as ##{0}##; nothing was written.',
              conversion.secretToStore.key,
            ),
          );
          return undefined;
        }
      }
      await services.secrets.storePlaceholder(
        conversion.secretToStore.key,
        conversion.secretToStore.value,
        bindingOf(conversion.body.options),
      );
    }
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(oidcConnectionText(conversion.body)));
    // Where the source was deployed, as a hint for the tenant pickers (never as a deploy of the new file).
    await services.deploys.recordSourceDeploy(target, uri);
    completeWalkthroughStep('moveToOidc');
    services.log.info(
      `Wrote ${target.toString()} (strategy oidc) from ${uri.toString()}; endpoints from ${conversion.endpointsSource}.`,
    );
    if (args?.open ?? true) {
      await vscode.window.showTextDocument(target, { preview: false });
      await checks.showMarkdown(
        `move:${target.toString()}`,
        vscode.l10n.t('Provider side of {0}', conversion.body.name),
        notesMarkdown(conversion, conversion.secretToStore !== undefined),
      );
    }
    return {
      uri: target,
      body: conversion.body,
      providerNotes: conversion.providerNotes,
      endpointsSource: conversion.endpointsSource,
      endpointsNote: conversion.endpointsNote,
    };
  };
}

function notesMarkdown(conversion: OidcConversion, secretMoved: boolean): string {
  const { body, providerNotes: notes } = conversion;
  return [
    // Names, domains and ids come from the file: code spans and escaped text, never markdown.
    `# Moving to the OIDC enterprise connection ${mdCode(body.name)}`,
    '',
    `The new file uses strategy \`oidc\` with the discovery document ${mdCode(body.options.discovery_url)} and the same provider application.`,
    '',
    mdText(conversion.endpointsNote),
    '',
    secretMoved
      ? `The client secret was written in the old file; it is now in VS Code's secret storage as ${mdCode(body.options.client_secret)}.`
      : `The client secret stays a placeholder: ${mdCode(body.options.client_secret)}.`,
    '',
    '## On the provider side',
    '',
    ...notes.map((n) => `- ${mdText(n)}`),
    '',
  ].join('\n');
}

/** Says why the file cannot be moved; nothing is written. */
function cannotMove(uri: vscode.Uri, error: Error): undefined {
  void vscode.window.showWarningMessage(
    vscode.l10n.t('Cannot move {0} to an OIDC connection: {1}', vscode.workspace.asRelativePath(uri), error.message),
  );
  return undefined;
}

/**
 * Reads the provider's discovery document under a cancellable progress notification (10 s at
 * most): its endpoints go into the new file. Undefined when the person cancelled; a failure is
 * an answer too ("unavailable", with why), and the move goes on with Auth0's fixed paths.
 */
async function readProviderDiscovery(services: Services, host: string): Promise<ProviderDiscovery | undefined> {
  // Move to OIDC runs in Restricted Mode too, where nothing may be sent anywhere (README, Safety):
  // the file then gets Auth0's fixed paths, and the notes say why.
  if (!vscode.workspace.isTrusted)
    return {
      kind: 'unavailable',
      reason: vscode.l10n.t('this workspace is not trusted, so the provider was not contacted'),
    };
  return withCancellableProgress(
    vscode.l10n.t('Reading the discovery document of {0}…', host),
    async (signal): Promise<ProviderDiscovery> => {
      try {
        const document = await auth0().readDiscoveryDocument(host, { signal, proxy: proxyConfig() });
        return { kind: 'read', document };
      } catch (error) {
        if (signal.aborted) throw error;
        services.log.warn(`Reading the discovery document of ${host}: ${describe(error)}`);
        return { kind: 'unavailable', reason: describe(error) };
      }
    },
  );
}

/** An error in a few words; the client's errors never hold a secret (no token is sent here). */
function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The RP tenant's origin when it is known (for the callback named in the notes). */
function rpOriginFor(
  services: Services,
  uri: vscode.Uri,
  source: Readonly<Record<string, unknown>> | undefined,
): { rpOrigin?: string } {
  const domain = providerDomainOf(source?.options);
  const provider = domain !== undefined ? services.tenants.find(domain) : undefined;
  const rpOrigin = knownRpOrigin(services, uri, provider?.origin);
  return rpOrigin !== undefined ? { rpOrigin } : {};
}

function isArgs(arg: unknown): arg is MoveToOidcArgs {
  return typeof arg === 'object' && arg !== null && !(arg instanceof vscode.Uri) && 'file' in arg;
}
