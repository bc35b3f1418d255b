/** Connection files for the core's tests: one valid body and ways to break it. */
export const validConnection = {
  name: 'partner',
  strategy: 'auth0-oidc',
  options: {
    client_id: 'aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY',
    client_secret: '##PARTNER_CLIENT_SECRET##',
    domain: 'partner.eu.auth0.com',
    scope: 'openid profile email',
  },
};

export function withChange(change: (body: Record<string, any>) => void): string {
  const body = structuredClone(validConnection) as Record<string, any>;
  change(body);
  return JSON.stringify(body, undefined, 2);
}

export const validText = JSON.stringify(validConnection, undefined, 2);
