// The deploy history is the one owner of "where was this file last deployed" and of the deploy event.
import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { installFakeVscode } from '../reliability/fakeVscode';

installFakeVscode();
// Loaded after the fake vscode is installed.
const { DeployHistory } =
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('../../../src/deploy/deployHistory') as typeof import('../../../src/deploy/deployHistory');

/** A workspaceState whose update resolves only when the test says, to see what waits for it. */
class Memento {
  readonly values = new Map<string, unknown>();
  private pending: (() => void)[] = [];
  get<T>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }
  update(key: string, value: unknown): Promise<void> {
    return new Promise((resolve) =>
      this.pending.push(() => {
        this.values.set(key, value);
        resolve();
      }),
    );
  }
  settle(): void {
    for (const p of this.pending.splice(0)) p();
  }
}

const uri = (path: string): vscode.Uri => ({ toString: () => `file://${path}` }) as vscode.Uri;

describe('DeployHistory (src/deploy/deployHistory.ts)', () => {
  it('records where a file was deployed under the key earlier releases used, then fires the event', async () => {
    const state = new Memento();
    const history = new DeployHistory(state as unknown as vscode.Memento);
    const file = uri('/w/partner.auth0-oidc.json');
    const seen: unknown[] = [];
    history.onDidDeploy((e) =>
      seen.push({
        event: { tenant: e.tenant, connectionId: e.connectionId, uri: e.uri.toString() },
        last: history.last(e.uri),
      }),
    );
    assert.equal(history.last(file), undefined);
    const recording = history.record(file, { tenant: 'https://rp.example', connectionId: 'con_1' });
    assert.deepEqual(seen, [], 'no event before the state holds the deploy');
    state.settle();
    await recording;
    const last = { tenant: 'https://rp.example', connectionId: 'con_1' };
    assert.deepEqual(seen, [{ event: { ...last, uri: 'file:///w/partner.auth0-oidc.json' }, last }]);
    assert.deepEqual(state.values.get('auth0Oidc.lastDeploy:file:///w/partner.auth0-oidc.json'), last);
    assert.deepEqual(history.last(file), last);
    assert.equal(history.last(uri('/w/other.auth0-oidc.json')), undefined);
  });

  it('ignores a stored value of the wrong shape', () => {
    const state = new Memento();
    state.values.set('auth0Oidc.lastDeploy:file:///w/a.json', { tenant: 42, connectionId: 'con_1' });
    state.values.set('auth0Oidc.lastDeploy:file:///w/b.json', 'https://rp.example');
    const history = new DeployHistory(state as unknown as vscode.Memento);
    assert.equal(history.last(uri('/w/a.json')), undefined);
    assert.equal(history.last(uri('/w/b.json')), undefined);
  });

  it("keeps a moved file's source deploy as a hint apart from its deploys: no event, no last deploy", async () => {
    const state = new Memento();
    const history = new DeployHistory(state as unknown as vscode.Memento);
    const source = uri('/w/partner.auth0-oidc.json');
    const moved = uri('/w/partner-oidc.oidc-connection.json');
    let events = 0;
    history.onDidDeploy(() => events++);
    const deployed = history.record(source, { tenant: 'https://rp.example', connectionId: 'con_1' });
    state.settle();
    await deployed;
    const hinting = history.recordSourceDeploy(moved, source);
    state.settle();
    await hinting;
    assert.equal(events, 1, 'only the real deploy fired');
    assert.equal(history.last(moved), undefined, 'the moved connection is not said to exist on the RP');
    assert.deepEqual(history.sourceDeploy(moved), { tenant: 'https://rp.example', source: source.toString() });
    assert.deepEqual(history.targetHint(moved), { origin: 'https://rp.example', kind: 'sourceDeployed' });
    assert.deepEqual(history.targetHint(source), { origin: 'https://rp.example', kind: 'lastDeployed' });
    // Once deployed itself, its own deploy is the hint.
    const own = history.record(moved, { tenant: 'https://other.example', connectionId: 'con_2' });
    state.settle();
    await own;
    assert.deepEqual(history.targetHint(moved), { origin: 'https://other.example', kind: 'lastDeployed' });
    // A source never deployed leaves no hint.
    const none = history.recordSourceDeploy(uri('/w/b.oidc-connection.json'), uri('/w/b.auth0-oidc.json'));
    state.settle();
    await none;
    assert.equal(history.targetHint(uri('/w/b.oidc-connection.json')), undefined);
  });

  it("links a pulled file to its tenant without the deploy event, and passes on a command's connection change", async () => {
    const state = new Memento();
    const history = new DeployHistory(state as unknown as vscode.Memento);
    const deploys: unknown[] = [];
    const changes: unknown[] = [];
    history.onDidDeploy((e) => deploys.push(e));
    history.onDidChangeConnection((e) => changes.push(e));
    const file = uri('/w/partner.auth0-oidc.json');
    const linking = history.link(file, { tenant: 'https://rp.example', connectionId: 'con_1' });
    state.settle();
    await linking;
    assert.deepEqual(history.last(file), { tenant: 'https://rp.example', connectionId: 'con_1' });
    history.connectionChanged({ tenant: 'https://rp.example', connectionName: 'partner', kind: 'deleted' });
    assert.deepEqual(deploys, [], 'a pull is not a deploy (the walkthrough step stays open)');
    assert.deepEqual(changes, [{ tenant: 'https://rp.example', connectionName: 'partner', kind: 'deleted' }]);
  });

  it("keeps a record per environment, so one environment's deploy never stands for another's", async () => {
    const state = new Memento();
    const history = new DeployHistory(state as unknown as vscode.Memento);
    const file = uri('/w/partner.auth0-oidc.json');
    const events: unknown[] = [];
    history.onDidDeploy((e) => events.push({ environment: e.environment, tenant: e.tenant }));
    const deployed = history.record(file, { tenant: 'https://rp.example', connectionId: 'con_dev' }, 'dev');
    // Two updates (the environment's record, then the file's), each waiting for the state.
    for (let update = 0; update < 2; update++) {
      assert.deepEqual(events, [], 'no event before the state holds both records');
      await new Promise<void>((resolve) => setImmediate(resolve));
      state.settle();
    }
    await deployed;
    assert.deepEqual(events, [{ environment: 'dev', tenant: 'https://rp.example' }]);
    assert.deepEqual(history.lastIn(file, 'dev', 'https://rp.example'), {
      tenant: 'https://rp.example',
      connectionId: 'con_dev',
    });
    // prod goes to the same tenant, but was never deployed: the file's last deploy names dev.
    assert.equal(history.lastIn(file, 'prod', 'https://rp.example'), undefined);
    // The file's own record still says where it went last, for what reads it (pickers, login).
    assert.deepEqual(history.last(file), { tenant: 'https://rp.example', connectionId: 'con_dev' });
  });

  it('reads a record from before environments had their own as the deploy of the environment on its tenant', () => {
    const state = new Memento();
    state.values.set('auth0Oidc.lastDeploy:file:///w/partner.auth0-oidc.json', {
      tenant: 'https://rp-prod.example',
      connectionId: 'con_1',
    });
    const history = new DeployHistory(state as unknown as vscode.Memento);
    const file = uri('/w/partner.auth0-oidc.json');
    assert.deepEqual(history.lastIn(file, 'prod', 'https://rp-prod.example'), {
      tenant: 'https://rp-prod.example',
      connectionId: 'con_1',
    });
    assert.equal(history.lastIn(file, 'dev', 'https://rp-dev.example'), undefined, "dev's tenant is another");
    assert.equal(history.lastIn(file, 'dev', undefined), undefined, "dev's tenant is not configured");
  });
});
