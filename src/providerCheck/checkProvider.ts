import * as vscode from 'vscode';
import { knownRpOrigin } from '../tenants/knownRp';
import { connectionFileFromArg, toUri } from '../vscode/connectionFileArg';
import type { ManagementClient } from '../auth0';
import { isCancellation } from '../auth0/errors';
import {
  checkProvider as runRules,
  providerReportMarkdown,
  providerTargetOf,
  withLoginDomains,
  type ProviderCheckReport,
  type ProviderFix,
  type RequirementResult,
} from '../core/providerCheck/providerCheck';
import type { ProviderChecks } from './providerChecks';
import type { Services } from '../services';
import type { Tenant } from '../tenants/tenantRegistry';
import { tenantPickItem } from '../tenants/pickTenant';
import { withAbortableProgress } from '../vscode/progress';
import { userMessage } from '../vscode/errors';
import { auth0 } from '../vscode/lazyAuth0';
import { validConnection } from '../connectionFile/validConnection';
import { environmentForCommand } from '../environments/activeEnvironment';
import { environmentConnectionBody } from '../environments/environmentConnection';

/** Arguments that skip the prompts (tests, tasks): no question is asked, no modal shown. */
export interface CheckProviderArgs {
  readonly file: vscode.Uri | string;
  /**
   * The RP tenant's domain or origin; default: where the file was last deployed, else the one other configured tenant.
   */
  readonly rpDomain?: string;
  /**
   * Apply fixes without confirmation: true for every failing requirement, or their ids ('app-type', 'callback',
   * 'oidc-conformant', 'legacy-profile'; for an oidc file also 'grant-types', 'token-auth-method').
   */
  readonly fix?: boolean | readonly string[];
  /** Open the report preview (default false with arguments). */
  readonly show?: boolean;
  /** For a file with environment keywords: the environment (else the active one, else asked). */
  readonly environment?: string;
}

/** What the command returns: the results after any fixes; no secret in it. */
export interface CheckProviderOutcome {
  /** Whose rules applied: the file's strategy. */
  readonly strategy: string;
  readonly results: readonly RequirementResult[];
  readonly passed: boolean;
  /** True when the provider tenant was read; false for a manual checklist. */
  readonly verified: boolean;
  readonly expectedCallbacks: readonly string[];
  /** One line per PATCH that was sent. */
  readonly fixed: readonly string[];
  readonly notes: readonly string[];
}

/**
 * Auth0 OIDC: Check Provider Application. Reads the provider application and tenant flags the
 * file names, through the provider tenant's Management API when it is configured; reports each
 * requirement, offers the fixes (each confirmed), and remembers the result for the diagnostics.
 * Without access it shows the same checklist with the values to enter by hand.
 */
