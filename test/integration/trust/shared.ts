// What the runner (test/integration/runner/trust.ts) tells the two workspace-trust suites: the
// sandbox tenants it started, outside the extension host so that it can count their requests.
export const TRUST_SEED_ENV = 'AUTH0_OIDC_TRUST_SEED';

export interface TrustSeed {
  readonly tenants: readonly {
    readonly domain: string;
    readonly label: string;
    readonly clientId: string;
    readonly clientSecret: string;
  }[];
  /** A file name in the untrusted folder that is valid, and one with errors. */
  readonly validFile: string;
  readonly brokenFile: string;
}

export function trustSeed(): TrustSeed {
  const text = process.env[TRUST_SEED_ENV];
  if (!text) throw new Error(`${TRUST_SEED_ENV} is not set: run this suite through the integration runner`);
  return JSON.parse(text) as TrustSeed;
}
