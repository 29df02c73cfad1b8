/** What every answer must be, whatever was sent (issue "no 500 for any input"). */

export type ProblemKind = '5xx' | 'leak' | 'shape' | 'state' | 'no-answer' | 'socket';

export interface Problem {
  kind: ProblemKind;
  detail: string;
}

export const UPPER_SNAKE = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/;

/** Signs of internals in an answer: stack frames, file paths, SQL, driver codes, JS error texts. */
const LEAKS: [string, RegExp][] = [
  ['stack frame', /(?:^|\n)\s*at (?:async )?[^\n]*?(?:\(|\s)(?:\/|node:|file:|<anonymous>)[^\n]*/g],
  ['stack frame', /\bat [\w$.<>[\]]+ \([^)\n]*:\d+:\d+\)/g],
  ['file path', /\/(?:dist|node_modules|libs|apps|work|home|usr|tmp)\/[\w./@-]*/g],
  ['file position', /[\w-]+\.(?:ts|js|mjs|cjs):\d+/g],
  ['SQL', /\bSELECT\b[^\n]{0,200}?\bFROM\b|\bINSERT\s+INTO\b|\bUPDATE\s+[`"]?\w+[`"]?\s+SET\b|\bDELETE\s+FROM\b|\bsyntax to use near\b/gi],
  ['driver code', /\b(?:ER_[A-Z_]{3,}|SQLITE_[A-Z_]+)\b/g],
  ['ORM error', /\b(?:QueryFailedError|EntityNotFoundError|EntityMetadataNotFoundError|TypeORMError|CannotCreateEntityIdMapError)\b/g],
  [
    'DB message',
    /\b(?:Duplicate entry|foreign key constraint fails|NOT NULL constraint failed|Column '[^']*' cannot be null|Incorrect \w+ value|Data too long for column|Out of range value)\b/gi,
  ],
  [
    'JS error',
    /\b(?:TypeError|ReferenceError|RangeError|SyntaxError|URIError|EvalError)\b|Cannot read propert(?:y|ies) of|is not a function|Maximum call stack|is not iterable/g,
  ],
];

/** Parts of an answer that match a leak pattern and do not come from the request itself (echoes are no leak). */
export function leaks(text: string, ownText: string): string[] {
  const found: string[] = [];
  const t = text.replace(/\\n/g, '\n');
  for (const [what, re] of LEAKS) {
    for (const m of t.matchAll(re)) {
      const hit = m[0].trim();
      if (!hit || ownText.includes(hit) || ownText.toLowerCase().includes(hit.toLowerCase())) continue;
      found.push(`${what}: ${JSON.stringify(hit.slice(0, 120))}`);
      break;
    }
  }
  return found;
}

export interface Judged {
  status: number;
  contentType: string;
  text: string;
  method: string;
  path: string;
  ownText: string;
  error?: string;
}

/** The stateless part of the oracle: status, leaks, the error body of every 4xx. */
export function judge(a: Judged): Problem[] {
  const problems: Problem[] = [];
  if (a.error || a.status === 0) return [{ kind: 'no-answer', detail: a.error ?? 'no status' }];
  if (a.status >= 500) problems.push({ kind: '5xx', detail: `${a.status}` });
  const ct = a.contentType.toLowerCase();
  const staticContent = /html|javascript|css|image|font/.test(ct) || a.path.startsWith('/api/docs');
  if (!staticContent) {
    const found = leaks(a.text, a.ownText);
    if (found.length) problems.push({ kind: 'leak', detail: found.join('; ') });
  }
  if (a.status >= 400 && a.status < 500 && a.method !== 'HEAD' && !a.path.startsWith('/socket.io')) {
    const problem = errorBodyProblem(a.status, a.text);
    if (problem) problems.push({ kind: 'shape', detail: problem });
  }
  return problems;
}

export function errorBodyProblem(status: number, text: string): string | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return `not JSON: ${JSON.stringify(text.slice(0, 80))}`;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return `not an object: ${text.slice(0, 80)}`;
  const b = body as Record<string, unknown>;
  const wrong: string[] = [];
  if (b.statusCode !== status) wrong.push(`statusCode ${JSON.stringify(b.statusCode)} ≠ ${status}`);
  if (typeof b.error !== 'string' || !b.error) wrong.push(`error ${JSON.stringify(b.error)}`);
  if (typeof b.code !== 'string' || !UPPER_SNAKE.test(b.code)) wrong.push(`code ${JSON.stringify(b.code)} is not UPPER_SNAKE`);
  if (typeof b.message !== 'string') wrong.push(`message ${JSON.stringify(b.message)}`);
  return wrong.length ? wrong.join(', ') : undefined;
}

/** The first error line and the first frame of our own code the server logged, for grouping and for the report. */
export interface LogSignature {
  message: string;
  where?: string;
}

export function logSignature(log: string): LogSignature | undefined {
  // eslint-disable-next-line no-control-regex
  const clean = log.replace(/\u001b\[[0-9;]*m/g, '');
  const line = clean.split('\n').find((l) => /\b\w*(?:Error|Exception)\b(?:\s*\[[^\]]*\])?:/.test(l));
  if (!line) return undefined;
  // Nest's logger: `[Nest] 123  - <date>   ERROR [Context] Message`.
  const message = line.replace(/^.*?\b(?:ERROR|WARN|LOG|DEBUG|VERBOSE)\s+\[[^\]]*\]\s*/, '').trim();
  const frames = clean.split('\n').filter((l) => /^\s+at /.test(l));
  const own = frames.find((l) => /\/(?:dist\/)?(?:libs|apps)\//.test(l)) ?? frames[0];
  return {
    message: message.slice(0, 200),
    where: own
      ?.trim()
      .replace(/^at /, '')
      .replace(/(\(|\s)\/[^\s()]*?\/(dist|node_modules)\//, '$1$2/')
      .slice(0, 160),
  };
}

export const showSignature = (sig?: LogSignature) => (sig ? `${sig.message}${sig.where ? `  @ ${sig.where}` : ''}` : '');
