import type * as vscode from 'vscode';
import type { Redactor } from '../core/secrets';
import { parseBinding, type PlaceholderBinding } from '../core/connectionFile/placeholders';

/** Every key the extension keeps in SecretStorage, built in one place so none is misspelt. */
export const SecretKeys = {
  /** The value behind a `##KEY##` placeholder in a connection file. */
  placeholder: (key: string) => `auth0Oidc.placeholder.${key}`,
  /** What that value was stored for (provider domain + client id, JSON); absent for values of earlier versions. */
  placeholderBinding: (key: string) => `auth0Oidc.placeholderBinding.${key}`,
  /** A tenant's machine-to-machine client secret. */
  tenantClientSecret: (domain: string) => `auth0Oidc.tenant.${domain.toLowerCase()}.clientSecret`,
  /** A Management API token pasted by the user for a tenant. */
  tenantToken: (domain: string) => `auth0Oidc.tenant.${domain.toLowerCase()}.token`,
  /**
   * The client secret of an RP application, entered for Test Login when the Management API may
   * not read it. Not under `auth0Oidc.tenant.`, so storing it leaves the tenant's client alone.
   */
  applicationClientSecret: (origin: string, clientId: string) =>
    `auth0Oidc.application.${origin.toLowerCase()}.${clientId}.clientSecret`,
} as const;

/** SecretStorage, with every value read or written registered with the log's redactor. */
export class SecretStore {
  constructor(
    private readonly storage: vscode.SecretStorage,
    private readonly redactor: Redactor,
  ) {}

  async get(key: string): Promise<string | undefined> {
    const value = await this.storage.get(key);
    this.redactor.add(value);
    return value;
  }

  async store(key: string, value: string): Promise<void> {
    this.redactor.add(value);
    await this.storage.store(key, value);
  }

  async delete(key: string): Promise<void> {
    await this.storage.delete(key);
  }

  /** Stores the value behind `##key##`, bound to the provider domain and client id it is for. */
  async storePlaceholder(key: string, value: string, binding: PlaceholderBinding | undefined): Promise<void> {
    await this.store(SecretKeys.placeholder(key), value);
    await this.bindPlaceholder(key, binding);
  }

  async bindPlaceholder(key: string, binding: PlaceholderBinding | undefined): Promise<void> {
    if (binding) await this.storage.store(SecretKeys.placeholderBinding(key), JSON.stringify(binding));
    else await this.storage.delete(SecretKeys.placeholderBinding(key));
  }

  /** What the value behind `##key##` was stored for; undefined for a value stored by an earlier version. */
  async placeholderBinding(key: string): Promise<PlaceholderBinding | undefined> {
    return parseBinding(await this.storage.get(SecretKeys.placeholderBinding(key)));
  }
}
