import * as vscode from 'vscode';
import { maskSecrets } from '../core/secrets';
import { afterDeployPreview, remotePreview } from '../core/deploy/deployPreview';
import type { PreparedDeploy } from './prepareDeploy';
import { VirtualDocuments } from '../vscode/virtualDocuments';
import { PREVIEW_SCHEME } from '../vscode/uriSchemes';

/**
 * Read-only documents for the deploy diff: the connection as the tenant has it and as it will be,
 * both with secrets masked. Texts live in memory only and are dropped when their editor closes.
 */
export class DeployPreviewDocuments implements vscode.Disposable {
  readonly documents = new VirtualDocuments(PREVIEW_SCHEME, { dropOnClose: true });
  private counter = 0;

  /**
   * Opens the diff editor: tenant (left) against what deploy would make of it (right). Returns a
   * function that closes that diff, for once the update is applied and the left side is stale.
   */
  async show(prepared: PreparedDeploy): Promise<() => Promise<void>> {
    const id = ++this.counter;
    const host = new URL(prepared.tenant.origin).host;
    const name = prepared.local.body.name;
    const left = this.put(
      `/${id}/${host}/${name}.remote.json`,
      remotePreview({ ...prepared, local: prepared.local.body }),
    );
    const right = this.put(
      `/${id}/${host}/${name}.after-deploy.json`,
      afterDeployPreview({ ...prepared, local: prepared.local.body }),
    );
    await vscode.commands.executeCommand(
      'vscode.diff',
      left,
      right,
      vscode.l10n.t('{0}: {1} ↔ after deploy (secrets masked)', name, prepared.tenant.displayName),
      { preview: true },
    );
    return async () => {
      const tabs = vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .filter((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.toString() === right.toString());
      if (tabs.length > 0) await vscode.window.tabGroups.close(tabs);
    };
  }

  /** Opens a diff of two values, masked like the deploy diff, e.g. a tenant's connection against a file. */
  async showDiff(
    left: { readonly path: string; readonly value: unknown },
    right: { readonly path: string; readonly value: unknown },
    title: string,
  ): Promise<void> {
    const id = ++this.counter;
    await vscode.commands.executeCommand(
      'vscode.diff',
      this.put(`/${id}${left.path}`, left.value),
      this.put(`/${id}${right.path}`, right.value),
      title,
      { preview: true },
    );
  }

  private put(path: string, value: unknown): vscode.Uri {
    return this.documents.set(path, JSON.stringify(maskSecrets(value), undefined, 2) + '\n');
  }

  dispose(): void {
    this.documents.dispose();
  }
}
