/** Used until an office has served enough tickets of a service today to know its own pace. */
export const DEFAULT_SERVICE_SECONDS = 300;
export const MIN_SAMPLES = 3;

/** Mean service time from today's completed tickets of a service, or the default when too few. */
export function averageServiceSeconds(durationsSeconds: readonly number[]): number {
  const valid = durationsSeconds.filter((d) => Number.isFinite(d) && d > 0);
  if (valid.length < MIN_SAMPLES) return DEFAULT_SERVICE_SECONDS;
  return valid.reduce((sum, d) => sum + d, 0) / valid.length;
}

/**
 * Minutes until a ticket at `position` (1 = next) is called: the tickets ahead of it, shared
 * among the counters open for its service, each taking the average service time.
 * With no counter open we still estimate as if one were, rather than promise nothing.
 */
export function estimateWaitMinutes(position: number, avgServiceSeconds: number, openCounters: number): number {
  if (position <= 1) return 0;
  const counters = Math.max(1, openCounters);
  return Math.ceil(((position - 1) * avgServiceSeconds) / counters / 60);
}
