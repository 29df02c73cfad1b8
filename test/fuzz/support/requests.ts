import fc from 'fast-check';
import { CONTENT_TYPES, ODD_HEADERS, encodeSegment, hostileKey, hostileNode, hostileSegment, longString, nastyString } from './hostile';
import { type JsonNode, arr, deep, lit, nodeAt, obj, objectPlaceNear, places, raw, render, summarize, update } from './json';
import type { Route, Schema } from './openapi';
import { TOKEN, type World } from './world';

export type AuthMode = 'none' | 'admin' | 'officer';

/** One HTTP request as sent, and how it came to be (for failure messages). */
export class FuzzRequest {
  constructor(
    readonly route: string,
    readonly auth: string,
    readonly method: string,
    readonly path: string,
    readonly headers: Record<string, string | string[]>,
    readonly body: Buffer | undefined,
    readonly bodySummary: string,
    readonly notes: string[],
  ) {}

  /** The request's own text, so that an answer echoing it is not taken for a leak. */
  get ownText(): string {
    let decoded = this.path;
    try {
      decoded = decodeURIComponent(this.path);
    } catch {
      /* keep it encoded */
    }
    return [this.path, decoded, JSON.stringify(this.headers), this.body ? this.body.toString('utf8') : ''].join('\n');
  }

  describe(): string {
    const headers = Object.entries(this.headers)
      .map(([k, v]) => `${k}: ${(Array.isArray(v) ? v : [v]).map((x) => (x.length > 120 ? `${x.slice(0, 60)}…(${x.length} chars)` : x)).join(' | ')}`)
      .join('; ');
    const path = this.path.length > 300 ? `${this.path.slice(0, 300)}…(${this.path.length} chars)` : this.path;
    return [
      `${this.method} ${path}`,
      `  route: ${this.route}  [auth: ${this.auth}]${this.notes.length ? `  mutations: ${this.notes.join(', ')}` : ''}`,
      `  headers: ${headers || '(none)'}`,
      `  body: ${this.body === undefined ? '(none)' : `${this.bodySummary} (${this.body.length} bytes)`}`,
    ].join('\n');
  }

  /** Everything, untruncated but the body (first 4 kB), for the JSON dump of the diagnostic mode. */
  full(): { method: string; path: string; headers: Record<string, string | string[]>; body?: string } {
    return { method: this.method, path: this.path, headers: this.headers, ...(this.body ? { body: this.body.subarray(0, 4096).toString('latin1') } : {}) };
  }

  [fc.toStringMethod](): string {
    return `\n${this.describe()}\n`;
  }

  /** Whether it carries one of the world's tokens (as a placeholder). */
  get usesToken(): 'admin' | 'officer' | undefined {
    const auth = JSON.stringify(this.headers.authorization ?? '');
    return auth.includes(TOKEN.admin) ? 'admin' : auth.includes(TOKEN.officer) ? 'officer' : undefined;
  }

  /** The request as sent: placeholders replaced by the current tokens. */
  withTokens(tokens: { admin: string; officer: string }): FuzzRequest {
    const swap = (v: string) => v.replace(TOKEN.admin, tokens.admin).replace(TOKEN.officer, tokens.officer);
    const headers = Object.fromEntries(Object.entries(this.headers).map(([k, v]) => [k, Array.isArray(v) ? v.map(swap) : swap(v)]));
    return new FuzzRequest(this.route, this.auth, this.method, this.path, headers, this.body, this.bodySummary, this.notes);
  }
}

const HHMM = /^\d{2}:\d{2}$/;
/** Dates of the right form that are far, reversed, or not on the calendar. */
const ODD_DATES = ['0001-01-01', '9999-12-31', '1970-01-01', '2026-02-29', '2028-02-29', '2026-00-10', '2026-01-00', '2026-12-31', '2027-01-01'];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T/;

