// Request checking from Auth0's own OpenAPI document, through the committed subset
// (openapi-subset.json, produced by scripts/generate-openapi-subset.mjs): required scopes from each
// operation's `security`, query parameters from its `parameters`, bodies from its `requestBody`.
// Imported rather than read from __dirname, so the sandbox also runs when bundled into the
// integration suites (dist-test/), which start it inside the extension host.
import subset from './openapi-subset.json';
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';

export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, unknown> };
}

interface OpenApiOperation {
  operationId?: string;
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string; schema?: Record<string, unknown>; required?: boolean }[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  /** Documented statuses; `content` only where the answer has a JSON body schema. */
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

/** One answer of the sandbox that its OpenAPI contract does not allow. */
export interface ContractViolation {
  /** 'GET /connections/{id}' (the OpenAPI path template, relative to /api/v2). */
  operation: string;
  status: number;
  /** The schema keyword that failed ('#/properties/connections/items/additionalProperties'). */
  schemaPath: string;
  /** Where in the answer ('/connections/0'), '' for the root. */
  instancePath: string;
  message: string;
}

export function describeViolation(v: ContractViolation): string {
  return `${v.operation} answered ${v.status}: ${v.message} at '${v.instancePath || '/'}' (schema ${v.schemaPath})`;
}

/**
 * The Management API's error body. Not in Auth0's OpenAPI document (its error statuses have no
 * content), so written here from what Auth0 sends: `{statusCode, error, message, errorCode}`
 * (terraform-provider-auth0 #361 quotes one verbatim), and for 401s `{statusCode, error, message,
 * attributes: {error}}` (auth0-authorization-extension #231; see `unauthorized` in management.ts).
 */
const ERROR_BODY_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['statusCode', 'error', 'message'],
  properties: {
    statusCode: { type: 'integer', minimum: 400, maximum: 599 },
    error: { type: 'string', minLength: 1 },
    message: { type: 'string' },
    errorCode: { type: 'string', minLength: 1 },
    attributes: {
      type: 'object',
      required: ['error'],
      properties: { error: { type: 'string' } },
      additionalProperties: false,
    },
  },
} as const;

export function loadSubset(): OpenApiDocument {
  return subset;
}

/**
 * Every `format` used in a document: Auth0 uses its own (client-id, connection-realm, ...); they are accepted as-is.
 */
function collectFormats(node: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(node)) {
    for (const item of node) collectFormats(item, into);
  } else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'format' && typeof value === 'string') into.add(value);
      else collectFormats(value, into);
    }
  }
  return into;
}

/**
 * Compiles schemas of an OpenAPI 3.1 document with JSON Schema 2020-12 semantics. Used for the
 * subset here and, in the contract test, for the full document, so both sides validate alike.
 */
export class OpenApiValidator {
  private readonly ajv: Ajv2020;
  private readonly queryAjv: Ajv2020;
  private readonly make: (coerce: boolean, answers?: boolean) => Ajv2020;
  private answersAjv: Ajv2020 | undefined;
  /** For answers: the same document with `oneOf` read as `anyOf` (see oneOfAsAnyOf), built on first use. */
  private get responseAjv(): Ajv2020 {
    this.answersAjv ??= this.make(false, true);
    return this.answersAjv;
  }
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(readonly doc: OpenApiDocument) {
    const formats = collectFormats(doc.components);
    const make = (coerce: boolean, answers = false): Ajv2020 => {
      const ajv = new Ajv2020({
        strict: false,
        allErrors: false,
        coerceTypes: coerce ? 'array' : false,
        validateFormats: true,
      });
      for (const f of formats) ajv.addFormat(f, true);
      ajv.addSchema({ $id: 'openapi', components: answers ? oneOfAsAnyOf(doc.components) : doc.components }, 'openapi');
      return ajv;
    };
    this.ajv = make(false);
    this.queryAjv = make(true);
    this.make = make;
  }

