import assert from 'node:assert/strict';
import { callbacksWith, callbacksWithout, CallbacksUnreadableError } from '../../../../src/core/login/callbacks';

describe("Test Login's temporary callback (pure)", () => {
  const uri = 'http://127.0.0.1:50123/callback';

  it('adds the URI to the list read just before, keeping every entry', () => {
    assert.deepEqual(callbacksWith(['https://app.example/cb', 'http://127.0.0.1:53682/callback'], uri), [
      'https://app.example/cb',
      'http://127.0.0.1:53682/callback',
      uri,
    ]);
    assert.deepEqual(callbacksWith([], uri), [uri]);
    assert.equal(callbacksWith([uri], uri), undefined, 'already listed: no PATCH');
  });

  it('refuses to compute a list from an answer without callbacks, instead of replacing them with one entry', () => {
    for (const read of [undefined, null, 'x', [1], { callbacks: [] }]) {
      assert.throws(() => callbacksWith(read, uri), CallbacksUnreadableError, JSON.stringify(read));
      assert.throws(() => callbacksWithout(read, uri, ['a']), CallbacksUnreadableError, JSON.stringify(read));
    }
  });

  it('removes only the URI, from the list read again', () => {
    assert.deepEqual(
      callbacksWithout(['https://app.example/cb', uri, 'https://added.meanwhile/cb'], uri, ['https://app.example/cb']),
      ['https://app.example/cb', 'https://added.meanwhile/cb'],
    );
    assert.equal(
      callbacksWithout(['https://app.example/cb'], uri, ['https://app.example/cb']),
      undefined,
      'already gone: no PATCH',
    );
  });

  it('never empties a list that was not empty before the login', () => {
    assert.equal(callbacksWithout([uri], uri, ['https://app.example/cb']), undefined);
    assert.deepEqual(callbacksWithout([uri], uri, []), [], 'the application had none: it gets none back');
  });
});
