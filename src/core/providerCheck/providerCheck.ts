/**
 * The provider side of an `auth0-oidc` connection: what the application in the provider tenant
 * and that tenant's settings must look like for the Relying Party's logins to work. Pure: the
 * caller reads the application and the settings (or cannot) and passes them in.
 */
import { type Node, parseTree } from 'jsonc-parser';
import type { ConnectionDiagnostic, DiagnosticCode, OffsetSpan } from '../connectionFile/diagnostic';
import { bareHostFrom } from '../connectionFile/host';
import { LineIndex } from '../connectionFile/lineIndex';
import { mdCode, mdText } from '../markdownText';

export type RequirementId = 'app-type' | 'callback' | 'oidc-conformant' | 'legacy-profile';
export type RequirementStatus = 'pass' | 'fail' | 'unknown';

/** A PATCH that makes a requirement pass: on the application or on the tenant settings. */
export interface ProviderFix {
  readonly target: 'client' | 'tenant-settings';
  /** `PATCH /api/v2/clients/{clientId}` or `PATCH /api/v2/tenants/settings`. */
  readonly path: string;
  readonly body: Readonly<Record<string, unknown>>;
  /** One line naming the change, for the confirmation. */
  readonly summary: string;
}

export interface RequirementResult {
  readonly id: RequirementId;
  readonly code: DiagnosticCode;
  readonly status: RequirementStatus;
  /** What must hold, e.g. "Application type is Regular Web Application". */
  readonly title: string;
  /** What was found ("Single Page Application"), or why it is unknown. */
  readonly actual: string;
  /** The exact value to set. */
  readonly expected: string;
  /** Where in the provider tenant's Dashboard to set it. */
  readonly where: string;
  /** Present when the requirement fails and the facts needed to build the PATCH are known. */
  readonly fix?: ProviderFix;
}

/** What a provider application looks like through `GET /api/v2/clients/{id}`. */
export interface ProviderClientFacts {
  readonly client_id: string;
  readonly name?: string;
  readonly app_type?: string;
  readonly callbacks?: readonly string[];
  readonly oidc_conformant?: boolean;
}

export interface ProviderSettingsFacts {
  readonly flags?: { readonly enable_legacy_profile?: boolean };
}

export interface ProviderCheckInput {
  /** The file's `options.domain`: the provider tenant. */
  readonly providerDomain: string;
  /** The file's `options.client_id`: the application in the provider tenant. */
  readonly clientId: string;
  /** Domains or origins of the Relying Party tenant(s) the connection lives on. */
  readonly rpDomains: readonly string[];
  /** The application, when it could be read. */
  readonly client?: ProviderClientFacts | undefined;
  /** Why the application could not be read (shown as the "actual" of its requirements). */
  readonly clientUnknownReason?: string;
  readonly settings?: ProviderSettingsFacts | undefined;
  readonly settingsUnknownReason?: string;
}

export interface ProviderCheckReport {
  readonly providerDomain: string;
  readonly clientId: string;
  readonly rpDomains: readonly string[];
  /** The callbacks the provider application must list, one per RP tenant. */
  readonly expectedCallbacks: readonly string[];
  readonly results: readonly RequirementResult[];
  /** True when every requirement passed. */
  readonly passed: boolean;
  /** True when the application and the settings were both read (not a manual checklist). */
  readonly verified: boolean;
}

const APP_TYPE_LABELS: Record<string, string> = {
  regular_web: 'Regular Web Application',
  spa: 'Single Page Application',
  native: 'Native',
  non_interactive: 'Machine to Machine',
};

/**
 * `https://RP/login/callback` for an RP domain or origin. A loopback host without a scheme (the
 * local sandbox, `127.0.0.1:PORT`) is reached over plain http, as the tenant registry does.
 */
export function expectedCallback(rpDomain: string): string {
  const trimmed = rpDomain.trim();
  const scheme = /^(https?):\/\//i.exec(trimmed)?.[1]?.toLowerCase();
  const host = (bareHostFrom(trimmed) ?? trimmed).toLowerCase();
  const protocol = scheme ?? (isLoopback(host) ? 'http' : 'https');
  return `${protocol}://${host}/login/callback`;
}

