import fc from 'fast-check';
import { type JsonNode, arr, deep, lit, obj, raw } from './json';

/** Strings a field should refuse (or store as they are) without ever answering 500. */
export const NASTY_STRINGS: string[] = [
  '',
  ' ',
  '\ud800',
  '\udfff',
  'a\ud800b',
  '\udc00\ud800',
  '👍🏽',
  '👨‍👩‍👧‍👦',
  '\u202Eevil\u202C',
  'مرحبا بالعالم',
  'שלום',
  'a\u0000b',
  '\u0000',
  '\t\r\n',
  '\u2028\u2029',
  '\ufeff',
  'ÿ',
  '３２０１０１５５０５９０００４２',
  '٣٢٠١٠١٥٥٠٥٩٠٠٠٤٢',
  "' OR '1'='1",
  "'; DROP TABLE tickets; --",
  '" OR 1=1 --',
  "1' UNION SELECT password_hash FROM staff_users --",
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '../../../../etc/passwd',
  '..\\..\\..\\windows\\win.ini',
  '%2e%2e%2f%2e%2e%2f',
  '/etc/passwd\u0000.png',
  '%s%s%s%n',
  '{{7*7}}',
  '${7*7}',
  'null',
  'undefined',
  'true',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  '0x10',
  '2026-02-30',
  '2026-13-01',
  '0000-00-00',
  '9999-12-31',
  '2026-12-01T25:00:00Z',
  '2026-12-01T01:00:00+14:00',
  '+275760-09-13T00:00:00.000Z',
  '-000001-01-01T00:00:00Z',
  '24:00',
  '23:60',
  '00000000-0000-0000-0000-000000000000',
  'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
  '00000000000000000000000000000000',
  '{00000000-0000-0000-0000-000000000000}',
  'a@b',
  '\ud800@example.org',
  'x@' + 'a'.repeat(250) + '.com',
  '"quoted"',
  '\\',
  'Asia/Nowhere',
  'UTC',
  '+6281234567890\u0000',
];

/** Lengths around the documented maxima (60, 64, 100, 120, 128, 200), and past the body limit. */
export const LENGTHS = [59, 60, 61, 64, 65, 100, 101, 120, 121, 128, 129, 200, 201, 1000, 5000, 40_000];

export const DEPTHS = [2, 64, 1000, 5000, 10_000];

export const longString = (n: number, unit = 'x') => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);

export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...LENGTHS), fc.constantFrom('x', '9', 'é', '👍', '\ud800')).map(([n, u]) => longString(n, u)) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
);

/** A JSON value of a wrong or odd type, or a string that should be refused. */
export function hostileNode(extraStrings: string[] = []): fc.Arbitrary<JsonNode> {
  const strings = extraStrings.length ? fc.oneof(nastyString, fc.constantFrom(...extraStrings)) : nastyString;
  const leaf: fc.Arbitrary<JsonNode> = fc.oneof(
    { weight: 5, arbitrary: strings.map(lit) },
    {
      weight: 2,
      arbitrary: fc.constantFrom<JsonNode>(
        lit(null),
        lit(true),
        lit(false),
        lit(0),
        lit(-1),
        lit(1.5),
        lit(2 ** 31),
        lit(Number.MAX_SAFE_INTEGER),
        lit(-1e308),
        lit(1e21),
      ),
    },
    {
      weight: 2,
      arbitrary: fc.constantFrom<JsonNode>(
        raw('-0', '-0'),
        raw('1e309', '1e309'),
        raw('-1e309', '-1e309'),
        raw('9007199254740993', '2^53+1'),
        raw('123456789012345678901234567890', 'huge integer'),
        raw('0.1e-400', 'underflow'),
      ),
    },
    { weight: 1, arbitrary: fc.integer().map(lit) },
    { weight: 1, arbitrary: fc.double().map((d) => (Number.isFinite(d) ? lit(d) : raw(String(d), 'non-finite'))) },
  );
  const composite: fc.Arbitrary<JsonNode> = fc.oneof(
    fc.constantFrom<JsonNode>(
      arr([]),
      obj([]),
      arr([lit(null)]),
      arr([lit('a'), lit(1)]),
      obj([['__proto__', obj([['isAdmin', lit(true)]])]]),
      obj([['constructor', obj([['prototype', obj([['polluted', lit(1)]])]])]]),
      obj([['$ne', lit(null)]]),
      obj([['toString', lit(1)]]),
    ),
    fc.array(leaf, { maxLength: 3 }).map(arr),
    fc.constantFrom(1000, 20_000).map((n) => raw(`[${Array(n).fill('1').join(',')}]`, `array of ${n} numbers`)),
    fc.constantFrom(500, 3000).map((n) => raw(`{${Array.from({ length: n }, (_, i) => `"k${i}":${i}`).join(',')}}`, `object of ${n} keys`)),
  );
  const nested = fc.tuple(fc.constantFrom<'array' | 'object'>('array', 'object'), fc.constantFrom(...DEPTHS)).map(([k, d]) => deep(k, d));
  return fc.oneof({ weight: 8, arbitrary: leaf }, { weight: 3, arbitrary: composite }, { weight: 2, arbitrary: nested });
}

