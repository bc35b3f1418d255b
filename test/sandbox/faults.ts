// Faults on demand: a per-tenant list of rules, each matching requests by method and path and
// firing a limited number of times (default once). The tenant's request pipeline asks `take()`
// for every incoming request and acts on the rule it gets back.

/**
 * - `stop-answering`: the request is read and never answered (no status, no byte), as a tenant
 *   behind a stalled network path does, until the client gives up or the tenant closes. Nothing
 *   is processed.
 */
export type FaultKind = 'rate-limit' | 'server-error' | 'latency' | 'drop-after-commit' | 'reset' | 'stop-answering';

export interface FaultSpec {
  /** HTTP method to match (case-insensitive); any method when absent. */
  method?: string;
  /**
   * Path to match. A string matches that exact path and everything below it
   * ('/api/v2/connections' matches '/api/v2/connections/con_x/clients'); a RegExp is tested
   * against the path (no query). When absent, every Management API request (/api/v2/...) matches.
   */
  path?: string | RegExp;
  kind: FaultKind;
  /** How many matching requests the fault applies to: default 1, Infinity allowed. */
  times?: number;
  /** rate-limit: the Retry-After value in seconds (default 1); x-ratelimit-reset is now + this. */
  retryAfterSeconds?: number;
  /** server-error: the status (default 503). */
  status?: number;
  /** latency: the added delay (default 200 ms). */
  latencyMs?: number;
}

export interface FaultHandle {
  readonly spec: Readonly<FaultSpec>;
  /** Requests this fault has fired on so far. */
  readonly hits: number;
  /** How many more times it will fire. */
  readonly remaining: number;
}

interface Rule extends FaultHandle {
  hits: number;
  remaining: number;
}

export class FaultController {
  private rules: Rule[] = [];

  /** Adds a fault rule; rules are tried in the order they were added. */
  inject(spec: FaultSpec): FaultHandle {
    const times = spec.times ?? 1;
    if (!(times > 0)) throw new RangeError('faults.inject: times must be > 0');
    const rule: Rule = { spec: { ...spec }, hits: 0, remaining: times };
    this.rules.push(rule);
    return rule;
  }

  /** Removes every rule, fired or not. */
  clear(): void {
    this.rules = [];
  }

  /** Rules that have not yet been used up. */
  get pending(): readonly FaultHandle[] {
    return this.rules.filter((r) => r.remaining > 0);
  }

  /** Consumes and returns the first rule matching this request, if any. */
  take(method: string, path: string): FaultSpec | undefined {
    for (const rule of this.rules) {
      if (rule.remaining <= 0 || !matches(rule.spec, method, path)) continue;
      rule.remaining -= 1;
      rule.hits += 1;
      if (rule.remaining <= 0) this.rules = this.rules.filter((r) => r !== rule);
      return rule.spec;
    }
    return undefined;
  }
}

function matches(spec: FaultSpec, method: string, path: string): boolean {
  if (spec.method && spec.method.toUpperCase() !== method.toUpperCase()) return false;
  if (spec.path === undefined) return path.startsWith('/api/v2/');
  if (spec.path instanceof RegExp) {
    spec.path.lastIndex = 0;
    return spec.path.test(path);
  }
  const prefix = spec.path.endsWith('/') ? spec.path : `${spec.path}/`;
  return path === spec.path || path.startsWith(prefix);
}