function isLoopback(host: string): boolean {
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : (host.split(':')[0] ?? host);
  return name === 'localhost' || name === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name);
}

/**
 * Auth0 compares a redirect_uri with the Allowed Callback URLs as exact strings: scheme, host,
 * port, path and a trailing slash all count (`.../login/callback/` is a different URL).
 * https://auth0.com/docs/authenticate/login/redirect-users-after-login
 */
function sameCallback(listed: string, expected: string): boolean {
  return listed.trim() === expected;
}

/**
 * The RP domains whose /login/callback the provider application must list: each chosen one, plus
 * the custom domain of a configured tenant among them, since a login that starts on the custom
 * domain returns there (Auth0: with a custom domain, the IdP's callback is https://CUSTOM/login/callback).
 * https://auth0.com/docs/customize/custom-domains/configure-features-to-use-custom-domains
 */
export function withLoginDomains(
  rpDomains: readonly string[],
  tenants: readonly { readonly origin: string; readonly loginOrigin: string }[],
): string[] {
  const out: string[] = [];
  for (const domain of rpDomains) {
    out.push(domain);
    const tenant = tenants.find((t) => t.origin === domain || expectedCallback(t.origin) === expectedCallback(domain));
    if (tenant && tenant.loginOrigin !== tenant.origin) out.push(tenant.loginOrigin);
  }
  return out;
}

