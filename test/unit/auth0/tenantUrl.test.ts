import * as assert from 'node:assert/strict';
import { tenantBaseUrl, isLoopbackHost } from '../../../src/auth0/tenantUrl';
import { InvalidTenantDomainError } from '../../../src/auth0/errors';

describe('tenantBaseUrl', () => {
  const accepted: [string, string][] = [
    ['acme.eu.auth0.com', 'https://acme.eu.auth0.com/'],
    ['  ACME.eu.Auth0.com  ', 'https://acme.eu.auth0.com/'],
    ['acme.eu.auth0.com:8443', 'https://acme.eu.auth0.com:8443/'],
    ['https://acme.eu.auth0.com', 'https://acme.eu.auth0.com/'],
    ['https://acme.eu.auth0.com/', 'https://acme.eu.auth0.com/'],
    ['HTTPS://acme.eu.auth0.com:443', 'https://acme.eu.auth0.com/'],
    ['login.example.com', 'https://login.example.com/'],
    ['127.0.0.1:4000', 'http://127.0.0.1:4000/'],
    ['127.1.2.3:4000', 'http://127.1.2.3:4000/'],
    ['localhost:4000', 'http://localhost:4000/'],
    ['[::1]:4000', 'http://[::1]:4000/'],
    ['http://127.0.0.1:4000', 'http://127.0.0.1:4000/'],
    ['http://localhost:4000/', 'http://localhost:4000/'],
    ['http://[::1]:4000', 'http://[::1]:4000/'],
    ['https://127.0.0.1:4443', 'https://127.0.0.1:4443/'],
  ];
  for (const [input, expected] of accepted) {
    it(`accepts ${JSON.stringify(input)} as ${expected}`, () => {
      assert.equal(tenantBaseUrl(input).href, expected);
    });
  }

  const rejected: [string, RegExp][] = [
    ['', /empty/],
    ['   ', /empty/],
    ['http://acme.eu.auth0.com', /only allowed for loopback/],
    ['http://127.0.0.1.nip.io:4000', /only allowed for loopback/],
    ['http://localhost.evil.com', /only allowed for loopback/],
    ['ftp://acme.eu.auth0.com', /scheme/],
    ['javascript:alert(1)', /scheme|host/],
    ['acme.eu.auth0.com/api/v2', /path/],
    ['https://acme.eu.auth0.com/api/v2/', /path/],
    ['https://acme.eu.auth0.com?x=1', /query/],
    ['acme.eu.auth0.com?x=1', /query/],
    ['https://acme.eu.auth0.com#frag', /fragment/],
    ['https://user:pass@acme.eu.auth0.com', /credentials/],
    ['user@acme.eu.auth0.com', /credentials/],
    ['acme eu.auth0.com', /spaces/],
    ['acme..auth0.com', /host/],
    ['-acme.auth0.com', /host/],
    ['acme.auth0.com:99999', /host|origin/],
    ['acme.auth0.com:0', /port 0/],
    ['//acme.auth0.com', /path|host/],
    ['acme_corp.auth0.com', /host/],
  ];
  for (const [input, reason] of rejected) {
    it(`rejects ${JSON.stringify(input)}`, () => {
      assert.throws(
        () => tenantBaseUrl(input),
        (error: unknown) => {
          assert.ok(error instanceof InvalidTenantDomainError, `got ${String(error)}`);
          assert.match(error.message, reason);
          assert.match(error.userMessage, /acme\.eu\.auth0\.com/, 'the user message shows a valid example');
          return true;
        },
      );
    });
  }

  it('never echoes the input in the error (users paste secrets into the wrong field)', () => {
    const pasted = 'https://eyJhbGciOi.secretish.example/path';
    assert.throws(
      () => tenantBaseUrl(pasted),
      (error: unknown) => {
        assert.ok(error instanceof InvalidTenantDomainError);
        assert.ok(!error.message.includes('eyJhbGciOi') && !error.userMessage.includes('eyJhbGciOi'));
        return true;
      },
    );
  });

  it('recognises loopback hosts only', () => {
    assert.deepEqual(
      ['127.0.0.1', '127.255.0.9', 'localhost', '[::1]', '128.0.0.1', '127.0.0.256', 'localhost.evil', '10.0.0.1'].map(
        isLoopbackHost,
      ),
      [true, true, true, true, false, false, false, false],
    );
  });
});
