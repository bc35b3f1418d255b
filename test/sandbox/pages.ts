// Plain HTML pages: no remote scripts, fonts or images, so they work offline in a real browser.

export function escapeHtml(value: unknown): string {
  return String(value).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

const STYLE = `body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;background:#f4f5f7;margin:0;padding:48px 16px;color:#1e212a}
main{max-width:380px;margin:0 auto;background:#fff;border-radius:8px;box-shadow:0 1px 4px rgba(0,0,0,.15);padding:32px}
h1{font-size:1.3em;margin:0 0 4px}p.sub{color:#65676e;margin:0 0 20px}label{display:block;font-size:.9em;margin:12px 0 4px}
input{width:100%;box-sizing:border-box;padding:10px;border:1px solid #c9cace;border-radius:4px;font-size:1em}
button{margin-top:20px;width:100%;padding:11px;border:0;border-radius:4px;background:#635dff;color:#fff;font-size:1em;cursor:pointer}
.error{background:#fdecea;color:#8a1c13;border-radius:4px;padding:10px;margin:0 0 12px}code{word-break:break-all}footer{margin-top:18px;font-size:.8em;color:#65676e}`;

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main>${body}</main></body></html>`;
}

export function loginPage(opts: {
  tenant: string;
  state: string;
  clientName: string;
  connection: string;
  email?: string | undefined;
  error?: string | undefined;
}): string {
  return page(
    `Log in | ${opts.tenant}`,
    `<h1>Log in</h1>
<p class="sub">to continue to <strong>${escapeHtml(opts.clientName)}</strong> (sandbox tenant <strong>${escapeHtml(opts.tenant)}</strong>)</p>
${opts.error ? `<p class="error" role="alert" id="error">${escapeHtml(opts.error)}</p>` : ''}
<form method="post" action="/u/login" id="login-form">
<input type="hidden" name="state" value="${escapeHtml(opts.state)}">
<label for="email">Email address</label>
<input id="email" name="email" type="email" autocomplete="username" required autofocus value="${escapeHtml(opts.email ?? '')}">
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit" name="action" value="default">Continue</button>
</form>
<footer>Database connection: ${escapeHtml(opts.connection)}</footer>`,
  );
}

/**
 * Auth0's confirmation before a login that reused a session returns to a non-verifiable callback
 * (loopback or custom scheme): the user continues or cancels. Wording is the sandbox's own.
 */
export function confirmCallbackPage(opts: {
  tenant: string;
  state: string;
  clientName: string;
  redirectUri: string;
  user: string;
}): string {
  return page(
    `Confirm login | ${opts.tenant}`,
    `<h1 id="title">Continue to ${escapeHtml(opts.clientName)}?</h1>
<p class="sub">You are logged in as <strong>${escapeHtml(opts.user)}</strong> (sandbox tenant <strong>${escapeHtml(opts.tenant)}</strong>).</p>
<p id="explanation">The application asks to receive this login at <code id="redirect-uri">${escapeHtml(opts.redirectUri)}</code>, an address on this device that cannot be verified as belonging to it. Continue only if you started this login yourself.</p>
<form method="post" action="/u/login" id="confirm-form">
<input type="hidden" name="state" value="${escapeHtml(opts.state)}">
<button type="submit" name="action" value="confirm" id="confirm">Continue</button>
<button type="submit" name="action" value="cancel" id="cancel" style="background:#fff;color:#1e212a;border:1px solid #c9cace">Cancel</button>
</form>`,
  );
}

export function errorPage(opts: {
  tenant: string;
  title: string;
  error: string;
  description: string;
  hint?: string | undefined;
}): string {
  return page(
    `Error | ${opts.tenant}`,
    `<h1 id="title">${escapeHtml(opts.title)}</h1>
<p class="error" role="alert"><strong id="error">${escapeHtml(opts.error)}</strong>: <span id="error_description">${escapeHtml(opts.description)}</span></p>
${opts.hint ? `<p>${escapeHtml(opts.hint)}</p>` : ''}
<footer>Sandbox tenant ${escapeHtml(opts.tenant)}</footer>`,
  );
}

/** The logout confirmation: submitted by a tiny inline script, or by the button without scripts. */
export function logoutPage(tenant: string, form: string): string {
  return page(
    `Log out | ${tenant}`,
    `<h1>Logging out</h1>${form}<button type="submit" form="op.logoutForm" value="yes" name="logout">Log out</button>
<script>document.getElementById('op.logoutForm').insertAdjacentHTML('beforeend','<input type="hidden" name="logout" value="yes">');document.getElementById('op.logoutForm').submit();</script>`,
  );
}

export function loggedOutPage(tenant: string): string {
  return page(
    `Logged out | ${tenant}`,
    `<h1>You are logged out</h1><p class="sub">Sandbox tenant ${escapeHtml(tenant)}</p>`,
  );
}