/** Checks each requirement; anything not read is `unknown` with the exact value to set by hand. */
export function checkProvider(input: ProviderCheckInput): ProviderCheckReport {
  const expectedCallbacks = [...new Set(input.rpDomains.map(expectedCallback))];
  const clientPath = `/api/v2/clients/${encodeURIComponent(input.clientId)}`;
  const appWhere = `Dashboard of ${input.providerDomain} → Applications → Applications → the application with Client ID ${input.clientId}`;
  const client = input.client;
  const clientReason = input.clientUnknownReason ?? 'The provider application was not read.';
  const settingsReason = input.settingsUnknownReason ?? "The provider tenant's settings were not read.";
  const results: RequirementResult[] = [];

  // Regular Web Application
  {
    const base = {
      id: 'app-type' as const,
      code: 'provider-app-type' as const,
      title: 'The provider application is a Regular Web Application',
      expected: 'Application Type: Regular Web Application (app_type "regular_web")',
      where: `${appWhere} → Settings → Application Properties → Application Type`,
    };
    if (!client) results.push({ ...base, status: 'unknown', actual: clientReason });
    else if (client.app_type === 'regular_web')
      results.push({ ...base, status: 'pass', actual: 'Regular Web Application' });
    else {
      results.push({
        ...base,
        status: 'fail',
        actual:
          client.app_type === undefined
            ? 'no application type'
            : `${APP_TYPE_LABELS[client.app_type] ?? client.app_type} (app_type "${client.app_type}")`,
        fix: {
          target: 'client',
          path: clientPath,
          body: { app_type: 'regular_web' },
          summary: `Set the application type of ${input.clientId} to Regular Web Application (app_type: "regular_web")`,
        },
      });
    }
  }

  // Callback URL(s)
  {
    const base = {
      id: 'callback' as const,
      code: 'provider-callback-missing' as const,
      title:
        expectedCallbacks.length === 1
          ? `The provider application allows the callback ${expectedCallbacks[0]}`
          : 'The provider application allows the callback of each Relying Party tenant',
      expected:
        expectedCallbacks.length > 0
          ? `Allowed Callback URLs include ${expectedCallbacks.join(', ')}`
          : "Allowed Callback URLs include https://RP_DOMAIN/login/callback (RP_DOMAIN: the Relying Party tenant's domain)",
      where: `${appWhere} → Settings → Application URIs → Allowed Callback URLs`,
    };
    if (expectedCallbacks.length === 0) {
      results.push({
        ...base,
        status: 'unknown',
        actual: 'The Relying Party tenant is not known: deploy the file, configure the tenant, or name it.',
      });
    } else if (!client) {
      results.push({ ...base, status: 'unknown', actual: clientReason });
    } else {
      const callbacks = client.callbacks ?? [];
      const missing = expectedCallbacks.filter((cb) => !callbacks.some((c) => sameCallback(c, cb)));
      if (missing.length === 0)
        results.push({
          ...base,
          status: 'pass',
          actual: `listed (${callbacks.length} callback${callbacks.length === 1 ? '' : 's'} in all)`,
        });
      else {
        results.push({
          ...base,
          status: 'fail',
          actual:
            callbacks.length === 0
              ? 'no callback URLs'
              : `missing ${missing.join(', ')}; listed: ${callbacks.join(', ')}`,
          fix: {
            target: 'client',
            path: clientPath,
            body: { callbacks: [...callbacks, ...missing] },
            summary: `Add ${missing.join(', ')} to the Allowed Callback URLs of ${input.clientId} (the ${callbacks.length} listed stay)`,
          },
        });
      }
    }
  }

  // OIDC Conformant off
  {
    const base = {
      id: 'oidc-conformant' as const,
      code: 'provider-oidc-conformant' as const,
      title: 'The provider application is not OIDC-conformant',
      expected: 'OIDC Conformant: off (oidc_conformant false)',
      where: `${appWhere} → Settings → Advanced Settings → OAuth → OIDC Conformant`,
    };
    if (!client) results.push({ ...base, status: 'unknown', actual: clientReason });
    else if (client.oidc_conformant !== true) results.push({ ...base, status: 'pass', actual: 'off' });
    else {
      results.push({
        ...base,
        status: 'fail',
        actual: 'on',
        fix: {
          target: 'client',
          path: clientPath,
          body: { oidc_conformant: false },
          summary: `Turn OIDC Conformant off for ${input.clientId} (oidc_conformant: false)`,
        },
      });
    }
  }

  // Legacy user profile on
  {
    const base = {
      id: 'legacy-profile' as const,
      code: 'provider-legacy-profile' as const,
      title: 'The provider tenant has the legacy user profile enabled',
      expected: 'Legacy User Profile: on (flags.enable_legacy_profile true)',
      where: `Dashboard of ${input.providerDomain} → Settings → Advanced → Migrations → Legacy User Profile`,
    };
    const flag = input.settings?.flags?.enable_legacy_profile;
    if (!input.settings) results.push({ ...base, status: 'unknown', actual: settingsReason });
    else if (flag === true) results.push({ ...base, status: 'pass', actual: 'on' });
    else {
      results.push({
        ...base,
        status: 'fail',
        actual: flag === false ? 'off' : 'not set (off)',
        fix: {
          target: 'tenant-settings',
          path: '/api/v2/tenants/settings',
          body: { flags: { enable_legacy_profile: true } },
          summary: `Turn the legacy user profile on for the whole provider tenant ${input.providerDomain}, which changes the user profile of every application and login on that tenant, not only this connection (flags.enable_legacy_profile: true)`,
        },
      });
    }
  }

  return {
    providerDomain: input.providerDomain,
    clientId: input.clientId,
    rpDomains: [...input.rpDomains],
    expectedCallbacks,
    results,
    passed: results.every((r) => r.status === 'pass'),
    verified: client !== undefined && input.settings !== undefined,
  };
}

/**
 * The fixes to apply for the chosen requirements (all failing ones when `which` is true), merged
 * per target so the application gets one PATCH.
 */
/** A fix as sent: one PATCH, possibly fixing several requirements, each named in `summaries`. */
export interface PlannedFix extends ProviderFix {
  readonly summaries: readonly string[];
}

export function fixesFor(report: ProviderCheckReport, which: boolean | readonly string[]): PlannedFix[] {
  const chosen = report.results.filter(
    (r) => r.status === 'fail' && r.fix && (which === true || (Array.isArray(which) && which.includes(r.id))),
  );
  const merged = new Map<string, PlannedFix>();
  for (const r of chosen) {
    const fix = r.fix!;
    const previous = merged.get(fix.path);
    merged.set(
      fix.path,
      previous
        ? {
            ...previous,
            body: mergeBodies(previous.body, fix.body),
            summary: `${previous.summary}; ${fix.summary}`,
            summaries: [...previous.summaries, fix.summary],
          }
        : { ...fix, summaries: [fix.summary] },
    );
  }
  return [...merged.values()];
}