export function checkProvider(services: Services, checks: ProviderChecks) {
  return async (arg?: unknown): Promise<CheckProviderOutcome | undefined> => {
    const node = connectionNodeTarget(arg);
    const args: CheckProviderArgs | undefined = isArgs(arg)
      ? arg
      : node
        ? { file: node.key, rpDomain: node.rpOrigin, show: true }
        : undefined;
    const uri = args
      ? toUri(args.file)
      : await connectionFileFromArg(arg, vscode.l10n.t('Connection file whose provider application to check'));
    if (!uri) return undefined;
    // Like Deploy: a file with errors is not checked (its values could be anything, and they
    // would end up in the report and in the PATCHes offered).
    // A file with environment keywords: as the active environment resolves it (its RP tenant too).
    const scope = node
      ? undefined
      : await environmentForCommand(
          services.activeEnvironment,
          services.environments,
          uri,
          args?.environment,
          vscode.l10n.t('Environment whose provider application to check'),
        );
    if (scope?.keywords && !scope.environment) return undefined;
    const environment = scope?.keywords ? scope.environment : undefined;
    const body: { readonly strategy?: unknown; readonly options?: unknown } = node
      ? { strategy: node.strategy, options: node.options }
      : environment
        ? await environmentConnectionBody(uri, environment)
        : validConnection(uri, (await vscode.workspace.openTextDocument(uri)).getText());
    // The rules, and the options that name the provider, are those of the file's strategy.
    const target = providerTargetOf(body);
    if ('missing' in target) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t(
          '{0} needs {1} to check the provider application.',
          vscode.workspace.asRelativePath(uri),
          target.missing,
        ),
      );
      return undefined;
    }
    const { providerDomain, clientId } = target;
    const provider = services.tenants.find(providerDomain);
    const chosen =
      environment && !args?.rpDomain
        ? [environment.rpTenant]
        : args
          ? rpFromArgs(services, uri, provider, args)
          : await askRp(services, uri, provider);
    if (chosen === undefined) return undefined;
    const rpDomains = withLoginDomains(chosen, services.tenants.list());

    const notes: string[] = [];
    const input = {
      strategy: target.strategy,
      providerDomain,
      clientId,
      rpDomains,
      fileEndpoints: target.fileEndpoints,
    };
    const client = await providerClient(services, provider, notes);
    // The same flow as the CLI's check-provider: run, then applyFixes (each fix confirmed here).
    const flow = client ? new (auth0().ProviderCheckFlow)(client, input) : undefined;
    const read = async (): Promise<ProviderCheckReport> => {
      if (!flow)
        return runRules({
          ...input,
          clientUnknownReason: notes[0] ?? '',
          settingsUnknownReason: notes[0] ?? '',
          discoveryUnknownReason: notes[0] ?? '',
        });
      try {
        // `calls` carries Cancel and the retry listener: a 429's wait shows as in Deploy.
        return await withAbortableProgress(
          vscode.l10n.t('Checking {0} on {1}…', clientId, providerDomain),
          (_signal, _progress, calls) => flow.run(calls),
        );
      } catch (error) {
        if (isCancellation(error)) throw error;
        const reason = vscode.l10n.t('The provider tenant could not be read: {0}', userMessage(error));
        services.log.warn(`Provider check of ${clientId} on ${providerDomain}: ${userMessage(error)}`);
        notes.push(reason);
        return runRules({
          ...input,
          clientUnknownReason: reason,
          settingsUnknownReason: reason,
          discoveryUnknownReason: reason,
        });
      }
    };

    let report = await read();
    const fixed: string[] = [];
    if (flow && !report.passed && report.results.some((r) => r.fix)) {
      const chosen = args ? (args.fix ?? false) : await chooseFixes(checks, uri, report, notes);
      if (chosen === true || (Array.isArray(chosen) && chosen.length > 0)) {
        try {
          const outcome = await flow.applyFixes(chosen, {
            ...(args ? {} : { confirm: (fix: ProviderFix) => confirmFix(fix, providerDomain) }),
            around: async (fix, send) => {
              await withAbortableProgress(fix.summary, (_signal, _progress, calls) => send(calls));
            },
          });
          for (const fix of outcome.fixed) {
            fixed.push(...fix.summaries);
            services.log.info(
              `Provider fix on ${providerDomain}: PATCH ${fix.path} (${Object.keys(fix.body).join(', ')}).`,
            );
          }
          for (const { fix, error } of outcome.failed) {
            const message = vscode.l10n.t('Could not apply "{0}": {1}', fix.summary, userMessage(error));
            notes.push(message);
            void vscode.window.showErrorMessage(message);
          }
          report = outcome.report;
        } catch (error) {
          if (isCancellation(error)) throw error;
          // Reading the provider tenant again failed: report what can be said, with the reason.
          report = await read();
        }
      }
    }

    checks.remember(uri, report, environment?.name);
    services.log.info(
      `Provider check of ${clientId} on ${providerDomain}: ${report.results.map((r) => `${r.id}=${r.status}`).join(' ')}.`,
    );
    if (args?.show ?? !args) await showReport(checks, uri, report, notes);
    if (!args) announce(report, fixed);
    return {
      strategy: report.strategy,
      results: report.results,
      passed: report.passed,
      verified: report.verified,
      expectedCallbacks: report.expectedCallbacks,
      fixed,
      notes,
    };
  };
}

/** The provider tenant's client, or undefined (with the reason in notes) when there is no access. */
async function providerClient(
  services: Services,
  provider: Tenant | undefined,
  notes: string[],
): Promise<ManagementClient | undefined> {
  if (!provider) {
    notes.push(
      vscode.l10n.t(
        'The provider tenant is not configured here. Add it with "Auth0 OIDC: Add Tenant" (credentials with read:clients, read:tenant_settings, and for fixes update:clients, update:tenant_settings) to check it automatically; meanwhile, check it by hand.',
      ),
    );
    return undefined;
  }
  if (!vscode.workspace.isTrusted) {
    notes.push(
      vscode.l10n.t(
        'This workspace is not trusted, so no tenant is contacted: check the provider application by hand.',
      ),
    );
    return undefined;
  }
  if (!(await services.tenants.hasCredentials(provider))) {
    notes.push(
      vscode.l10n.t(
        'No Management API credentials are stored for {0}: edit the tenant to check it automatically; meanwhile, check it by hand.',
        provider.displayName,
      ),
    );
    return undefined;
  }
  try {
    return await services.tenants.client(provider);
  } catch (error) {
    notes.push(userMessage(error));
    return undefined;
  }
}

function rpFromArgs(
  services: Services,
  uri: vscode.Uri,
  provider: Tenant | undefined,
  args: CheckProviderArgs,
): string[] {
  if (args.rpDomain) return [args.rpDomain];
  const known = knownRpOrigin(services, uri, provider?.origin);
  return known !== undefined ? [known] : [];
}

