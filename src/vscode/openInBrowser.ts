import * as vscode from 'vscode';
import { repairExternalLink } from '../core/login/externalLink';

/**
 * Opens `url` in the person's browser from local, remote and browser-based VS Code alike. A
 * loopback URL is resolved with `vscode.env.asExternalUri` (port forwarding); when the workbench
 * drops its path and query on the way (code-server's /proxy/PORT/), they are put back and the
 * forwarded URL, which needs no further resolving, is opened. False when nothing could be opened.
 */
export async function openInBrowser(url: string): Promise<boolean> {
  const original = vscode.Uri.parse(url, true);
  let target = original;
  try {
    const resolved = await vscode.env.asExternalUri(original);
    const repaired = repairExternalLink(url, resolved.toString(true));
    if (repaired !== undefined) target = vscode.Uri.parse(repaired, true);
  } catch {
    target = original; // no resolver: openExternal does what it can with the link itself
  }
  return vscode.env.openExternal(target);
}

/**
 * A non-modal offer to copy `url`, for when no browser opened (or a different machine's browser
 * must be used); the person may ignore it.
 */
export function offerCopyLink(message: string, url: string): void {
  const copy = vscode.l10n.t('Copy Link');
  void vscode.window.showInformationMessage(message, copy).then(async (answer) => {
    if (answer !== copy) return;
    await vscode.env.clipboard.writeText(url);
    void vscode.window.showInformationMessage(vscode.l10n.t('Copied the link to the clipboard.'));
  });
}
