import { appendFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AppProcess, freshEnvironment, startApp } from '../../support/app-process';
import { TEST_DB } from '../../support/test-env';
import { type Fingerprint, type Fingerprinter, type TableChange, diff, fingerprinter, showChanges } from './fingerprint';
import { type Answer, closeAgent, send, sendFresh } from './http';
import { type LogSignature, type Problem, judge, logSignature, showSignature } from './oracle';
import { type QueueProbe, RESERVED_EVENTS, SocketCase, judgeAck } from './socket';
import { EXTRA_ROUTES, type OpenApiDoc, type Route, routesFromOpenApi } from './openapi';
import { lit, obj } from './json';
import type { FuzzRequest } from './requests';
import { type World, buildWorld, refreshToken } from './world';

/** A fixed seed by default, so a run can be repeated; FUZZ_SEED picks another. */
export const SEED = Number(process.env.FUZZ_SEED ?? 20261203);
/** FUZZ_COLLECT=1: record every failing request (deduplicated) instead of stopping at the first. */
export const COLLECT = process.env.FUZZ_COLLECT === '1';
/** FUZZ_TRACE=<file>: append one line per request sent (method, path, notes, status, time), to see what led up to a failure. */
export const TRACE = process.env.FUZZ_TRACE;
/** FUZZ_LOG=<file>: write everything the API printed there when the tier ends. */
export const LOG_FILE = process.env.FUZZ_LOG;
/** FUZZ_RUNS scales the number of generated requests (1 by default). */
export const SCALE = Number(process.env.FUZZ_RUNS ?? 1);

export interface Failure {
  kind: Problem['kind'];
  /** What makes two failures the same bug: kind, signature (server log line or problem). */
  signature: string;
  route: string;
  status: number;
  detail: string;
  example: string;
  size: number;
  count: number;
  /** The tests (see `Fuzzer.test`) in which it was seen. */
  seenIn: Set<string>;
  /** The smallest example, untruncated (for the JSON dump). */
  request?: unknown;
}

interface Snapshot {
  version: string;
  print: Fingerprint;
}

export interface Stats {
  requests: number;
  s2xx: number;
  s3xx: number;
  s4xx: number;
  s5xx: number;
  noAnswer: number;
  stateChecks: number;
  inconclusive: number;
  socketEmits: number;
  socketAcks: number;
  socketSnapshots: number;
  slowestMs: number;
  slowest: string;
  httpMs: number;
  printMs: number;
  staleConnections: number;
  fullPrints: number;
  tokenRefreshes: number;
  auditedRefusals: number;
}

const normalise = (s: string) =>
  s
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<uuid>')
    .replace(/\d+/g, '#')
    .replace(/"[^"]{40,}"/g, '"…"');