/** A value the route accepts for this field (as far as the document and the seeded world tell). */
export function validValue(schema: Schema, name: string, world: World): fc.Arbitrary<JsonNode> {
  const pool = world.pools[name];
  if (schema.type === 'array') {
    const item = name === 'serviceIds' ? fc.constantFrom(...world.pools.serviceId).map(lit) : validValue(schema.items ?? { type: 'string' }, name, world);
    return fc.array(item, { minLength: 1, maxLength: Math.min(3, schema.maxItems ?? 3) }).map(arr);
  }
  if (schema.properties) return validObject(schema, world);
  if (schema.enum?.length) return fc.constantFrom(...(schema.enum as (string | number)[])).map(lit);
  if (schema.type === 'boolean') return fc.boolean().map(lit);
  if (schema.format === 'uuid') return fc.constantFrom(...(pool ?? world.pools.officeId)).map(lit);
  if (schema.type === 'number' || schema.type === 'integer' || (schema.type === 'object' && schema.minimum !== undefined)) {
    const min = schema.minimum ?? 0;
    const max = Math.min(schema.maximum ?? 1000, min + 1000);
    // A fraction in range (a service level of 0.01–0.99) is a number, not an integer.
    if (!Number.isInteger(min) || !Number.isInteger(max)) return fc.double({ min, max, noNaN: true }).map(lit);
    return fc.integer({ min, max }).map(lit);
  }
  const ex = typeof schema.example === 'string' ? schema.example : '';
  if (HHMM.test(ex))
    return fc
      .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
      .map(([h, m]) => lit(`${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`));
  if (ISO_TIME.test(ex)) return fc.constantFrom(...world.pools.start).map(lit);
  if (ISO_DATE.test(ex)) return fc.constantFrom(...world.pools.date).map(lit);
  if (pool) return fc.constantFrom(...pool).map(lit);
  switch (name) {
    case 'timezone':
      return fc.constantFrom('Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura').map(lit);
    case 'password':
      return fc.constantFrom('a-long-password-1', 'petugas-password').map(lit);
    case 'email':
      return fc.constantFrom('siti@example.org', 'budi@example.com').map(lit);
    case 'phone':
      return fc.constantFrom('+6281234567890', '081298765432').map(lit);
    case 'webhookUrl':
      // Only "off": a gateway URL would make the worker write delivery rows in the background.
      return fc.constant(lit(''));
  }
  if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern)).map(lit);
  const max = Math.min(schema.maxLength ?? 24, 24);
  const min = Math.max(schema.minLength ?? 1, name === 'name' ? 2 : 1);
  return fc
    .string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz ABC0123456789'), minLength: Math.min(min, max), maxLength: max })
    .map((s) => lit(s.trim().length >= min ? s : `Nama ${s}`.slice(0, max)));
}

function validObject(schema: Schema, world: World): fc.Arbitrary<JsonNode> {
  const required = new Set(schema.required ?? []);
  const fields = Object.entries(schema.properties ?? {}).map(([name, s]) => {
    const v = validValue(s, name, world);
    return required.has(name)
      ? v.map((n) => [[name, n]] as [string, JsonNode][])
      : fc.option(v, { freq: 2 }).map((n) => (n === null ? [] : ([[name, n]] as [string, JsonNode][])));
  });
  return fc.tuple(...fields).map((parts) => obj(parts.flat()));
}

type MutationKind = 'replace' | 'null' | 'delete' | 'unknownKey' | 'duplicateKey' | 'wrap' | 'deep';
interface Mutation {
  kind: MutationKind;
  at: number;
  value: JsonNode;
  key: string;
}

const mutationArb = (world: World): fc.Arbitrary<Mutation> =>
  fc.record({
    kind: fc.constantFrom<MutationKind>('replace', 'replace', 'replace', 'null', 'delete', 'unknownKey', 'duplicateKey', 'wrap', 'deep'),
    at: fc.nat(),
    value: hostileNode([
      ...world.pools.officeId.map((s) => s.toUpperCase()),
      ...world.pools.start.map((s) => s.replace('Z', '+07:00')),
      '00000000-0000-4000-8000-000000000000',
      ...ODD_DATES,
    ]),
    key: hostileKey,
  });

