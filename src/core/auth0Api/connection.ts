// The Management API's connection resource and the bodies that create and update one: what the
// pure deploy planner (src/core/deploy) builds and compares, and what src/auth0's client sends and
// returns (src/auth0/managementClient.ts re-exports them).

export interface Connection {
  readonly id: string;
  readonly name: string;
  readonly strategy: string;
  readonly display_name?: string;
  readonly options?: Record<string, unknown>;
  /** Deprecated in bodies; read enabled applications with listEnabledClients. */
  readonly enabled_clients?: string[];
  readonly [key: string]: unknown;
}

export interface ConnectionCreateBody {
  readonly name: string;
  readonly strategy: string;
  readonly options?: Record<string, unknown>;
  readonly display_name?: string;
  readonly [key: string]: unknown;
}

/** PATCH body: `name` and `strategy` cannot change; `options` replaces the remote options whole. */
export interface ConnectionUpdateBody {
  readonly options?: Record<string, unknown>;
  readonly display_name?: string;
  readonly [key: string]: unknown;
}
