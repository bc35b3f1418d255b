import * as vscode from 'vscode';
import type { Auth0OidcConnectionFile } from '../core/connectionFile/connectionModel';
import { bindingMismatch, bindingOf, fillPlaceholders, secretPlaceholders } from '../core/connectionFile/placeholders';
import { providerHostsOf } from '../core/connectionFile/providerHosts';
import { UserFacingError } from '../vscode/errors';
import { SecretKeys, type SecretStore } from '../vscode/secretStore';

// What Deploy, Copy as curl and the Connection Files view's comparison share: a file's stored
// secrets filled in. Here, not in a command's folder, so the view need not import a command.

/**
 * Fills the `##KEY##` placeholders whose secret SecretStorage holds, asking for nothing: a
 * placeholder left as it is keeps the tenant's secret in an update plan.
 *
 * A stored value is bound to the provider domain and client id it was stored for (issue 12.5): a
 * file naming another one is refused with the reason, when `confirm` names the file (deploy, curl);
 * without it (the files view) such a value is just not filled in. A value stored by an earlier
 * version (no binding) is bound to this file's domain and client id after one modal confirmation.
 */
export async function fillStoredSecrets<B extends Auth0OidcConnectionFile>(
  secrets: SecretStore,
  body: B,
  confirm?: { readonly file: vscode.Uri },
): Promise<{ body: B; unresolved: readonly { option: string; key: string }[] }> {
  const asked = bindingOf(body.options);
  const stored = new Map<string, string | undefined>();
  for (const { key } of secretPlaceholders(body.options)) {
    const value = await secrets.get(SecretKeys.placeholder(key));
    if (value === undefined) continue;
    const binding = await secrets.placeholderBinding(key);
    if (binding) {
      const differ = bindingMismatch(binding, asked);
      if (differ.length === 0) stored.set(key, value);
      else if (confirm)
        throw new UserFacingError(
          // A different domain is most often a typo in the file (127.0.0.1:4389 for 127.0.0.1:43899):
          // said first, so the binding explanation that follows is not taken for the cause (issue 21.5).
          (differ.includes('domain') && asked
            ? vscode.l10n.t(
                '{0} is {1} but the secret ##{2}## is for {3} — a typo? ',
                domainOptionOf(body.options),
                asked.domain,
                key,
                binding.domain,
              )
            : '') +
            vscode.l10n.t(
              '##{0}## is not filled in: it was stored for the application {1} of {2}, and {3} names {4} of {5} ({6} differ). Nothing was sent. Use a placeholder of its own for this file (for example the literal-secret quick fix).',
              key,
              binding.clientId,
              binding.domain,
              vscode.workspace.asRelativePath(confirm.file),
              asked?.clientId ?? '?',
              asked?.domain ?? '?',
              differ.map((d) => (d === 'domain' ? domainOptionOf(body.options) : `options.${d}`)).join(', '),
            ),
        );
    } else if (confirm && asked && (await confirmMigration(key, asked, confirm.file))) {
      await secrets.bindPlaceholder(key, asked);
      stored.set(key, value);
    } else if (confirm) {
      throw new UserFacingError(
        vscode.l10n.t(
          '##{0}## was stored by an earlier version, without what it is for, and was not confirmed for {1}: nothing was sent.',
          key,
          vscode.workspace.asRelativePath(confirm.file),
        ),
      );
    }
  }
  return fillPlaceholders(body, (key) => stored.get(key));
}

/** The option a file's binding host is read from (the first that names one, as bindingOf reads them). */
function domainOptionOf(options: Readonly<Record<string, unknown>>): string {
  return `options.${providerHostsOf(options)[0]?.option ?? 'domain'}`;
}

/** One time per value: bind a value stored by an earlier version to this file's domain and client id. */
async function confirmMigration(key: string, asked: { domain: string; clientId: string }, file: vscode.Uri) {
  const bind = vscode.l10n.t('Use It for {0}', asked.domain);
  return (
    (await vscode.window.showWarningMessage(
      vscode.l10n.t('Use the stored ##{0}## for {1}?', key, vscode.workspace.asRelativePath(file)),
      {
        modal: true,
        detail: vscode.l10n.t(
          'This secret was stored by an earlier version, which did not record what it is for. From now on it is bound to the provider {0} and the application {1}, and only files naming both get it. Answer no if you did not store it for this file.',
          asked.domain,
          asked.clientId,
        ),
      },
      bind,
    )) === bind
  );
}
