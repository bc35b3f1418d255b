// The slice of oidc-provider@8 the sandbox uses, typed locally (the package ships no types), and
// its loader: oidc-provider is ESM-only, so it is imported dynamically from this CommonJS code.
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface KoaContext {
  status: number;
  body: unknown;
  type: string;
  query: Record<string, string | string[] | undefined>;
  oidc?: {
    params?: Record<string, unknown>;
    client?: { clientId: string };
    session?: { accountId?: string; grantIdFor(clientId: string): string | undefined };
    result?: Record<string, unknown>;
    provider: OidcProvider;
    entities?: Record<string, unknown>;
  };
}

export interface OidcInteraction {
  uid: string;
  params: Record<string, unknown>;
  prompt: { name: string; reasons: string[] };
  returnTo: string;
  exp: number;
  result?: unknown;
  grantId?: string;
  session?: { accountId?: string };
  save(ttlSeconds: number): Promise<string>;
}

export interface OidcGrant {
  addOIDCScope(scope: string): void;
  addResourceScope(resource: string, scope: string): void;
  save(): Promise<string>;
}

export interface OidcClient {
  clientId: string;
  redirectUriAllowed: (this: OidcClient, uri: string) => boolean;
}

export interface OidcProvider {
  callback(): (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;
  Interaction: { find(uid: string): Promise<OidcInteraction | undefined> };
  Grant: new (init: { clientId: string; accountId: string }) => OidcGrant;
  Client: { prototype: OidcClient };
  on(event: string, listener: (...args: unknown[]) => void): void;
}

export interface OidcCheck {
  readonly name: string;
}

export interface OidcPolicy {
  get(name: string): { checks: { add(check: OidcCheck): void } } | undefined;
}

export interface OidcModule {
  default: new (issuer: string, configuration: Record<string, unknown>) => OidcProvider;
  interactionPolicy: {
    base: () => OidcPolicy;
    Check: (new (
      reason: string,
      description: string,
      errorOrCheck: string | ((ctx: KoaContext) => boolean),
      check?: (ctx: KoaContext) => boolean,
    ) => OidcCheck) & {
      REQUEST_PROMPT: boolean;
      NO_NEED_TO_PROMPT: boolean;
    };
  };
  errors: Record<string, new (description?: string) => Error>;
}

let loading: Promise<OidcModule> | undefined;
export function loadOidcProvider(): Promise<OidcModule> {
  // A non-literal specifier keeps TypeScript from resolving the untyped module; Node loads the ESM.
  const specifier: string = 'oidc-provider';
  loading ??= import(specifier) as Promise<OidcModule>;
  return loading;
}
