/**
 * Why a Test Login through an auth0-oidc connection failed at the provider step, from the provider
 * check's report: the requirements that fail, each with its fix in the words and PATCH of Check
 * Provider Application. Pure: the report is read by the caller.
 */
import type { ProviderCheckReport, RequirementResult } from '../providerCheck/types';

/** The failing requirements of a report, in the rule table's order; empty when none explains a failure. */
export function failingRequirements(report: ProviderCheckReport): readonly RequirementResult[] {
  return report.results.filter((r) => r.status === 'fail');
}

/**
 * One sentence per failing requirement: what must hold, what was found, and the fix (the PATCH's
 * summary, as Check Provider Application offers it, else the value to set and where).
 */
export function describeRequirementFailures(failing: readonly RequirementResult[]): string[] {
  return failing.map((r) => {
    const fix = r.fix ? r.fix.summary : `set ${r.expected} (${r.where})`;
    return `${r.title}: not met (found: ${r.actual}). Fix: ${fix}.`;
  });
}
