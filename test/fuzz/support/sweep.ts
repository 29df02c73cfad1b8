import fc from 'fast-check';
import { encodeSegment, longString } from './hostile';
import { type JsonNode, arr, deep, lit, obj, raw, render, summarize, update } from './json';
import type { Route, Schema } from './openapi';
import { type AuthMode, FuzzRequest, validValue } from './requests';
import { TOKEN, type World } from './world';

/**
 * The deterministic part of the tier: for every route, a valid request with exactly one thing
 * made hostile — each body field (and nested field) in turn, each path and query parameter, the
 * whole body, the Authorization header. It reaches every field of every route on every run;
 * the random properties then combine mutations.
 */

interface Field {
  place: number[];
  name: string;
  schema: Schema;
}

/** A valid body with every documented property present, and where each one sits. */
export function fullBody(schema: Schema, world: World, seed: number): { body: JsonNode; fields: Field[] } {
  const fields: Field[] = [];
  const build = (s: Schema, name: string, place: number[]): JsonNode => {
    if (s.properties) {
      const entries = Object.entries(s.properties).map(([k, v], i): [string, JsonNode] => {
        fields.push({ place: [...place, i], name: place.length ? `${name}.${k}` : k, schema: v });
        return [k, build(v, place.length ? `${name}.${k}` : k, [...place, i])];
      });
      return obj(entries);
    }
    if (s.type === 'array' && s.items?.properties) {
      fields.push({ place: [...place, 0], name: `${name}[0]`, schema: s.items });
      return arr([build(s.items, `${name}[0]`, [...place, 0])]);
    }
    const leaf =
      name
        .split('.')
        .pop()
        ?.replace(/\[\d+\]$/, '') ?? name;
    const node = fc.sample(validValue(s, leaf, world), { seed, numRuns: 1 })[0];
    if (s.type === 'array' && node.t === 'arr' && node.items.length) fields.push({ place: [...place, 0], name: `${name}[0]`, schema: s.items ?? {} });
    return node;
  };
  return { body: build(schema, '', []), fields };
}

function fieldVariants(f: Field, world: World): [string, JsonNode | undefined][] {
  const max = f.schema.maxLength;
  const isString = f.schema.type === 'string' || f.schema.format === 'uuid';
  const ids = f.schema.format === 'uuid' || f.name.endsWith('Ids[0]');
  return [
    ['null', lit(null)],
    ['absent', undefined],
    ['[[[…]]] ×10000', deep('array', 10_000)],
    ['lone surrogate', lit('\ud800')],
    ['NUL+emoji+RTL', lit('a\u0000👍🏽\u202Eمرحبا')],
    [max ? `${max + 1} chars` : '5000 chars', lit(longString(max ? max + 1 : 5000, isString ? 'é' : 'x'))],
    ['1e309', raw('1e309', '1e309')],
    ['true', lit(true)],
    ['[]', arr([])],
    ['{__proto__}', obj([['__proto__', obj([['x', lit(1)]])]])],
    ...(ids
      ? ([
          ['unknown uuid', lit('00000000-0000-4000-8000-000000000000')],
          ['uppercase real id', lit((world.pools[f.name.replace(/s\[0\]$/, '')] ?? world.pools.officeId)[0].toUpperCase())],
        ] as [string, JsonNode][])
      : []),
  ];
}

const WHOLE: [string, (valid: JsonNode) => JsonNode | Buffer | undefined][] = [
  ['body [[[…]]] ×10000', () => deep('array', 10_000)],
  ['body {"a":…} ×10000', () => deep('object', 10_000)],
  ['body null', () => lit(null)],
  ['body []', () => arr([])],
  ['body "x"', () => lit('x')],
  ['body 1e309', () => raw('1e309', '1e309')],
  ['+unknown field', (v) => (v.t === 'obj' ? obj([...v.entries, ['unknownField', lit(1)]]) : v)],
  ['+__proto__', (v) => (v.t === 'obj' ? obj([...v.entries, ['__proto__', obj([['isAdmin', lit(true)]])]]) : v)],
  ['+constructor', (v) => (v.t === 'obj' ? obj([...v.entries, ['constructor', obj([['prototype', obj([['x', lit(1)]])]])]]) : v)],
  ['duplicate first key = null', (v) => (v.t === 'obj' && v.entries.length ? obj([...v.entries, [v.entries[0][0], lit(null)]]) : v)],
  ['duplicate first key = deep', (v) => (v.t === 'obj' && v.entries.length ? obj([...v.entries, [v.entries[0][0], deep('array', 10_000)]]) : v)],
  ['not JSON', () => Buffer.from('{"a":')],
  ['bad UTF-8', () => Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d])],
  ['empty', () => Buffer.alloc(0)],
];

const PATH_VARIANTS = ['not-a-uuid', '%ED%A0%80', '%00', '..%2f..%2f', longString(201, 'a'), '00000000-0000-4000-8000-000000000000'];
const QUERY_VARIANTS = ['a', '2026-02-30', '%ED%A0%80', '', '0001-01-01', '9999-12-31'];

