import assert from 'node:assert/strict';
import { validateConnectionText } from '../../../../src/core/connectionFile/validate';
import { applyTextEdits, quickFixesFor } from '../../../../src/core/connectionFile/quickFixes';
import type { DiagnosticCode } from '../../../../src/core/connectionFile/diagnostic';
import { withChange } from './fixtures';

/** Applies the first fix offered for `code` and returns the new text. */
function fix(text: string, code: DiagnosticCode): { text: string; fixes: ReturnType<typeof quickFixesFor> } {
  const diagnostic = validateConnectionText(text).find((d) => d.code === code);
  assert.ok(diagnostic, `${code} is reported before the fix`);
  const fixes = quickFixesFor(text, diagnostic);
  assert.ok(fixes.length > 0, `a fix is offered for ${code}`);
  return { text: applyTextEdits(text, fixes[0]!.edits), fixes };
}

describe('quickFixesFor', () => {
  it('removes an unknown scope word, keeping the others (issue 13)', () => {
    const text = withChange((b) => (b.options.scope = 'openid profil email'));
    const result = fix(text, 'scope-unknown');
    assert.equal(result.fixes[0]!.title, 'Remove "profil" from the scope');
    assert.equal(JSON.parse(result.text).options.scope, 'openid email');
  });

  it('adds a missing options.domain from each configured tenant (issue 13)', () => {
    const text = withChange((b) => delete b.options.domain);
    const diagnostic = validateConnectionText(text).find(
      (d) => d.code === 'missing-property' && d.message.includes('options.domain'),
    );
    assert.ok(diagnostic);
    assert.deepEqual(quickFixesFor(text, diagnostic), [], 'no tenant configured: nothing to offer');
    const fixes = quickFixesFor(text, diagnostic, { tenantDomains: ['a.eu.auth0.com', '127.0.0.1:4000'] });
    assert.deepEqual(
      fixes.map((f) => f.title),
      ['Add "options.domain": "a.eu.auth0.com"', 'Add "options.domain": "127.0.0.1:4000"'],
    );
    const fixed = JSON.parse(applyTextEdits(text, fixes[1]!.edits));
    assert.equal(fixed.options.domain, '127.0.0.1:4000');
    assert.equal(
      validateConnectionText(applyTextEdits(text, fixes[1]!.edits)).filter((d) => d.severity === 'error').length,
      0,
    );
  });

  const cases: { code: DiagnosticCode; text: string; expect: (body: any) => void }[] = [
    {
      code: 'domain-not-bare-host',
      text: withChange((b) => (b.options.domain = 'https://partner.eu.auth0.com/')),
      expect: (b) => assert.equal(b.options.domain, 'partner.eu.auth0.com'),
    },
    {
      code: 'scope-missing-openid',
      text: withChange((b) => (b.options.scope = 'profile  email')),
      expect: (b) => assert.equal(b.options.scope, 'openid profile email'),
    },
    {
      code: 'scope-duplicate',
      text: withChange((b) => (b.options.scope = 'openid email email')),
      expect: (b) => assert.equal(b.options.scope, 'openid email'),
    },
    {
      code: 'name-invalid',
      text: withChange((b) => (b.name = 'Partner Corp!')),
      expect: (b) => assert.equal(b.name, 'Partner-Corp'),
    },
    {
      code: 'strategy-invalid',
      text: withChange((b) => (b.strategy = 'waad')),
      expect: (b) => assert.equal(b.strategy, 'auth0-oidc'),
    },
    {
      code: 'unknown-property',
      text: withChange((b) => (b.id = 'con_1')),
      expect: (b) => assert.equal('id' in b, false),
    },
    {
      code: 'enabled-client-duplicate',
      text: withChange((b) => (b.enabled_clients = ['abc', 'def', 'abc'])),
      expect: (b) => assert.deepEqual(b.enabled_clients, ['abc', 'def']),
    },
    {
      code: 'missing-property',
      text: withChange((b) => delete b.strategy),
      expect: (b) => assert.equal(b.strategy, 'auth0-oidc'),
    },
    {
      code: 'client-secret-literal',
      text: withChange((b) => (b.options.client_secret = 'literal-secret')),
      expect: (b) => assert.equal(b.options.client_secret, '##PARTNER_CLIENT_SECRET##'),
    },
  ];
  for (const c of cases) {
    it(`fixes ${c.code} and the diagnostic goes away`, () => {
      const { text } = fix(c.text, c.code);
      c.expect(JSON.parse(text));
      assert.equal(
        validateConnectionText(text).some((d) => d.code === c.code),
        false,
        `${c.code} is gone`,
      );
    });
  }

  const removals: [string, string, DiagnosticCode, unknown][] = [
    ['the last of two array entries', '["abc", "abc"]', 'enabled-client-duplicate', ['abc']],
    ['a middle array entry', '["abc", "abc", "def"]', 'enabled-client-duplicate', ['abc', 'def']],
    ['an entry on its own line', '[\n    "abc",\n    "abc"\n  ]', 'enabled-client-duplicate', ['abc']],
  ];
  for (const [title, clients, code, expected] of removals) {
    it(`removes ${title} and leaves valid JSON`, () => {
      const text = withChange((b) => (b.enabled_clients = '@@')).replace('"@@"', clients);
      const fixed = fix(text, code).text;
      assert.deepEqual(JSON.parse(fixed).enabled_clients, expected);
    });
  }

  it('removes the last property, and the only one, leaving valid JSON', () => {
    const last = fix(
      withChange((b) => (b.zzz = 1)),
      'unknown-property',
    ).text;
    assert.equal('zzz' in JSON.parse(last), false);
    const only = fix('{"authentication": {"zzz": true}}', 'unknown-property').text;
    assert.deepEqual(JSON.parse(only).authentication, {});
  });

  it('asks to store the literal secret under the placeholder key before replacing it', () => {
    const { fixes } = fix(
      withChange((b) => {
        b.name = 'acme-corp';
        b.options.client_secret = 'literal-secret';
      }),
      'client-secret-literal',
    );
    assert.deepEqual(fixes[0]!.storeSecret, { key: 'ACME_CORP_CLIENT_SECRET', value: 'literal-secret' });
    assert.doesNotMatch(fixes[0]!.title, /literal-secret/, 'the title never shows the secret');
  });

  it('replaces an empty file with a template that only lacks the client id', () => {
    const { text } = fix('', 'empty-file');
    const codes = validateConnectionText(text).map((d) => d.code);
    assert.deepEqual(
      codes.filter((c) => c !== 'strategy-deprecated'),
      ['empty-value'],
    );
  });

  it('offers nothing for diagnostics that have no fix', () => {
    const text = withChange((b) => (b.options.client_id = 'a b'));
    const d = validateConnectionText(text).find((x) => x.code === 'client-id-malformed')!;
    assert.deepEqual(quickFixesFor(text, d), []);
  });
});
