import assert from 'node:assert/strict';
import {
  validateConnectionText,
  validateConnectionTree,
  MAX_DIAGNOSTICS,
} from '../../../../src/core/connectionFile/validate';
import type { ConnectionDiagnostic, DiagnosticCode, Severity } from '../../../../src/core/connectionFile/diagnostic';
import { validText, withChange } from './fixtures';
import { readConnectionFile } from '../../../../src/core/connectionFile/readConnectionFile';

/** Codes other than the ever-present deprecation notice. */
function findings(text: string, context = {}): ConnectionDiagnostic[] {
  return validateConnectionText(text, context).filter((d) => d.code !== 'strategy-deprecated');
}

/** The text that a diagnostic's span covers. */
function covered(text: string, d: ConnectionDiagnostic): string {
  return text.slice(d.span.offset, d.span.offset + d.span.length);
}

describe('validateConnectionText', () => {
  it('finds nothing but the deprecation notice in a valid file', () => {
    const all = validateConnectionText(validText);
    assert.deepEqual(
      all.map((d) => [d.code, d.severity]),
      [['strategy-deprecated', 'information']],
    );
    assert.match(all[0]!.href ?? '', /^https:\/\/auth0\.com\//);
  });

  interface Case {
    readonly title: string;
    readonly text: string;
    readonly code: DiagnosticCode;
    readonly severity: Severity;
    /** The text the diagnostic underlines. */
    readonly at: string;
    readonly message?: RegExp;
  }
  const cases: Case[] = [
    {
      title: 'an empty file',
      text: '  \n',
      code: 'empty-file',
      severity: 'error',
      at: '',
      message: /New Connection File/,
    },
    { title: 'broken JSON', text: '{"name": "x",, }', code: 'json-syntax', severity: 'error', at: ',' },
    {
      title: 'a comment',
      text: '{ // c\n "name": "x" }',
      code: 'json-syntax',
      severity: 'error',
      at: '// c',
      message: /Comments/,
    },
    {
      title: 'a top-level array',
      text: '[1, 2]',
      code: 'not-an-object',
      severity: 'error',
      at: '[1, 2]',
      message: /not an array/,
    },
    { title: 'a top-level string', text: '"x"', code: 'not-an-object', severity: 'error', at: '"x"' },
    {
      title: 'a missing name',
      text: withChange((b) => delete b.name),
      code: 'missing-property',
      severity: 'error',
      at: '{',
      message: /"name"/,
    },
    {
      title: 'missing options',
      text: withChange((b) => delete b.options),
      code: 'missing-property',
      severity: 'error',
      at: '{',
      message: /"options"/,
    },
    {
      title: 'a missing client_id',
      text: withChange((b) => delete b.options.client_id),
      code: 'missing-property',
      severity: 'error',
      at: '"options"',
      message: /options\.client_id/,
    },
    {
      title: 'a missing domain',
      text: withChange((b) => delete b.options.domain),
      code: 'missing-property',
      severity: 'error',
      at: '"options"',
      message: /options\.domain/,
    },
    {
      title: 'a number as name',
      text: withChange((b) => (b.name = 42)),
      code: 'wrong-type',
      severity: 'error',
      at: '42',
      message: /must be a string, not a number/,
    },
    {
      title: 'options as an array',
      text: withChange((b) => (b.options = [])),
      code: 'wrong-type',
      severity: 'error',
      at: '[]',
    },
    {
      title: 'enabled_clients as a string',
      text: withChange((b) => (b.enabled_clients = 'abc')),
      code: 'wrong-type',
      severity: 'error',
      at: '"abc"',
    },
    {
      title: 'a boolean flag as a string',
      text: withChange((b) => (b.show_as_button = 'yes')),
      code: 'wrong-type',
      severity: 'error',
      at: '"yes"',
    },
    {
      title: 'an unknown top-level property',
      text: withChange((b) => (b.id = 'con_1')),
      code: 'unknown-property',
      severity: 'error',
      at: '"id"',
      message: /remove "id"/,
    },
    {
      title: 'an unknown authentication key',
      text: withChange((b) => (b.authentication = { active: true, x: 1 })),
      code: 'unknown-property',
      severity: 'error',
      at: '"x"',
    },
    {
      title: 'a name with spaces',
      text: withChange((b) => (b.name = 'my partner')),
      code: 'name-invalid',
      severity: 'error',
      at: '"my partner"',
      message: /remove " "/,
    },
    {
      title: 'a name with a double hyphen',
      text: withChange((b) => (b.name = 'a--b')),
      code: 'name-invalid',
      severity: 'error',
      at: '"a--b"',
      message: /single hyphens/,
    },
    {
      title: 'a name ending in a hyphen',
      text: withChange((b) => (b.name = 'ab-')),
      code: 'name-invalid',
      severity: 'error',
      at: '"ab-"',
    },
    {
      title: 'an empty name',
      text: withChange((b) => (b.name = '')),
      code: 'name-invalid',
      severity: 'error',
      at: '""',
    },
    {
      title: 'a name of 129 characters',
      text: withChange((b) => (b.name = 'a'.repeat(129))),
      code: 'name-invalid',
      severity: 'error',
      at: `"${'a'.repeat(129)}"`,
      message: /at most 128/,
    },
    {
      title: 'another strategy',
      text: withChange((b) => (b.strategy = 'waad')),
      code: 'strategy-invalid',
      severity: 'error',
      at: '"waad"',
    },
    {
      title: 'a domain with scheme and slash',
      text: withChange((b) => (b.options.domain = 'https://partner.eu.auth0.com/')),
      code: 'domain-not-bare-host',
      severity: 'error',
      at: '"https://partner.eu.auth0.com/"',
      message: /use "partner\.eu\.auth0\.com"/,
    },
    {
      title: 'a domain with a path',
      text: withChange((b) => (b.options.domain = 'partner.eu.auth0.com/authorize')),
      code: 'domain-not-bare-host',
      severity: 'error',
      at: '"partner.eu.auth0.com/authorize"',
    },
    {
      title: 'a domain that is no host',
      text: withChange((b) => (b.options.domain = 'not a host')),
      code: 'domain-invalid',
      severity: 'error',
      at: '"not a host"',
      message: /spaces/,
    },
    {
      title: 'an empty domain',
      text: withChange((b) => (b.options.domain = '')),
      code: 'empty-value',
      severity: 'error',
      at: '""',
    },
    {
      title: 'a scope without openid',
      text: withChange((b) => (b.options.scope = 'profile email')),
      code: 'scope-missing-openid',
      severity: 'warning',
      at: '"profile email"',
    },
    {
      title: 'an unknown scope',
      text: withChange((b) => (b.options.scope = 'openid emial')),
      code: 'scope-unknown',
      severity: 'information',
      at: 'emial',
    },
    {
      title: 'a repeated scope',
      text: withChange((b) => (b.options.scope = 'openid email email')),
      code: 'scope-duplicate',
      severity: 'information',
      at: 'email',
    },
    {
      title: 'a client id with spaces',
      text: withChange((b) => (b.options.client_id = 'abc def')),
      code: 'client-id-malformed',
      severity: 'error',
      at: '"abc def"',
    },
    {
      title: 'a malformed enabled client',
      text: withChange((b) => (b.enabled_clients = ['https://app'])),
      code: 'enabled-client-malformed',
      severity: 'error',
      at: '"https://app"',
    },
    {
      title: 'a repeated enabled client',
      text: withChange((b) => (b.enabled_clients = ['abc', 'abc'])),
      code: 'enabled-client-duplicate',
      severity: 'warning',
      at: '"abc"',
    },
    {
      title: 'a number in enabled_clients',
      text: withChange((b) => (b.enabled_clients = [7])),
      code: 'wrong-type',
      severity: 'error',
      at: '7',
    },
    {
      title: 'enabled_clients present',
      text: withChange((b) => (b.enabled_clients = [])),
      code: 'enabled-clients-endpoint',
      severity: 'hint',
      at: '"enabled_clients"',
    },
    {
      title: 'a literal secret',
      text: withChange((b) => (b.options.client_secret = 's3cr3t-value')),
      code: 'client-secret-literal',
      severity: 'warning',
      at: '"s3cr3t-value"',
    },
    {
      title: 'a lower-case placeholder',
      text: withChange((b) => (b.options.client_secret = '##partner##')),
      code: 'placeholder-malformed',
      severity: 'error',
      at: '"##partner##"',
    },
    {
      title: 'a placeholder in an option that is not a secret',
      text: withChange((b) => (b.options.upstream_hint = '##PARTNER_CLIENT_SECRET##')),
      code: 'placeholder-outside-secret',
      severity: 'error',
      at: '"##PARTNER_CLIENT_SECRET##"',
      message: /only filled in for secret options/,
    },
    {
      title: 'a shell-style placeholder',
      text: withChange((b) => (b.options.client_secret = '${SECRET}')),
      code: 'placeholder-malformed',
      severity: 'error',
      at: '"${SECRET}"',
    },
    {
      title: 'a repeated key',
      text: '{"name": "a", "name": "b", "strategy": "auth0-oidc", "options": {"client_id": "x", "client_secret": "##S##", "domain": "d.example"}}',
      code: 'duplicate-key',
      severity: 'error',
      at: '"name"',
    },
    {
      title: 'a display name over 128',
      text: withChange((b) => (b.display_name = 'x'.repeat(129))),
      code: 'value-too-long',
      severity: 'error',
      at: `"${'x'.repeat(129)}"`,
    },
    {
      title: 'eleven metadata keys',
      text: withChange((b) => (b.metadata = Object.fromEntries([...Array(11).keys()].map((i) => [`k${i}`, 'v'])))),
      code: 'metadata-too-many',
      severity: 'error',
      at: '{',
    },
    {
      title: 'a metadata number',
      text: withChange((b) => (b.metadata = { team: 7 })),
      code: 'wrong-type',
      severity: 'error',
      at: '7',
    },
    {
      title: 'authentication without active',
      text: withChange((b) => (b.authentication = {})),
      code: 'missing-property',
      severity: 'error',
      at: '"authentication"',
    },
  ];

  for (const c of cases) {
    it(`reports ${c.code} for ${c.title}`, () => {
      const found = findings(c.text).filter((d) => d.code === c.code);
      assert.ok(found.length > 0, `expected ${c.code}, got ${JSON.stringify(findings(c.text).map((d) => d.code))}`);
      const d = found[0]!;
      assert.equal(d.severity, c.severity);
      assert.equal(
        covered(c.text, d).startsWith(c.at),
        true,
        `underlines ${JSON.stringify(covered(c.text, d))}, expected ${JSON.stringify(c.at)}`,
      );
      if (c.message) assert.match(d.message, c.message);
    });
  }

  describe('an oidc connection file (*.oidc-connection.json, what Move to OIDC writes)', () => {
    const fileName = '/w/partner-oidc.oidc-connection.json';
    const oidcBody = (change: (b: any) => void = () => undefined): string => {
      const body: any = {
        name: 'partner-oidc',
        strategy: 'oidc',
        options: {
          type: 'back_channel',
          discovery_url: 'https://partner.eu.auth0.com/.well-known/openid-configuration',
          issuer: 'https://partner.eu.auth0.com/',
          // Auth0 refuses an oidc body without these two (oidcOptionRules.test.ts).
          authorization_endpoint: 'https://partner.eu.auth0.com/authorize',
          jwks_uri: 'https://partner.eu.auth0.com/.well-known/jwks.json',
          client_id: 'aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY',
          client_secret: '##PARTNER_OIDC_CLIENT_SECRET##',
          scope: 'openid profile email',
        },
      };
      change(body);
      return JSON.stringify(body, undefined, 2);
    };
    const codes = (text: string, name = fileName): string[] =>
      validateConnectionText(text, { fileName: name }).map((d) => d.code);

    it('finds nothing in a valid one: no domain asked for, no deprecation notice', () => {
      assert.deepEqual(codes(oidcBody()), []);
      assert.deepEqual(codes(oidcBody(), '/w/anything.json'), [], 'without a file name the strategy decides');
    });

    it('accepts plain http only for a provider on loopback (the sandbox)', () => {
      const onHost = (origin: string) => (b: any) => {
        b.options.discovery_url = `${origin}/.well-known/openid-configuration`;
        b.options.issuer = `${origin}/`;
        b.options.authorization_endpoint = `${origin}/authorize`;
        b.options.jwks_uri = `${origin}/.well-known/jwks.json`;
      };
      const loopback = oidcBody(onHost('http://127.0.0.1:4711'));
      assert.deepEqual(codes(loopback), []);
      const localhost = oidcBody(onHost('http://localhost:4711'));
      assert.deepEqual(codes(localhost), []);
      const plain = oidcBody(
        (b) => (b.options.discovery_url = 'http://partner.eu.auth0.com/.well-known/openid-configuration'),
      );
      assert.deepEqual(codes(plain), ['url-invalid']);
      assert.deepEqual(codes(oidcBody((b) => (b.options.issuer = 'not a url'))), ['url-invalid']);
    });

    it('rejects a decoy options.domain and URL options on another host (issue 23.1)', () => {
      assert.deepEqual(codes(oidcBody((b) => (b.options.domain = 'partner.eu.auth0.com'))), ['oidc-domain']);
      for (const option of ['token_endpoint', 'authorization_endpoint', 'jwks_uri', 'userinfo_endpoint', 'issuer']) {
        const stray = oidcBody((b) => (b.options[option] = `https://evil.example/${option}`));
        assert.deepEqual(codes(stray), ['provider-hosts-differ'], option);
        const message = validateConnectionText(stray, { fileName }).find((d) => d.code === 'provider-hosts-differ');
        assert.match(message!.message, /evil\.example.*partner\.eu\.auth0\.com/);
      }
      const endpoints = oidcBody((b) => {
        b.options.authorization_endpoint = 'https://partner.eu.auth0.com/authorize';
        b.options.token_endpoint = 'https://partner.eu.auth0.com/oauth/token';
        b.options.jwks_uri = 'https://partner.eu.auth0.com/.well-known/jwks.json';
        b.options.userinfo_endpoint = 'https://partner.eu.auth0.com/userinfo';
      });
      assert.deepEqual(codes(endpoints), [], 'the provider endpoints on its own host are fine');
      assert.deepEqual(codes(oidcBody((b) => (b.options.token_endpoint = 'http://partner.eu.auth0.com/oauth/token'))), [
        'url-invalid',
      ]);
    });

    it('asks for what an oidc connection needs, and checks the channel', () => {
      assert.deepEqual(codes(oidcBody((b) => delete b.options.discovery_url)), ['missing-property']);
      assert.deepEqual(codes(oidcBody((b) => delete b.options.client_secret)), ['missing-property']);
      assert.deepEqual(
        codes(oidcBody((b) => ((b.options.type = 'front_channel'), delete b.options.client_secret))),
        [],
        'front channel needs no secret',
      );
      assert.deepEqual(codes(oidcBody((b) => (b.options.type = 'sideways'))), ['value-invalid']);
      assert.deepEqual(codes(oidcBody((b) => (b.options.client_secret = 'literal'))), ['client-secret-literal']);
    });

    it('holds each file name to its strategy', () => {
      assert.deepEqual(codes(oidcBody((b) => (b.strategy = 'auth0-oidc'))), ['strategy-invalid']);
      const inAuth0OidcFile = validateConnectionText(oidcBody(), { fileName: '/w/partner.auth0-oidc.json' });
      assert.ok(
        inAuth0OidcFile.some((d) => d.code === 'strategy-invalid' && /NAME\.oidc-connection\.json/.test(d.message)),
      );
    });
  });

  it('reports domain-is-relying-party when the domain is a configured RP tenant', () => {
    const text = withChange((b) => (b.options.domain = 'rp.us.auth0.com'));
    assert.deepEqual(
      findings(text, { relyingPartyDomains: ['https://rp.us.auth0.com'] }).map((d) => d.code),
      ['domain-is-relying-party'],
    );
    assert.deepEqual(findings(text, { relyingPartyDomains: ['other.auth0.com'] }), []);
  });

  it('accepts host:port domains, as the loopback sandbox uses', () => {
    assert.deepEqual(findings(withChange((b) => (b.options.domain = '127.0.0.1:4000'))), []);
  });

  it('gives 0-based line and character positions, counting CRLF and UTF-16 as editors do', () => {
    const text = '{\r\n  "name": "p\u00e4rtner",\r\n  "\u{1F600}": 1\r\n}';
    const name = findings(text).find((d) => d.code === 'name-invalid')!;
    assert.deepEqual(name.range, { start: { line: 1, character: 10 }, end: { line: 1, character: 19 } });
    const emoji = findings(text).find((d) => d.code === 'unknown-property')!;
    assert.deepEqual(emoji.range, { start: { line: 2, character: 2 }, end: { line: 2, character: 6 } });
  });

  it('orders diagnostics by position', () => {
    const text = withChange((b) => {
      b.zzz = 1;
      b.options.scope = 'email';
      b.name = 'a b';
    });
    const offsets = findings(text).map((d) => d.span.offset);
    assert.deepEqual(
      offsets,
      [...offsets].sort((a, b) => a - b),
    );
  });

  describe('bad input never throws', () => {
    const inputs: [string, string][] = [
      ['truncated JSON', validText.slice(0, validText.length / 2)],
      ['a lone brace', '{'],
      ['null', 'null'],
      ['a number', '42'],
      ['deep nesting', '['.repeat(5000) + ']'.repeat(5000)],
      ['binary noise', String.fromCharCode(...Array.from({ length: 2000 }, (_, i) => (i * 7919) % 65536))],
      ['a byte-order mark', '\uFEFF' + validText],
      ['a lone surrogate in a key', '{"\uD800": 1}'],
    ];
    for (const [title, text] of inputs) {
      it(`for ${title}`, () => {
        const diagnostics = validateConnectionText(text);
        assert.ok(diagnostics.length > 0, 'something is reported');
        for (const d of diagnostics) {
          assert.ok(
            d.span.offset >= 0 && d.span.offset + d.span.length <= text.length,
            `${d.code} stays inside the text`,
          );
        }
      });
    }
  });

  it('handles a 1.9 MB file with thousands of enabled_clients, capping the list of diagnostics', () => {
    const clients = Array.from({ length: 60_000 }, (_, i) => `client${i % 40_000}`);
    const text = withChange((b) => (b.enabled_clients = clients));
    assert.ok(text.length > 1_000_000, `the file has ${text.length} characters`);
    const big = text + ' '.repeat(1_900_000 - text.length);
    const diagnostics = validateConnectionText(big);
    assert.equal(diagnostics.length, MAX_DIAGNOSTICS);
    const listed = diagnostics.filter((d) => d.code !== 'more-problems');
    assert.ok(
      listed.every(
        (d) =>
          d.code === 'enabled-client-duplicate' ||
          d.code === 'enabled-clients-endpoint' ||
          d.code === 'strategy-deprecated',
      ),
    );
    // 20,000 repeats and the two notes: 999 listed, the rest counted.
    assertUnlisted(diagnostics, 20_002 - (MAX_DIAGNOSTICS - 1), 'warning');
  });

  describe('a 1 MB file of the worst shapes: the first problems listed, the rest counted (issue 23.4)', () => {
    const MB = 1024 * 1024;
    /** `item(i)` repeated, comma-separated, until about a megabyte. */
    const repeated = (item: (i: number) => string): { joined: string; count: number } => {
      const parts: string[] = [];
      let size = 0;
      while (size < MB) size += (parts[parts.length] = item(parts.length)).length + 1;
      return { joined: parts.join(','), count: parts.length };
    };
    const head = validText.slice(0, validText.lastIndexOf('}'));

    it('a long array of invalid items', () => {
      const { joined, count } = repeated((i) => String(i));
      const diagnostics = validateConnectionText(`${head},"enabled_clients":[${joined}]}`);
      // strategy-deprecated, enabled-clients-endpoint, then one wrong-type per item.
      assertUnlisted(diagnostics, count + 2 - (MAX_DIAGNOSTICS - 1), 'error');
    });

    it('many unknown keys at the top level', () => {
      const { joined, count } = repeated((i) => `"k${i.toString(36)}":1`);
      const diagnostics = validateConnectionText(`${head},${joined}}`);
      assertUnlisted(diagnostics, count + 1 - (MAX_DIAGNOSTICS - 1), 'error');
      assert.ok(diagnostics.some((d) => d.code === 'unknown-property'));
    });

    it('one key repeated in options', () => {
      const { joined, count } = repeated(() => '"zz":"v"');
      const diagnostics = validateConnectionText(validText.replace('"options": {', `"options": {${joined},`));
      // Every repeat after the first, and the deprecation note.
      assertUnlisted(diagnostics, count - 1 + 1 - (MAX_DIAGNOSTICS - 1), 'error');
    });

    it('nesting up to the limit, still checked as JSON all the way down', () => {
      const deep = (i: number): string => `${'['.repeat(60)}${i}${']'.repeat(60)}`;
      const { joined } = repeated(deep);
      const text = `${head},"metadata":{"a":[${joined}]}}`;
      const codes = validateConnectionText(text).map((d) => d.code);
      assert.deepEqual(
        codes,
        ['strategy-deprecated', 'wrong-type'],
        'metadata.a is not a string; nothing inside is read',
      );
      // A trailing comma 60 levels down in the last item is still a syntax error.
      const broken = `${text.slice(0, text.length - 63)},${text.slice(text.length - 63)}`;
      assert.ok(validateConnectionText(broken).some((d) => d.code === 'json-syntax'));
    });

    it('hands its callers the whole tree, though it reads only two levels', () => {
      const text = withChange((b) => (b.options.oidc_metadata = { token_endpoint: 'https://p.example/oauth/token' }));
      const { tree } = validateConnectionTree(text);
      const options = tree?.children?.find((p) => p.children?.[0]?.value === 'options')?.children?.[1];
      const metadata = options?.children?.find((p) => p.children?.[0]?.value === 'oidc_metadata')?.children?.[1];
      assert.equal(metadata?.children?.[0]?.children?.[1]?.value, 'https://p.example/oauth/token');
    });

    it('an error past the listed ones still refuses the file', () => {
      // 1,200 unknown scope words (notes) come before the malformed application id (an error).
      const scope = ['openid', ...Array.from({ length: 1200 }, (_, i) => `x${i}`)].join(' ');
      const text = withChange((b) => {
        b.options.scope = scope;
        b.enabled_clients = ['not a client id'];
      });
      const reading = readConnectionFile(text, '/w/auth0-oidc-connection.json');
      assert.equal(reading.kind, 'errors');
      const more = reading.diagnostics.find((d) => d.code === 'more-problems');
      assert.equal(more?.severity, 'error');
      assert.match(more.message, /\(1 of them errors\)/);
    });
  });
});

/** Exactly MAX_DIAGNOSTICS: all but one listed, and one `more-problems` counting the rest with the worst severity. */
function assertUnlisted(diagnostics: readonly ConnectionDiagnostic[], unlisted: number, severity: Severity): void {
  assert.equal(diagnostics.length, MAX_DIAGNOSTICS);
  const more = diagnostics.filter((d) => d.code === 'more-problems');
  assert.equal(more.length, 1);
  assert.equal(more[0]!.severity, severity);
  assert.match(more[0]!.message, new RegExp(`^${unlisted.toLocaleString('en')} more problems`));
}