export function applyMutation(body: JsonNode, m: Mutation): { body: JsonNode; note: string } {
  const all = places(body);
  const at = all[m.at % all.length];
  const where = at.length ? pathName(body, at) : 'body';
  switch (m.kind) {
    case 'replace':
      return { body: update(body, at, () => m.value) ?? body, note: `${where}=${summarize(m.value, 50)}` };
    case 'null':
      return { body: update(body, at, () => lit(null)) ?? body, note: `${where}=null` };
    case 'delete':
      return at.length ? { body: update(body, at, () => undefined) ?? body, note: `-${where}` } : { body: lit(null), note: 'body=null' };
    case 'wrap':
      return { body: update(body, at, (n) => arr([n])) ?? body, note: `${where}=[…]` };
    case 'deep':
      return { body: update(body, at, () => deep(m.at % 2 ? 'object' : 'array', [1000, 10_000][(m.at % 4) >> 1])) ?? body, note: `${where}=deep` };
    case 'unknownKey':
    case 'duplicateKey': {
      const o = objectPlaceNear(body, at);
      if (!o) return { body, note: '(no object)' };
      const target = nodeAt(body, o);
      if (target.t !== 'obj') return { body, note: '(no object)' };
      const key = m.kind === 'duplicateKey' && target.entries.length ? target.entries[m.at % target.entries.length][0] : m.key;
      const name = o.length ? `${pathName(body, o)}.` : '';
      return {
        body: update(body, o, () => obj([...target.entries, [key, m.value]])) ?? body,
        note: `${m.kind === 'duplicateKey' ? 'dup ' : '+'}${name}${JSON.stringify(key).slice(0, 30)}`,
      };
    }
  }
}

function pathName(body: JsonNode, place: number[]): string {
  const parts: string[] = [];
  let n = body;
  for (const i of place) {
    if (n.t === 'obj') {
      parts.push(n.entries[i][0]);
      n = n.entries[i][1];
    } else if (n.t === 'arr') {
      parts.push(`[${i}]`);
      n = n.items[i];
    }
  }
  return parts.join('.').replace(/\.\[/g, '[') || 'body';
}

interface BodyChoice {
  node?: JsonNode;
  /** Bytes that are not a rendered tree (not JSON, bad UTF-8). */
  bytes?: Buffer;
  summary: string;
  contentType?: string;
  notes: string[];
}

const WHOLE_BODIES: fc.Arbitrary<BodyChoice> = fc.oneof(
  fc.tuple(fc.constantFrom<'array' | 'object'>('array', 'object'), fc.constantFrom(1000, 3000, 10_000)).map(([k, d]) => {
    const node = deep(k, d);
    return { node, summary: summarize(node), notes: ['whole body deep'] };
  }),
  fc
    .constantFrom<JsonNode>(lit(null), lit(1), lit('x'), lit(true), arr([]), arr([obj([])]), raw('-0', '-0'), raw('1e309', '1e309'))
    .map((node) => ({ node, summary: summarize(node), notes: ['whole body scalar'] })),
  fc
    .constantFrom(
      '{bad',
      '{"a":1,}',
      "{'a':1}",
      'NaN',
      '{"a":NaN}',
      '{"a":undefined}',
      '\ufeff{}',
      '\u0000',
      '{"a":"\\ud800"',
      '[1,2',
      'null null',
      '{"__proto__":{"polluted":1}}',
      '{"constructor":{"prototype":{"polluted":1}}}',
    )
    .map((text) => ({ bytes: Buffer.from(text, 'utf8'), summary: JSON.stringify(text), notes: ['whole body not JSON'] })),
  fc
    .constantFrom(
      Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
      Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d]),
      Buffer.from([0xc0, 0xaf]),
    )
    .map((bytes) => ({ bytes, summary: `bytes ${bytes.toString('hex')}`, notes: ['whole body bad UTF-8'] })),
  fc.constantFrom(33_000, 200_000).map((n) => ({ node: lit(longString(n)), summary: `"xxx…" (string of ${n})`, notes: ['whole body too large'] })),
  fc
    .constantFrom<[string, string]>(
      ['a=1&b=2', 'application/x-www-form-urlencoded'],
      ['hello', 'text/plain'],
      ['<a>1</a>', 'application/xml'],
      ['--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--xyz--', 'multipart/form-data; boundary=xyz'],
      ['{"a":1}', 'text/plain'],
      ['', 'application/json'],
      ['', 'text/plain'],
    )
    .map(([text, ct]) => ({ bytes: Buffer.from(text), summary: JSON.stringify(text), contentType: ct, notes: ['whole body other type'] })),
);

