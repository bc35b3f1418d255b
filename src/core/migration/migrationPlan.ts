/**
 * Finishing the move from an `auth0-oidc` connection (deprecated by Auth0) to its `oidc` sibling on
 * one Relying Party tenant, as a pure plan. The steps, in order: deploy the new connection beside
 * the old one, test a login through it, move the old one's applications over, delete the old one.
 * Where the migration stands is read from the tenant each time (which connections exist, which
 * applications each has) plus one fact the tenant cannot tell: whether a test login through the new
 * connection (by its id) succeeded. So a migration stopped at any step resumes at that step.
 */
import { type Edit, findNodeAtLocation, modify, parseTree } from 'jsonc-parser';

/** One connection as the tenant has it: its id, name and the client ids of its enabled applications. */
export interface RemoteConnectionState {
  readonly id: string;
  readonly name: string;
  readonly enabledClients: readonly string[];
}

export interface MigrationState {
  /** The auth0-oidc connection; absent when it is not (or no longer) on the tenant. */
  readonly old?: RemoteConnectionState;
  /** The oidc connection; absent when it is not deployed yet. */
  readonly new?: RemoteConnectionState;
  /** A test login through the new connection (this id) succeeded. */
  readonly tested: boolean;
}

export type MigrationStep =
  /** Neither connection is on the tenant: there is nothing to migrate (deploy the new file directly). */
  | { readonly kind: 'nothing-to-migrate' }
  /** Deploy the new connection beside the old one (their names differ). */
  | { readonly kind: 'deploy' }
  /**
   * Test a login through the new connection. When it has no application enabled yet, a login is
   * impossible: `testApplicationCandidates` are the old connection's applications, one of which
   * can be enabled on the new connection for the test (it keeps the old one too).
   */
  | { readonly kind: 'test-login'; readonly testApplicationCandidates: readonly string[] }
  /**
   * Move every application of the old connection: enable `enableOnNew` (those the new one lacks)
   * on the new connection, then disable all of `applications` on the old one.
   */
  | {
      readonly kind: 'move-applications';
      readonly applications: readonly string[];
      readonly enableOnNew: readonly string[];
    }
  /** No application uses the old connection any more: offer to delete it. */
  | { readonly kind: 'delete-old' }
  /** The old connection is gone and the new one is there. */
  | { readonly kind: 'done' };

export function nextMigrationStep(state: MigrationState): MigrationStep {
  const { old, new: next } = state;
  if (!next) return old ? { kind: 'deploy' } : { kind: 'nothing-to-migrate' };
  if (!old) return { kind: 'done' };
  if (!state.tested)
    return {
      kind: 'test-login',
      testApplicationCandidates: next.enabledClients.length > 0 ? [] : unique(old.enabledClients),
    };
  if (old.enabledClients.length > 0) {
    const applications = unique(old.enabledClients);
    const onNew = new Set(next.enabledClients);
    return { kind: 'move-applications', applications, enableOnNew: applications.filter((id) => !onNew.has(id)) };
  }
  return { kind: 'delete-old' };
}

/**
 * Entries per PATCH /api/v2/connections/{id}/clients. Auth0's Management API reference for
 * "Update enabled clients for a connection" (auth0.com/docs/api/management/v2/connections/patch-clients,
 * and UpdateEnabledClientConnectionsRequestContentItem in node-auth0): "the limit per PATCH
 * request is 50 clients"; auth0-deploy-cli's connections handler sends batches of 50 too.
 */
export const ENABLED_CLIENTS_BATCH_LIMIT = 50;

export interface EnabledClientsBatch {
  readonly connectionId: string;
  readonly changes: readonly { readonly client_id: string; readonly status: boolean }[];
}

/**
 * The requests that move the applications: every enable on the new connection first, then the
 * disables on the old one, so that no application is ever left without a connection to log in
 * with (a stop between two requests leaves applications on both, never on neither).
 */
export function applicationMoveBatches(
  move: {
    readonly oldId: string;
    readonly newId: string;
    readonly applications: readonly string[];
    readonly enableOnNew: readonly string[];
  },
  limit = ENABLED_CLIENTS_BATCH_LIMIT,
): EnabledClientsBatch[] {
  const batches = (connectionId: string, ids: readonly string[], status: boolean): EnabledClientsBatch[] => {
    const out: EnabledClientsBatch[] = [];
    for (let start = 0; start < ids.length; start += limit)
      out.push({ connectionId, changes: ids.slice(start, start + limit).map((client_id) => ({ client_id, status })) });
    return out;
  };
  return [
    ...batches(move.newId, unique(move.enableOnNew), true),
    ...batches(move.oldId, unique(move.applications), false),
  ];
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

/**
 * Edits that add `movedClientIds` to the oidc file's `enabled_clients`, when the file has that
 * list: Deploy makes a connection's applications exactly the file's list, so a moved application
 * missing from it would be disabled by the next deploy (and, the old connection gone, be left with
 * none). A file without the list leaves the applications to the tenant: no edit.
 */
export function enabledClientsFileEdits(text: string, movedClientIds: readonly string[]): Edit[] {
  const root = parseTree(text);
  const listNode = root ? findNodeAtLocation(root, ['enabled_clients']) : undefined;
  if (!listNode || listNode.type !== 'array') return [];
  const listed = (listNode.children ?? []).map((n) => (n.type === 'string' ? (n.value as string) : undefined));
  const missing = unique(movedClientIds).filter((id) => !listed.includes(id));
  if (missing.length === 0) return [];
  return modify(text, ['enabled_clients'], [...listed.filter((id) => id !== undefined), ...missing], {
    formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' },
  });
}
