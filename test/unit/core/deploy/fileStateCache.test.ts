import assert from 'node:assert/strict';
import type { Auth0OidcConnectionFile } from '../../../../src/core/connectionFile/connectionModel';
import type { FileState, RemoteCheck } from '../../../../src/core/deploy/fileState';
import { FileStateCache, FRESH_FOR_MS, MAX_PARALLEL_CHECKS } from '../../../../src/core/deploy/fileStateCache';

const TENANT = 'https://rp.example';
const body = (name: string): Auth0OidcConnectionFile => ({
  name,
  strategy: 'auth0-oidc',
  options: { client_id: 'abc', client_secret: '##X##', domain: 'p.example' },
});

/** A promise to settle by hand. */
function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: unknown) => void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A source whose files all need a check, each answered by hand. */
class Source {
  readonly locals: string[] = [];
  readonly remotes = new Map<string, ReturnType<typeof deferred<FileState>>[]>();
  readonly changes: (string | undefined)[] = [];
  readonly failures: unknown[] = [];
  local: (file: string) => RemoteCheck = (file) => ({ kind: 'check', tenant: TENANT, body: body(file) });

  readonly api = {
    id: (file: string) => file,
    local: async (file: string): Promise<RemoteCheck> => {
      this.locals.push(file);
      await tick();
      return this.local(file);
    },
    remote: (file: string, tenant: string, b: Auth0OidcConnectionFile): Promise<FileState> => {
      assert.equal(tenant, TENANT);
      assert.equal(b.name, file);
      const answer = deferred<FileState>();
      this.remotes.set(file, [...(this.remotes.get(file) ?? []), answer]);
      return answer.promise;
    },
    changed: (file: string | undefined) => this.changes.push(file),
    failed: (error: unknown) => this.failures.push(error),
  };

  get running(): number {
    return [...this.remotes.values()].flat().length;
  }

  answer(file: string, state: FileState, index = 0): void {
    this.remotes.get(file)![index]!.resolve(state);
  }
}