function mergeBodies(
  a: Readonly<Record<string, unknown>>,
  b: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const prev = out[key];
    out[key] = isRecord(prev) && isRecord(value) ? { ...prev, ...value } : value;
  }
  return out;
}

// Words, not emoji: the report must read right without an emoji font.
const STATUS_MARK: Record<RequirementStatus, string> = {
  pass: 'Pass',
  fail: 'Fail',
  unknown: 'Check by hand',
};

/** The report as markdown: a checklist a person can follow by hand, with the exact values. */
export function providerReportMarkdown(report: ProviderCheckReport, notes: readonly string[] = []): string {
  const lines: string[] = [
    `# Provider check: ${mdText(report.clientId)} on ${mdText(report.providerDomain)}`,
    '',
    report.passed
      ? 'Every requirement passed: the provider side is ready for the `auth0-oidc` connection.'
      : report.verified
        ? `${report.results.filter((r) => r.status === 'fail').length} requirement(s) fail. Each can be fixed from VS Code (after a confirmation) or by hand in the Dashboard as described.`
        : 'The provider tenant could not be read (fully), so this is a checklist to follow by hand in its Dashboard.',
    '',
  ];
  for (const note of notes) lines.push(`> ${mdText(note)}`, '');
  if (report.rpDomains.length > 0)
    lines.push(`Relying Party tenant(s): ${report.rpDomains.map((d) => mdCode(d)).join(', ')}`, '');
  for (const r of report.results) {
    lines.push(`## ${STATUS_MARK[r.status]}: ${mdText(r.title)}`, '');
    lines.push(`- **Found:** ${mdText(r.actual)}`);
    lines.push(`- **Set:** ${mdText(r.expected)}`);
    lines.push(`- **Where:** ${mdText(r.where)}`);
    if (r.status !== 'pass' && r.fix)
      lines.push(`- **API:** ${mdCode(`PATCH ${r.fix.path}`)} with ${mdCode(JSON.stringify(r.fix.body))}`);
    lines.push('');
  }
  return lines.join('\n');
}

/**
 * Diagnostics for a connection file from a remembered check: one per failing requirement, on
 * `options.client_id` (the application) or `options.domain` (the tenant's settings). Nothing
 * when the file no longer names the checked application or tenant.
 */
export function providerDiagnostics(text: string, report: ProviderCheckReport): ConnectionDiagnostic[] {
  const root = parseTree(text, [], { disallowComments: true });
  if (root?.type !== 'object') return [];
  const options = propertyValue(root, 'options');
  const clientId = options && propertyValue(options, 'client_id');
  const domain = options && propertyValue(options, 'domain');
  if (
    clientId?.value !== report.clientId ||
    typeof domain?.value !== 'string' ||
    (bareHostFrom(domain.value) ?? '').toLowerCase() !== (bareHostFrom(report.providerDomain) ?? '').toLowerCase()
  )
    return [];
  const lines = new LineIndex(text);
  const diagnostics: ConnectionDiagnostic[] = [];
  for (const r of report.results) {
    if (r.status !== 'fail') continue;
    const node = r.id === 'legacy-profile' ? domain : clientId;
    const span: OffsetSpan = { offset: node.offset, length: node.length };
    diagnostics.push({
      code: r.code,
      severity: 'warning',
      message: `Provider check: ${PROBLEM[r.id]} Found: ${r.actual}. Set: ${r.expected}. Run "Auth0 OIDC: Check Provider Application" to fix it.`,
      range: { start: lines.positionAt(span.offset), end: lines.positionAt(span.offset + span.length) },
      span,
    });
  }
  return diagnostics;
}

const PROBLEM: Record<RequirementId, string> = {
  'app-type': 'the provider application is not a Regular Web Application, so the code exchange fails.',
  callback:
    'the provider application does not list this tenant\'s callback, so the provider refuses the login ("Callback URL mismatch").',
  'oidc-conformant': 'the provider application is OIDC-conformant, which auth0-oidc does not support.',
  'legacy-profile': 'the provider tenant has the legacy user profile turned off, which auth0-oidc needs.',
};

function propertyValue(object: Node, key: string): Node | undefined {
  const property = object.children?.find((p) => p.children?.[0]?.value === key);
  return property?.children?.[1];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