  /** The validator of `#/components/schemas/NAME`, compiled on first use. */
  schema(name: string): ValidateFunction {
    const key = `schema:${name}`;
    let fn = this.cache.get(key);
    if (!fn) {
      fn = this.ajv.compile({ $ref: `openapi#/components/schemas/${name}` });
      this.cache.set(key, fn);
    }
    return fn;
  }

  operation(path: string, method: string): OpenApiOperation {
    const op = this.doc.paths[path]?.[method.toLowerCase()];
    if (!op) throw new Error(`operation not in the document: ${method} ${path}`);
    return op;
  }

  /** The scopes of which a token needs any one (the oAuth2ClientCredentials security entry). */
  requiredScopes(path: string, method: string): string[] {
    const op = this.operation(path, method);
    const entry = op.security?.find((s) => 'oAuth2ClientCredentials' in s);
    return entry?.oAuth2ClientCredentials ?? [];
  }

  /** Validates a JSON request body; returns an Auth0-style message on failure. */
  validateBody(path: string, method: string, body: unknown): string | undefined {
    const key = `body:${method}:${path}`;
    let fn = this.cache.get(key);
    if (!fn) {
      const schema = this.operation(path, method).requestBody?.content?.['application/json']?.schema;
      if (!schema) return undefined;
      fn = this.ajv.compile({ $defs: {}, ...rebase(schema) });
      this.cache.set(key, fn);
    }
    return fn(body) ? undefined : `Payload validation error: ${describe(fn.errors)}`;
  }

  /**
   * Checks one answer against the operation's contract: a documented success status with a JSON
   * schema must match it (additionalProperties and all); one without a schema (202, 204) must have
   * no body; any 4xx/5xx must be Auth0's error body with `statusCode` equal to the status.
   * Returns undefined when the answer conforms.
   */
  validateResponse(path: string, method: string, status: number, body: unknown): ContractViolation | undefined {
    const operation = `${method.toUpperCase()} ${path}`;
    const violation = (schemaPath: string, instancePath: string, message: string): ContractViolation => ({
      operation,
      status,
      schemaPath,
      instancePath,
      message,
    });
    if (status >= 400) {
      let fn = this.cache.get('response:error');
      if (!fn) {
        fn = this.responseAjv.compile(ERROR_BODY_SCHEMA);
        this.cache.set('response:error', fn);
      }
      if (!fn(body)) {
        const e = fn.errors?.[0];
        return violation(`(Auth0 error body)${e?.schemaPath ?? ''}`, e?.instancePath ?? '', ajvMessage(e));
      }
      const statusCode = (body as { statusCode: number }).statusCode;
      if (statusCode !== status)
        return violation('(Auth0 error body)#/properties/statusCode', '/statusCode', `is ${statusCode}, not ${status}`);
      return undefined;
    }
    const responses = this.operation(path, method).responses ?? {};
    const documented = responses[String(status)];
    if (!documented) return violation(`#/paths/${path}/${method.toLowerCase()}/responses`, '', 'status not documented');
    const schema = documented.content?.['application/json']?.schema;
    if (!schema) {
      return body === undefined
        ? undefined
        : violation(`#/paths/${path}/${method.toLowerCase()}/responses/${status}`, '', 'documented without a body');
    }
    const key = `response:${method}:${path}:${status}`;
    let fn = this.cache.get(key);
    if (!fn) {
      fn = this.responseAjv.compile({ $defs: {}, ...oneOfAsAnyOf(rebase(schema)) });
      this.cache.set(key, fn);
    }
    if (fn(body)) return undefined;
    const e = deepestError(fn.errors);
    return violation(e?.schemaPath ?? '#', e?.instancePath ?? '', ajvMessage(e));
  }

  /**
   * Validates and coerces query parameters (strings from the URL) in place: integers and booleans
   * become numbers and booleans, repeatable parameters become arrays.
   */
  validateQuery(path: string, method: string, query: Record<string, unknown>): string | undefined {
    const key = `query:${method}:${path}`;
    let fn = this.cache.get(key);
    if (!fn) {
      const properties: Record<string, unknown> = {};
      for (const p of this.operation(path, method).parameters ?? []) {
        if (p.in === 'query' && p.schema) properties[p.name] = rebase(p.schema);
      }
      fn = this.queryAjv.compile({ type: 'object', properties });
      this.cache.set(key, fn);
    }
    return fn(query) ? undefined : `Query validation error: ${describe(fn.errors)}`;
  }
}

