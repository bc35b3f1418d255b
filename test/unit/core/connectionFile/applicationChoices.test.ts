import assert from 'node:assert/strict';
import {
  applicationLabel,
  callbacksSummary,
  loginApplications,
  providerApplicationOrder,
} from '../../../../src/core/connectionFile/applicationChoices';

describe('core/connectionFile/applicationChoices', () => {
  const apps = [
    { client_id: 'm2m', app_type: 'non_interactive' },
    { client_id: 'spa', app_type: 'spa' },
    { client_id: 'web1', app_type: 'regular_web' },
    { client_id: 'untyped' },
    { client_id: 'web2', app_type: 'regular_web' },
  ];

  it('offers Regular Web Applications first for the provider, machine-to-machine last, others in order', () => {
    assert.deepEqual(
      providerApplicationOrder(apps).map((a) => a.client_id),
      ['web1', 'web2', 'spa', 'untyped', 'm2m'],
    );
  });

  it('leaves machine-to-machine applications out of the RP applications to enable', () => {
    assert.deepEqual(
      loginApplications(apps).map((a) => a.client_id),
      ['spa', 'web1', 'untyped', 'web2'],
    );
  });

  it('shows up to three callbacks and how many more', () => {
    assert.equal(callbacksSummary({ client_id: 'x' }), 'No callbacks');
    assert.equal(callbacksSummary({ client_id: 'x', callbacks: ['a', 'b'] }), 'Callbacks: a, b');
    assert.equal(
      callbacksSummary({ client_id: 'x', callbacks: ['a', 'b', 'c', 'd', 'e'] }),
      'Callbacks: a, b, c (+2 more)',
    );
  });

  it('names an application with its type in words', () => {
    assert.equal(
      applicationLabel({ client_id: 'x', name: 'Web', app_type: 'regular_web' }),
      'Web (Regular Web Application)',
    );
    assert.equal(applicationLabel({ client_id: 'x', app_type: 'custom_type' }), 'custom_type');
    assert.equal(applicationLabel({ client_id: 'x' }), 'type not set');
  });
});
