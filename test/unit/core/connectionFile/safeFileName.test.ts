import * as assert from 'node:assert/strict';
import { CONNECTION_FILE_NAME } from '../../../../src/core/connectionFile/connectionModel';
import { pulledFileName } from '../../../../src/core/deploy/pullConnection';
import { childPath, fileNameFor, UnsafeFileNameError } from '../../../../src/core/connectionFile/safeFileName';
import { scaffoldFileName } from '../../../../src/core/connectionFile/scaffold';
import { ConversionError, toOidcConnection } from '../../../../src/core/toOidc/toOidcConnection';

// Names from files and tenants make file names; issue 12: `../../../../../tmp/pwned` as a
// connection name wrote /tmp/pwned-oidc.oidc-connection.json.
const HOSTILE = ['../../../../../tmp/pwned', '..', 'a/b', 'a\\b', 'C:evil', '', 'x'.repeat(129), 'has space', '-lead'];

describe('file names derived from connection names', () => {
  it('Move to OIDC refuses a name the validator rejects, saying why', () => {
    for (const name of HOSTILE) {
      assert.throws(
        () =>
          toOidcConnection({
            name,
            strategy: 'auth0-oidc',
            options: { client_id: 'c', client_secret: '##X##', domain: 'a.example' },
          }),
        ConversionError,
        JSON.stringify(name),
      );
    }
    assert.throws(
      () => toOidcConnection({ name: '../../x', options: { client_id: 'c', domain: 'a.example' } }),
      /not a valid connection name/,
    );
    assert.equal(
      toOidcConnection({ name: 'partner', options: { client_id: 'c', domain: 'a.example' } }).fileName,
      'partner-oidc.oidc-connection.json',
    );
  });

  it('Pull into File and New Connection File refuse them too', () => {
    for (const name of HOSTILE) {
      assert.throws(() => pulledFileName(name), UnsafeFileNameError, JSON.stringify(name));
      assert.throws(
        () => scaffoldFileName(name, new Set([CONNECTION_FILE_NAME])),
        UnsafeFileNameError,
        JSON.stringify(name),
      );
      assert.throws(() => fileNameFor(name, '.json'), UnsafeFileNameError);
    }
    assert.equal(pulledFileName('partner-corp'), 'partner-corp.auth0-oidc.json');
  });

  it('childPath accepts only a plain name directly inside the folder', () => {
    assert.equal(childPath('/w/repo', 'a.json'), '/w/repo/a.json');
    assert.equal(childPath('/w/repo/', 'a.json'), '/w/repo/a.json');
    assert.equal(childPath('/', 'a.json'), '/a.json');
    for (const name of ['..', '.', '', '../a.json', 'sub/a.json', 'sub\\a.json', 'c:a', 'a\0b']) {
      assert.throws(() => childPath('/w/repo', name), UnsafeFileNameError, JSON.stringify(name));
    }
  });
});
