/**
 * The provider side of a connection file: what the application in the provider tenant and that
 * tenant's settings must look like for the Relying Party's logins to work, by the rules of the
 * file's strategy (rules.ts: one table per strategy). Pure: the caller reads the application, the
 * settings and (for `oidc`) the discovery document, or cannot, and passes them in.
 */
import { withinParseLimits } from '../connectionFile/parseLimits';
import { type Node, getNodeValue, parseTree } from 'jsonc-parser';
import type { ConnectionDiagnostic, OffsetSpan } from '../connectionFile/diagnostic';
import { bareHostFrom } from '../connectionFile/host';
import { LineIndex } from '../connectionFile/lineIndex';
import { mdCode, mdText } from '../markdownText';
import { expectedCallback } from './callbacks';
import { RULES, type RuleContext } from './rules';
import { providerTargetOf } from './target';
import type {
  CheckStrategy,
  ProviderCheckInput,
  ProviderCheckReport,
  ProviderFix,
  RequirementResult,
  RequirementStatus,
} from './types';

export type * from './types';
export { expectedCallback, withLoginDomains } from './callbacks';
export { AUTH0_OIDC_RULES, OIDC_RULES, RULES, type RuleDefinition } from './rules';
export {
  checkStrategyOf,
  hasProviderCheck,
  providerOptionsText,
  providerTargetOf,
  type ProviderTarget,
} from './target';
export { DISCOVERY_PATH, compareWithDiscovery, fileEndpointsOf } from './discovery';

