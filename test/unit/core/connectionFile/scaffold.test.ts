import assert from 'node:assert/strict';
import { scaffoldConnectionText, scaffoldFileName } from '../../../../src/core/connectionFile/scaffold';
import { validateConnectionText } from '../../../../src/core/connectionFile/validate';
import {
  connectionNameProblem,
  isConnectionFileName,
  toValidConnectionName,
} from '../../../../src/core/connectionFile/connectionModel';
import {
  clientSecretPlaceholder,
  isMalformedPlaceholder,
  isPlaceholder,
  secretPlaceholders,
} from '../../../../src/core/connectionFile/placeholders';

describe('scaffold', () => {
  const input = {
    name: 'partner',
    domain: 'partner.eu.auth0.com',
    clientId: 'aB3dE5fG7hJ9kL1m',
    clientSecret: '##PARTNER_CLIENT_SECRET##',
    scopes: ['openid', 'profile'],
    enabledClients: ['rpApp1'],
  };

  it('writes a file with no errors or warnings', () => {
    const text = scaffoldConnectionText(input);
    const diagnostics = validateConnectionText(text);
    assert.deepEqual(
      diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning'),
      [],
    );
    assert.deepEqual(JSON.parse(text), {
      name: 'partner',
      strategy: 'auth0-oidc',
      options: {
        client_id: 'aB3dE5fG7hJ9kL1m',
        client_secret: '##PARTNER_CLIENT_SECRET##',
        domain: 'partner.eu.auth0.com',
        scope: 'openid profile',
      },
      enabled_clients: ['rpApp1'],
    });
    assert.ok(text.endsWith('}\n'));
  });

  it('leaves enabled_clients out when none were chosen', () => {
    const { enabledClients: _, ...rest } = input;
    assert.equal('enabled_clients' in JSON.parse(scaffoldConnectionText(rest)), false);
  });

  it('warns about a literal secret, as the editor would', () => {
    const codes = validateConnectionText(scaffoldConnectionText({ ...input, clientSecret: 'plain' })).map(
      (d) => d.code,
    );
    assert.ok(codes.includes('client-secret-literal'));
  });

  it('picks a file name that overwrites nothing', () => {
    assert.equal(scaffoldFileName('p', new Set()), 'auth0-oidc-connection.json');
    assert.equal(scaffoldFileName('p', new Set(['auth0-oidc-connection.json'])), 'p.auth0-oidc.json');
    assert.equal(
      scaffoldFileName('p', new Set(['auth0-oidc-connection.json', 'p.auth0-oidc.json', 'p-2.auth0-oidc.json'])),
      'p-3.auth0-oidc.json',
    );
  });
});

describe('connection names and placeholders', () => {
  const names: [string, boolean][] = [
    ['partner', true],
    ['a', true],
    ['a-b-c', true],
    ['A1', true],
    ['-a', false],
    ['a-', false],
    ['a--b', false],
    ['a_b', false],
    ['', false],
    ['x'.repeat(128), true],
    ['x'.repeat(129), false],
  ];
  for (const [name, valid] of names) {
    it(`${valid ? 'accepts' : 'rejects'} the name ${JSON.stringify(name.length > 20 ? `${name.length} chars` : name)}`, () => {
      assert.equal(connectionNameProblem(name) === undefined, valid);
    });
  }
  it('makes any text into a valid name', () => {
    for (const text of ['Partner Corp!', '--x--', 'äöü', '', 'a'.repeat(300)]) {
      assert.equal(connectionNameProblem(toValidConnectionName(text)), undefined, text);
    }
  });
  it('recognises connection file names', () => {
    assert.ok(isConnectionFileName('/w/auth0-oidc-connection.json'));
    assert.ok(isConnectionFileName('C:\\w\\partner.auth0-oidc.json'));
    assert.ok(!isConnectionFileName('/w/.auth0-oidc.json'));
    assert.ok(!isConnectionFileName('/w/package.json'));
  });
  it('fills placeholders only into secret options', () => {
    assert.deepEqual(
      secretPlaceholders({
        client_secret: '##A##',
        domain: '##B##',
        api_token: '##C##',
        scope: 'openid',
        password: 'plain',
      }),
      [
        { option: 'client_secret', key: 'A' },
        { option: 'api_token', key: 'C' },
      ],
    );
  });

  it('never quotes a malformed placeholder, which may be the secret itself', () => {
    const text = JSON.stringify({
      name: 'p',
      strategy: 'auth0-oidc',
      options: { client_id: 'abc', client_secret: '#my-real-secret', domain: 'p.example.com' },
    });
    const d = validateConnectionText(text).find((x) => x.code === 'placeholder-malformed');
    assert.ok(d);
    assert.doesNotMatch(d.message, /my-real-secret/);
  });

  it('derives placeholders from the connection name', () => {
    assert.equal(clientSecretPlaceholder('acme-corp'), '##ACME_CORP_CLIENT_SECRET##');
    assert.ok(isPlaceholder(clientSecretPlaceholder('x')));
    assert.ok(isMalformedPlaceholder('##lower##'));
    assert.ok(!isMalformedPlaceholder('a-real-secret'));
  });
});
