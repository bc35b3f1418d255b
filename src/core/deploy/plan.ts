import type { Connection, ConnectionCreateBody, ConnectionUpdateBody } from '../auth0Api/connection';
import { FILE_ONLY_PROPERTIES } from '../connectionFile/connectionModel';
import { clientSecretPlaceholder, isMalformedPlaceholder, isPlaceholder } from '../connectionFile/placeholders';
import { SECRET_MASK, isSecretKey } from '../secrets';
import { requireConnectionOptions } from '../auth0Api/errors';

// Deploy = create the connection, or PATCH it so that nothing on the tenant is lost, then set
// the enabled applications through PATCH /connections/{id}/clients. Planning is pure and lives
// here, so the extension, the files view and the CLI plan without loading the network client;
// applying talks to the tenant (src/auth0/applyDeploy.ts).

/** What planDeploy needs of a connection file (src/core's Auth0OidcConnectionFile fits). */
export interface LocalConnection {
  readonly name: string;
  readonly strategy: string;
  readonly options: Readonly<Record<string, unknown>>;
  /** Absent: leave enabled applications as they are. Present: make them exactly this. */
  readonly enabled_clients?: readonly string[];
  readonly display_name?: string;
}

export interface DiffEntry {
  /** `options.scope`, `options.upstream_params.x`, `display_name`, ... */
  readonly path: string;
  /** Remote value (undefined when absent); secrets shown as SECRET_MASK. */
  readonly before: unknown;
  /** Value after the deploy (undefined when absent); secrets shown as SECRET_MASK. */
  readonly after: unknown;
  readonly secret: boolean;
}

export interface EnabledClientsDiff {
  readonly add: string[];
  readonly remove: string[];
}

interface PlanCommon {
  readonly connectionName: string;
  /** Changes to the connection itself (options and top-level fields), secrets masked. */
  readonly optionsDiff: DiffEntry[];
  readonly enabledClients: EnabledClientsDiff;
  /** Things the user should see before confirming (e.g. a secret that cannot be kept). */
  readonly warnings: string[];
}

export type DeployPlan =
  | (PlanCommon & { readonly kind: 'create'; readonly body: ConnectionCreateBody })
  | (PlanCommon & {
      readonly kind: 'update' | 'unchanged';
      readonly connectionId: string;
      readonly body: ConnectionUpdateBody;
      /** False when only the enabled applications differ: the connection PATCH is skipped. */
      readonly connectionChanged: boolean;
    });

/** A deploy that must not happen as the file stands; `userMessage` says what to change. */
export class DeployPlanError extends Error {
  override readonly name = 'DeployPlanError';

  constructor(
    message: string,
    readonly userMessage: string,
  ) {
    super(message);
  }
}

/** Keys that are never sent: the server-owned id, the dedicated-endpoint enabled_clients, editor-only ones. */
const NOT_SENT = new Set(['id', 'enabled_clients', ...FILE_ONLY_PROPERTIES]);
/** Keys PATCH cannot change. */
const IMMUTABLE = new Set(['name', 'strategy']);

/**
 * True when deploying `local` as a new connection enables it for no application: `enabled_clients`
 * absent or empty. Auth0 creates such a connection, but nobody can log in through it until an
 * application is enabled, which is rarely what the person meant (issue 21). The extension asks
 * before creating one, the CLI's deploy and validate print it as a warning.
 */
export function enablesNoApplication(local: Pick<LocalConnection, 'enabled_clients'>): boolean {
  return local.enabled_clients === undefined || local.enabled_clients.length === 0;
}

/** The warning a create plan carries when enablesNoApplication holds (plain words, for the CLI). */
export function noApplicationWarning(connectionName: string): string {
  return `${connectionName} is created enabled for no application ("enabled_clients" is absent or empty): nobody can log in through it until an application is enabled. List the client IDs of the Relying Party applications in "enabled_clients".`;
}

/**
 * What validating a file (no tenant at hand, so create or update is not known) says when
 * enablesNoApplication holds; undefined when the file lists an application.
 */
export function noApplicationNote(local: Pick<LocalConnection, 'name' | 'enabled_clients'>): string | undefined {
  if (!enablesNoApplication(local)) return undefined;
  return local.enabled_clients === undefined
    ? `No application is enabled by this file: a deploy that creates ${local.name} leaves it enabled for no application, and nobody can log in through it until one is enabled. List the client IDs of the Relying Party applications in "enabled_clients" (an update leaves the enabled applications as they are).`
    : `"enabled_clients" is empty: a deploy creates ${local.name} enabled for no application, or disables every application of the existing one; nobody can log in through it until one is enabled.`;
}

/** A usable secret: not empty and not a `##KEY##` placeholder that was left unresolved. */
function isRealSecret(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '' && !isPlaceholder(value) && !isMalformedPlaceholder(value);
}

