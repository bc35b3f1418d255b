/** What "New Connection File" writes: the same shape whether typed in prompts or passed as arguments. */
import {
  AUTH0_OIDC_STRATEGY,
  CONNECTION_FILE_NAME,
  CONNECTION_FILE_SUFFIX,
  type Auth0OidcConnectionFile,
} from './connectionModel';
import { fileNameFor } from './safeFileName';

export interface ScaffoldInput {
  readonly name: string;
  readonly domain: string;
  readonly clientId: string;
  /** A `##KEY##` placeholder, or (warned about in the editor) the secret itself. */
  readonly clientSecret: string;
  readonly scopes: readonly string[];
  /** Undefined leaves `enabled_clients` out: deploy then leaves enabled applications as they are. */
  readonly enabledClients?: readonly string[];
}

export function scaffoldConnection(input: ScaffoldInput): Auth0OidcConnectionFile {
  const file: Auth0OidcConnectionFile = {
    name: input.name,
    strategy: AUTH0_OIDC_STRATEGY,
    options: {
      client_id: input.clientId,
      client_secret: input.clientSecret,
      domain: input.domain,
      scope: input.scopes.join(' '),
    },
  };
  if (input.enabledClients !== undefined) file.enabled_clients = [...input.enabledClients];
  return file;
}

export function scaffoldConnectionText(input: ScaffoldInput): string {
  return JSON.stringify(scaffoldConnection(input), undefined, 2) + '\n';
}

/**
 * `auth0-oidc-connection.json` when the folder has none yet, else `NAME.auth0-oidc.json`, so a
 * folder can hold several connections and nothing is overwritten.
 */
export function scaffoldFileName(connectionName: string, existingFileNames: ReadonlySet<string>): string {
  if (!existingFileNames.has(CONNECTION_FILE_NAME)) return CONNECTION_FILE_NAME;
  const base = fileNameFor(connectionName, CONNECTION_FILE_SUFFIX);
  if (!existingFileNames.has(base)) return base;
  for (let i = 2; ; i++) {
    const candidate = `${connectionName}-${i}${CONNECTION_FILE_SUFFIX}`;
    if (!existingFileNames.has(candidate)) return candidate;
  }
}
