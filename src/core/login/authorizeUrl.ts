// The /authorize link for a connection (auth0-oidc, oidc or any other), and what each of its parameters means.
// Pure and browser-safe; the random values (state, nonce, PKCE) come from the caller.

export interface AuthorizeUrlInput {
  /** The RP tenant's origin, e.g. `https://acme.eu.auth0.com` (validated by tenantBaseUrl). */
  readonly rpOrigin: string;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly state: string;
  /** The connection's name: Auth0 skips its login page and goes straight to this connection. */
  readonly connection: string;
  /** Space-separated; default `openid profile email`. */
  readonly scope?: string;
  readonly nonce?: string;
  /** PKCE S256 challenge of the code verifier. */
  readonly codeChallenge?: string;
  /** More parameters (e.g. `prompt`, `login_hint`); they cannot replace the ones above. */
  readonly extra?: Readonly<Record<string, string>>;
}

export const DEFAULT_LOGIN_SCOPE = 'openid profile email';

export class AuthorizeUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuthorizeUrlError';
  }
}

/** `https://RP/authorize?client_id&response_type=code&redirect_uri&state&connection&scope[&nonce][&code_challenge…]`. */
export function buildAuthorizeUrl(input: AuthorizeUrlInput): string {
  let origin: URL;
  try {
    origin = new URL(input.rpOrigin);
  } catch {
    throw new AuthorizeUrlError('The tenant origin is not a URL.');
  }
  if ((origin.pathname !== '/' && origin.pathname !== '') || origin.search !== '' || origin.hash !== '') {
    throw new AuthorizeUrlError('The tenant origin must not have a path, query or fragment.');
  }
  checkRedirectUri(input.redirectUri);
  for (const [name, value] of [
    ['client_id', input.clientId],
    ['state', input.state],
    ['connection', input.connection],
  ] as const) {
    if (value.trim() === '') throw new AuthorizeUrlError(`The ${name} parameter is empty.`);
  }
  const url = new URL('/authorize', origin.origin);
  const params: [string, string][] = [
    ['client_id', input.clientId],
    ['response_type', 'code'],
    ['redirect_uri', input.redirectUri],
    ['state', input.state],
    ['connection', input.connection],
    ['scope', input.scope?.trim() || DEFAULT_LOGIN_SCOPE],
  ];
  if (input.nonce !== undefined) params.push(['nonce', input.nonce]);
  if (input.codeChallenge !== undefined)
    params.push(['code_challenge', input.codeChallenge], ['code_challenge_method', 'S256']);
  const taken = new Set(params.map(([name]) => name));
  for (const [name, value] of Object.entries(input.extra ?? {})) {
    if (!taken.has(name)) params.push([name, value]);
  }
  for (const [name, value] of params) url.searchParams.append(name, value);
  return url.href;
}

/** Throws AuthorizeUrlError unless `uri` is an absolute http(s) URL without a fragment. */
export function checkRedirectUri(uri: string): URL {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw new AuthorizeUrlError('The redirect URI must be an absolute URL, e.g. https://app.example.com/callback.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new AuthorizeUrlError('The redirect URI must use https (or http for a local address).');
  if (url.hash !== '') throw new AuthorizeUrlError('The redirect URI must not contain a fragment (#).');
  return url;
}

export interface ExplainedParameter {
  readonly name: string;
  readonly value: string;
  readonly meaning: string;
}

// Plain text: the authorize-link view shows these as text, so markdown backticks would show as such.
const MEANINGS: Readonly<Record<string, string>> = {
  client_id: 'The RP application that asks for the login; the connection must be enabled for it.',
  response_type:
    '"code" asks for the authorization code flow. Auth0 sends a one-time code to the redirect URI, which the application exchanges for tokens at /oauth/token.',
  redirect_uri:
    "Where Auth0 sends the browser back with the code. It must be one of the application's Allowed Callback URLs, exactly.",
  state:
    'A random value the application keeps and compares with the one that comes back, so a callback it did not start is refused (CSRF protection).',
  scope:
    'What to ask for: "openid" gives an ID token; "profile" and "email" add the user’s name and email to it and to /userinfo.',
  nonce: 'A random value Auth0 copies into the ID token, so a replayed token is recognised.',
  code_challenge:
    'PKCE: the SHA-256 hash of a secret code verifier that only the application knows and sends with the code exchange.',
  code_challenge_method: '"S256": the code challenge is the base64url SHA-256 of the verifier.',
  prompt: '"login" forces the login page even when there is a session.',
  login_hint: 'Pre-fills the user name on the login page.',
  audience: 'The API the access token is for; without it the access token is only good for /userinfo.',
};

/** What the `connection` parameter means, in the words of the connection's strategy. */
export function connectionMeaning(strategy: string | undefined): string {
  switch (strategy) {
    case 'auth0-oidc':
      return 'The auth0-oidc connection to log in with. Auth0 skips its own login page and sends the browser straight to the provider tenant.';
    case 'oidc':
      return 'The oidc connection (OIDC enterprise connection) to log in with. Auth0 skips its own login page and sends the browser straight to the OpenID provider it names.';
    case undefined:
      return 'The connection to log in with. Auth0 skips its own login page and sends the browser straight to it.';
    default:
      return `The ${strategy} connection to log in with. Auth0 skips its own login page and sends the browser straight to it.`;
  }
}

/**
 * Each query parameter of an authorize URL with what it does, in URL order. `strategy`: the
 * strategy of the connection the link names, which says where the browser goes next.
 */
export function explainAuthorizeUrl(href: string, options: { readonly strategy?: string } = {}): ExplainedParameter[] {
  const url = new URL(href);
  return [...url.searchParams.entries()].map(([name, value]) => ({
    name,
    value,
    meaning:
      name === 'connection'
        ? connectionMeaning(options.strategy)
        : (MEANINGS[name] ?? 'An extra parameter passed to Auth0 as is.'),
  }));
}