/**
 * Plans a deploy of `local` onto a tenant where the connection of the same name is `remote`
 * (undefined: it does not exist) and has `remoteEnabledClientIds` enabled.
 */
export function planDeploy(
  local: LocalConnection,
  remote: Connection | undefined,
  remoteEnabledClientIds: readonly string[],
): DeployPlan {
  const localFields = Object.fromEntries(Object.entries(local).filter(([key]) => !NOT_SENT.has(key)));
  const warnings: string[] = [];
  const desiredClients = local.enabled_clients === undefined ? undefined : unique(local.enabled_clients);

  if (remote === undefined) {
    if (!isRealSecret(local.options.client_secret)) {
      throw new DeployPlanError(
        `Connection ${local.name}: options.client_secret is missing or an unresolved placeholder`,
        `To create ${local.name}, options.client_secret must hold the provider application's secret (or a placeholder whose secret is stored).`,
      );
    }
    const body = localFields as unknown as ConnectionCreateBody;
    if (enablesNoApplication(local)) warnings.push(noApplicationWarning(local.name));
    return {
      kind: 'create',
      connectionName: local.name,
      body,
      optionsDiff: diffValues('', {}, body),
      enabledClients: { add: desiredClients ?? [], remove: [] },
      warnings,
    };
  }

  if (remote.strategy !== local.strategy) {
    throw new DeployPlanError(
      `Connection ${local.name} exists with strategy ${remote.strategy}, not ${local.strategy}`,
      `A connection named ${local.name} already exists on the tenant with strategy ${remote.strategy}; the strategy cannot change. Rename the connection in the file.`,
    );
  }

  // Never a PATCH built from options the tenant did not return (no read:connections_options):
  // it would replace the stored options with the file's alone.
  const remoteOptions = requireConnectionOptions(remote).options;
  const options: Record<string, unknown> = { ...remoteOptions, ...local.options };
  if (!isRealSecret(local.options.client_secret)) {
    if (isRealSecret(remoteOptions.client_secret)) {
      options.client_secret = remoteOptions.client_secret;
    } else {
      delete options.client_secret;
      warnings.push(
        `The tenant did not return the stored client secret of ${local.name} and the file has none: set options.client_secret (or its placeholder's secret), or the update may remove it.`,
      );
    }
  }

  const body: Record<string, unknown> = { ...omitKeys(localFields, IMMUTABLE), options };
  // PATCH resets an omitted display_name to the name, so the remote one is sent back.
  if (body.display_name === undefined && typeof remote.display_name === 'string') {
    body.display_name = remote.display_name;
  }

  const remoteComparable = Object.fromEntries(Object.keys(body).map((key) => [key, remote[key]]));
  const optionsDiff = diffValues('', remoteComparable, body);
  const enabledClients: EnabledClientsDiff =
    desiredClients === undefined
      ? { add: [], remove: [] }
      : {
          add: desiredClients.filter((id) => !remoteEnabledClientIds.includes(id)),
          remove: unique(remoteEnabledClientIds).filter((id) => !desiredClients.includes(id)),
        };
  const connectionChanged = optionsDiff.length > 0;
  const clientsChanged = enabledClients.add.length + enabledClients.remove.length > 0;
  return {
    kind: connectionChanged || clientsChanged ? 'update' : 'unchanged',
    connectionId: remote.id,
    connectionName: local.name,
    body: body as ConnectionUpdateBody,
    connectionChanged,
    optionsDiff,
    enabledClients,
    warnings,
  };
}

/**
 * The plan as curl commands. The token is `$AUTH0_MGMT_TOKEN` and each secret a shell variable
 * named like its file placeholder; neither ever appears in the text.
 */
