import type { Figures } from './measure';

export type Scale = 'tiny' | 'full';

export interface ScenarioResult {
  name: string;
  /** What the raw stack does at the same concurrency, and what Giliran does. */
  baseline: Figures & { what: string };
  giliran: Figures & { what: string };
  /** The unit of the p50/p95/p99 figures: ms unless said (memory is in MB). */
  unit?: string;
  /** giliran / baseline for throughput, or baseline / giliran for times (higher is better for Giliran). */
  ratio: number;
  target: string;
  met: boolean;
  checks: Record<string, number | string | boolean>;
}
