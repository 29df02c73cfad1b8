/** The routes to fuzz, read from the running API's OpenAPI document, plus the paths it does not list. */

export interface Schema {
  type?: string;
  format?: string;
  enum?: unknown[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  maxItems?: number;
  nullable?: boolean;
  example?: unknown;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  $ref?: string;
}

export interface Param {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: Schema;
}

export interface Route {
  method: string;
  /** `/api/v1/offices/{officeId}`: the OpenAPI form. */
  template: string;
  pathParams: Param[];
  query: Param[];
  headers: Param[];
  body?: Schema;
  secured: boolean;
  source: 'openapi' | 'extra';
}

export interface OpenApiDoc {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: { name: string; in: string; required?: boolean; schema?: Schema }[];
        requestBody?: { content?: Record<string, { schema?: Schema }> };
        security?: unknown[];
      }
    >
  >;
  components?: { schemas?: Record<string, Schema> };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

export function routesFromOpenApi(doc: OpenApiDoc): Route[] {
  const schemas = doc.components?.schemas ?? {};
  const resolve = (s: Schema | undefined, depth = 0): Schema | undefined => {
    if (!s || depth > 8) return s;
    if (s.$ref) return resolve(schemas[s.$ref.split('/').pop() ?? ''], depth + 1);
    const out: Schema = { ...s };
    if (s.items) out.items = resolve(s.items, depth + 1);
    if (s.properties) out.properties = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, resolve(v, depth + 1) ?? {}]));
    return out;
  };
  const routes: Route[] = [];
  for (const [template, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      if (!METHODS.includes(method)) continue;
      const params: Param[] = (op.parameters ?? []).map((p) => ({
        name: p.name,
        in: p.in as Param['in'],
        required: Boolean(p.required),
        schema: resolve(p.schema) ?? {},
      }));
      routes.push({
        method: method.toUpperCase(),
        template,
        pathParams: params.filter((p) => p.in === 'path'),
        query: params.filter((p) => p.in === 'query'),
        headers: params.filter((p) => p.in === 'header'),
        body: resolve(op.requestBody?.content?.['application/json']?.schema),
        secured: Array.isArray(op.security) && op.security.length > 0,
        source: 'openapi',
      });
    }
  }
  return routes;
}

const extra = (method: string, template: string, pathParams: string[] = []): Route => ({
  method,
  template,
  pathParams: pathParams.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
  query: [],
  headers: [],
  secured: false,
  source: 'extra',
});

/** Operations, the UIs, the queue dashboard, the docs, and paths that match nothing. */
export const EXTRA_ROUTES: Route[] = [
  extra('GET', '/health/live'),
  extra('GET', '/health/ready'),
  extra('GET', '/metrics'),
  extra('GET', '/'),
  extra('GET', '/kiosk'),
  extra('GET', '/kiosk/track/{uiToken}', ['uiToken']),
  extra('GET', '/kiosk/{uiFile}', ['uiFile']),
  extra('GET', '/book'),
  extra('GET', '/manage/{uiToken}', ['uiToken']),
  extra('GET', '/display'),
  extra('GET', '/counter/{uiFile}', ['uiFile']),
  extra('GET', '/admin/queues'),
  extra('GET', '/admin/queues/api/queues'),
  extra('GET', '/api/docs-json'),
  extra('GET', '/api/v1/{unknown}', ['unknown']),
  extra('POST', '/api/v1/{unknown}', ['unknown']),
  extra('GET', '/socket.io/'),
];
