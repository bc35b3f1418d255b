import * as vscode from 'vscode';
import type { ManagementClient } from '../auth0';
import {
  DEPLOY_COMMAND,
  MOVE_TO_OIDC_COMMAND,
  REFRESH_TENANTS_COMMAND,
  TEST_LOGIN_COMMAND,
  runCommand,
} from '../commandIds';
import {
  AUTH0_OIDC_STRATEGY,
  OIDC_CONNECTION_FILE_SUFFIX,
  OIDC_STRATEGY,
  isAuth0OidcConnectionFileName,
  providerDomainOf,
} from '../core/connectionFile/connectionModel';
import { readConnectionFile } from '../core/connectionFile/readConnectionFile';
import { fileNameFor } from '../core/connectionFile/safeFileName';
import {
  applicationMoveBatches,
  enabledClientsFileEdits,
  nextMigrationStep,
  type MigrationState,
  type MigrationStep,
  type RemoteConnectionState,
} from '../core/migration/migrationPlan';
import { oidcConnectionName } from '../core/toOidc/toOidcConnection';
import type { Services } from '../services';
import { pickTenant, requireTenant } from '../tenants/pickTenant';
import type { Tenant } from '../tenants/tenantRegistry';
import { connectionFileFromArg, toUri } from '../vscode/connectionFileArg';
import { UserFacingError } from '../vscode/errors';
import { openInBrowser } from '../vscode/openInBrowser';
import { withCancellableProgress } from '../vscode/progress';
import { uriExists } from '../vscode/workspaceFiles';
import { completeWalkthroughStep } from '../walkthrough/walkthroughContext';

/** Auth0's guide to linking user accounts: users of the new connection get new user ids. */
export const ACCOUNT_LINKING_DOCS = 'https://auth0.com/docs/manage-users/user-accounts/user-account-linking';

/** Workspace state: ids of new connections a test login went through. Ids only, nothing else. */
const TESTED_KEY = 'auth0Oidc.migration.testedConnectionIds';

/** Arguments that skip the prompts (tests, tasks). Each one that changes the tenant is a consent given in advance. */
export interface FinishMigrationArgs {
  /** The auth0-oidc connection file; its oidc sibling is NAME-oidc.oidc-connection.json beside it. */
  readonly file: vscode.Uri | string;
  /** Origin or domain of the RP tenant; default: where the file was last deployed. */
  readonly tenant?: string;
  /** Arguments passed on to Test Login (clientId, openBrowser, onAuthorizeUrl, ...). */
  readonly testLogin?: Readonly<Record<string, unknown>>;
  /** The application to enable on the new connection for the test, when it has none. */
  readonly testClientId?: string;
  /** Move the applications without the preview and the confirmation. */
  readonly moveApplications?: boolean;
  /** Delete the old connection, once unused, without the confirmation. */
  readonly deleteOld?: boolean;
  /** Stop after this step (tests of resuming). */
  readonly stopAfter?: MigrationStep['kind'];
}

export interface FinishMigrationOutcome {
  /** The steps this run completed, in order. */
  readonly completed: readonly MigrationStep['kind'][];
  /** Where the migration stands now: the step to run next ('done' when finished). */
  readonly next: MigrationStep['kind'];
  /** The user id of the test login, when this run did one. */
  readonly testUserId?: string;
}

interface Migration {
  readonly oldUri: vscode.Uri;
  readonly newUri: vscode.Uri;
  readonly oldName: string;
  readonly newName: string;
  readonly tenant: Tenant;
  readonly client: ManagementClient;
}

/**
 * Auth0 OIDC: Finish Migration to OIDC. On an auth0-oidc file whose oidc sibling Move to OIDC
 * wrote: deploy the new connection beside the old one, test a login through it, move the old
 * one's applications to it (enable on the new, then disable on the old) and delete the old one,
 * each step confirmed and cancellable. Where the migration stands is read from the tenant every
 * time, so running it again continues where it stopped.
 */
