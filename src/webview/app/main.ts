// The login view's browser app. It renders what the host posts, with DOM nodes and textContent
// only (no HTML strings), counts the expiry down, and asks the host for a raw token only when the
// person clicks "Show". It persists no webview state: the host posts the model again whenever the
// view is re-created.
import { describeExpiry, describeIssued, numericDateToIso } from '../../core/login/time';
import type { ClaimCheck } from '../../core/login/tokens';
import type { ParsedUserId } from '../../core/login/userId';
import type {
  AppMessage,
  AuthorizeLinkModel,
  HostMessage,
  LabelledValue,
  TokenKind,
  TokenView,
  TokensModel,
} from '../protocol';

interface VsCodeApi {
  postMessage(message: AppMessage): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const app = document.getElementById('app')!;
const revealTargets = new Map<TokenKind, HTMLElement>();
let countdown: number | undefined;

const TIME_CLAIMS = new Set(['exp', 'iat', 'nbf', 'auth_time', 'updated_at']);
const ICONS: Record<ClaimCheck['status'], string> = { pass: '✓', fail: '✗', warn: '!', info: 'i' };

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  options: { className?: string; text?: string } = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (options.className) node.className = options.className;
  if (options.text !== undefined) node.textContent = options.text;
  for (const child of children) node.append(child);
  return node;
}

function button(label: string, onClick: () => void, className = ''): HTMLButtonElement {
  const b = el('button', { text: label, ...(className ? { className } : {}) });
  b.type = 'button';
  b.addEventListener('click', onClick);
  return b;
}

function definitions(items: readonly LabelledValue[]): HTMLElement {
  const dl = el('dl', { className: 'facts' });
  for (const item of items) dl.append(el('dt', { text: item.label }), el('dd', { text: item.value }));
  return dl;
}

function json(value: unknown): HTMLElement {
  return el('pre', { className: 'json', text: JSON.stringify(value, undefined, 2) });
}

function claimsTable(claims: Record<string, unknown>): HTMLElement {
  const table = el('table', { className: 'claims' });
  const now = Date.now();
  for (const [name, value] of Object.entries(claims)) {
    const cell = el('td', { className: 'value' });
    cell.append(el('code', { text: typeof value === 'string' ? value : JSON.stringify(value) }));
    if (TIME_CLAIMS.has(name) && typeof value === 'number') {
      const iso = numericDateToIso(value);
      const words = name === 'exp' ? describeExpiry(value, now) : name === 'iat' ? describeIssued(value, now) : '';
      const note = el('span', { className: 'muted', text: ` ${iso ?? ''}${words ? ` (${words})` : ''}` });
      if (name === 'exp') note.dataset.exp = String(value);
      cell.append(note);
    }
    table.append(el('tr', {}, el('th', { text: name }), cell));
  }
  return table;
}

function checksList(checks: readonly ClaimCheck[]): HTMLElement {
  const list = el('ul', { className: 'checks' });
  for (const check of checks) {
    list.append(
      el(
        'li',
        { className: `check ${check.status}` },
        el('span', { className: 'icon', text: ICONS[check.status] }),
        el('code', { text: check.claim }),
        ` ${check.message}`,
      ),
    );
  }
  return list;
}

function userSection(user: ParsedUserId, notice: string | undefined): HTMLElement {
  const section = el('section', { className: 'user' }, el('h2', { text: 'User' }));
  if (user.kind === 'auth0-oidc') {
    section.append(
      definitions([
        { label: 'user_id', value: user.userId },
        { label: 'Strategy', value: 'auth0-oidc' },
        { label: 'Connection (on the RP tenant)', value: user.connection },
        { label: 'Provider connection', value: user.providerConnection || '(none)' },
        { label: 'Provider user id', value: user.providerUserId },
        { label: 'user_id in the provider tenant', value: user.providerUserIdFull },
      ]),
    );
  } else if (user.kind === 'oidc') {
    section.append(
      definitions([
        { label: 'user_id', value: user.userId },
        { label: 'Strategy', value: 'oidc' },
        { label: 'Connection (on the RP tenant)', value: user.connection },
        { label: 'sub at the OpenID provider', value: user.sub },
      ]),
    );
  } else if (user.kind === 'other') {
    section.append(
      definitions([
        { label: 'user_id', value: user.userId },
        { label: 'Identity provider', value: user.provider },
        { label: 'Id', value: user.id },
      ]),
    );
  }
  section.querySelector('dd')?.setAttribute('id', 'user-id');
  // The host says what is off (another strategy or connection than the one tested, an unreadable id).
  if (notice !== undefined) section.append(el('p', { className: 'warn', text: notice }));
  return section;
}

