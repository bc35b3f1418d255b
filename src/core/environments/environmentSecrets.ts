/**
 * Secrets per environment: dev's and prod's client secrets are different values behind the same
 * `##PARTNER_CLIENT_SECRET##`. Each environment's value is stored under its own key,
 * `PARTNER_CLIENT_SECRET__ENV_PROD`, and bound as every stored value is to the provider host and
 * client id the file resolves to in that environment (bindingOf), so prod's secret only ever goes
 * to prod's provider.
 */
import { fillPlaceholders, secretPlaceholders } from '../connectionFile/placeholders';

/** The storage key of `key` in `environment` (placeholder characters only: A-Z, 0-9, _). */
export function environmentSecretKey(key: string, environment: string): string {
  return `${key}__ENV_${environment.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

/** The body with each secret option's `##KEY##` renamed to the environment's own key. */
export function withEnvironmentSecretKeys<B extends { readonly options: Readonly<Record<string, unknown>> }>(
  body: B,
  environment: string,
): B {
  const keys = new Map(
    secretPlaceholders(body.options).map(({ key }) => [key, environmentSecretKey(key, environment)]),
  );
  return fillPlaceholders(body, (key) => `##${keys.get(key) ?? key}##`).body;
}