export function finishMigration(services: Services) {
  return async (arg?: unknown): Promise<FinishMigrationOutcome | undefined> => {
    const args = isArgs(arg) ? arg : undefined;
    const migration = await resolveMigration(services, arg, args);
    if (!migration) return undefined;
    const completed: MigrationStep['kind'][] = [];
    let introduced = args !== undefined;
    let testUserId: string | undefined;
    const stopped = (next: MigrationStep['kind']): FinishMigrationOutcome => ({
      completed,
      next,
      ...(testUserId !== undefined ? { testUserId } : {}),
    });
    for (;;) {
      const state = await withCancellableProgress(
        vscode.l10n.t(
          'Reading where the migration of {0} stands on {1}…',
          migration.oldName,
          migration.tenant.displayName,
        ),
        (signal) => readState(services, migration, signal),
      );
      if (!state) return undefined;
      const step = nextMigrationStep(state);
      if (completed.length > 0 && completed[completed.length - 1] === args?.stopAfter) return stopped(step.kind);
      services.log.info(`Finish migration ${migration.oldName} → ${migration.newName}: next step ${step.kind}.`);
      switch (step.kind) {
        case 'nothing-to-migrate':
          throw new UserFacingError(
            vscode.l10n.t(
              'Neither {0} nor {1} is on {2}, so there is nothing to migrate: deploy {3} directly.',
              migration.oldName,
              migration.newName,
              migration.tenant.displayName,
              vscode.workspace.asRelativePath(migration.newUri),
            ),
          );
        case 'done':
          completeWalkthroughStep('finishMigration');
          void vscode.window.showInformationMessage(
            vscode.l10n.t(
              'The migration is finished: {0} is no longer on {1}, and {2} is.',
              migration.oldName,
              migration.tenant.displayName,
              migration.newName,
            ),
          );
          return stopped('done');
        default:
          break;
      }
      // A step the tenant still shows as undone right after it succeeded (a tenant slow to show its
      // own change) is not run twice in one go: the next run reads the tenant again.
      if (completed.includes(step.kind)) {
        throw new UserFacingError(
          vscode.l10n.t(
            '{0} does not show the change yet ({1}). Run "Finish Migration to OIDC" again in a moment to continue.',
            migration.tenant.displayName,
            stepTitle(step),
          ),
        );
      }
      if (!introduced) {
        if (!(await introduce(migration, step))) return stopped(step.kind);
        introduced = true;
      }
      let done: boolean;
      if (step.kind === 'deploy') done = await deploy(migration, args);
      else if (step.kind === 'test-login') {
        const tested = await testLogin(services, migration, state, step.testApplicationCandidates, args);
        done = tested !== undefined;
        if (tested?.userId !== undefined) testUserId = tested.userId;
      } else if (step.kind === 'move-applications')
        done = await moveApplications(services, migration, state, step, args);
      else done = await deleteOld(services, migration, state, args);
      if (!done) {
        void vscode.window.showInformationMessage(
          vscode.l10n.t(
            'The migration of {0} stopped before: {1}. Run "Finish Migration to OIDC" again to continue from there.',
            migration.oldName,
            stepTitle(step),
          ),
        );
        return stopped(step.kind);
      }
      completed.push(step.kind);
    }
  };
}

/** The files, the connection names and the tenant; undefined when the person cancelled. */
async function resolveMigration(
  services: Services,
  arg: unknown,
  args: FinishMigrationArgs | undefined,
): Promise<Migration | undefined> {
  const oldUri = args
    ? toUri(args.file)
    : await connectionFileFromArg(arg, vscode.l10n.t('auth0-oidc connection file whose migration to finish'), {
        accepts: isAuth0OidcConnectionFileName,
        noneMessage: vscode.l10n.t(
          'No auth0-oidc connection file (auth0-oidc-connection.json or *.auth0-oidc.json) is open or in the workspace: there is nothing to migrate.',
        ),
      });
  if (!oldUri) return undefined;
  if (!isAuth0OidcConnectionFileName(oldUri.path)) {
    throw new UserFacingError(
      vscode.l10n.t(
        'Finish Migration to OIDC runs on the auth0-oidc file (auth0-oidc-connection.json or *.auth0-oidc.json), not on {0}.',
        vscode.workspace.asRelativePath(oldUri),
      ),
    );
  }
  const source = await readBody(oldUri);
  const oldName = source.name;
  const newFileName = fileNameFor(oidcConnectionName(oldName), OIDC_CONNECTION_FILE_SUFFIX);
  const newUri = vscode.Uri.joinPath(oldUri, '..', newFileName);
  if (!(await uriExists(newUri))) {
    const move = vscode.l10n.t('Move to OIDC');
    const answer = args
      ? undefined
      : await vscode.window.showWarningMessage(
          vscode.l10n.t(
            '{0} has no oidc sibling ({1}) yet. Run "Move to OIDC Enterprise Connection" first, then Finish Migration.',
            vscode.workspace.asRelativePath(oldUri),
            newFileName,
          ),
          move,
        );
    if (answer === move) await vscode.commands.executeCommand(MOVE_TO_OIDC_COMMAND, oldUri);
    if (args)
      throw new UserFacingError(
        vscode.l10n.t('{0} has no oidc sibling ({1}); run Move to OIDC first.', oldUri.path, newFileName),
      );
    return undefined;
  }
  const target = await readBody(newUri);
  if (target.strategy !== OIDC_STRATEGY) {
    throw new UserFacingError(
      vscode.l10n.t('{0} is not an oidc connection ("strategy": "oidc"); run Move to OIDC again.', newFileName),
    );
  }
  const tenant =
    args?.tenant !== undefined
      ? requireTenant(services.tenants, args.tenant)
      : await rpTenant(services, oldUri, source);
  if (!tenant) return undefined;
  const client = await services.tenants.client(tenant);
  return { oldUri, newUri, oldName, newName: target.name, tenant, client };
}

