import * as assert from 'node:assert/strict';
import { repairExternalLink } from '../../../../src/core/login/externalLink';

describe('repairExternalLink (a link opened from a remote workbench keeps its path and query)', () => {
  const link = 'http://127.0.0.1:40367/authorize?client_id=a&redirect_uri=http%3A%2F%2F127.0.0.1%3A1%2Fcb&state=s#f';

  it("puts code-server's dropped path, query and fragment back under /proxy/PORT/", () => {
    assert.equal(
      repairExternalLink(link, 'http://127.0.0.1:41873/proxy/40367/'),
      'http://127.0.0.1:41873/proxy/40367/authorize?client_id=a&redirect_uri=http%3A%2F%2F127.0.0.1%3A1%2Fcb&state=s#f',
    );
    assert.equal(
      repairExternalLink(link, 'https://ide.example.com/base/proxy/40367'),
      'https://ide.example.com/base/proxy/40367/authorize?client_id=a&redirect_uri=http%3A%2F%2F127.0.0.1%3A1%2Fcb&state=s#f',
    );
  });

  it('leaves a link alone when the workbench kept it (desktop) or only moved its authority (port forwarding)', () => {
    assert.equal(repairExternalLink(link, link), undefined);
    assert.equal(repairExternalLink(link, link.replace(':40367', ':50001')), undefined);
    assert.equal(
      repairExternalLink('https://rp.example.com/authorize?x=1', 'https://rp.example.com/authorize?x=1'),
      undefined,
    );
  });

  it('keeps a root link at the forwarded base', () => {
    assert.equal(repairExternalLink('http://127.0.0.1:9/', 'http://h/proxy/9/'), undefined);
    assert.equal(repairExternalLink('http://127.0.0.1:9/?a=1', 'http://h/proxy/9/'), 'http://h/proxy/9/?a=1');
  });
});