/**
 * Auth0's answer schemas use `oneOf` for alternatives that overlap: the last page of a checkpoint
 * listing, `{connections: [...]}` without `next`, is also a valid offset page (every property of
 * both is optional), so a strict `oneOf` would refuse what Auth0 itself sends. For answers the
 * alternatives are read as `anyOf`: the answer must match at least one of them.
 */
function oneOfAsAnyOf<T>(node: T): T {
  if (Array.isArray(node)) return node.map(oneOfAsAnyOf) as T;
  if (node && typeof node === 'object') {
    return Object.fromEntries(
      Object.entries(node).map(([key, value]) => [key === 'oneOf' ? 'anyOf' : key, oneOfAsAnyOf(value)]),
    ) as T;
  }
  return node;
}

/** Points local refs (#/components/...) of an operation-level schema at the registered document. */
function rebase(schema: unknown): Record<string, unknown> {
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"openapi#/components/')) as Record<
    string,
    unknown
  >;
}

function ajvMessage(e: ErrorObject | undefined): string {
  if (!e) return 'invalid';
  if (e.keyword === 'additionalProperties')
    return `additional property not allowed: ${String(e.params.additionalProperty)}`;
  return e.message ?? e.keyword;
}

/**
 * With allErrors off, a failed `oneOf` (the list answers: array | offset page | checkpoint page)
 * reports the first error of each branch and then the oneOf itself; the error with the longest
 * instance path says most about what is wrong.
 */
function deepestError(errors: ErrorObject[] | null | undefined): ErrorObject | undefined {
  let best: ErrorObject | undefined;
  for (const e of errors ?? []) if (!best || e.instancePath.length > best.instancePath.length) best = e;
  return best;
}

function describe(errors: ErrorObject[] | null | undefined): string {
  const e = errors?.[0];
  if (!e) return "'invalid'.";
  const property = e.instancePath.split('/').slice(1).join('.');
  let text: string;
  switch (e.keyword) {
    case 'additionalProperties':
      text = `Additional properties not allowed: ${String(e.params.additionalProperty)}`;
      break;
    case 'required':
      text = `Missing required property: ${String(e.params.missingProperty)}`;
      break;
    case 'pattern':
      text = `String does not match pattern ${String(e.params.pattern)}: ${JSON.stringify(e.data) ?? ''}`;
      break;
    case 'type':
      text = `Expected type ${String(e.params.type)} but found type ${Array.isArray(e.data) ? 'array' : e.data === null ? 'null' : typeof e.data}`;
      break;
    case 'enum':
      text = `No enum match for: ${JSON.stringify(e.data) ?? ''}`;
      break;
    case 'maxLength':
      text = `String is too long (${String(e.data).length} chars), maximum ${String(e.params.limit)}`;
      break;
    case 'minLength':
      text = `String is too short (${String(e.data).length} chars), minimum ${String(e.params.limit)}`;
      break;
    case 'minItems':
      text = `Array is too short (${Array.isArray(e.data) ? e.data.length : 0}), minimum ${String(e.params.limit)}`;
      break;
    case 'minProperties':
      text = `Too few properties defined (${e.data && typeof e.data === 'object' ? Object.keys(e.data).length : 0}), minimum ${String(e.params.limit)}`;
      break;
    default:
      text = e.message ?? e.keyword;
  }
  return property ? `'${text}' on property ${property}.` : `'${text}'.`;
}

let subsetValidator: OpenApiValidator | undefined;
/** One validator over the committed subset, shared by all tenants in the process. */
export function subsetValidatorInstance(): OpenApiValidator {
  subsetValidator ??= new OpenApiValidator(loadSubset());
  return subsetValidator;
}