/** Where the old file was deployed, else a pick among the tenants (never its provider tenant). */
async function rpTenant(
  services: Services,
  oldUri: vscode.Uri,
  source: { readonly options?: unknown },
): Promise<Tenant | undefined> {
  const last = services.deploys.last(oldUri);
  const deployed = last ? services.tenants.find(last.tenant) : undefined;
  if (deployed) return deployed;
  const domain = providerDomainOf(source.options);
  const provider = domain !== undefined ? services.tenants.find(domain) : undefined;
  const candidates = services.tenants.list().filter((t) => t.origin !== provider?.origin);
  if (candidates.length === 1) return candidates[0];
  return pickTenant(services.tenants, vscode.l10n.t('Relying Party tenant where the old connection is deployed'));
}

async function readBody(uri: vscode.Uri): Promise<{ name: string; strategy?: unknown; options?: unknown }> {
  const document = await vscode.workspace.openTextDocument(uri);
  const body = readConnectionFile(document.getText(), uri.path).object;
  const name = body?.name;
  if (typeof name !== 'string' || name === '')
    throw new UserFacingError(vscode.l10n.t('{0} has no connection name.', vscode.workspace.asRelativePath(uri)));
  return { name, strategy: body?.strategy, options: body?.options };
}

/** Both connections as the tenant has them, and whether the new one passed a test login. */
async function readState(services: Services, m: Migration, signal: AbortSignal): Promise<MigrationState> {
  const read = async (name: string, strategy: string): Promise<RemoteConnectionState | undefined> => {
    const connection = await m.client.findConnectionByName(name, { signal });
    if (!connection) return undefined;
    if (connection.strategy !== strategy) {
      throw new UserFacingError(
        vscode.l10n.t(
          '{0} on {1} is a {2} connection, not {3}: Finish Migration leaves it alone. Rename one of them.',
          name,
          m.tenant.displayName,
          connection.strategy,
          strategy,
        ),
      );
    }
    return { id: connection.id, name, enabledClients: await m.client.listEnabledClients(connection.id, { signal }) };
  };
  const old = await read(m.oldName, AUTH0_OIDC_STRATEGY);
  const next = await read(m.newName, OIDC_STRATEGY);
  const tested = next !== undefined && testedIds(services).includes(next.id);
  return { ...(old ? { old } : {}), ...(next ? { new: next } : {}), tested };
}

function testedIds(services: Services): string[] {
  const ids = services.context.workspaceState.get<unknown>(TESTED_KEY);
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
}

/** Says once, before anything changes, what the migration does and that user ids change. */
async function introduce(m: Migration, step: MigrationStep): Promise<boolean> {
  const start = vscode.l10n.t('Continue');
  const docs = vscode.l10n.t('Open Account Linking Docs');
  for (;;) {
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('Finish the migration from {0} to {1} on {2}?', m.oldName, m.newName, m.tenant.displayName),
      {
        modal: true,
        detail: [
          vscode.l10n.t('Next step: {0}.', stepTitle(step)),
          vscode.l10n.t(
            '1. Deploy {0} beside {1}. 2. Test a login through {0}. 3. Move the applications of {1} to {0} (you confirm which). 4. Delete {1} (you confirm). Each step can be stopped; running the command again continues.',
            m.newName,
            m.oldName,
          ),
          vscode.l10n.t(
            'User ids change: a person who logged in as auth0-oidc|{0}|… becomes a new user oidc|{1}|… on the first login through {1}. To keep one user (roles, metadata), link the accounts: {2}',
            m.oldName,
            m.newName,
            ACCOUNT_LINKING_DOCS,
          ),
        ].join('\n\n'),
      },
      start,
      docs,
    );
    if (answer === docs) {
      await openInBrowser(ACCOUNT_LINKING_DOCS);
      continue;
    }
    return answer === start;
  }
}