export function sweepRequests(routes: Route[], world: World, seed: number): FuzzRequest[] {
  const out: FuzzRequest[] = [];
  routes.forEach((route, routeIndex) => {
    if (route.template.startsWith('/admin/queues')) {
      for (const value of world.basicAuth)
        out.push(
          new FuzzRequest(
            `${route.method} ${route.template}`,
            `basic: ${value.slice(0, 40)}`,
            route.method,
            route.template,
            { authorization: value },
            undefined,
            '',
            ['bad Basic'],
          ),
        );
      return;
    }
    const mode: AuthMode = route.secured ? 'admin' : 'none';
    const auth: Record<string, string> = mode === 'none' ? {} : { authorization: `Bearer ${TOKEN[mode]}` };
    const params = Object.fromEntries(route.pathParams.map((p) => [p.name, (world.pools[p.name] ?? ['00000000-0000-0000-0000-000000000000'])[0]]));
    const pathWith = (over: Record<string, string> = {}) => {
      let p = route.template;
      for (const { name } of route.pathParams) p = p.replace(`{${name}}`, over[name] ?? params[name]);
      return p;
    };
    const queryValid = route.query.map(
      (q) =>
        [
          q.name,
          (() => {
            const n = fc.sample(validValue(q.schema, q.name, world), { seed, numRuns: 1 })[0];
            return n.t === 'lit' ? String(n.v) : render(n);
          })(),
        ] as const,
    );
    const qs = (over: Record<string, string> = {}) => {
      const parts = queryValid.map(([k, v]) => `${k}=${k in over ? over[k] : encodeSegment(v)}`);
      return parts.length ? `?${parts.join('&')}` : '';
    };
    const make = (
      label: string,
      body: JsonNode | Buffer | undefined,
      opts: { path?: string; headers?: Record<string, string | string[]>; authLabel?: string } = {},
    ) => {
      const bytes = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(render(body), 'utf8');
      const summary = body === undefined ? '' : Buffer.isBuffer(body) ? `bytes ${body.toString('hex').slice(0, 60)}` : summarize(body);
      const headers: Record<string, string | string[]> = { ...(opts.headers ?? auth), ...(bytes ? { 'content-type': 'application/json' } : {}) };
      out.push(
        new FuzzRequest(`${route.method} ${route.template}`, opts.authLabel ?? mode, route.method, opts.path ?? pathWith() + qs(), headers, bytes, summary, [
          label,
        ]),
      );
    };

    const full = route.body ? fullBody(route.body, world, seed) : undefined;
    make('valid', full?.body);
    if (full) {
      for (const f of full.fields) {
        for (const [label, v] of fieldVariants(f, world)) make(`${f.name}=${label}`, update(full.body, f.place, () => v) ?? lit(null));
      }
      for (const [label, f] of WHOLE) make(label, f(full.body));
    }
    for (const p of route.pathParams) {
      const real = params[p.name];
      for (const v of [...PATH_VARIANTS, real.toUpperCase()]) make(`${p.name}=${v.slice(0, 30)}`, full?.body, { path: pathWith({ [p.name]: v }) + qs() });
    }
    for (const q of route.query) {
      for (const v of QUERY_VARIANTS) make(`?${q.name}=${v}`, full?.body, { path: pathWith() + qs({ [q.name]: v }) });
      make(`?${q.name} twice`, full?.body, { path: `${pathWith()}${qs()}&${q.name}=${encodeSegment(queryValid.find(([k]) => k === q.name)?.[1] ?? 'x')}` });
    }
    for (const h of route.headers) {
      // A header the route documents (Idempotency-Key): junk, and a good key with a body the
      // service refuses past validation (an unknown id), which must not be remembered either.
      const unknownId = full?.fields.find((f) => f.schema.format === 'uuid');
      const refused = unknownId && full ? update(full.body, unknownId.place, () => lit('00000000-0000-4000-8000-000000000000')) : full?.body;
      for (const v of ['short', longString(101, 'k'), 'has spaces', '\u00ff\u00fe\u00ff\u00fe\u00ff\u00fe\u00ff\u00fe', `fuzz-${seed}-${routeIndex}-a`]) {
        make(`${h.name}: ${v.slice(0, 20)}`, full?.body, { headers: { ...auth, [h.name.toLowerCase()]: v } });
      }
      make(`${h.name} + unknown id`, refused, { headers: { ...auth, [h.name.toLowerCase()]: `fuzz-${seed}-${routeIndex}-b` } });
      make(`${h.name} + unknown id, again`, refused, { headers: { ...auth, [h.name.toLowerCase()]: `fuzz-${seed}-${routeIndex}-b` } });
    }
    if (route.secured) {
      make('officer token', full?.body, { headers: { authorization: `Bearer ${TOKEN.officer}` }, authLabel: 'officer' });
      for (let i = 0; i < 3; i++) {
        const value = world.badAuth[(routeIndex * 3 + i) % world.badAuth.length];
        make('bad token', full?.body, { headers: { authorization: value }, authLabel: `bad: ${value.slice(0, 30)}` });
      }
    }
  });
  // A body the route will not read, declared compressed: whatever the answer, the connection must
  // go on answering (the sweep's next request comes on the same kept-alive connection).
  const big = Buffer.from(JSON.stringify(longString(200_000)));
  for (const [path, encoding] of [
    ['/health/live', 'gzip'],
    ['/api/v1/offices', 'deflate'],
  ]) {
    for (const probe of [true, false]) {
      out.push(
        probe
          ? new FuzzRequest(
              `GET ${path}`,
              'none',
              'GET',
              path,
              { 'content-type': 'application/json', 'content-encoding': encoding },
              big,
              `"xxx…" (string of 200000)`,
              [`GET with a ${encoding} body`],
            )
          : new FuzzRequest('GET /health/live', 'none', 'GET', '/health/live', {}, undefined, '', ['the next request on the connection']),
      );
    }
  }
  return out;
}
