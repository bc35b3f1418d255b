// POST /oauth/token: Auth0's request forms translated onto oidc-provider's, and the refusals
// Auth0 answers itself for client credentials.
import type * as http from 'node:http';
import { Readable } from 'node:stream';
import type { TenantContext } from './context';
import { readRaw, sendJson } from './respond';

/**
 * Auth0 accepts JSON and form bodies, client credentials in the body or in Basic auth, and names
 * the API with `audience`; oidc-provider takes form bodies and `resource`. This translates, and
 * answers the client-credentials errors Auth0 answers itself (unknown API, no client grant,
 * scopes not granted) before oidc-provider issues the JWT.
 */
export async function tokenRoute(
  tenant: TenantContext,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  const raw = await readRaw(req);
  if (!raw) return sendJson(res, 413, { error: 'invalid_request', error_description: 'request body too large' });
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  let params: URLSearchParams;
  if (type === 'application/json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw.toString('utf8'));
    } catch {
      return sendJson(res, 400, { error: 'invalid_request', error_description: 'Invalid JSON body' });
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
      return sendJson(res, 400, { error: 'invalid_request', error_description: 'Invalid JSON body' });
    }
    params = new URLSearchParams();
    for (const [k, v] of Object.entries(parsed as Record<string, unknown>)) {
      if (v !== undefined && v !== null)
        params.set(k, Array.isArray(v) ? v.join(' ') : typeof v === 'string' ? v : JSON.stringify(v));
    }
  } else {
    params = new URLSearchParams(raw.toString('utf8'));
  }
  const headers = { ...req.headers };
  const basic = /^Basic\s+(\S+)$/i.exec(headers.authorization ?? '')?.[1];
  if (basic) {
    const decoded = Buffer.from(basic, 'base64').toString('utf8');
    const i = decoded.indexOf(':');
    if (i > 0 && !params.has('client_id')) {
      params.set('client_id', decodeURIComponent(decoded.slice(0, i)));
      params.set('client_secret', decodeURIComponent(decoded.slice(i + 1)));
      delete headers.authorization;
    }
  }
  if (params.get('grant_type') === 'client_credentials') {
    const refusal = checkClientCredentials(tenant, params);
    if (refusal) return sendJson(res, refusal.status, refusal.body);
  } else {
    params.delete('audience');
  }
  const body = Buffer.from(params.toString());
  headers['content-type'] = 'application/x-www-form-urlencoded';
  headers['content-length'] = String(body.length);
  delete headers['transfer-encoding'];
  const replay = new Readable({ read() {} });
  replay.push(body);
  replay.push(null);
  Object.assign(replay, {
    headers,
    method: req.method,
    url: req.url,
    httpVersion: req.httpVersion,
    httpVersionMajor: req.httpVersionMajor,
    httpVersionMinor: req.httpVersionMinor,
    socket: req.socket,
    connection: req.socket,
    rawHeaders: req.rawHeaders,
  });
  await tenant.handleOidc(replay as unknown as http.IncomingMessage, res);
}

function checkClientCredentials(
  tenant: TenantContext,
  params: URLSearchParams,
): { status: number; body: Record<string, string> } | undefined {
  const client = tenant.state.clients.get(params.get('client_id') ?? '');
  if (!client) return undefined; // oidc-provider answers invalid_client
  if (client.client_secret !== params.get('client_secret')) {
    return { status: 401, body: { error: 'access_denied', error_description: 'Unauthorized' } };
  }
  const audience = params.get('audience') ?? params.get('resource');
  if (!audience) {
    return {
      status: 403,
      body: {
        error: 'access_denied',
        error_description: 'No audience parameter was provided, and no default audience has been configured',
      },
    };
  }
  if (audience !== tenant.managementAudience) {
    return { status: 403, body: { error: 'access_denied', error_description: `Service not found: ${audience}` } };
  }
  const granted = tenant.state.clientGrants.get(client.client_id);
  if (!granted || !client.grant_types.includes('client_credentials')) {
    return {
      status: 403,
      body: {
        error: 'unauthorized_client',
        error_description: `Client is not authorized to access "${audience}". You need to create a "client-grant" associated to this API.`,
      },
    };
  }
  const requested = (params.get('scope') ?? '').split(' ').filter(Boolean);
  const missing = requested.filter((s) => !granted.includes(s));
  if (missing.length) {
    return {
      status: 403,
      body: { error: 'access_denied', error_description: `Client has not been granted scopes: ${missing.join(', ')}` },
    };
  }
  params.set('scope', (requested.length ? requested : granted).join(' '));
  params.set('resource', audience);
  params.delete('audience');
  return undefined;
}
