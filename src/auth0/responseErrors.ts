import { collapseWhitespace, stripTags } from '../core/linearText';
import { Auth0ApiError, Auth0NetworkError, type ErrorContext, type RequestInfo } from './errors';
import { computeRetryDelay, firstHeader } from './retryPolicy';
import { redactSecrets } from '../core/secrets';

// What a failed response or a failed connection means: typed errors, secret-free, and the
// header and error-code helpers they are read with.

export function parseApiError(
  text: string,
  status: number,
  headers: Readonly<Record<string, string | string[] | undefined>>,
  request: RequestInfo,
  context: ErrorContext,
  redact: readonly (string | undefined)[],
): Auth0ApiError {
  let error: string | undefined;
  let errorCode: string | undefined;
  let apiMessage: string | undefined;
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    if (body && typeof body === 'object') {
      error = stringField(body, 'error');
      errorCode = stringField(body, 'errorCode');
      apiMessage = stringField(body, 'message') ?? stringField(body, 'error_description');
    }
  } catch {
    // Not JSON (a proxy's HTML page, a plain text 502): keep a short, tag-free excerpt.
    const plain = collapseWhitespace(stripTags(text)); // linear: `/<[^>]*>/g` took 4.5 s on 80 KB of `<`
    apiMessage = plain === '' ? undefined : plain.slice(0, 200);
  }
  const retryAfterMs =
    status === 429
      ? computeRetryDelay(
          { retries: 0, status, headers },
          { maxRetries: 0, baseDelayMs: 0, maxDelayMs: 24 * 3600_000 },
          Date.now(),
          () => 0,
        )
      : 0;
  return new Auth0ApiError({
    status,
    ...(error !== undefined ? { error: redactSecrets(error, redact) } : {}),
    ...(errorCode !== undefined ? { errorCode } : {}),
    ...(apiMessage !== undefined ? { apiMessage: redactSecrets(apiMessage, redact) } : {}),
    request,
    context,
    ...(status === 429 && retryAfterMs > 0 ? { retryAfterSeconds: retryAfterMs / 1000 } : {}),
  });
}

function stringField(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  return typeof value === 'string' ? value : undefined;
}

export function locationOrigin(location: string | string[] | undefined, base: URL): string | undefined {
  const text = firstHeader(location);
  if (!text) {
    return undefined;
  }
  try {
    return new URL(text, base).origin;
  } catch {
    return undefined;
  }
}

export function errorCode(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR_SOCKET') {
      return code;
    }
    if (typeof code === 'string' && !(current as { cause?: unknown }).cause) {
      return code;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

const TLS_CODES =
  /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|HOSTNAME_MISMATCH|EPROTO)/;

export function isTlsCode(code: string | undefined): boolean {
  return code !== undefined && TLS_CODES.test(code);
}

export function describeForLog(error: Error): string {
  if (error instanceof Auth0ApiError) {
    return `${error.name} ${error.status}${error.errorCode ? ` ${error.errorCode}` : ''}`;
  }
  if (error instanceof Auth0NetworkError) {
    return `${error.name}${error.code ? ` ${error.code}` : ''}`;
  }
  return error.name;
}