describe("FileStateCache: the connection files' states, cached, and their check queue", () => {
  it('reads a settled state once and never checks it', async () => {
    const source = new Source();
    source.local = () => ({ kind: 'settled', state: { kind: 'local' } });
    const cache = new FileStateCache(source.api);
    assert.deepEqual(await cache.state('a', true), { kind: 'local' });
    assert.deepEqual(await cache.state('a', true), { kind: 'local' });
    assert.deepEqual(source.locals, ['a']);
    assert.equal(source.running, 0);
  });

  it('starts the comparison only when asked to check, then says the file changed', async () => {
    const source = new Source();
    const cache = new FileStateCache(source.api);
    assert.deepEqual(await cache.state('a', false), { kind: 'checking', tenant: TENANT });
    assert.equal(source.running, 0, 'a hidden view starts nothing');
    assert.deepEqual(await cache.state('a', true), { kind: 'checking', tenant: TENANT });
    assert.deepEqual(await cache.state('a', true), { kind: 'checking', tenant: TENANT });
    assert.equal(source.running, 1, 'one check, however often asked');
    source.answer('a', { kind: 'inSync', tenant: TENANT });
    await tick();
    assert.deepEqual(source.changes, ['a']);
    assert.deepEqual(await cache.state('a', true), { kind: 'inSync', tenant: TENANT });
    assert.deepEqual(source.locals, ['a'], 'read once');
  });

  it('keeps the first of two concurrent first reads, so only one check runs', async () => {
    const source = new Source();
    const cache = new FileStateCache(source.api);
    await Promise.all([cache.state('a', true), cache.state('a', true)]);
    assert.deepEqual(source.locals, ['a', 'a']);
    assert.equal(source.running, 1);
  });

  it(`runs at most ${MAX_PARALLEL_CHECKS} checks at once; the next starts when one ends`, async () => {
    const source = new Source();
    const cache = new FileStateCache(source.api);
    const files = ['a', 'b', 'c', 'd', 'e', 'f'];
    await Promise.all(files.map((f) => cache.state(f, true)));
    assert.equal(source.running, MAX_PARALLEL_CHECKS);
    assert.ok(!source.remotes.has('e') && !source.remotes.has('f'), 'the last two wait');
    source.answer('b', { kind: 'inSync', tenant: TENANT });
    await tick();
    assert.ok(source.remotes.has('e') && !source.remotes.has('f'), 'one ended, one more started');
  });

  it('drops an answer about a file forgotten meanwhile (saved, deployed) and reads it again', async () => {
    const source = new Source();
    const cache = new FileStateCache(source.api);
    await cache.state('a', true);
    cache.forget('a');
    assert.deepEqual(source.changes, ['a']);
    source.answer('a', { kind: 'differs', tenant: TENANT, changes: ['options.scope'] });
    await tick();
    assert.deepEqual(source.changes, ['a'], 'the old answer changes nothing');
    assert.deepEqual(await cache.state('a', true), { kind: 'checking', tenant: TENANT });
    assert.deepEqual(source.locals, ['a', 'a']);
    source.answer('a', { kind: 'inSync', tenant: TENANT }, 1);
    await tick();
    assert.deepEqual(await cache.state('a', true), { kind: 'inSync', tenant: TENANT });
  });

  it('forgets every state on clear, and reports a check that threw without stopping the queue', async () => {
    const source = new Source();
    const cache = new FileStateCache(source.api, 1);
    await cache.state('a', true);
    await cache.state('b', true);
    assert.equal(source.running, 1);
    const error = new Error('boom');
    source.remotes.get('a')![0]!.reject(error);
    await tick();
    assert.deepEqual(source.failures, [error]);
    assert.ok(source.remotes.has('b'), 'the next check started');
    cache.clear();
    assert.deepEqual(source.changes, [undefined]);
    await cache.state('a', false);
    assert.deepEqual(source.locals, ['a', 'b', 'a']);
  });

  // Issue 21 item 6: the state follows the extension's own changes at once, and the tenant's
  // changes made elsewhere when the window regains focus or a view is shown again.
  describe('invalidation', () => {
    const inSync: FileState = { kind: 'inSync', tenant: TENANT };
    const gone: FileState = { kind: 'notDeployed', reason: 'missingOnTenant', tenant: TENANT };

    /** A cache on a clock the test moves, with files `names` compared and answered `inSync`. */
    async function answered(names: string[]) {
      const source = new Source();
      let now = 1_000_000;
      const clock = { advance: (ms: number) => (now += ms) };
      const cache = new FileStateCache(source.api, { now: () => now });
      for (const name of names) await cache.state(name, true);
      for (const name of names) source.answer(name, inSync);
      await tick();
      source.changes.length = 0;
      return { source, cache, clock };
    }

    it('forgets the files compared with a connection the extension deleted or pulled, and only those', async () => {
      const { source, cache } = await answered(['a', 'b']);
      cache.forgetConnection('https://other.example', 'a');
      cache.forgetConnection(TENANT, 'c');
      assert.deepEqual(source.changes, [], 'another tenant, another name: nothing');
      cache.forgetConnection(TENANT, 'a');
      assert.deepEqual(source.changes, ['a']);
      assert.deepEqual(await cache.state('a', true), { kind: 'checking', tenant: TENANT }, 'asked again');
      assert.deepEqual(await cache.state('b', true), inSync, 'b keeps its answer');
      source.answer('a', gone, 1);
      await tick();
      assert.deepEqual(await cache.state('a', true), gone);
    });

    it('asks the tenant again on revalidate once the answer is older than a few seconds, keeping the state shown meanwhile', async () => {
      const { source, cache, clock } = await answered(['a']);
      cache.revalidate();
      assert.equal(source.remotes.get('a')!.length, 1, 'a fresh answer is not asked again');
      clock.advance(FRESH_FOR_MS);
      cache.revalidate();
      cache.revalidate();
      assert.equal(source.remotes.get('a')!.length, 2, 'one more check, however often revalidated');
      assert.deepEqual(await cache.state('a', true), inSync, 'no flicker to "checking…"');
      assert.deepEqual(source.changes, []);
      source.answer('a', gone, 1);
      await tick();
      assert.deepEqual(source.changes, ['a']);
      assert.deepEqual(await cache.state('a', true), gone);
    });

    it('says nothing when the new answer is the same, and starts no check for files never shown or settled', async () => {
      const { source, cache, clock } = await answered(['a']);
      await cache.state('hidden', false); // the view was hidden: its first check is still to make
      source.local = () => ({ kind: 'settled', state: { kind: 'local' } });
      await cache.state('settled', true);
      clock.advance(FRESH_FOR_MS);
      cache.revalidate();
      assert.ok(!source.remotes.has('hidden') && !source.remotes.has('settled'));
      source.answer('a', inSync, 1);
      await tick();
      assert.deepEqual(source.changes, [], 'same answer, no redraw');
    });

    it('revalidates through the same queue, at most ' + MAX_PARALLEL_CHECKS + ' checks at once', async () => {
      const names = ['a', 'b', 'c', 'd', 'e', 'f'];
      const { source, cache, clock } = await answered([]);
      for (const name of names) {
        await cache.state(name, true);
        source.answer(name, inSync);
        await tick();
      }
      clock.advance(FRESH_FOR_MS);
      cache.revalidate();
      assert.equal(source.running - names.length, MAX_PARALLEL_CHECKS);
    });
  });

  it('forgets every entry a predicate matches (one file in each of its environments), and says so', async () => {
    const source = new Source();
    source.local = () => ({ kind: 'settled', state: { kind: 'local' } });
    const cache = new FileStateCache(source.api);
    for (const file of ['a#dev', 'a#prod', 'b#dev']) await cache.state(file, false);
    cache.forgetWhere((file) => file.startsWith('a#'));
    assert.deepEqual(source.changes, ['a#dev', 'a#prod']);
    for (const file of ['a#dev', 'a#prod', 'b#dev']) await cache.state(file, false);
    assert.deepEqual(source.locals, ['a#dev', 'a#prod', 'b#dev', 'a#dev', 'a#prod'], 'b#dev was kept');
  });
});