export function toCurl(plan: DeployPlan, baseUrl: URL | string): string {
  const origin = new URL(typeof baseUrl === 'string' ? baseUrl : baseUrl.href).origin;
  const variables = new Map<string, string>();
  const marker = (key: string): string => {
    const variable = (
      key === 'client_secret' ? clientSecretPlaceholder(plan.connectionName) : `##${plan.connectionName}_${key}##`
    )
      .replace(/^##|##$/g, '')
      .toUpperCase()
      .replace(/[^A-Z0-9_]/g, '_');
    const token = `@@SECRET_${variables.size}@@`;
    variables.set(token, variable);
    return token;
  };
  const withMarkers = replaceSecrets(plan.body, marker);
  const heredoc = (value: unknown): string => {
    let json = JSON.stringify(value, null, 2).replace(/[\\$`]/g, (c) => `\\${c}`);
    for (const [token, variable] of variables) {
      json = json.split(token).join(`\${${variable}}`);
    }
    return json;
  };
  const auth = `-H "Authorization: Bearer $AUTH0_MGMT_TOKEN"`;
  const lines: string[] = [
    '# Auth0 Management API calls equivalent to this deploy.',
    '# export AUTH0_MGMT_TOKEN=<Management API token>',
    ...[...new Set(variables.values())].map((v) => `# export ${v}=<secret>`),
    '',
  ];
  // Every value from the file or the tenant is single-quoted for a POSIX shell (a connection id
  // `con_$(touch x)` stays inert); the bodies go through an unquoted heredoc so that the secret
  // variables expand, with \\, $ and ` escaped. A JSON.stringify line is never exactly `EOF`.
  let clientsUrl: string;
  if (plan.kind === 'create') {
    lines.push(
      `curl -sS --fail-with-body -X POST ${shellQuote(`${origin}/api/v2/connections`)} \\`,
      `  ${auth} \\`,
      `  -H "Content-Type: application/json" \\`,
      `  --data-binary @- <<EOF`,
      heredoc(withMarkers),
      'EOF',
    );
    clientsUrl = `${shellQuote(`${origin}/api/v2/connections/`)}"$CONNECTION_ID"${shellQuote('/clients')}`;
    if (plan.enabledClients.add.length > 0) {
      lines.push('', '# Set CONNECTION_ID to the "id" in the answer above.');
    }
  } else {
    clientsUrl = shellQuote(`${origin}/api/v2/connections/${encodeURIComponent(plan.connectionId)}/clients`);
    if (plan.connectionChanged) {
      lines.push(
        `curl -sS --fail-with-body -X PATCH ${shellQuote(`${origin}/api/v2/connections/${encodeURIComponent(plan.connectionId)}`)} \\`,
        `  ${auth} \\`,
        `  -H "Content-Type: application/json" \\`,
        `  --data-binary @- <<EOF`,
        heredoc(withMarkers),
        'EOF',
      );
    }
  }
  const changes = [
    ...plan.enabledClients.add.map((id) => ({ client_id: id, status: true })),
    ...plan.enabledClients.remove.map((id) => ({ client_id: id, status: false })),
  ];
  if (changes.length > 0) {
    lines.push(
      '',
      `curl -sS --fail-with-body -X PATCH ${clientsUrl} \\`,
      `  ${auth} \\`,
      `  -H "Content-Type: application/json" \\`,
      `  --data-binary @- <<EOF`,
      heredoc(changes),
      'EOF',
    );
  }
  if (plan.kind === 'unchanged') {
    lines.push('# Nothing to do: the tenant already matches the file.');
  }
  return lines.join('\n') + '\n';
}

/** `value` as one word for a POSIX shell: single quotes, each `'` written as `'\\''`. */
export function shellQuote(value: string): string {
  return `'${value.split("'").join("'\\''")}'`;
}

function replaceSecrets(value: unknown, marker: (key: string) => string): unknown {
  if (Array.isArray(value)) {
    return value.map((item) => replaceSecrets(item, marker));
  }
  if (isRecord(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        typeof item === 'string' && isSecretKey(key) ? marker(key) : replaceSecrets(item, marker),
      ]),
    );
  }
  return value;
}

/** Leaf-level differences between two JSON values, secrets masked. */
function diffValues(prefix: string, before: unknown, after: unknown): DiffEntry[] {
  // Recurse into objects, also when one side is absent, so each change is one leaf row.
  const beforeRecord = isRecord(before) ? before : before === undefined ? {} : undefined;
  const afterRecord = isRecord(after) ? after : after === undefined ? {} : undefined;
  if (beforeRecord && afterRecord && (isRecord(before) || isRecord(after))) {
    const keys = [...new Set([...Object.keys(beforeRecord), ...Object.keys(afterRecord)])].sort();
    return keys.flatMap((key) =>
      diffValues(prefix === '' ? key : `${prefix}.${key}`, beforeRecord[key], afterRecord[key]),
    );
  }
  if (jsonEqual(before, after)) {
    return [];
  }
  const key = prefix.split('.').pop() ?? prefix;
  const secret = isSecretKey(key);
  const show = (value: unknown): unknown => (secret && value !== undefined ? SECRET_MASK : maskNested(value));
  return [{ path: prefix, before: show(before), after: show(after), secret }];
}

function maskNested(value: unknown): unknown {
  return replaceSecrets(value, () => SECRET_MASK);
}

function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) {
    return true;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]));
  }
  if (isRecord(a) && isRecord(b)) {
    const keysA = Object.keys(a).filter((k) => a[k] !== undefined);
    const keysB = Object.keys(b).filter((k) => b[k] !== undefined);
    return keysA.length === keysB.length && keysA.every((key) => jsonEqual(a[key], b[key]));
  }
  return false;
}

function omitKeys(value: Readonly<Record<string, unknown>>, keys: ReadonlySet<string>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([key]) => !keys.has(key)));
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