const truncate = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}…(${s.length} chars)` : s);

/**
 * The one write a refusal may make: a failed staff login (the API's or the queue dashboard's) is
 * kept in the audit trail, as the server means it to ("a failure is counted and audited"). Only
 * new rows, and only in an audit table.
 */
export function allowedOnRefusal(req: { route: string }, status: number, changes: TableChange[]): boolean {
  const failedLogin = (status === 401 || status === 429) && /\/auth\/login$|^GET \/admin\/queues/.test(req.route);
  return failedLogin && changes.every((c) => /audit/i.test(c.table) && c.rowsAfter > c.rowsBefore);
}

/**
 * A read that was answered may sum up past days for the analytics (day_rollup: a cache of what
 * the tickets say, written once per settled day by the first read that needs it). Rows added
 * there, and nothing else, are no change of state.
 */
export function allowedOnRead(req: { method: string }, status: number, changes: TableChange[]): boolean {
  return req.method === 'GET' && status === 200 && changes.every((c) => c.table === 'day_rollup' && c.rowsAfter > c.rowsBefore);
}

/** One API process, its seeded world, the database fingerprint, and the tally of every request. */
export class Fuzzer {
  readonly stats: Stats = {
    requests: 0,
    s2xx: 0,
    s3xx: 0,
    s4xx: 0,
    s5xx: 0,
    noAnswer: 0,
    stateChecks: 0,
    inconclusive: 0,
    socketEmits: 0,
    socketAcks: 0,
    socketSnapshots: 0,
    slowestMs: 0,
    slowest: '',
    httpMs: 0,
    printMs: 0,
    staleConnections: 0,
    fullPrints: 0,
    tokenRefreshes: 0,
    auditedRefusals: 0,
  };
  readonly failures = new Map<string, Failure>();
  /** The test now running, to tell which failures each test saw. */
  test = '';
  /** Accepted requests per route, to keep an eye on how rare they are. */
  readonly accepted = new Map<string, number>();
  private clean: Snapshot | undefined;
  private previous = '(none)';
  private readonly started = Date.now();

  private constructor(
    readonly app: AppProcess,
    readonly routes: Route[],
    readonly world: World,
    private readonly fp: Fingerprinter,
  ) {}

  static async start(): Promise<Fuzzer> {
    let app: AppProcess | undefined;
    for (let attempt = 1; !app; attempt++) {
      try {
        app = await startApp({ env: await freshEnvironment('fuzz'), timeoutMs: 45_000 });
      } catch (err) {
        // dist/ may be mid-rebuild by someone else: wait and try once more.
        if (attempt >= 2) throw err;
        await new Promise((r) => setTimeout(r, 3000));
      }
    }
    const doc = (await (await fetch(`${app.baseUrl}/api/docs-json`)).json()) as OpenApiDoc;
    const routes = [...routesFromOpenApi(doc), ...EXTRA_ROUTES];
    const fp = await fingerprinter(app.env.DATABASE_URL);
    const versionBefore = await fp.version();
    const world = await buildWorld(app.baseUrl, app.env);
    // The cheap change check must see the seeding's writes, or every state check would pass blindly.
    if (!versionBefore || (await fp.version()) === versionBefore)
      throw new Error(`the database's change token did not move while seeding (${JSON.stringify(versionBefore)})`);
    return new Fuzzer(app, routes, world, fp);
  }

  get seconds(): number {
    return (Date.now() - this.started) / 1000;
  }

  /** Sends one request and judges the answer; returns the problems (an empty list when all is well). */
  async exercise(req: FuzzRequest): Promise<{ answer: Answer; problems: Problem[]; message: string }> {
    const before = this.clean ?? (await this.snapshot());
    const logFrom = this.app.output().length;
    const answer = await send(this.app.baseUrl, req.withTokens(this.world.tokens));
    const s = this.stats;
    s.httpMs += answer.ms;
    if (answer.retried) s.staleConnections++;
    s.requests++;
    if (answer.error) s.noAnswer++;
    else if (answer.status >= 500) s.s5xx++;
    else if (answer.status >= 400) s.s4xx++;
    else if (answer.status >= 300) s.s3xx++;
    else {
      s.s2xx++;
      this.accepted.set(req.route, (this.accepted.get(req.route) ?? 0) + 1);
    }
    if (answer.ms > s.slowestMs) {
      s.slowestMs = answer.ms;
      s.slowest = `${req.route} (${req.notes.join(', ').slice(0, 80)})`;
    }
    const problems = judge({
      status: answer.status,
      contentType: String(answer.headers['content-type'] ?? ''),
      text: answer.text,
      method: req.method,
      path: req.path,
      ownText: req.ownText,
      error: answer.error,
    });
    if (answer.error) {
      // Sent again on a new connection: a prompt answer there means that the connection stalled,
      // and what stalled it is the request before on it.
      const again =
        req.method === 'GET' || req.method === 'HEAD' || answer.error.startsWith('no answer')
          ? await sendFresh(this.app.baseUrl, req.withTokens(this.world.tokens))
          : undefined;
      const retry = again ? `; the same on a new connection: ${again.error ?? `${again.status} in ${again.ms} ms`}` : '';
      const stalled = again && !again.error;
      for (const p of problems) {
        if (stalled) p.detail = `the connection stalled after the request before it (${answer.error}${retry}); the request before:\n${this.previous}`;
        else p.detail += `${retry}; the request before:\n${this.previous}`;
      }
    }
    if (TRACE)
      appendFileSync(
        TRACE,
        `${s.requests}\t${req.method} ${req.path.slice(0, 200)}\t${req.auth}\t${req.notes.join(', ').slice(0, 200)}\t${JSON.stringify(req.headers).slice(0, 300)}\t${req.body?.length ?? '-'} bytes\t${answer.status || answer.error}\t${answer.ms} ms\n`,
      );
    this.previous = `${req.describe()}\n  answer: ${answer.status || answer.error} (connection: ${answer.headers.connection ?? '-'}) ${truncate(answer.text, 120)}`;

    const printStart = Date.now();
    const safe = req.method === 'GET' || req.method === 'HEAD';
    if (answer.error || answer.status >= 400 || safe) {
      // Refused, or only read: nothing may have changed.
      s.stateChecks++;
      const after = await this.snapshot(before);
      const changed = diff(before.print, after.print);
      if (changed.length && (allowedOnRefusal(req, answer.status, changed) || allowedOnRead(req, answer.status, changed))) {
        s.auditedRefusals++;
        this.clean = after;
      } else if (changed.length) {
        await new Promise((r) => setTimeout(r, 150));
        const again = await this.snapshot(after);
        if (diff(after.print, again.print).length) {
          s.inconclusive++; // something else is writing: no verdict for this request
          this.clean = undefined;
        } else {
          problems.push({ kind: 'state', detail: `${req.method} answered ${answer.status || answer.error} but changed ${showChanges(changed)}` });
          this.clean = again;
        }
      } else this.clean = after;
    } else {
      // Accepted: a logout, or a change to the staff member, may have ended the token it carried.
      const mode = req.usesToken;
      if (mode && (await refreshToken(this.app.baseUrl, this.world, mode))) s.tokenRefreshes++;
      this.clean = await this.settle();
    }
    s.printMs += Date.now() - printStart;

    let message = '';
    if (problems.length) {
      if (answer.status >= 500) await new Promise((r) => setTimeout(r, 20));
      const sig = logSignature(this.app.output().slice(logFrom));
      message = this.format(req, answer, problems, sig);
      this.record(req, answer, problems, sig);
    }
    return { answer, problems, message };
  }

  /** Sends one socket case; a subscribe must be acknowledged, anything else must leave the server answering subscribes. */
  async exerciseSocket(probe: QueueProbe, c: SocketCase): Promise<{ problems: Problem[]; message: string }> {
    const logFrom = this.app.output().length;
    const s = this.stats;
    s.socketEmits++;
    const { ack, disconnected } = await probe.send(c);
    if (ack) s.socketAcks++;
    if (ack && typeof ack[0] === 'object' && ack[0] !== null && !('error' in ack[0])) s.socketSnapshots++;
    const problems: Problem[] = [];
    if (c.kind === 'subscribe') problems.push(...judgeAck(ack, c.describe() + c.args.map((a) => JSON.stringify(a)).join('')));
    else if (c.kind === 'unknown-event' && disconnected && !RESERVED_EVENTS.includes(c.event))
      problems.push({ kind: 'socket', detail: 'the server closed the connection after an unknown event' });
    if (c.kind !== 'subscribe') {
      // The connection (or a new one, after a garbage frame) still answers a subscribe.
      s.socketEmits++;
      const check = await probe.send(new SocketCase('subscribe', 'check', [obj([['officeId', lit('bad')]])], 'subscribe', '', true));
      if (check.ack) s.socketAcks++;
      else problems.push({ kind: 'socket', detail: 'no acknowledgement to a subscribe sent after it' });
    }
    let message = '';
    if (problems.length) {
      const sig = logSignature(this.app.output().slice(logFrom));
      const route = `socket ${c.kind === 'garbage-frame' ? '(garbage frame)' : c.event.slice(0, 40)}`;
      const answer = { status: 0, text: JSON.stringify(ack ?? null) ?? 'null' };
      message = [
        problems.map((p) => `[${p.kind}] ${p.detail}`).join('\n'),
        `  ${c.describe()}`,
        `  acknowledgement: ${truncate(answer.text, 400)}`,
        ...(sig ? [`  server log: ${showSignature(sig)}`] : []),
      ].join('\n');
      this.record(
        { route, describe: () => `  ${c.describe()}`, path: '', body: Buffer.from(c.args.map((a) => JSON.stringify(a)).join('')) },
        answer,
        problems,
        sig,
      );
    }
    return { problems, message };
  }

  /** The database as it is now: per table, rows and checksum. */
  async fingerprint(): Promise<string[]> {
    return [...(await this.fp.take()).entries()].map(([t, v]) => `${t}=${v}`);
  }

  /** The database's fingerprint; read in full only when its version moved since `known`. */
  private async snapshot(known?: Snapshot): Promise<Snapshot> {
    const version = await this.fp.version();
    if (known && known.version === version) return known;
    this.stats.fullPrints++;
    return { version, print: await this.fp.take() };
  }

  /** After an accepted request: the fingerprint once background work (if any) has settled. */
  private async settle(): Promise<Snapshot> {
    let last = await this.snapshot();
    for (let i = 0; i < 10; i++) {
      await new Promise((r) => setTimeout(r, 15));
      const next = await this.snapshot(last);
      if (next === last || !diff(last.print, next.print).length) return next;
      last = next;
    }
    return last;
  }

  format(req: FuzzRequest, a: Answer, problems: Problem[], sig?: LogSignature): string {
    return [
      problems.map((p) => `[${p.kind}] ${p.detail}`).join('\n'),
      req.describe(),
      `  answer: ${a.error ? `(none: ${a.error})` : `${a.status} ${a.headers['content-type'] ?? ''} ${truncate(a.text, 400)}`}`,
      ...(sig ? [`  server log: ${showSignature(sig)}`] : []),
    ].join('\n');
  }

  record(
    req: FuzzRequest | { route: string; describe(): string; body?: Buffer; path: string; full?: () => unknown },
    a: { status: number; text: string; error?: string },
    problems: Problem[],
    sig?: LogSignature,
  ): void {
    for (const p of problems) {
      const signature =
        (p.kind === '5xx' || p.kind === 'no-answer') && sig
          ? normalise(sig.message)
          : p.kind === 'leak'
            ? p.detail.replace(/:.*$/, '')
            : `${p.kind === 'shape' ? `${a.status}: ` : ''}${normalise(p.detail.split('\n')[0].replace(/ \(.*$/, ''))}`;
      const key = `${p.kind}|${req.route}|${a.status}|${signature}`;
      const size = (req.body?.length ?? 0) + req.path.length;
      const example = `${req.describe()}\n  answer: ${a.error ? `(none: ${a.error})` : `${a.status} ${truncate(a.text, 300)}`}${sig ? `\n  server log: ${showSignature(sig)}` : ''}`;
      const known = this.failures.get(key);
      if (known) {
        known.count++;
        known.seenIn.add(this.test);
        if (size < known.size) Object.assign(known, { size, example, detail: p.detail, request: req.full?.() });
      } else
        this.failures.set(key, {
          kind: p.kind,
          signature,
          route: req.route,
          status: a.status,
          detail: p.detail,
          example,
          size,
          count: 1,
          seenIn: new Set([this.test]),
          request: req.full?.(),
        });
    }
  }

  /** The distinct failures, grouped by signature, each with its routes and its smallest example. */
  report(failures: Failure[] = [...this.failures.values()]): string {
    const groups = new Map<string, Failure[]>();
    for (const f of failures) groups.set(`${f.kind}|${f.signature}`, [...(groups.get(`${f.kind}|${f.signature}`) ?? []), f]);
    const out: string[] = [`${groups.size} distinct failure(s) over ${failures.length} route×status pair(s):`];
    let i = 0;
    for (const [, fs] of groups) {
      fs.sort((x, y) => x.size - y.size);
      out.push(
        `\n#${++i} [${fs[0].kind}] ${fs[0].signature}`,
        `  routes: ${fs.map((f) => `${f.route} → ${f.status || 'no answer'} (×${f.count})`).join('; ')}`,
        ...(fs[0].kind === '5xx' ? [] : [`  problem: ${fs[0].detail.replace(/\n/g, '\n    ')}`]),
        `  smallest example:\n${fs[0].example.replace(/^/gm, '    ')}`,
      );
    }
    return out.join('\n');
  }

  /** Writes the collected failures as JSON next to the OS temp files, for the diagnostic mode. */
  dumpFailures(): string {
    const file = join(tmpdir(), `giliran-fuzz-${TEST_DB}-${SEED}.json`);
    writeFileSync(
      file,
      JSON.stringify(
        [...this.failures.values()].map((f) => ({ ...f, seenIn: [...f.seenIn] })),
        null,
        2,
      ),
    );
    return file;
  }

  /** The failures a test saw. */
  seenIn(test: string): Failure[] {
    return [...this.failures.values()].filter((f) => f.seenIn.has(test));
  }

  acceptedByRoute(): string {
    return [...this.accepted.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([r, n]) => `${r} ×${n}`)
      .join(', ');
  }

  summary(): string {
    const s = this.stats;
    return (
      `fuzz (${TEST_DB}, seed ${SEED}): ${s.requests + s.socketEmits} requests (${s.requests} HTTP, ${s.socketEmits} socket), ${s.s5xx} 5xx, ${s.s2xx} 2xx, ${s.s4xx} 4xx, ${s.noAnswer} unanswered (${s.staleConnections} resent after a closed keep-alive connection), ` +
      `${s.socketAcks} acks (${s.socketSnapshots} snapshots), ${s.stateChecks} state checks (${s.fullPrints} full fingerprints, ${s.inconclusive} inconclusive, ${s.auditedRefusals} failed logins audited), ${s.tokenRefreshes ? `${s.tokenRefreshes} tokens renewed, ` : ''}${this.failures.size} distinct failures, slowest ${s.slowestMs} ms (${s.slowest}), ${this.seconds.toFixed(1)} s (HTTP ${(s.httpMs / 1000).toFixed(1)} s, fingerprints ${(s.printMs / 1000).toFixed(1)} s)`
    );
  }

  async stop(): Promise<void> {
    closeAgent();
    if (LOG_FILE) writeFileSync(LOG_FILE, this.app.output());
    // A graceful stop, but not an endless one: a connection the server left stalled may hold it up.
    const started = Date.now();
    const stopped = await Promise.race([this.app.stop().then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 6000))]);
    if (!stopped) {
      console.log(`fuzz: the API had not exited ${((Date.now() - started) / 1000).toFixed(0)} s after SIGTERM; killed`);
      await this.app.kill('SIGKILL');
    }
    await this.fp.drop().catch(() => undefined);
    await this.fp.close().catch(() => undefined);
  }
}
