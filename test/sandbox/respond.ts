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

export function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
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
  res.setHeader('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; form-action 'self' http: https:");
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
