// A minimal browser for tests: follows redirects by hand with a cookie jar, so a login through
// both tenants can be driven with undici alone. Cookies are keyed by host name without the port,
// as browsers do, which is why the tenants use distinct cookie names.
import { Agent, fetch } from 'undici';

interface Cookie {
  name: string;
  value: string;
  host: string;
  path: string;
}

export interface Hop {
  url: string;
  status: number;
  location?: string;
}

export interface PageResult {
  url: string;
  status: number;
  body: string;
  headers: Headers;
}

export interface FollowResult {
  hops: Hop[];
  /** Set when the chain reached a URL that `stopAt` matched (not fetched), e.g. the app's redirect_uri. */
  stoppedAt?: URL;
  /** The last page fetched (a non-redirect response) when the chain did not stop. */
  page?: PageResult;
}

export class TestBrowser {
  private cookies: Cookie[] = [];
  private readonly dispatcher: Agent;
  private closing: Promise<void> | undefined;

  constructor(opts: { ca?: string | undefined } = {}) {
    this.dispatcher = new Agent(opts.ca ? { connect: { ca: opts.ca } } : {});
  }

  cookieNames(host = '127.0.0.1'): string[] {
    return this.cookies.filter((c) => c.host === host).map((c) => c.name);
  }

  /** One request, no redirect following; stores cookies. */
  async request(url: string | URL, init: { method?: string; form?: Record<string, string> } = {}): Promise<PageResult> {
    const target = new URL(url);
    const headers: Record<string, string> = {
      accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
      'user-agent': 'sandbox-test-browser',
    };
    const cookie = this.cookies
      .filter(
        (c) =>
          c.host === target.hostname &&
          (target.pathname === c.path || target.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`)),
      )
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
    if (cookie) headers.cookie = cookie;
    let body: string | null = null;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    }
    const response = await fetch(target, {
      method: init.method ?? (body ? 'POST' : 'GET'),
      headers,
      body,
      redirect: 'manual',
      dispatcher: this.dispatcher,
    });
    for (const line of response.headers.getSetCookie()) this.store(target, line);
    return {
      url: target.href,
      status: response.status,
      body: await response.text(),
      headers: response.headers as unknown as Headers,
    };
  }

  /**
   * Requests `url` and follows redirects (301/302/303/307) until a non-redirect answer or a URL
   * matching `stopAt` (which is not fetched).
   */
  async follow(
    url: string | URL,
    opts: { stopAt?: (url: URL) => boolean; maxHops?: number; form?: Record<string, string> } = {},
  ): Promise<FollowResult> {
    const hops: Hop[] = [];
    let next = new URL(url);
    let form = opts.form;
    for (let i = 0; i < (opts.maxHops ?? 25); i++) {
      if (opts.stopAt?.(next)) return { hops, stoppedAt: next };
      const page = await this.request(next, form ? { form } : {});
      form = undefined;
      const location = page.headers.get('location');
      hops.push({ url: next.href, status: page.status, ...(location ? { location } : {}) });
      if (page.status >= 300 && page.status < 400 && location) {
        next = new URL(location, next);
        continue;
      }
      const selfSubmitted = selfSubmittingForm(page);
      if (selfSubmitted) {
        next = selfSubmitted.action;
        form = selfSubmitted.fields;
        continue;
      }
      return { hops, page };
    }
    throw new Error(`too many redirects: ${hops.map((h) => h.url).join(' -> ')}`);
  }

  /** Submits the first form of `page` with `fields` merged over its hidden inputs, then follows redirects. */
  async submitForm(
    page: PageResult,
    fields: Record<string, string>,
    opts: { stopAt?: (url: URL) => boolean } = {},
  ): Promise<FollowResult> {
    const { action, fields: hidden } = firstForm(page);
    return this.follow(action, { ...opts, form: { ...hidden, ...fields } });
  }

  /** Closes its connections; closing it again (a suite may track one browser twice) is a no-op. */
  close(): Promise<void> {
    this.closing ??= this.dispatcher.close();
    return this.closing;
  }

  private store(url: URL, line: string): void {
    const [pair = '', ...attrs] = line.split(';').map((s) => s.trim());
    const eq = pair.indexOf('=');
    if (eq <= 0) return;
    const name = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    let path = url.pathname.replace(/\/[^/]*$/, '') || '/';
    let expired = value === '';
    for (const attr of attrs) {
      const [k = '', v = ''] = attr.split('=');
      if (k.toLowerCase() === 'path') path = v || '/';
      if (k.toLowerCase() === 'expires' && Date.parse(v) < Date.now()) expired = true;
      if (k.toLowerCase() === 'max-age' && Number(v) <= 0) expired = true;
    }
    this.cookies = this.cookies.filter((c) => !(c.host === url.hostname && c.name === name && c.path === path));
    if (!expired) this.cookies.push({ name, value, host: url.hostname, path });
  }
}

/** The first form of `page`: its action (absolute) and its hidden inputs. */
function firstForm(page: PageResult): { action: URL; fields: Record<string, string> } {
  const action = /<form[^>]*action="([^"]*)"/i.exec(page.body)?.[1] ?? page.url;
  const fields: Record<string, string> = {};
  for (const m of page.body.matchAll(/<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"/gi)) {
    if (m[1] !== undefined) fields[m[1]] = decodeEntities(m[2] ?? '');
  }
  return { action: new URL(decodeEntities(action), page.url), fields };
}

/**
 * The form a browser with scripts submits by itself as soon as `page` loads: oidc-provider's
 * form_post page (title "Submitting Callback"), whose only script submits `document.forms[0]` on
 * DOMContentLoaded. oidc-provider answers with it, for instance, when a login ends as another
 * user than the session's: the page posts the old session's logout, which returns to the login.
 * A person never sees it (it has a Continue button only for browsers without scripts), so the
 * test browser submits it as a browser does. Other pages, even with scripts, stay where they are.
 */
function selfSubmittingForm(page: PageResult): { action: URL; fields: Record<string, string> } | undefined {
  if (page.status !== 200) return undefined;
  if (!/<title>Submitting Callback<\/title>/.test(page.body)) return undefined;
  if (!/document\.forms\[0\]\.submit\(\)/.test(page.body)) return undefined;
  if (!/<form method="post"/i.test(page.body)) return undefined;
  return firstForm(page);
}

function decodeEntities(s: string): string {
  return s.replace(
    /&(amp|lt|gt|quot|#39);/g,
    (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e] ?? _m,
  );
}
