/** Latency and throughput bookkeeping for the benchmark scenarios. */
export interface Figures {
  ops: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length === 0 ? 0 : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

export function figures(latenciesMs: number[], errors: number, seconds: number): Figures {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  return {
    ops: sorted.length,
    errors,
    seconds: round(seconds),
    perSecond: round(sorted.length / seconds),
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
  };
}

/** Median of each field over rounds (throughput and latencies alike). */
export function medianFigures(rounds: Figures[]): Figures {
  const m = (k: keyof Figures) => round(median(rounds.map((r) => r[k])));
  return {
    ops: m('ops'),
    errors: rounds.reduce((s, r) => s + r.errors, 0),
    seconds: m('seconds'),
    perSecond: m('perSecond'),
    p50: m('p50'),
    p95: m('p95'),
    p99: m('p99'),
  };
}

export const round = (v: number) => Math.round(v * 100) / 100;

/**
 * Runs `total` operations with `concurrency` workers; each operation's latency is recorded, and an
 * operation that throws (or whose `ok` says no) counts as an error.
 */
export async function load<T>(
  total: number,
  concurrency: number,
  op: (i: number) => Promise<T>,
  ok: (r: T) => boolean = () => true,
): Promise<{ latencies: number[]; errors: number; seconds: number; results: T[] }> {
  const latencies: number[] = [];
  const results: T[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, total) }, async () => {
      for (let i = next++; i < total; i = next++) {
        const t = performance.now();
        try {
          const r = await op(i);
          latencies.push(performance.now() - t);
          results.push(r);
          if (!ok(r)) errors++;
        } catch {
          errors++;
        }
      }
    }),
  );
  return { latencies, errors, seconds: (performance.now() - started) / 1000, results };
}

/**
 * An open loop: `total` arrivals spread evenly over `spreadMs`, each one starting at its moment
 * whether or not the earlier ones were answered, as a crowd does (a closed loop of workers would
 * slow its arrivals down as the server slows, and hide the queueing). Resolves once every arrival
 * has finished; one that throws is counted, not raised.
 */
export async function openLoop(total: number, spreadMs: number, arrive: (i: number) => Promise<void>): Promise<{ seconds: number; thrown: number }> {
  const started = performance.now();
  const runs: Promise<void>[] = [];
  let thrown = 0;
  for (let i = 0; i < total; i++) {
    const wait = started + (i * spreadMs) / total - performance.now();
    if (wait >= 1) await new Promise((r) => setTimeout(r, wait));
    runs.push(arrive(i).catch(() => void thrown++));
  }
  await Promise.all(runs);
  return { seconds: (performance.now() - started) / 1000, thrown };
}

export function progress(line: string): void {
  if (process.stdout.isTTY) process.stdout.write(`\r\x1b[2K${line}`);
  else console.log(line);
}
