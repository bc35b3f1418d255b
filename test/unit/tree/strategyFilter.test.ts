// Which strategies the Tenants tree lists (src/tree/strategyFilter.ts): by default both strategies
// of connection files, auth0-oidc and oidc, so a connection Move to OIDC deployed is not hidden;
// a filter a person stored before keeps working.
import * as assert from 'node:assert/strict';
import { StrategyFilters } from '../../../src/tree/strategyFilter';
import type { Tenant } from '../../../src/tenants/tenantRegistry';

class MemoryMemento {
  readonly values = new Map<string, unknown>();
  keys(): readonly string[] {
    return [...this.values.keys()];
  }
  get<T>(key: string, fallback?: T): T | undefined {
    return this.values.has(key) ? (this.values.get(key) as T) : fallback;
  }
  update(key: string, value: unknown): Thenable<void> {
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, value);
    return Promise.resolve();
  }
}

const tenant = { origin: 'https://rp.example.com', displayName: 'RP' } as Tenant;
const key = `auth0Oidc.strategyFilter:${tenant.origin}`;

describe('strategy filter of the Tenants tree', () => {
  it('lists auth0-oidc and oidc connections when nothing is stored', () => {
    const filters = new StrategyFilters(new MemoryMemento());
    assert.deepEqual([...filters.get(tenant)].sort(), ['auth0-oidc', 'oidc']);
  });

  it('keeps a filter stored before: one strategy, several, or all', () => {
    for (const stored of [['samlp'], ['auth0-oidc'], ['oidc', 'waad'], []]) {
      const memento = new MemoryMemento();
      memento.values.set(key, stored);
      const filters = new StrategyFilters(memento);
      assert.deepEqual(filters.get(tenant), stored);
    }
  });

  it('stores nothing for the default, in any order, and keeps auth0-oidc alone when picked', async () => {
    const memento = new MemoryMemento();
    const filters = new StrategyFilters(memento);
    await filters.set(tenant, ['oidc', 'auth0-oidc']);
    assert.equal(memento.values.has(key), false);
    await filters.set(tenant, ['auth0-oidc']);
    assert.deepEqual(memento.values.get(key), ['auth0-oidc']);
    assert.deepEqual(filters.get(tenant), ['auth0-oidc']);
    await filters.set(tenant, ['auth0-oidc', 'oidc']);
    assert.deepEqual([...filters.get(tenant)].sort(), ['auth0-oidc', 'oidc']);
  });
});
