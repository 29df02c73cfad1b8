import type { AppProcess } from '../../test/support/app-process';
import { api } from './http';
import { type Figures, figures, percentile } from './measure';

/**
 * The requests of a crowd spread over API replicas, as a load balancer would: the latency of each
 * answer by the kind of request, the 5xx answers, the requests that got no answer at all, and the
 * answers the citizen's page did not expect (by kind, status and code, to tell what went wrong).
 */
export class Traffic {
  fiveXx = 0;
  unanswered = 0;
  private readonly latencies = new Map<string, number[]>();
  /** When each request of a kind was sent (ms since the crowd began), beside its latency. */
  private readonly sentAt = new Map<string, number[]>();
  private readonly origin = performance.now();
  private readonly failures = new Map<string, number>();
  private readonly spans = new Map<string, { first: number; last: number }>();
  private readonly unexpected = new Map<string, number>();

  constructor(private readonly replicas: AppProcess[]) {}

  /** A request to replica `turn` (modulo their number). */
  async send<T>(
    kind: string,
    turn: number,
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: T }> {
    const base = this.replicas[turn % this.replicas.length].baseUrl;
    const sent = performance.now();
    const span = this.spans.get(kind) ?? { first: sent, last: sent };
    this.spans.set(kind, span);
    try {
      const res = await api<T>(base, method, path, body, undefined, headers);
      const answered = performance.now();
      span.last = Math.max(span.last, answered);
      this.record(kind, sent - this.origin, answered - sent);
      if (res.status >= 500) {
        this.fiveXx++;
        this.failures.set(kind, (this.failures.get(kind) ?? 0) + 1);
      }
      return res;
    } catch (err) {
      this.unanswered++;
      this.failures.set(kind, (this.failures.get(kind) ?? 0) + 1);
      this.tally(`${kind} no answer ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
      throw err;
    }
  }

  /** An answer the page had no use for: counted (null, for the citizen who gives up). */
  notExpected(kind: string, res: { status: number; body: unknown }): null {
    this.tally(`${kind} ${res.status} ${(res.body as { code?: string } | undefined)?.code ?? ''}`.trim());
    return null;
  }

  /**
   * "none", or what the citizens met that they could not go on with, and the requests that got
   * no answer by error code: e.g. "join 503 SERVICE_UNAVAILABLE ×3; status no answer ECONNRESET ×1".
   */
  unexpectedAnswers(): string {
    return this.unexpected.size ? [...this.unexpected].map(([k, n]) => `${k} ×${n}`).join('; ') : 'none';
  }

  unexpectedCount(): number {
    return [...this.unexpected.values()].reduce((a, b) => a + b, 0);
  }

  /** The latencies of one kind, with its 5xx and unanswered requests as errors, over the time it was being sent. */
  figures(kind: string): Figures {
    const span = this.spans.get(kind);
    return figures(this.latencies.get(kind) ?? [], this.failures.get(kind) ?? 0, span ? Math.max(0.001, (span.last - span.first) / 1000) : 1);
  }

  count(kind: string): number {
    return this.latencies.get(kind)?.length ?? 0;
  }

  /** Every request sent, answered or not. */
  requests(): number {
    return [...this.latencies.values()].reduce((n, l) => n + l.length, this.unanswered);
  }

  private tally(what: string): void {
    this.unexpected.set(what, (this.unexpected.get(what) ?? 0) + 1);
  }

  /** The p99 of a kind's requests sent in each `windowMs` after the first one, in ms (0: none sent then): how a backlog grows and drains. */
  p99ByWindow(kind: string, windowMs: number): number[] {
    const latencies = this.latencies.get(kind) ?? [];
    const sentAt = this.sentAt.get(kind) ?? [];
    // Pushed in the order of the answers: the first sent is not the first in the list.
    const first = sentAt.reduce((a, b) => Math.min(a, b), Infinity);
    const windows: number[][] = [];
    sentAt.forEach((at, k) => (windows[Math.floor((at - first) / windowMs)] ??= []).push(latencies[k]));
    const p99 = (w: number[] = []) => {
      const sorted = [...w].sort((a, b) => a - b);
      return Math.round(percentile(sorted, 99));
    };
    return Array.from(windows, p99);
  }

  private record(kind: string, sentAt: number, ms: number): void {
    if (!this.latencies.has(kind)) {
      this.latencies.set(kind, []);
      this.sentAt.set(kind, []);
    }
    this.latencies.get(kind)!.push(ms);
    this.sentAt.get(kind)!.push(sentAt);
  }
}