function stepTitle(step: MigrationStep): string {
  switch (step.kind) {
    case 'deploy':
      return vscode.l10n.t('deploy the new connection');
    case 'test-login':
      return vscode.l10n.t('test a login through the new connection');
    case 'move-applications':
      return vscode.l10n.t('move the applications');
    case 'delete-old':
      return vscode.l10n.t('delete the old connection');
    default:
      return step.kind;
  }
}

/** Step 1: Deploy Connection of the oidc file to the tenant, with its own diff and confirmation rules. */
async function deploy(m: Migration, args: FinishMigrationArgs | undefined): Promise<boolean> {
  // With arguments, Deploy's arguments form; from a person, (file, tenant) so that Deploy asks
  // for a value the file needs and no secret storage holds. Either way an update shows its diff.
  const outcome = args
    ? await vscode.commands.executeCommand<unknown>(DEPLOY_COMMAND, { file: m.newUri, tenant: m.tenant.origin })
    : await runCommand(DEPLOY_COMMAND, m.newUri, { tenant: m.tenant });
  return outcome !== undefined;
}

/** Step 2: Test Login through the new connection; its user id on success, undefined otherwise. */
async function testLogin(
  services: Services,
  m: Migration,
  state: MigrationState,
  candidates: readonly string[],
  args: FinishMigrationArgs | undefined,
): Promise<{ readonly userId?: string } | undefined> {
  const next = state.new!;
  let clientId = args?.testClientId;
  if (candidates.length > 0) {
    clientId = await enableForTest(m, candidates, args);
    if (clientId === undefined) return undefined;
  }
  const outcome = await vscode.commands.executeCommand<{ connection?: string; userId?: string } | undefined>(
    TEST_LOGIN_COMMAND,
    {
      connectionName: m.newName,
      tenant: m.tenant.origin,
      ...(clientId !== undefined ? { clientId } : {}),
      ...args?.testLogin,
    },
  );
  if (!outcome || outcome.connection !== m.newName) return undefined;
  await services.context.workspaceState.update(TESTED_KEY, [
    ...testedIds(services).filter((id) => id !== next.id),
    next.id,
  ]);
  services.log.info(`Finish migration: test login through ${m.newName} succeeded (${outcome.userId ?? 'no user id'}).`);
  return outcome.userId !== undefined ? { userId: outcome.userId } : {};
}

/**
 * The new connection has no application yet, so nobody can log in through it: one of the old
 * connection's applications is enabled on it for the test (it keeps the old one as well).
 */
async function enableForTest(
  m: Migration,
  candidates: readonly string[],
  args: FinishMigrationArgs | undefined,
): Promise<string | undefined> {
  let clientId: string | undefined;
  if (args) {
    clientId = args.testClientId ?? candidates[0];
    if (clientId === undefined || !candidates.includes(clientId))
      throw new UserFacingError(
        vscode.l10n.t(
          '{0} is not an application of {1}; pick one of: {2}.',
          clientId ?? '',
          m.oldName,
          candidates.join(', '),
        ),
      );
  } else {
    const names = await withCancellableProgress(
      vscode.l10n.t('Reading the applications of {0}…', m.oldName),
      (signal) => applicationNames(m.client, candidates, signal),
    );
    if (!names) return undefined;
    const picked = await vscode.window.showQuickPick(
      candidates.map((id) => ({ label: names.get(id) ?? id, description: id, id })),
      {
        ignoreFocusOut: true,
        title: vscode.l10n.t('{0} is not enabled for any application yet', m.newName),
        placeHolder: vscode.l10n.t(
          'Application to enable on {0} for the test login (it keeps {1} too)',
          m.newName,
          m.oldName,
        ),
        matchOnDescription: true,
      },
    );
    if (!picked) return undefined;
    const enable = vscode.l10n.t('Enable');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('Enable {0} for {1} on {2}?', m.newName, picked.label, m.tenant.displayName),
      {
        modal: true,
        detail: vscode.l10n.t(
          'The test login needs an application that {0} is enabled for. {1} keeps {2}, so its users can still log in as before; its login page may show both connections until the applications are moved.',
          m.newName,
          picked.label,
          m.oldName,
        ),
      },
      enable,
    );
    if (answer !== enable) return undefined;
    clientId = picked.id;
  }
  const id = clientId;
  const done = await withCancellableProgress(vscode.l10n.t('Enabling {0} for {1}…', m.newName, id), async (signal) => {
    const connection = await m.client.findConnectionByName(m.newName, { signal });
    if (!connection)
      throw new UserFacingError(vscode.l10n.t('{0} is no longer on {1}.', m.newName, m.tenant.displayName));
    await m.client.updateEnabledClients(connection.id, [{ client_id: id, status: true }], { signal });
    return true;
  });
  return done ? id : undefined;
}

