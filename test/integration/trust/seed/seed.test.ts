// Workspace trust, phase 1, in a TRUSTED window (an empty window is trusted by default): store the
// sandbox tenants' credentials in SecretStorage as a user would with Add Tenant, and list one
// tenant's connections, so the runner sees that these credentials do reach the sandbox (its
// request counter is live). The tenants stay in the user settings too, so that in phase 2 the
// trust gate alone stands between the commands and the tenants (a tenant only the folder listed
// would also wait for the first-use confirmation of issue 12.4, hiding a missing trust gate).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { pollUntil } from '../../../pollUntil';
import { trustSeed } from '../shared';

const EXTENSION_ID = 'auth0-oidc-tools.auth0-oidc-connections';

type Node = object;
interface Api {
  tenantsTree: vscode.TreeDataProvider<Node>;
}

function labelOf(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

describe('workspace trust, phase 1 (trusted empty window)', () => {
  it('stores the sandbox credentials and reaches a tenant with them', async () => {
    assert.equal(vscode.workspace.isTrusted, true, 'an empty window is trusted');
    assert.equal(vscode.workspace.workspaceFolders, undefined, 'no folder is open');
    const api = (await vscode.extensions.getExtension(EXTENSION_ID)!.activate()) as Api;
    const seed = trustSeed();
    for (const t of seed.tenants) {
      await vscode.commands.executeCommand('auth0Oidc.addTenant', {
        domain: t.domain,
        label: t.label,
        clientId: t.clientId,
        clientSecret: t.clientSecret,
        verify: false,
      });
    }
    const tenants = (await api.tenantsTree.getChildren()) ?? [];
    assert.equal(tenants.length, seed.tenants.length, 'every tenant is listed');
    // Listing the connections sends a token request and a GET: the runner checks the sandbox saw them.
    // The first answer is a "Loading…" node; the list replaces it once the tenant answered.
    const labels = await pollUntil(
      'the first tenant lists its connections',
      async () => {
        const below = (await api.tenantsTree.getChildren(tenants[0])) ?? [];
        const shown = await Promise.all(below.map(async (n) => labelOf(await api.tenantsTree.getTreeItem(n))));
        return shown.length > 1 && !shown.some((l) => /loading/i.test(l)) && shown;
      },
      { timeoutMs: 20_000 },
    );
    assert.ok(!labels.some((l) => /trust/i.test(l)), `no trust message in a trusted window: ${labels.join(', ')}`);
  });
});
