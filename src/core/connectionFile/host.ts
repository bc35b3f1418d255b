/** Host names as Auth0 wants them in `options.domain`: bare, no scheme, path or trailing slash. */

const LABEL = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/**
 * The bare host (with its port, if any) inside what a person pasted: `https://partner.eu.auth0.com/`
 * gives `partner.eu.auth0.com`. Undefined when nothing host-like is there.
 */
export function bareHostFrom(value: string): string | undefined {
  let rest = value.trim();
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.exec(rest);
  if (scheme) rest = rest.slice(scheme[0].length);
  rest = rest.replace(/^[^@/]*@/, ''); // user:password@
  const end = rest.search(/[/?#]/);
  if (end >= 0) rest = rest.slice(0, end);
  return rest.length > 0 ? rest : undefined;
}

/** What is wrong with a bare host (host or host:port), in words; undefined when it is fine. */
export function hostProblem(host: string): string | undefined {
  if (host.length === 0) return 'it is empty.';
  if (/\s/.test(host)) return 'it contains spaces.';
  if (/[/?#@]|:\/\//.test(host)) return 'it has a scheme, path or credentials; keep only the host name.';
  const match = /^([^:]+)(?::(\d{1,5}))?$/.exec(host);
  if (!match) return 'it is not a host name.';
  const [, name = '', port] = match;
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return `port ${port} is out of range.`;
  if (name.length > 253) return 'it is longer than 253 characters.';
  const labels = name.split('.');
  if (labels.some((label) => !LABEL.test(label)))
    return `"${name}" is not a valid host name (letters, digits, hyphens and dots).`;
  return undefined;
}
