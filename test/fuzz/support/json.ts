/**
 * A JSON document as the fuzzer builds it: a tree that can also hold what `JSON.stringify` cannot
 * write — duplicated keys, `__proto__` as an own key, `-0`, `1e309`, nesting 10,000 deep — and
 * that renders to text without recursion into the deep parts (they are kept as raw text).
 */
export type JsonNode =
  | { t: 'lit'; v: null | boolean | number | string }
  | { t: 'arr'; items: JsonNode[] }
  | { t: 'obj'; entries: [string, JsonNode][] }
  | { t: 'raw'; text: string; label: string };

export const lit = (v: null | boolean | number | string): JsonNode => ({ t: 'lit', v });
export const arr = (items: JsonNode[]): JsonNode => ({ t: 'arr', items });
export const obj = (entries: [string, JsonNode][]): JsonNode => ({ t: 'obj', entries });
export const raw = (text: string, label: string): JsonNode => ({ t: 'raw', text, label });

/** `[[[…]]]` or `{"a":{"a":…}}` of the given depth, as raw text. */
export function deep(kind: 'array' | 'object', depth: number): JsonNode {
  const text = kind === 'array' ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
  return raw(text, `${kind === 'array' ? '[[[…]]]' : '{"a":{"a":…}}'} depth ${depth}`);
}

export function render(node: JsonNode): string {
  switch (node.t) {
    case 'lit':
      return JSON.stringify(node.v) ?? 'null';
    case 'raw':
      return node.text;
    case 'arr':
      return `[${node.items.map(render).join(',')}]`;
    case 'obj':
      return `{${node.entries.map(([k, v]) => `${JSON.stringify(k)}:${render(v)}`).join(',')}}`;
  }
}

/** Short, readable, for failure messages: deep parts by their label, long strings by their length. */
export function summarize(node: JsonNode, budget = 400): string {
  const out = describeNode(node);
  return out.length > budget ? `${out.slice(0, budget)}…` : out;
}

function describeNode(node: JsonNode): string {
  switch (node.t) {
    case 'lit':
      if (typeof node.v === 'string' && node.v.length > 60) return `${JSON.stringify(node.v.slice(0, 24))}…(string of ${node.v.length})`;
      return JSON.stringify(node.v) ?? 'null';
    case 'raw':
      return node.text.length <= 60 ? node.text : `«${node.label}, ${node.text.length} chars»`;
    case 'arr':
      return node.items.length > 8
        ? `[${node.items.slice(0, 3).map(describeNode).join(',')},…(${node.items.length} items)]`
        : `[${node.items.map(describeNode).join(',')}]`;
    case 'obj':
      return node.entries.length > 12
        ? `{${node.entries
            .slice(0, 4)
            .map(([k, v]) => `${JSON.stringify(k)}:${describeNode(v)}`)
            .join(',')},…(${node.entries.length} keys)}`
        : `{${node.entries.map(([k, v]) => `${JSON.stringify(k)}:${describeNode(v)}`).join(',')}}`;
  }
}

/** Every place in a tree a mutation can hit: the root, each array item, each object entry. */
export type Place = number[];

export function places(node: JsonNode, prefix: Place = [], out: Place[] = []): Place[] {
  out.push(prefix);
  if (node.t === 'arr') node.items.forEach((n, i) => places(n, [...prefix, i], out));
  if (node.t === 'obj') node.entries.forEach(([, n], i) => places(n, [...prefix, i], out));
  return out;
}

/** A copy of the tree with the node at `place` replaced by `f(node)` (or removed when f gives undefined). */
export function update(node: JsonNode, place: Place, f: (n: JsonNode) => JsonNode | undefined): JsonNode | undefined {
  if (place.length === 0) return f(node);
  const [i, ...rest] = place;
  if (node.t === 'arr') {
    const items = [...node.items];
    const next = update(items[i], rest, f);
    if (next === undefined) items.splice(i, 1);
    else items[i] = next;
    return arr(items);
  }
  if (node.t === 'obj') {
    const entries = [...node.entries];
    const next = update(entries[i][1], rest, f);
    if (next === undefined) entries.splice(i, 1);
    else entries[i] = [entries[i][0], next];
    return obj(entries);
  }
  return node;
}

export function nodeAt(node: JsonNode, place: Place): JsonNode {
  let n = node;
  for (const i of place) n = n.t === 'arr' ? n.items[i] : n.t === 'obj' ? n.entries[i][1] : n;
  return n;
}

/** The object that holds `place` (itself when it is an object), for adding keys. */
export function objectPlaceNear(node: JsonNode, place: Place): Place | undefined {
  for (let p = place; ; p = p.slice(0, -1)) {
    if (nodeAt(node, p).t === 'obj') return p;
    if (p.length === 0) return undefined;
  }
}

/** A JS value (as socket.io-client sends it) for trees without raw parts; raw parts become their parsed value when shallow enough. */
export function toValue(node: JsonNode): unknown {
  switch (node.t) {
    case 'lit':
      return node.v;
    case 'raw':
      try {
        return JSON.parse(node.text);
      } catch {
        return node.text;
      }
    case 'arr':
      return node.items.map(toValue);
    case 'obj': {
      const o: Record<string, unknown> = {};
      for (const [k, v] of node.entries) Object.defineProperty(o, k, { value: toValue(v), enumerable: true, writable: true, configurable: true });
      return o;
    }
  }
}

/** The tree of a plain JS value (as fast-check's jsonValue gives). */
export function fromValue(v: unknown): JsonNode {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return lit(v);
  if (typeof v === 'number') return Number.isFinite(v) ? (Object.is(v, -0) ? raw('-0', '-0') : lit(v)) : raw(String(v), 'non-finite');
  if (Array.isArray(v)) return arr(v.map(fromValue));
  if (typeof v === 'object') return obj(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, fromValue(x)]));
  return lit(null);
}

/** Whether the tree holds raw text (deep nesting, odd numbers), which only a raw frame can carry as is. */
export function hasRaw(node: JsonNode): boolean {
  if (node.t === 'raw') return true;
  if (node.t === 'arr') return node.items.some(hasRaw);
  if (node.t === 'obj') return node.entries.some(([, v]) => hasRaw(v));
  return false;
}
