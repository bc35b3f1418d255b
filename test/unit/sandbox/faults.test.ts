import assert from 'node:assert/strict';
import { fetch } from 'undici';
import { federationConnectionBody, startSandbox, type Sandbox } from '../../sandbox/index';
import { api, eventually, sandboxForSuite } from './helpers';

describe('sandbox faults', function () {
  let sandbox: Sandbox;

  sandboxForSuite((started) => {
    sandbox = started;
  });
  afterEach(function () {
    sandbox.rp.faults.clear();
  });

  it('rate-limit: 429 with Retry-After and x-ratelimit-reset, then normal again', async function () {
    const handle = sandbox.rp.faults.inject({ kind: 'rate-limit', retryAfterSeconds: 7 });
    const limited = await api(sandbox.rp, 'GET', '/connections');
    assert.equal(limited.status, 429);
    assert.equal(limited.body.errorCode, 'too_many_requests');
    assert.equal(limited.headers.get('retry-after'), '7');
    assert.equal(limited.headers.get('x-ratelimit-remaining'), '0');
    const reset = Number(limited.headers.get('x-ratelimit-reset'));
    assert.ok(Math.abs(reset - (Math.floor(Date.now() / 1000) + 7)) <= 1, `reset ${reset}`);
    assert.equal(handle.hits, 1);
    assert.equal((await api(sandbox.rp, 'GET', '/connections')).status, 200);
  });

  it('server-error: the given status `times` times, only where method and path match', async function () {
    const handle = sandbox.rp.faults.inject({
      kind: 'server-error',
      status: 502,
      times: 2,
      method: 'get',
      path: /^\/api\/v2\/clients/,
    });
    assert.equal((await api(sandbox.rp, 'GET', '/connections')).status, 200, 'other path untouched');
    const first = await api(sandbox.rp, 'GET', '/clients');
    assert.equal(first.status, 502);
    assert.deepEqual(Object.keys(first.body).sort(), ['error', 'errorCode', 'message', 'statusCode']);
    assert.equal((await api(sandbox.rp, 'GET', `/clients/${sandbox.rp.m2m.clientId}`)).status, 502);
    assert.equal((await api(sandbox.rp, 'GET', '/clients')).status, 200);
    assert.equal(handle.hits, 2);
    assert.equal(handle.remaining, 0);
    assert.equal(sandbox.rp.faults.pending.length, 0);
  });

  it('faults without a path leave OAuth endpoints alone; a path reaches them', async function () {
    sandbox.rp.faults.inject({ kind: 'server-error', times: Infinity });
    const discovery = await fetch(`${sandbox.rp.baseUrl}/.well-known/openid-configuration`);
    assert.equal(discovery.status, 200);
    sandbox.rp.faults.clear();
    sandbox.rp.faults.inject({ kind: 'rate-limit', path: '/oauth/token' });
    const token = await fetch(`${sandbox.rp.baseUrl}/oauth/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'client_credentials' }),
    });
    assert.equal(token.status, 429);
    await token.body?.cancel();
  });

  it('latency: the response comes after at least latencyMs', async function () {
    sandbox.rp.faults.inject({ kind: 'latency', latencyMs: 250, path: '/api/v2/connections' });
    const started = performance.now();
    const result = await api(sandbox.rp, 'GET', '/connections');
    assert.equal(result.status, 200);
    assert.ok(performance.now() - started >= 240, 'delayed');
  });

  it('drop-after-commit: the POST is applied, the client sees no response, a retry gets 409', async function () {
    sandbox.rp.resetRequestLog();
    sandbox.rp.faults.inject({ kind: 'drop-after-commit', method: 'POST', path: '/api/v2/connections' });
    await assert.rejects(
      api(sandbox.rp, 'POST', '/connections', { body: federationConnectionBody(sandbox, 'dropped') }),
    );
    assert.ok(
      [...sandbox.rp.state.connections.values()].some((c) => c.name === 'dropped'),
      'committed',
    );
    const retry = await api(sandbox.rp, 'POST', '/connections', { body: federationConnectionBody(sandbox, 'dropped') });
    assert.equal(retry.status, 409);
    await eventually(() => sandbox.rp.requestLog.length === 2, 2000, 'both requests logged');
    assert.deepEqual(
      sandbox.rp.requestLog.map((e) => [e.method, e.path, e.status]),
      [
        ['POST', '/api/v2/connections', 0],
        ['POST', '/api/v2/connections', 409],
      ],
    );
  });

  it('stop-answering: the request gets no answer at all until the client gives up, and nothing is applied', async function () {
    const created = await api(sandbox.rp, 'POST', '/connections', {
      body: federationConnectionBody(sandbox, 'hung-update'),
    });
    assert.equal(created.status, 201);
    const id = (created.body as { id: string }).id;
    sandbox.rp.faults.inject({ kind: 'stop-answering', method: 'PATCH', path: '/api/v2/connections' });
    const token = await sandbox.rp.issueManagementToken();
    const started = performance.now();
    await assert.rejects(
      fetch(`${sandbox.rp.baseUrl}/api/v2/connections/${id}`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ display_name: 'Never applied' }),
        signal: AbortSignal.timeout(400),
      }),
      (error: unknown) => (error as Error).name === 'TimeoutError',
    );
    assert.ok(performance.now() - started >= 390, 'no answer before the client gave up');
    const after = await api(sandbox.rp, 'GET', `/connections/${id}`);
    assert.notEqual((after.body as { display_name?: string }).display_name, 'Never applied');
    assert.equal(sandbox.rp.faults.pending.length, 0, 'used once');
    assert.equal((await api(sandbox.rp, 'PATCH', `/connections/${id}`, { body: { display_name: 'Now' } })).status, 200);
  });

  it('reset: the connection is reset and nothing is applied', async function () {
    const before = sandbox.rp.state.connections.size;
    sandbox.rp.faults.inject({ kind: 'reset', method: 'POST' });
    await assert.rejects(
      api(sandbox.rp, 'POST', '/connections', { body: federationConnectionBody(sandbox, 'never-created') }),
    );
    assert.equal(sandbox.rp.state.connections.size, before);
  });

  it('requestLog counts Management API requests only, with status and query; resetRequestLog empties it', async function () {
    sandbox.rp.resetRequestLog();
    await api(sandbox.rp, 'GET', '/connections?take=5');
    await api(sandbox.rp, 'GET', '/connections', { token: null });
    await fetch(`${sandbox.rp.baseUrl}/.well-known/jwks.json`).then((r) => r.text());
    await eventually(() => sandbox.rp.requestLog.length >= 2, 2000, 'log entries');
    assert.deepEqual(sandbox.rp.requestLog, [
      { method: 'GET', path: '/api/v2/connections', query: '?take=5', status: 200 },
      { method: 'GET', path: '/api/v2/connections', query: '', status: 401 },
    ]);
    sandbox.rp.resetRequestLog();
    assert.equal(sandbox.rp.requestLog.length, 0);
  });

  it('resetRequestLog leaves out a request that arrived before it and answers after it', async function () {
    sandbox.rp.faults.inject({ kind: 'latency', latencyMs: 300 });
    const inFlight = api(sandbox.rp, 'GET', '/connections?take=1');
    await eventually(() => sandbox.rp.faults.pending.length === 0, 2000, 'the request to reach the fault');
    sandbox.rp.resetRequestLog();
    await inFlight;
    await api(sandbox.rp, 'GET', '/connections?take=2');
    await eventually(() => sandbox.rp.requestLog.length >= 1, 2000, 'the later request logged');
    assert.deepEqual(
      sandbox.rp.requestLog.map((e) => e.query),
      ['?take=2'],
    );
  });

  it('close() ends a request held by a long latency fault, so nothing keeps the process alive', async function () {
    const other = await startSandbox();
    other.rp.faults.inject({ kind: 'latency', latencyMs: 60_000 });
    const pending = api(other.rp, 'GET', '/connections');
    await eventually(() => other.rp.faults.pending.length === 0, 2000, 'the request to reach the fault');
    const started = Date.now();
    await other.close();
    await assert.rejects(pending);
    assert.ok(Date.now() - started < 2000);
  });
});
