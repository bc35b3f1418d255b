import assert from 'node:assert/strict';
import { deployTargets } from '../../../../src/core/deploy/deployTargets';

describe('core/deploy/deployTargets', () => {
  const a = { origin: 'https://a.eu.auth0.com' };
  const b = { origin: 'https://b.eu.auth0.com' };
  const local = { origin: 'http://127.0.0.1:4000' };

  it('never offers the tenant the file names as its provider', () => {
    const { targets, providerExcluded } = deployTargets([a, b, local], 'A.eu.auth0.com', undefined);
    assert.deepEqual(targets, [b, local]);
    assert.equal(providerExcluded, a);
    assert.deepEqual(deployTargets([a, b, local], '127.0.0.1:4000', undefined).targets, [a, b]);
  });

  it('offers the tenant of the last deploy first, the others in their order', () => {
    assert.deepEqual(deployTargets([a, b, local], 'p.example.com', local.origin).targets, [local, a, b]);
    assert.deepEqual(deployTargets([a, b], undefined, 'https://gone.auth0.com').targets, [a, b]);
  });
});
