// Small HTTP helpers shared by the tenant's routes: bodies in, JSON/HTML/API answers out.
import type * as http from 'node:http';
import type { ApiResponse } from './management';

const MAX_BODY = 1024 * 1024;

export async function readRaw(req: http.IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export async function drainRequest(req: http.IncomingMessage): Promise<void> {
  if (req.readableEnded) return;
  for await (const _ of req) {
    // discard
  }
}

export function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.setHeader('content-length', String(Buffer.byteLength(text)));
  res.end(text);
}

export function sendApi(res: http.ServerResponse, response: ApiResponse): void {
  if (response.body === undefined) {
    res.statusCode = response.status;
    for (const [k, v] of Object.entries(response.headers ?? {})) res.setHeader(k, v);
    res.setHeader('content-length', '0');
    res.end();
    return;
  }
  sendJson(res, response.status, response.body, response.headers);
}

export function sendHtml(res: http.ServerResponse, status: number, html: string): void {
  res.statusCode = status;
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.setHeader(
    'content-security-policy',
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; form-action 'self' http: https:",
  );
  res.setHeader('content-length', String(Buffer.byteLength(html)));
  res.end(html);
}

export function redirect(res: http.ServerResponse, status: number, location: string): void {
  res.statusCode = status;
  res.setHeader('location', location);
  res.setHeader('content-length', '0');
  res.end();
}

export function describeError(err: unknown): string {
  if (err instanceof Error) {
    const cause = (err as Error & { cause?: unknown }).cause;
    const causeText = cause instanceof Error ? `: ${(cause as Error & { code?: string }).code ?? cause.message}` : '';
    return `${err.message}${causeText}`;
  }
  return String(err);
}

const ERROR_DESCRIPTIONS: Record<string, string> = {
  access_denied: 'The login was denied.',
  invalid_request: 'The authorization request is not valid.',
  invalid_scope: 'The requested scope is not valid.',
  login_required: 'The user is not logged in and prompt=none forbids asking.',
  interaction_required: 'The login needs the user to interact and prompt=none forbids it.',
  consent_required: 'The user has not consented and prompt=none forbids asking.',
  unauthorized_client: 'The application may not use this grant.',
  unsupported_response_type: 'The response_type is not supported for this application.',
  server_error: 'The authorization server had an internal error.',
};

/**
 * Auth0's error redirects always carry error_description: one is added to any redirect that has an
 * `error` without it (oidc-provider leaves some out, e.g. a denied interaction).
 */
export function withErrorDescriptions(res: http.ServerResponse): void {
  const setHeader = res.setHeader.bind(res);
  res.setHeader = (name: string, value: number | string | readonly string[]): http.ServerResponse => {
    if (name.toLowerCase() === 'location' && typeof value === 'string') {
      try {
        const location = new URL(value);
        const error = location.searchParams.get('error');
        if (error !== null && !location.searchParams.get('error_description')) {
          location.searchParams.set('error_description', ERROR_DESCRIPTIONS[error] ?? `The login ended with ${error}.`);
          return setHeader(name, location.href);
        }
      } catch {
        // a relative location: not an error redirect to an application
      }
    }
    return setHeader(name, value);
  };
}
