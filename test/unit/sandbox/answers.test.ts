// The sandbox's answers follow Auth0's contract (issue 22): every Management API answer is checked
// against the OpenAPI response schema of its operation and status, a mismatch fails the run, and
// the answers that check found (and the errors Auth0 documents elsewhere) are as Auth0 sends them.
// Sources of each rule: test/sandbox/README.md, "As strict as Auth0 (answers)".
import assert from 'node:assert/strict';
import { fetch } from 'undici';
import { createFederatedConnection, startSandbox, type Sandbox, type SandboxTenant } from '../../sandbox/index';
import { api, sandboxForSuite } from './helpers';

describe('sandbox: answers as Auth0 sends them', function () {
  let sandbox: Sandbox;
  let rp: SandboxTenant;

  sandboxForSuite((started) => {
    sandbox = started;
    rp = started.rp;
  });

  // Every test of this suite must leave no contract violation behind (close() would fail too).
  afterEach(function () {
    sandbox.assertContract();
  });

  describe('every answer is checked against the OpenAPI response schema', function () {
    it('an answer of the wrong shape is recorded with its operation, status and schema path, and fails close()', async function () {
      const own = await startSandbox();
      let closed = false;
      try {
        const connection = await createFederatedConnection(own, 'wrong-shape');
        // A test hook (direct state access) gives the record a value Auth0's schema does not allow.
        (own.rp.state.connections.get(connection.id) as unknown as Record<string, unknown>).show_as_button = 'yes';
        const answer = await api(own.rp, 'GET', `/connections/${connection.id}`);
        assert.equal(answer.status, 200);

        assert.equal(own.contractViolations.length, 1);
        const [violation] = own.contractViolations;
        assert.equal(violation?.operation, 'GET /connections/{id}');
        assert.equal(violation?.status, 200);
        assert.equal(violation?.instancePath, '/show_as_button');
        assert.match(violation?.schemaPath ?? '', /show_as_button\/type$/);
        assert.throws(() => own.assertContract(), /rp: GET \/connections\/\{id\} answered 200: .*show_as_button/);
        closed = true;
        await assert.rejects(
          own.close(),
          /Auth0's OpenAPI contract does not allow:\n {2}rp: GET \/connections\/\{id\}/,
        );
      } finally {
        if (!closed) {
          own.takeContractViolations();
          await own.close();
        }
      }
    });

    it('takeContractViolations() forgets what a test provoked on purpose', async function () {
      const own = await startSandbox();
      try {
        const connection = await createFederatedConnection(own, 'provoked');
        (own.rp.state.connections.get(connection.id) as unknown as Record<string, unknown>).realms = 'not-a-list';
        await api(own.rp, 'GET', '/connections');
        const taken = own.takeContractViolations();
        assert.equal(taken.length, 1);
        assert.equal(taken[0]?.operation, 'GET /connections');
        assert.equal(own.contractViolations.length, 0);
      } finally {
        await own.close();
      }
    });

    it('error answers are checked too: Auth0 error body, statusCode equal to the status', async function () {
      const own = await startSandbox();
      try {
        // Every refusal the emulator makes conforms; a handful of them, one per kind.
        await api(own.rp, 'GET', '/connections', { token: null });
        await api(own.rp, 'GET', '/connections', { token: await own.rp.issueManagementToken(['read:clients']) });
        await api(own.rp, 'GET', '/connections?per_page=abc');
        await api(own.rp, 'POST', '/connections', { body: { name: 'x', strategy: 'auth0-oidc', foo: 1 } });
        await api(own.rp, 'GET', '/connections/con_doesNotExist0001');
        assert.deepEqual(own.contractViolations, []);
      } finally {
        await own.close();
      }
    });
  });

  describe('connection answers carry no enabled_clients', function () {
    it('GET /connections (plain, offset and checkpoint pages), GET and PATCH /connections/{id}', async function () {
      const connection = await createFederatedConnection(sandbox, 'no-enabled-clients');
      assert.ok(
        rp.state.connections.get(connection.id)?.enabled_clients.length,
        'the connection is enabled for an app',
      );
      const answers = [
        ...((await api(rp, 'GET', '/connections')).body as Record<string, unknown>[]),
        ...((await api(rp, 'GET', '/connections?include_totals=true')).body.connections as Record<string, unknown>[]),
        ...((await api(rp, 'GET', '/connections?take=50')).body.connections as Record<string, unknown>[]),
        (await api(rp, 'GET', `/connections/${connection.id}`)).body as Record<string, unknown>,
        (await api(rp, 'PATCH', `/connections/${connection.id}`, { body: { display_name: 'No EC' } })).body as Record<
          string,
          unknown
        >,
      ];
      assert.ok(answers.length >= 5);
      for (const answer of answers) assert.equal('enabled_clients' in answer, false, JSON.stringify(answer));
      // The enabled applications are read where Auth0 serves them now.
      const clients = await api(rp, 'GET', `/connections/${connection.id}/clients`);
      assert.deepEqual(clients.body.clients, [{ client_id: rp.app('RP Web App').clientId }]);
    });

    it('a legacy tenant (rejectEnabledClientsInBody: false) still shows it on one connection, never in lists', async function () {
      const legacy = await startSandbox({ rejectEnabledClientsInBody: false });
      try {
        const web = legacy.rp.app('RP Web App').clientId;
        const connection = await createFederatedConnection(legacy, 'legacy');
        assert.deepEqual((await api(legacy.rp, 'GET', `/connections/${connection.id}`)).body.enabled_clients, [web]);
        const list = (await api(legacy.rp, 'GET', '/connections')).body as Record<string, unknown>[];
        for (const item of list) assert.equal('enabled_clients' in item, false);
      } finally {
        await legacy.close();
      }
    });
  });

  describe('malformed connection id in the path', function () {
    it('400 invalid_uri "Path validation error: ..." before any lookup; a well-formed unknown id is a 404', async function () {
      for (const [method, path, body] of [
        ['GET', '/connections/not-a-connection-id', undefined],
        ['PATCH', '/connections/con_short', { display_name: 'x' }],
        ['DELETE', '/connections/con_0000000000000000000000', undefined],
        ['GET', '/connections/con_has%20space00000/clients', undefined],
        ['PATCH', '/connections/xyz/clients', [{ client_id: rp.app('RP Web App').clientId, status: true }]],
      ] as const) {
        const answer = await api(rp, method, path, body === undefined ? {} : { body });
        assert.equal(answer.status, 400, `${method} ${path}`);
        assert.equal(answer.body.errorCode, 'invalid_uri', `${method} ${path}`);
        assert.match(
          answer.body.message,
          /^Path validation error: 'String does not match pattern \^con_\[A-Za-z0-9\]\{16\}\$: .*' on property id\.$/,
        );
      }
      const unknown = await api(rp, 'GET', '/connections/con_doesNotExist0001');
      assert.equal(unknown.status, 404);
      assert.equal(unknown.body.errorCode, 'inexistent_connection');
    });
  });

  describe('a forged `from` checkpoint', function () {
    it('400 invalid_query_string on every checkpoint-paged list, never "from the start"', async function () {
      const connection = await createFederatedConnection(sandbox, 'forged-checkpoint');
      for (const path of [
        '/connections?take=5&from=garbage!',
        '/connections?take=5&from=bm90LWEtbnVtYmVy', // base64url of "not-a-number"
        `/connections/${connection.id}/clients?take=5&from=garbage`,
        '/clients?take=5&from=garbage',
      ]) {
        const answer = await api(rp, 'GET', path);
        assert.equal(answer.status, 400, path);
        assert.equal(answer.body.errorCode, 'invalid_query_string', path);
        assert.equal(answer.body.message, "Query validation error: 'Invalid checkpoint' on property from.");
      }
      // What the sandbox issued still works.
      const first = await api(rp, 'GET', '/clients?take=2');
      assert.equal(first.status, 200);
      assert.equal((await api(rp, 'GET', `/clients?take=2&from=${first.body.next as string}`)).status, 200);
    });
  });

  describe('401', function () {
    it("carries Auth0's body: statusCode, error, message and attributes.error, no errorCode", async function () {
      const good = await rp.issueManagementToken();
      const [header, payload] = good.split('.');
      const expired = await rp.issueManagementToken(undefined, { expiresInSeconds: -60 });
      for (const [authorization, message] of [
        [undefined, 'Missing authentication'],
        ['Basic abc', 'Bad HTTP authentication header format'],
        [`Bearer ${header ?? ''}.${payload ?? ''}.AAAA`, 'Invalid token'],
        [`Bearer ${expired}`, 'Expired token received for JSON Web Token validation'],
      ] as const) {
        const response = await fetch(`${rp.baseUrl}/api/v2/connections`, {
          headers: authorization ? { authorization } : {},
        });
        assert.equal(response.status, 401);
        assert.deepEqual(await response.json(), {
          statusCode: 401,
          error: 'Unauthorized',
          message,
          attributes: { error: message },
        });
      }
    });
  });
});