function bodyArb(route: Route, world: World): fc.Arbitrary<BodyChoice | undefined> {
  if (!route.body) {
    return fc.oneof(
      { withCrossShrink: true },
      { weight: 8, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: WHOLE_BODIES },
      {
        weight: 1,
        arbitrary: fc
          .tuple(hostileKey, hostileNode())
          .map(([k, v]) => ({ node: obj([[k, v]]), summary: summarize(obj([[k, v]])), notes: ['body on a route without one'] })),
      },
    );
  }
  const valid = validValue(route.body, 'body', world);
  return fc.oneof(
    { withCrossShrink: true },
    { weight: 1, arbitrary: valid.map((node) => ({ node, summary: summarize(node), notes: ['valid'] })) },
    {
      weight: 9,
      arbitrary: fc.tuple(valid, fc.array(mutationArb(world), { minLength: 1, maxLength: 3 })).map(([node, ms]) => {
        let b = node;
        const notes: string[] = [];
        for (const m of ms) {
          const r = applyMutation(b, m);
          b = r.body;
          notes.push(r.note);
        }
        return { node: b, summary: summarize(b), notes };
      }),
    },
    { weight: 2, arbitrary: WHOLE_BODIES },
  );
}

function pathArb(route: Route, world: World): fc.Arbitrary<{ path: string; notes: string[] }> {
  const segs = route.pathParams.map((p) => {
    const pool = world.pools[p.name];
    const real = pool ? fc.constantFrom(...pool).map((v) => ({ v, note: '' })) : fc.uuid().map((v) => ({ v, note: '' }));
    const upper = pool ? fc.constantFrom(...pool).map((v) => ({ v: v.toUpperCase(), note: `${p.name} uppercased` })) : real;
    return fc.oneof(
      { withCrossShrink: true },
      { weight: 6, arbitrary: real },
      { weight: 1, arbitrary: upper },
      { weight: 4, arbitrary: hostileSegment.map((v) => ({ v, note: `${p.name}=${v.length > 40 ? `${v.slice(0, 20)}…(${v.length})` : v}` })) },
    );
  });
  const variant = fc.oneof(
    { withCrossShrink: true },
    { weight: 12, arbitrary: fc.constant((p: string) => p) },
    {
      weight: 1,
      arbitrary: fc.constantFrom<(p: string) => string>(
        (p) => `${p}/`,
        (p) => p.toUpperCase(),
        (p) => p.replace('/api/', '//api/'),
        (p) => `${p};x=1`,
        (p) => `${p}/%2e%2e`,
        (p) => `${p}%00`,
        (p) => `${p}/..`,
      ),
    },
  );
  return fc.tuple(fc.tuple(...segs), variant).map(([values, v]) => {
    let path = route.template;
    route.pathParams.forEach((p, i) => (path = path.replace(`{${p.name}}`, values[i].v)));
    return { path: v(path), notes: values.map((x) => x.note).filter(Boolean) };
  });
}

function queryArb(route: Route, world: World): fc.Arbitrary<{ qs: string; notes: string[] }> {
  const enc = (s: string) => encodeSegment(s);
  const params = route.query.map((p) => {
    const valid = validValue(p.schema, p.name, world).map((n) => (n.t === 'lit' ? String(n.v) : render(n)));
    return fc.oneof(
      { withCrossShrink: true },
      { weight: 4, arbitrary: valid.map((v) => [`${p.name}=${enc(v)}`]) },
      { weight: 1, arbitrary: fc.constant([]) },
      { weight: 3, arbitrary: nastyString.filter((s) => s.length < 10_000).map((v) => [`${p.name}=${enc(v)}`]) },
      { weight: 1, arbitrary: fc.tuple(valid, valid).map(([a, b]) => [`${p.name}=${enc(a)}`, `${p.name}=${enc(b)}`]) },
      {
        weight: 1,
        arbitrary: fc
          .constantFrom(
            `${p.name}[]=x`,
            `${p.name}[a]=b`,
            `${p.name}`,
            `${p.name}=`,
            `${p.name}=%ED%A0%80`,
            `${p.name}=%00`,
            `${p.name}=2026-02-30`,
            `${p.name}=99999-01-01`,
            ...ODD_DATES.map((d) => `${p.name}=${d}`),
          )
          .map((s) => [s]),
      },
    );
  });
  const extra = fc.oneof(
    { withCrossShrink: true },
    { weight: 6, arbitrary: fc.constant([] as string[]) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(
          'unknown=1',
          '__proto__[x]=1',
          '__proto__=x',
          'constructor[prototype][x]=1',
          'format=csv',
          'format=xml',
          `q=${'a'.repeat(8000)}`,
          '%ED%A0%80=1',
          '&&&',
          '=x',
          'a=%zz',
          `${'k'.repeat(300)}=1`,
        )
        .map((s) => [s]),
    },
  );
  return fc.tuple(fc.tuple(...params), extra).map(([ps, ex]) => {
    const parts = [...ps.flat(), ...ex];
    return { qs: parts.length ? `?${parts.join('&')}` : '', notes: ex.length ? [`query +${ex[0].slice(0, 30)}`] : [] };
  });
}