function tokenSection(token: TokenView): HTMLElement {
  const section = el('section', { className: 'token' }, el('h2', { text: token.label }));
  if (token.exp !== undefined) {
    const expiry = el('p', { className: 'expiry', text: describeExpiry(token.exp, Date.now()) });
    expiry.dataset.exp = String(token.exp);
    section.append(expiry);
  }
  if (token.problem) section.append(el('p', { className: 'muted', text: token.problem }));
  if (token.checks.length > 0) section.append(el('h3', { text: 'Checks' }), checksList(token.checks));
  if (token.payload) section.append(el('h3', { text: 'Payload' }), claimsTable(token.payload));
  if (token.header) section.append(el('h3', { text: 'Header' }), json(token.header));

  const raw = el('pre', { className: 'raw', text: '' });
  raw.hidden = true;
  revealTargets.set(token.kind, raw);
  const show = button(`Show raw token (${token.length} characters)`, () => {
    if (raw.hidden) {
      vscode.postMessage({ type: 'reveal', token: token.kind });
      show.textContent = 'Hide raw token';
    } else {
      raw.hidden = true;
      raw.textContent = '';
      show.textContent = `Show raw token (${token.length} characters)`;
    }
  });
  const copy = button('Copy', () => vscode.postMessage({ type: 'copyToken', token: token.kind }), 'secondary');
  section.append(el('div', { className: 'actions' }, show, copy), raw);
  return section;
}

function renderTokens(model: TokensModel): void {
  app.replaceChildren(el('h1', { text: model.title }));
  if (model.context.length > 0) app.append(definitions(model.context));
  if (model.user) app.append(userSection(model.user, model.userNotice));
  for (const token of model.tokens) app.append(tokenSection(token));
  if (model.userinfo)
    app.append(
      el('section', { className: 'profile' }, el('h2', { text: 'Profile (/userinfo)' }), claimsTable(model.userinfo)),
    );
  if (model.userinfoError) app.append(el('p', { className: 'warn', text: model.userinfoError }));
  for (const note of model.notes) app.append(el('p', { className: 'muted', text: note }));
  startCountdown();
}

function renderAuthorize(model: AuthorizeLinkModel): void {
  app.replaceChildren(el('h1', { text: model.title }));
  if (model.context.length > 0) app.append(definitions(model.context));
  app.append(
    el('pre', { className: 'link', text: model.url }),
    el(
      'div',
      { className: 'actions' },
      button('Open in Browser', () => vscode.postMessage({ type: 'openLink' })),
      button('Copy Link', () => vscode.postMessage({ type: 'copyLink' }), 'secondary'),
    ),
    el('h2', { text: 'Parameters' }),
  );
  const table = el('table', { className: 'parameters' });
  for (const p of model.parameters)
    table.append(
      el(
        'tr',
        {},
        el('th', {}, el('code', { text: p.name })),
        el('td', {}, el('code', { text: p.value }), el('div', { className: 'muted', text: p.meaning })),
      ),
    );
  app.append(table);
  for (const note of model.notes) app.append(el('p', { className: 'muted', text: note }));
  stopCountdown();
}

function startCountdown(): void {
  stopCountdown();
  countdown = window.setInterval(() => {
    const now = Date.now();
    document.querySelectorAll<HTMLElement>('[data-exp]').forEach((node) => {
      const exp = Number(node.dataset.exp);
      const words = describeExpiry(exp, now);
      if (node.classList.contains('expiry')) {
        node.textContent = words;
        node.classList.toggle('expired', exp * 1000 <= now);
      } else {
        node.textContent = ` ${numericDateToIso(exp) ?? ''} (${words})`;
      }
    });
  }, 1000);
}

function stopCountdown(): void {
  if (countdown !== undefined) window.clearInterval(countdown);
  countdown = undefined;
}

function notice(text: string): void {
  let status = document.getElementById('notice');
  if (!status) {
    status = el('p', { className: 'notice' });
    status.id = 'notice';
    status.setAttribute('role', 'status');
    document.body.append(status);
  }
  status.textContent = text;
}

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  const message = event.data;
  switch (message.type) {
    case 'show':
      revealTargets.clear();
      if (message.model.view === 'tokens') renderTokens(message.model);
      else renderAuthorize(message.model);
      break;
    case 'revealed': {
      const target = revealTargets.get(message.token);
      if (target) {
        target.textContent = message.value;
        target.hidden = false;
      }
      break;
    }
    case 'notice':
      notice(message.text);
      break;
  }
});

vscode.postMessage({ type: 'ready' });