/** Where the file was last deployed; else a configured tenant other than the provider; else typed. */
async function askRp(services: Services, uri: vscode.Uri, provider: Tenant | undefined): Promise<string[] | undefined> {
  const known = knownRpOrigin(services, uri, provider?.origin);
  if (known !== undefined) return [known];
  const others = services.tenants.list().filter((t) => t.origin !== provider?.origin);
  const type = vscode.l10n.t('Enter a domain…');
  if (others.length > 1) {
    const picked = await vscode.window.showQuickPick(
      [
        ...others.map((t) => ({ ...tenantPickItem(t), origin: t.origin })),
        { label: type, description: '', origin: undefined },
      ],
      {
        ignoreFocusOut: true,
        placeHolder: vscode.l10n.t('The Relying Party tenant whose callback the provider application must allow'),
      },
    );
    if (!picked) return undefined;
    if (picked.origin) return [picked.origin];
  }
  const typed = await vscode.window.showInputBox({
    title: vscode.l10n.t('Relying Party tenant'),
    prompt: vscode.l10n.t(
      'The domain of the tenant the connection is deployed to (its https://DOMAIN/login/callback must be allowed by the provider application). Leave empty to skip the callback check.',
    ),
    placeHolder: 'rp.eu.auth0.com',
    ignoreFocusOut: true,
  });
  if (typed === undefined) return undefined;
  return typed.trim() ? [typed.trim()] : [];
}

async function chooseFixes(
  checks: ProviderChecks,
  uri: vscode.Uri,
  report: ProviderCheckReport,
  notes: readonly string[],
): Promise<string[]> {
  await showReport(checks, uri, report, notes);
  const fixable = report.results.filter((r) => r.status === 'fail' && r.fix);
  const picked = await vscode.window.showQuickPick(
    fixable.map((r) => ({ label: r.title, description: r.actual, detail: r.fix!.summary, picked: true, id: r.id })),
    {
      canPickMany: true,
      ignoreFocusOut: true,
      title: vscode.l10n.t('Fix on the provider tenant {0}', report.providerDomain),
      placeHolder: vscode.l10n.t('Pick the fixes to apply; each is confirmed before it is sent'),
    },
  );
  return picked?.map((p) => p.id) ?? [];
}

async function confirmFix(fix: ProviderFix, providerDomain: string): Promise<boolean> {
  const apply = vscode.l10n.t('Apply');
  const answer = await vscode.window.showWarningMessage(
    fix.target === 'tenant-settings'
      ? vscode.l10n.t(
          'Change a setting of the whole provider tenant {0}? It applies to every application and login on that tenant, not only to this connection.',
          providerDomain,
        )
      : vscode.l10n.t('Change the provider tenant {0}?', providerDomain),
    { modal: true, detail: `${fix.summary}.\n\nPATCH ${fix.path}\n${JSON.stringify(fix.body, undefined, 2)}` },
    apply,
  );
  return answer === apply;
}

async function showReport(
  checks: ProviderChecks,
  uri: vscode.Uri,
  report: ProviderCheckReport,
  notes: readonly string[],
): Promise<void> {
  // The preview's tab adds ".md": "x.auth0-oidc.json.md" read as a file name, so the .json goes.
  const name = (uri.path.split('/').pop() ?? 'connection').replace(/\.json$/i, '');
  await checks.showMarkdown(
    `check:${uri.toString()}`,
    vscode.l10n.t('Provider check - {0}', name),
    providerReportMarkdown(report, notes),
  );
}

function announce(report: ProviderCheckReport, fixed: readonly string[]): void {
  const failing = report.results.filter((r) => r.status === 'fail').length;
  const message = report.passed
    ? vscode.l10n.t(
        'The provider application passes every check{0}.',
        fixed.length === 0
          ? ''
          : fixed.length === 1
            ? vscode.l10n.t(' (1 fix applied)')
            : vscode.l10n.t(' ({0} fixes applied)', fixed.length),
      )
    : report.verified
      ? vscode.l10n.t('{0} provider requirement(s) fail; see the report.', failing)
      : vscode.l10n.t('The provider tenant could not be read: follow the checklist in the report by hand.');
  void (report.passed ? vscode.window.showInformationMessage(message) : vscode.window.showWarningMessage(message));
}

/**
 * A connection node of the tenants tree: the check reads the provider the connection names, with
 * the node's tenant as the Relying Party. Its report is kept under a URI of its own, not a file's.
 */
function connectionNodeTarget(
  arg: unknown,
): { key: vscode.Uri; rpOrigin: string; strategy: unknown; options: Record<string, unknown> } | undefined {
  if (typeof arg !== 'object' || arg === null || !('connection' in arg) || !('tenant' in arg)) return undefined;
  const { connection, tenant } = arg;
  if (!isRecord(connection) || !isRecord(connection.options) || typeof connection.name !== 'string') return undefined;
  if (!isRecord(tenant) || typeof tenant.origin !== 'string') return undefined;
  const key = vscode.Uri.from({
    scheme: 'auth0-oidc-connection',
    path: `/${new URL(tenant.origin).host}/${connection.name}`,
  });
  return { key, rpOrigin: tenant.origin, strategy: connection.strategy, options: connection.options };
}

function isArgs(arg: unknown): arg is CheckProviderArgs {
  return typeof arg === 'object' && arg !== null && !(arg instanceof vscode.Uri) && 'file' in arg;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