function authArb(mode: AuthMode, world: World, route: Route): fc.Arbitrary<{ value?: string | string[]; label: string }> {
  const own = mode === 'none' ? fc.constant({ label: 'none' }) : fc.constant({ value: `Bearer ${TOKEN[mode]}`, label: mode });
  const bad = fc.constantFrom(...world.badAuth).map((value) => ({ value, label: `bad: ${value.length > 40 ? `${value.slice(0, 30)}…` : value}` }));
  if (route.template.startsWith('/admin/queues'))
    return fc.constantFrom(...world.basicAuth, undefined).map((value) => ({ value, label: value ? `basic: ${value.slice(0, 40)}` : 'none' }));
  return fc.oneof(
    { withCrossShrink: true },
    { weight: 8, arbitrary: own },
    { weight: 2, arbitrary: bad },
    ...(mode === 'none'
      ? []
      : [{ weight: 1, arbitrary: bad.map(({ value, label }) => ({ value: [`Bearer ${TOKEN[mode]}`, value], label: `${mode} + ${label}` })) }]),
  );
}

const METHOD_SWAPS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'TRACE'];

/** A request to one route: real ids or hostile ones, odd headers, a body mutated from a valid one. */
export function requestArb(route: Route, mode: AuthMode, world: World): fc.Arbitrary<FuzzRequest> {
  return fc
    .record({
      method: fc.oneof(
        { withCrossShrink: true },
        { weight: 14, arbitrary: fc.constant(route.method) },
        { weight: 1, arbitrary: fc.constantFrom(...METHOD_SWAPS) },
      ),
      path: pathArb(route, world),
      query: queryArb(route, world),
      auth: authArb(mode, world, route),
      body: bodyArb(route, world),
      contentType: fc.oneof(
        { withCrossShrink: true },
        { weight: 8, arbitrary: fc.constant('application/json') },
        { weight: 2, arbitrary: fc.constantFrom(...CONTENT_TYPES) },
        { weight: 1, arbitrary: fc.constant(undefined) },
      ),
      odd: fc.oneof(
        { withCrossShrink: true },
        { weight: 3, arbitrary: fc.constant([] as [string, string][]) },
        { weight: 1, arbitrary: fc.subarray(ODD_HEADERS, { minLength: 1, maxLength: 3 }) },
      ),
    })
    .map(({ method, path, query, auth, body, contentType, odd }) => {
      const headers: Record<string, string | string[]> = {};
      if (auth.value !== undefined) headers.authorization = auth.value;
      let bytes: Buffer | undefined;
      if (body) {
        bytes = body.bytes ?? Buffer.from(render(body.node ?? lit(null)), 'utf8');
        const ct = body.contentType ?? contentType;
        if (ct !== undefined) headers['content-type'] = ct;
      }
      for (const [k, v] of odd) headers[k] = v;
      const notes = [...path.notes, ...query.notes, ...(body?.notes ?? []), ...(method !== route.method ? [`method ${method}`] : [])];
      return new FuzzRequest(`${route.method} ${route.template}`, auth.label, method, path.path + query.qs, headers, bytes, body?.summary ?? '', notes);
    });
}