/** Step 3: a preview, one confirmation naming each application, then enable on the new and disable on the old. */
async function moveApplications(
  services: Services,
  m: Migration,
  state: MigrationState,
  step: Extract<MigrationStep, { kind: 'move-applications' }>,
  args: FinishMigrationArgs | undefined,
): Promise<boolean> {
  const old = state.old!;
  const next = state.new!;
  if (args) {
    if (args.moveApplications !== true) return false;
  } else {
    const names = await withCancellableProgress(
      vscode.l10n.t('Reading the applications of {0}…', m.oldName),
      (signal) => applicationNames(m.client, step.applications, signal),
    );
    if (!names) return false;
    const enableOnNew = new Set(step.enableOnNew);
    const label = (id: string): string => `${names.get(id) ?? id} (${id})`;
    // The preview: each application, by name and id, and what happens to it. Enter goes on to the confirmation.
    const previewed = await vscode.window.showQuickPick(
      step.applications.map((id) => ({
        label: names.get(id) ?? id,
        description: id,
        detail: enableOnNew.has(id)
          ? vscode.l10n.t('enable on {0}, then disable on {1}', m.newName, m.oldName)
          : vscode.l10n.t('already enabled on {0}; disable on {1}', m.newName, m.oldName),
      })),
      {
        ignoreFocusOut: true,
        title: vscode.l10n.t(
          'Applications to move from {0} to {1} ({2})',
          m.oldName,
          m.newName,
          step.applications.length,
        ),
        placeHolder: vscode.l10n.t('Enter to continue to the confirmation, Escape to stop here'),
        matchOnDescription: true,
      },
    );
    if (!previewed) return false;
    const move = vscode.l10n.t('Move Applications');
    const listed = step.applications.map((id) => `• ${label(id)}`);
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t(
        'Move {0} application(s) from {1} to {2} on {3}?',
        step.applications.length,
        m.oldName,
        m.newName,
        m.tenant.displayName,
      ),
      {
        modal: true,
        detail: [
          ...listed.slice(0, 30),
          ...(listed.length > 30 ? [vscode.l10n.t('… and {0} more (see the list before)', listed.length - 30)] : []),
          '',
          vscode.l10n.t(
            'Each is enabled on {0} first, then disabled on {1}, so none is ever without a connection. Their users log in through {0} from now on, with new user ids (oidc|{0}|…). {2} gets them in its enabled_clients list (when it has one), so that its next deploy keeps them.',
            m.newName,
            m.oldName,
            vscode.workspace.asRelativePath(m.newUri),
          ),
        ].join('\n'),
      },
      move,
    );
    if (answer !== move) return false;
  }
  const batches = applicationMoveBatches({
    oldId: old.id,
    newId: next.id,
    applications: step.applications,
    enableOnNew: step.enableOnNew,
  });
  const done = await withCancellableProgress(
    vscode.l10n.t('Moving the applications from {0} to {1}', m.oldName, m.newName),
    async (signal, progress) => {
      for (const batch of batches) {
        const onNew = batch.connectionId === next.id;
        progress.report({
          message: onNew
            ? vscode.l10n.t('enabling {0} on {1}…', batch.changes.length, m.newName)
            : vscode.l10n.t('disabling {0} on {1}…', batch.changes.length, m.oldName),
        });
        // One batch per request (the plan keeps each within Auth0's limit of 50).
        await m.client.updateEnabledClients(batch.connectionId, batch.changes, { signal });
      }
      return true;
    },
  );
  if (!done) return false;
  services.log.info(
    `Finish migration: moved ${step.applications.length} application(s) from ${m.oldName} to ${m.newName} on ${m.tenant.origin}.`,
  );
  await keepInFile(services, m, step.applications);
  void vscode.commands.executeCommand(REFRESH_TENANTS_COMMAND);
  return true;
}

