/** Used until an office has served enough tickets of a service today to know its own pace. */
export const DEFAULT_SERVICE_SECONDS = 300;
/** How many measured services weigh as much as the expected time: below that, the prior leads. */
export const PRIOR_WEIGHT = 3;
/**
 * A service shorter than this is a mistaken click (a ticket completed by accident and called
 * again), not a citizen served: it is left out rather than allowed to pull the pace down.
 */
export const MIN_PLAUSIBLE_SECONDS = 5;

/**
 * The pace of a service from its latest measured service times: their median, which one
 * mistaken click or one long case cannot move far, drawn towards the expected time while there
 * are few measurements (`PRIOR_WEIGHT` measurements count as much as the expectation). With
 * nothing measured it is the expected time.
 */
export function serviceSecondsEstimate(durationsSeconds: readonly number[], expectedSeconds = DEFAULT_SERVICE_SECONDS): number {
  const valid = durationsSeconds.filter((d) => Number.isFinite(d) && d >= MIN_PLAUSIBLE_SECONDS).sort((a, b) => a - b);
  if (valid.length === 0) return expectedSeconds;
  const mid = valid.length >> 1;
  const median = valid.length % 2 ? valid[mid] : (valid[mid - 1] + valid[mid]) / 2;
  return (valid.length * median + PRIOR_WEIGHT * expectedSeconds) / (valid.length + PRIOR_WEIGHT);
}

/**
 * Minutes until a ticket at `position` (1 = next) is called: the tickets ahead of it, shared
 * among the counters open for its service, each taking the service's pace. `null` while no
 * counter serving it is open: nobody can say when one will (API.md "What citizens are told").
 */
export function estimateWaitMinutes(position: number, serviceSeconds: number, openCounters: number): number | null {
  if (openCounters <= 0) return null;
  if (position <= 1) return 0;
  return Math.ceil(((position - 1) * serviceSeconds) / openCounters / 60);
}
