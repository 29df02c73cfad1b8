import { DomainError } from '@giliran/core';
import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';

/** Deeper than any body of the API: a request nested deeper is refused before anything walks it. */
export const MAX_JSON_DEPTH = 16;
/** In Unicode mode a surrogate pair is one code point: a surrogate left over is alone. */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * A parsed JSON body the API can take: nested at most MAX_JSON_DEPTH deep (deeper, the validator's
 * recursion overflowed the stack: a 500), and every string well-formed UTF-16 (a lone surrogate
 * cannot be stored as UTF-8: the database refused it, a 500). Walked without recursion.
 */
export function assertAcceptableJson(value: unknown): void {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (typeof v === 'string') {
      if (LONE_SURROGATE.test(v)) throw new DomainError('VALIDATION_FAILED', 400, 'body: a string is not well-formed Unicode (a lone surrogate)');
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth >= MAX_JSON_DEPTH) throw new DomainError('VALIDATION_FAILED', 400, `body: nested more than ${MAX_JSON_DEPTH} deep`);
    if (Array.isArray(v)) {
      for (const item of v) stack.push([item, depth + 1]);
      continue;
    }
    for (const [k, item] of Object.entries(v)) {
      if (LONE_SURROGATE.test(k)) throw new DomainError('VALIDATION_FAILED', 400, 'body: a key is not well-formed Unicode (a lone surrogate)');
      stack.push([item, depth + 1]);
    }
  }
}

const UUID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/i;

/** A field that holds ids: `id`, `officeId`, `serviceIds` (never a password that looks like one). */
const ID_FIELD = /^id$|Ids?$/;

/**
 * Ids in lower case wherever a request carries them (path, query, body): ids are stored in lower
 * case, and MySQL compares them without case where SQLite does not; one answer for both.
 */
@Injectable()
export class LowercaseIdsPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    if (metadata.type === 'param') return metadata.data && ID_FIELD.test(metadata.data) ? lowerId(value) : value;
    return lower(value, 0);
  }
}

function lowerId(value: unknown): unknown {
  if (typeof value === 'string') return UUID.test(value) ? value.toLowerCase() : value;
  return Array.isArray(value) ? value.map((v) => (typeof v === 'string' && UUID.test(v) ? v.toLowerCase() : v)) : value;
}

function lower(value: unknown, depth: number): unknown {
  if (value === null || typeof value !== 'object' || depth > MAX_JSON_DEPTH) return value;
  if (Array.isArray(value)) return value.map((v) => lower(v, depth + 1));
  // Only plain data: a body or query parsed from the request.
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = ID_FIELD.test(k) ? lowerId(v) : lower(v, depth + 1);
  return out;
}
