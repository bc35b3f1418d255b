// The migration from an auth0-oidc connection to its oidc sibling, as a pure plan: which step comes
// next from what the tenant holds, and the enabled-applications changes, enable-then-disable, in
// batches Auth0 accepts.
import assert from 'node:assert/strict';
import { applyEdits } from 'jsonc-parser';
import {
  ENABLED_CLIENTS_BATCH_LIMIT,
  applicationMoveBatches,
  enabledClientsFileEdits,
  nextMigrationStep,
  type MigrationState,
} from '../../../../src/core/migration/migrationPlan';

const old = (enabledClients: string[]) => ({ id: 'con_old', name: 'partner', enabledClients });
const fresh = (enabledClients: string[]) => ({ id: 'con_new', name: 'partner-oidc', enabledClients });

describe('the migration plan: the next step from the tenant', () => {
  const cases: [string, MigrationState, string][] = [
    ['neither connection on the tenant', { tested: false }, 'nothing-to-migrate'],
    ['only the old one: deploy the new one beside it', { old: old(['a', 'b']), tested: false }, 'deploy'],
    ['deployed, never tested: test login', { old: old(['a']), new: fresh(['a']), tested: false }, 'test-login'],
    ['deployed without applications: test login', { old: old(['a']), new: fresh([]), tested: false }, 'test-login'],
    [
      'tested, old still has apps: move them',
      { old: old(['a', 'b']), new: fresh(['a']), tested: true },
      'move-applications',
    ],
    ['tested, old has none: delete it', { old: old([]), new: fresh(['a', 'b']), tested: true }, 'delete-old'],
    ['old gone, new there: done', { new: fresh(['a']), tested: false }, 'done'],
  ];
  for (const [what, state, expected] of cases) {
    it(what, () => assert.equal(nextMigrationStep(state).kind, expected));
  }

  it('a test login is needed again after the new connection was deleted and deployed anew (tested is per id)', () => {
    // The caller answers `tested` for the new connection's id; the plan never guesses it from app lists.
    const step = nextMigrationStep({ old: old([]), new: fresh(['a']), tested: false });
    assert.equal(step.kind, 'test-login');
  });

  it("offers the old connection's applications for the test when the new one has none", () => {
    const step = nextMigrationStep({ old: old(['a', 'b']), new: fresh([]), tested: false });
    assert.deepEqual(step, { kind: 'test-login', testApplicationCandidates: ['a', 'b'] });
    const ready = nextMigrationStep({ old: old(['a', 'b']), new: fresh(['b']), tested: false });
    assert.deepEqual(ready, { kind: 'test-login', testApplicationCandidates: [] });
  });

  it('moves every app of the old connection: enables those the new one lacks, disables all on the old', () => {
    const step = nextMigrationStep({ old: old(['a', 'b', 'c']), new: fresh(['b', 'z']), tested: true });
    assert.deepEqual(step, { kind: 'move-applications', applications: ['a', 'b', 'c'], enableOnNew: ['a', 'c'] });
  });
});

describe('the migration plan: enabled-applications batches', () => {
  it('is 50 per request, the limit Auth0 documents for PATCH /connections/{id}/clients', () => {
    assert.equal(ENABLED_CLIENTS_BATCH_LIMIT, 50);
  });

  it('enables on the new connection before it disables anything on the old one', () => {
    const batches = applicationMoveBatches({
      oldId: 'con_old',
      newId: 'con_new',
      applications: ['a', 'b'],
      enableOnNew: ['a', 'b'],
    });
    assert.deepEqual(batches, [
      {
        connectionId: 'con_new',
        changes: [
          { client_id: 'a', status: true },
          { client_id: 'b', status: true },
        ],
      },
      {
        connectionId: 'con_old',
        changes: [
          { client_id: 'a', status: false },
          { client_id: 'b', status: false },
        ],
      },
    ]);
  });

  it('splits into batches of at most 50; every enable batch comes before the first disable batch', () => {
    const ids = Array.from({ length: 120 }, (_, i) => `app${i}`);
    const batches = applicationMoveBatches({
      oldId: 'con_old',
      newId: 'con_new',
      applications: ids,
      enableOnNew: ids.slice(10),
    });
    assert.deepEqual(
      batches.map((b) => [b.connectionId, b.changes.length]),
      [
        ['con_new', 50],
        ['con_new', 50],
        ['con_new', 10],
        ['con_old', 50],
        ['con_old', 50],
        ['con_old', 20],
      ],
    );
    const lastEnable = batches.map((b) => b.connectionId).lastIndexOf('con_new');
    const firstDisable = batches.findIndex((b) => b.connectionId === 'con_old');
    assert.ok(lastEnable < firstDisable);
    // Every application disabled on the old connection is enabled on the new one by then.
    const enabledBefore = new Set(['app0', 'app1', 'app2', 'app3', 'app4', 'app5', 'app6', 'app7', 'app8', 'app9']);
    for (const batch of batches) {
      for (const change of batch.changes) {
        if (change.status) enabledBefore.add(change.client_id);
        else assert.ok(enabledBefore.has(change.client_id), `${change.client_id} enabled on the new one first`);
      }
    }
  });

  it('sends nothing when there is nothing to move', () => {
    assert.deepEqual(applicationMoveBatches({ oldId: 'o', newId: 'n', applications: [], enableOnNew: [] }), []);
  });
});

describe('the migration plan: the oidc file keeps the moved applications', () => {
  const apply = (text: string, ids: string[]): string => applyEdits(text, [...enabledClientsFileEdits(text, ids)]);

  it('adds the moved applications to enabled_clients, so that a later deploy does not disable them', () => {
    const text = '{\n  "name": "partner-oidc",\n  "enabled_clients": ["a"]\n}\n';
    assert.deepEqual(JSON.parse(apply(text, ['a', 'b', 'c'])).enabled_clients, ['a', 'b', 'c']);
  });

  it('changes nothing when the file lists them all, or has no enabled_clients (deploy then leaves them alone)', () => {
    const listed = '{ "name": "x", "enabled_clients": ["b", "a"] }';
    assert.deepEqual(enabledClientsFileEdits(listed, ['a', 'b']), []);
    assert.deepEqual(enabledClientsFileEdits('{ "name": "x" }', ['a']), []);
  });
});
