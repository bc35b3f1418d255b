// The provider report is markdown rendered in VS Code's preview; every value in it comes from the
// file or a tenant. Rendered here with markdown-it (VS Code's renderer) with HTML and linkify on,
// as the preview does: hostile values must come out as their own characters, never as
// headings, links, images, HTML or code-span breaks (issue 12, item 6).
import * as assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { checkProvider, providerReportMarkdown } from '../../../../src/core/providerCheck/providerCheck';
import { mdCode, mdText } from '../../../../src/core/markdownText';
import { Prng } from '../../reliability/prng';

const md = new MarkdownIt({ html: true, linkify: true });

const HOSTILE =
  'x\n# Owned [click](https://evil.example/a) <img src=x onerror=alert(1)> `code` *em* https://evil.example/b &lt;b&gt; | --- |\n- item';

function tags(html: string, tag: string): number {
  return (html.match(new RegExp(`<${tag}[\\s>]`, 'g')) ?? []).length;
}

/** The text content of rendered HTML, entities decoded. */
function decode(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

function textOf(html: string): string {
  return decode(html).replace(/\s+/g, ' ').trim();
}

describe('provider report markdown with hostile values', () => {
  it('keeps ids, domains, callbacks and reasons as text', () => {
    const report = checkProvider({
      providerDomain: HOSTILE,
      clientId: HOSTILE,
      rpDomains: [HOSTILE, 'rp`.example'],
      client: { client_id: HOSTILE, name: HOSTILE, app_type: HOSTILE, callbacks: [HOSTILE], oidc_conformant: true },
      settingsUnknownReason: HOSTILE,
    });
    const html = md.render(providerReportMarkdown(report, [HOSTILE]));
    assert.equal(tags(html, 'h1'), 1, html);
    assert.equal(tags(html, 'h2'), report.results.length, html);
    for (const tag of ['a', 'img', 'em', 'table', 'h3']) assert.equal(tags(html, tag), 0, `<${tag}> in ${html}`);
    assert.ok(!html.includes('<img') && !html.includes('onerror=alert(1)>'), 'no live HTML');
    assert.ok(
      textOf(html).includes(
        '# Owned [click](https://evil.example/a) <img src=x onerror=alert(1)> `code` *em* https://evil.example/b &lt;b&gt; | --- | - item',
      ),
      html,
    );
  });

  it('marks each requirement in words, readable without an emoji font (issue 13)', () => {
    const report = checkProvider({
      providerDomain: 'provider.example',
      clientId: 'abc',
      rpDomains: [],
      client: { client_id: 'abc', app_type: 'spa', callbacks: [], oidc_conformant: false },
      settings: { flags: { enable_legacy_profile: true } },
    });
    const headings = providerReportMarkdown(report)
      .split('\n')
      .filter((l) => l.startsWith('## '));
    assert.equal(headings.length, report.results.length);
    for (const h of headings) assert.match(h, /^## (Pass|Fail|Check by hand): [A-Za-z]/, h);
    assert.ok(
      headings.every((h) => /^[\x20-\x7e]*$/.test(h.slice(0, h.indexOf(':')))),
      'only ASCII before the title',
    );
  });

  it('mdText and mdCode render any text as exactly that text', () => {
    const rng = new Prng(612);
    for (let i = 0; i < 5000; i++) {
      const text = rng.string('ab #[]()<>`*_!&;|-+=\\\n:/.', 1, 24);
      const flat = text.replace(/\n/g, ' ');
      const asText = md.renderInline(mdText(text));
      assert.equal(
        tags(asText, 'a') + tags(asText, 'em') + tags(asText, 'strong') + tags(asText, 'code'),
        0,
        `${JSON.stringify(text)} → ${asText}`,
      );
      // Inline markdown keeps runs of spaces as they are but may drop them at the ends.
      assert.equal(decode(asText).trim(), flat.trim(), `${JSON.stringify(text)} → ${asText}`);
      const asCode = md.renderInline(mdCode(text));
      const code = /^<code>(.*)<\/code>$/s.exec(asCode);
      assert.ok(code, `${JSON.stringify(text)} → ${asCode}`);
      if (flat.trim() !== '') assert.equal(decode(code[1]!), flat, `${JSON.stringify(text)} → ${asCode}`);
    }
  });
});