/**
 * The oidc file's enabled_clients gains the moved applications (when it has that list), so that
 * the next Deploy of the file keeps them instead of disabling them. Saved, as Move to OIDC saves.
 */
async function keepInFile(services: Services, m: Migration, moved: readonly string[]): Promise<void> {
  const document = await vscode.workspace.openTextDocument(m.newUri);
  const edits = enabledClientsFileEdits(document.getText(), moved);
  if (edits.length === 0) return;
  const edit = new vscode.WorkspaceEdit();
  for (const e of edits)
    edit.replace(
      m.newUri,
      new vscode.Range(document.positionAt(e.offset), document.positionAt(e.offset + e.length)),
      e.content,
    );
  if ((await vscode.workspace.applyEdit(edit)) && (await document.save())) {
    services.log.info(`Finish migration: listed the moved applications in ${m.newUri.toString()} (enabled_clients).`);
    return;
  }
  void vscode.window.showWarningMessage(
    vscode.l10n.t(
      'Add the moved applications to enabled_clients in {0}: a deploy of the file as it is would disable them on {1}.',
      vscode.workspace.asRelativePath(m.newUri),
      m.newName,
    ),
  );
}

/**
 * Step 4: delete the old connection, which no application uses any more, after a confirmation of
 * its own. The words are those of the tenants view's Delete Connection (src/tree/deleteConnection.ts),
 * which takes a tree node and so cannot be run from here.
 */
async function deleteOld(
  services: Services,
  m: Migration,
  state: MigrationState,
  args: FinishMigrationArgs | undefined,
): Promise<boolean> {
  const old = state.old!;
  if (args) {
    if (args.deleteOld !== true) return false;
  } else {
    const remove = vscode.l10n.t('Delete');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('Delete the connection {0} from {1}?', old.name, m.tenant.displayName),
      {
        modal: true,
        detail: [
          vscode.l10n.t('No application uses {0} any more; {1} has taken its place.', old.name, m.newName),
          vscode.l10n.t(
            'Users can no longer log in through {0}, and Auth0 deletes the users it created. This cannot be undone. (ID {1})',
            old.name,
            old.id,
          ),
        ].join('\n\n'),
      },
      remove,
    );
    if (answer !== remove) return false;
  }
  const done = await withCancellableProgress(
    vscode.l10n.t('Deleting {0} from {1}…', old.name, m.tenant.displayName),
    async (signal) => {
      // Read again right before: an application enabled since the confirmation keeps the connection.
      const still = await m.client.listEnabledClients(old.id, { signal });
      if (still.length > 0) {
        throw new UserFacingError(
          vscode.l10n.t(
            '{0} was enabled for {1} application(s) again since; nothing was deleted. Run Finish Migration again to move them.',
            old.name,
            still.length,
          ),
        );
      }
      await m.client.deleteConnection(old.id, { signal });
      return true;
    },
  );
  if (!done) return false;
  services.log.info(`Finish migration: deleted ${old.name} (${old.id}) from ${m.tenant.origin}.`);
  void vscode.commands.executeCommand(REFRESH_TENANTS_COMMAND);
  return true;
}

/** Names of the applications `ids`, from paged GET /clients with two fields; ids it does not find stay ids. */
async function applicationNames(
  client: ManagementClient,
  ids: readonly string[],
  signal: AbortSignal,
): Promise<Map<string, string>> {
  const wanted = new Set(ids);
  const names = new Map<string, string>();
  for await (const page of client.listClients({ signal, fields: ['client_id', 'name'] })) {
    for (const app of page) if (wanted.has(app.client_id) && app.name) names.set(app.client_id, app.name);
    if (names.size === wanted.size) break;
  }
  return names;
}

function isArgs(arg: unknown): arg is FinishMigrationArgs {
  return typeof arg === 'object' && arg !== null && !(arg instanceof vscode.Uri) && 'file' in arg;
}
