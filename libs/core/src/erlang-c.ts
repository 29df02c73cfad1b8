/**
 * Erlang C: the M/M/N queue behind staffing advice (API.md v1.1 "Office insight"). Arrivals per
 * hour and an average service time give the offered load; N counters give the probability that
 * a citizen waits, the average wait, and the share served within a target wait.
 */
export interface ErlangCResult {
  stable: boolean;
  /** Share of the counters' time spent serving (load / counters), at most 1. */
  occupancy: number;
  probabilityOfWaiting: number;
  /** null when the counters cannot keep up. */
  averageWaitSeconds: number | null;
  /** Share of citizens waiting at most the target. */
  serviceLevel: number;
}

export function erlangC(arrivalsPerHour: number, avgServiceSeconds: number, counters: number, targetWaitSeconds: number): ErlangCResult {
  const load = (arrivalsPerHour * avgServiceSeconds) / 3600;
  if (load <= 0) return { stable: true, occupancy: 0, probabilityOfWaiting: 0, averageWaitSeconds: 0, serviceLevel: 1 };
  if (counters <= load)
    return { stable: false, occupancy: Math.min(1, counters > 0 ? load / counters : 1), probabilityOfWaiting: 1, averageWaitSeconds: null, serviceLevel: 0 };
  // Erlang B by its recurrence (no factorials: stable for hundreds of counters), then C from B.
  let b = 1;
  for (let k = 1; k <= counters; k++) b = (load * b) / (k + load * b);
  const pw = (counters * b) / (counters - load * (1 - b));
  const spare = counters - load;
  return {
    stable: true,
    occupancy: load / counters,
    probabilityOfWaiting: pw,
    averageWaitSeconds: (pw * avgServiceSeconds) / spare,
    serviceLevel: Math.max(0, Math.min(1, 1 - pw * Math.exp((-spare * targetWaitSeconds) / avgServiceSeconds))),
  };
}

/** The fewest counters (up to `max`) whose service level reaches `level`; with no arrivals, none. */
export function countersNeeded(
  arrivalsPerHour: number,
  avgServiceSeconds: number,
  targetWaitSeconds: number,
  level: number,
  max = 500,
): { counters: number; result: ErlangCResult } {
  if (arrivalsPerHour <= 0) return { counters: 0, result: erlangC(0, avgServiceSeconds, 0, targetWaitSeconds) };
  let n = Math.max(1, Math.floor((arrivalsPerHour * avgServiceSeconds) / 3600));
  for (; n < max; n++) {
    const result = erlangC(arrivalsPerHour, avgServiceSeconds, n, targetWaitSeconds);
    if (result.stable && result.serviceLevel >= level) return { counters: n, result };
  }
  return { counters: max, result: erlangC(arrivalsPerHour, avgServiceSeconds, max, targetWaitSeconds) };
}