export const hostileKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    'hasOwnProperty',
    'valueOf',
    '',
    ' ',
    '\u0000',
    '\ud800',
    '$where',
    'extra',
    'id',
    'role',
    'isAdmin',
    'officeId',
    'createdAt',
    'status',
  ),
  fc.constantFrom(longString(300, 'k'), longString(5000, 'k')),
  fc.string({ maxLength: 12 }),
);

/** Path segments as sent on the wire (already percent-encoded, or junk on purpose). */
export const HOSTILE_SEGMENTS: string[] = [
  'not-a-uuid',
  '%ED%A0%80',
  '%00',
  '..%2f..%2f..%2fetc%2fpasswd',
  '%2e%2e',
  '..%5c..%5c',
  '%C0%AE%C0%AE%2F',
  '%F0%9F%98%80',
  '%E2%80%AE',
  '%25',
  '%',
  '%zz',
  '%FF%FE',
  'null',
  'undefined',
  '0',
  '-1',
  '1e309',
  'NaN',
  '00000000-0000-0000-0000-000000000000',
  '00000000-0000-0000-0000-00000000000g',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '00000000000000000000000000000000',
  '%20',
  'a%0Ab',
  "'%20OR%20'1'%3D'1",
  '%3Cscript%3E',
  longString(199, 'a'),
  longString(201, 'a'),
  longString(3000, 'a'),
  'AAAAAAAAAAAAAAAAAAAAAA',
  '2026-02-30',
  '2026-12-25%00',
];

/** Percent-encodes a string the way a client would (lone surrogates become U+FFFD, as UTF-8 encoders do). */
export function encodeSegment(s: string): string {
  return [...Buffer.from(s, 'utf8')]
    .map((b) => (/[A-Za-z0-9_.~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`))
    .join('');
}

export const hostileSegment: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_SEGMENTS) },
  { weight: 2, arbitrary: nastyString.filter((s) => s.length > 0 && s.length < 3000).map(encodeSegment) },
  { weight: 1, arbitrary: fc.uuid().map((u) => u.toUpperCase()) },
  { weight: 1, arbitrary: fc.uuid() },
);

export const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'APPLICATION/JSON',
  'application/json;charset=UTF-8',
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  'application/json; charset=',
  'application/json; boundary=x; charset=utf-8; foo',
  'application/vnd.api+json',
  'application/merge-patch+json',
  'application/json-patch+json',
  'text/json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/xml',
  'application/octet-stream',
  '*/*',
  'application/*',
  'json',
  ';',
  ' ',
  'application/json, text/plain',
  'application/json\t',
];

/** Headers a client may add that the routes do not expect. */
export const ODD_HEADERS: [string, string][] = [
  ['accept', 'text/csv'],
  ['accept', 'application/xml'],
  ['accept', 'text/html'],
  ['accept', '*/*;q=0.1, text/csv;q=abc'],
  ['accept', longString(4000, 'a')],
  ['accept-encoding', 'br'],
  ['accept-encoding', 'gzip;q=0, deflate;q=abc, zstd'],
  ['accept-language', 'ÿÿ;q=2'],
  ['idempotency-key', 'short'],
  ['idempotency-key', longString(101, 'k')],
  ['idempotency-key', 'has spaces in it'],
  ['idempotency-key', 'ÿÿÿÿÿÿÿÿÿÿ'],
  ['idempotency-key', "' OR '1'='1'--"],
  ['idempotency-key', 'valid-key-0001'],
  ['x-forwarded-for', '999.999.999.999'],
  ['x-forwarded-for', 'junk, 1.2.3.4, ::1'],
  ['x-forwarded-for', longString(3000, '1')],
  ['x-forwarded-proto', 'gopher'],
  ['x-forwarded-host', 'evil.example'],
  ['if-none-match', 'W/"junk'],
  ['if-none-match', '*'],
  ['if-modified-since', 'not a date'],
  ['range', 'bytes=junk'],
  ['range', 'bytes=-1'],
  ['origin', 'null'],
  ['cookie', 'a=b; __proto__=x; ÿ=1'],
  ['x-admission-token', 'junk'],
  ['x-http-method-override', 'DELETE'],
  ['content-encoding', 'gzip'],
  ['expect', '100-continue'],
];