/** Runs the rule table of the input's strategy; anything not read is `unknown` with the exact value to set by hand. */
export function checkProvider(input: ProviderCheckInput): ProviderCheckReport {
  const strategy: CheckStrategy = input.strategy ?? 'auth0-oidc';
  const expectedCallbacks = [...new Set(input.rpDomains.map(expectedCallback))];
  const ctx: RuleContext = {
    input,
    expectedCallbacks,
    clientPath: `/api/v2/clients/${encodeURIComponent(input.clientId)}`,
    appWhere: `Dashboard of ${input.providerDomain} → Applications → Applications → the application with Client ID ${input.clientId}`,
    clientReason: input.clientUnknownReason ?? 'The provider application was not read.',
    settingsReason: input.settingsUnknownReason ?? "The provider tenant's settings were not read.",
  };
  const results: RequirementResult[] = RULES[strategy].map((rule) => {
    const evaluation = rule.evaluate(ctx);
    return {
      id: rule.id,
      code: rule.code,
      status: evaluation.status,
      title: rule.title(ctx),
      actual: evaluation.actual,
      expected: rule.expected(ctx),
      where: rule.where(ctx),
      ...(evaluation.status === 'fail' && evaluation.fix ? { fix: evaluation.fix } : {}),
      ...(evaluation.fileOptions ? { fileOptions: evaluation.fileOptions } : {}),
    };
  });
  return {
    strategy,
    providerDomain: input.providerDomain,
    clientId: input.clientId,
    rpDomains: [...input.rpDomains],
    expectedCallbacks,
    results,
    passed: results.every((r) => r.status === 'pass' || r.status === 'info'),
    verified:
      input.client !== undefined &&
      (strategy === 'oidc' ? input.discovery !== undefined : input.settings !== undefined),
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
  info: 'Info',
};

const STRATEGY_RULES_TEXT: Record<CheckStrategy, string> = {
  'auth0-oidc':
    'Rules applied: `auth0-oidc` (Regular Web Application, the callback, OIDC Conformant off, the legacy user profile on).',
  oidc: "Rules applied: `oidc`, an OIDC enterprise connection to an Auth0 tenant (the application, its Authorization Code grant with a client secret, the callback, the issuer and endpoints against the provider's discovery document). OIDC Conformant and the legacy user profile are no longer needed.",
};

/** The report as markdown: a checklist a person can follow by hand, with the exact values. */
export function providerReportMarkdown(report: ProviderCheckReport, notes: readonly string[] = []): string {
  const strategy = report.strategy;
  const lines: string[] = [
    `# Provider check: ${mdText(report.clientId)} on ${mdText(report.providerDomain)}`,
    '',
    report.passed
      ? `Every requirement passed: the provider side is ready for the \`${strategy}\` connection.`
      : report.verified
        ? `${report.results.filter((r) => r.status === 'fail').length} requirement(s) fail. Each can be fixed from VS Code (after a confirmation) or by hand as described.`
        : 'The provider tenant could not be read (fully), so this is a checklist to follow by hand in its Dashboard.',
    '',
    STRATEGY_RULES_TEXT[strategy],
    '',
  ];
  for (const note of notes) lines.push(`> ${mdText(note)}`, '');
  if (report.rpDomains.length > 0)
    lines.push(`Relying Party tenant(s): ${report.rpDomains.map((d) => mdCode(d)).join(', ')}`, '');
  for (const r of report.results) {
    lines.push(`## ${STATUS_MARK[r.status]}: ${mdText(r.title)}`, '');
    if (r.status === 'info') {
      lines.push(`- **Now:** ${mdText(r.actual)}`);
      lines.push(`- **Note:** ${mdText(r.expected)}`);
    } else {
      lines.push(`- **Found:** ${mdText(r.actual)}`);
      lines.push(`- **Set:** ${mdText(r.expected)}`);
    }
    lines.push(`- **Where:** ${mdText(r.where)}`);
    if (r.status !== 'pass' && r.fix)
      lines.push(`- **API:** ${mdCode(`PATCH ${r.fix.path}`)} with ${mdCode(JSON.stringify(r.fix.body))}`);
    lines.push('');
  }
  return lines.join('\n');
}

/**
 * Diagnostics for a connection file from a remembered check: one per failing requirement, on
 * `options.client_id` (the application), on the option naming the provider tenant (`domain`,
 * `discovery_url` or `issuer`: the tenant's settings), or on each file option a failure names (an
 * endpoint that differs from the discovery document). Never for `info` rows. Nothing when the
 * file no longer names the checked application or tenant, or has another strategy now.
 */
export function providerDiagnostics(text: string, report: ProviderCheckReport): ConnectionDiagnostic[] {
  if (!withinParseLimits(text)) return [];
  const root = parseTree(text, [], { disallowComments: true });
  if (root?.type !== 'object') return [];
  const options = propertyValue(root, 'options');
  const target = providerTargetOf({
    strategy: propertyValue(root, 'strategy')?.value,
    options: options ? getNodeValue(options) : undefined,
  });
  if (
    !options ||
    'missing' in target ||
    target.strategy !== report.strategy ||
    target.clientId !== report.clientId ||
    (bareHostFrom(target.providerDomain) ?? '').toLowerCase() !==
      (bareHostFrom(report.providerDomain) ?? '').toLowerCase()
  )
    return [];
  const clientId = propertyValue(options, 'client_id');
  const tenantNode = propertyValue(options, target.providerOption.replace(/^options\./, ''));
  const rules = RULES[report.strategy];
  const lines = new LineIndex(text);
  const diagnostics: ConnectionDiagnostic[] = [];
  for (const r of report.results) {
    if (r.status !== 'fail') continue;
    const rule = rules.find((x) => x.id === r.id);
    const nodes = r.fileOptions
      ? r.fileOptions.map((o) => propertyValue(options, o))
      : [rule?.anchor === 'tenant' ? tenantNode : clientId];
    for (const node of nodes) {
      if (!node) continue;
      const span: OffsetSpan = { offset: node.offset, length: node.length };
      diagnostics.push({
        code: r.code,
        severity: 'warning',
        message: `Provider check: ${rule?.problem ?? r.title} Found: ${r.actual}. Set: ${r.expected}.${r.fix ? ' Run "Auth0 OIDC: Check Provider Application" to fix it.' : ''}`,
        range: { start: lines.positionAt(span.offset), end: lines.positionAt(span.offset + span.length) },
        span,
      });
    }
  }
  return diagnostics;
}

function propertyValue(object: Node, key: string): Node | undefined {
  const property = object.children?.find((p) => p.children?.[0]?.value === key);
  return property?.children?.[1];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
